// Indexes a sandbox world: every id's snapshots ordered by the time each becomes visible, and
// every type's ids ordered as Stripe lists them (newest `created` first, ties by id descending),
// so a list page is a binary search plus a walk of one page.
import { currencyRuleBroken } from './currency-rules.js';
import { discountsIn } from './discounts.js';
import { FACETS } from './resources.js';
import { loadWorldSource, type ItemHandle, type JsonObject, type WorldSource } from './world-source.js';

export type FacetValue = string | number | boolean | null;

export const enum Tomb {
  None = 0,
  /** `customer.deleted`: Stripe still answers a retrieve with a `deleted: true` stub. */
  DeletedStub = 1,
  /** Other `<type>.deleted` events: the object is gone (retrieve → 404). */
  Gone = 2,
}

export interface Snapshot {
  /** Unix seconds from which this snapshot is the one served. */
  from: number;
  handle: ItemHandle;
  /** The snapshot is `data.object` of the event item at `handle`. */
  inEvent: boolean;
  tomb: Tomb;
  facets: Record<string, FacetValue>;
}

export interface Entry {
  id: string;
  type: string;
  created: number;
  /** Earliest `from` of its snapshots: before it, the object does not exist. */
  firstVisible: number;
  snaps: Snapshot[];
}

/** Stripe's list order: `created` descending, then id descending. Negative = `a` comes first. */
export function listOrder(a: { created: number; id: string }, b: { created: number; id: string }): number {
  if (a.created !== b.created) return b.created - a.created;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const FACET_LIST = new Map(Object.entries(FACETS).map(([type, f]) => [type, Object.entries(f)]));

function facetValue(obj: JsonObject, path: string[]): FacetValue {
  let v: unknown = obj;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as JsonObject)[p];
  }
  if (v !== null && typeof v === 'object') {
    const id = (v as JsonObject).id; // an expanded reference counts as its id
    return typeof id === 'string' ? id : null;
  }
  return v === undefined ? null : (v as FacetValue);
}

export class World {
  private readonly entries = new Map<string, Entry>();
  private readonly types = new Map<string, Entry[]>();
  private readonly leads = new Map<string, number>();
  private readonly facetIndexes = new Map<string, Map<FacetValue, Entry[]>>();
  /** Discount objects found inside world items (Stripe has no discount endpoint), by id, oldest first. */
  private readonly discounts = new Map<string, Array<{ from: number; obj: JsonObject }>>();

  private constructor(private readonly source: WorldSource) {}

  static async load(world: string | object[]): Promise<World> {
    const w = new World(await loadWorldSource(world));
    w.build();
    return w;
  }

  get size(): number {
    return this.entries.size;
  }

  private add(obj: JsonObject, from: number, handle: ItemHandle, inEvent: boolean, tomb: Tomb): void {
    const id = obj.id;
    const type = obj.object;
    if (typeof id !== 'string' || typeof type !== 'string') return; // nothing a list or retrieve could serve
    const broken = currencyRuleBroken(obj);
    if (broken) throw new Error(`Stripe sandbox world: ${broken}`);
    const facets: Record<string, FacetValue> = {};
    const spec = FACET_LIST.get(type);
    if (spec) for (const [name, path] of spec) facets[name] = facetValue(obj, path);
    const snap: Snapshot = { from, handle, inEvent, tomb, facets };
    for (const d of discountsIn(obj)) {
      let list = this.discounts.get(d.id as string);
      if (!list) this.discounts.set(d.id as string, (list = []));
      list.push({ from, obj: d });
    }
    let e = this.entries.get(id);
    if (!e) {
      e = { id, type, created: NaN, firstVisible: from, snaps: [] };
      this.entries.set(id, e);
    }
    if (Number.isNaN(e.created) && typeof obj.created === 'number') e.created = obj.created;
    e.snaps.push(snap);
  }

  private build(): void {
    this.source.forEach((item, handle) => {
      if (item.object === 'event') {
        const created = typeof item.created === 'number' ? item.created : -Infinity;
        this.add(item, created, handle, false, Tomb.None);
        const inner = (item.data as JsonObject | undefined)?.object as JsonObject | undefined;
        if (inner && typeof inner === 'object') {
          // Only `<its own type>.deleted` deletes: `customer.subscription.deleted` is a cancellation.
          const deleted = item.type === `${String(inner.object)}.deleted`;
          const tomb = !deleted ? Tomb.None : inner.object === 'customer' ? Tomb.DeletedStub : Tomb.Gone;
          this.add(inner, created, handle, true, tomb);
        }
      } else {
        const from = typeof item.created === 'number' ? item.created : -Infinity;
        this.add(item, from, handle, false, Tomb.None);
      }
    });
    for (const e of this.entries.values()) {
      // Stable sort keeps file order among snapshots of the same second: the later item wins.
      e.snaps.sort((a, b) => a.from - b.from);
      e.firstVisible = e.snaps[0].from;
      if (Number.isNaN(e.created)) e.created = Number.isFinite(e.firstVisible) ? e.firstVisible : 0;
      let list = this.types.get(e.type);
      if (!list) this.types.set(e.type, (list = []));
      list.push(e);
      // An object can be visible before its `created` (an odd world); lists widen their scan by this.
      const lead = e.created - e.firstVisible;
      if (lead > (this.leads.get(e.type) ?? 0)) this.leads.set(e.type, lead);
    }
    for (const list of this.types.values()) list.sort(listOrder);
    for (const list of this.discounts.values()) list.sort((a, b) => a.from - b.from);
  }

  /**
   * Adds an event written by an API call (a POST): its object's new snapshot is served from the event's `created`
   * on. Lists and facet indexes are brought up to date.
   */
  appendEvent(event: JsonObject): void {
    const created = event.created as number;
    const inner = (event.data as JsonObject).object as JsonObject;
    const before = new Set(this.entries.keys());
    this.add(event, created, event, false, Tomb.None);
    this.add(inner, created, event, true, Tomb.None);
    for (const id of [event.id as string, inner.id as string]) {
      const e = this.entries.get(id)!;
      e.snaps.sort((a, b) => a.from - b.from);
      e.firstVisible = e.snaps[0].from;
      if (Number.isNaN(e.created)) e.created = e.firstVisible;
      if (!before.has(id)) {
        const list = this.types.get(e.type) ?? [];
        this.types.set(e.type, list);
        list.push(e);
        list.sort(listOrder);
      }
    }
    this.facetIndexes.clear();
  }

  /** The discount as last seen in an item visible at `clock` (for `expand[]=discounts`). */
  discountAt(id: string, clock: number): JsonObject | undefined {
    const list = this.discounts.get(id);
    if (!list) return undefined;
    let found: JsonObject | undefined;
    for (const d of list) {
      if (d.from > clock) break;
      found = d.obj;
    }
    return found;
  }

  entry(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  /** The snapshot served at `clock`: the latest one whose `from` is at or before it. */
  snapshotAt(e: Entry, clock: number): Snapshot | undefined {
    const s = e.snaps;
    if (s[0].from > clock) return undefined;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid].from <= clock) lo = mid;
      else hi = mid - 1;
    }
    return s[lo];
  }

  /** The object as stored for a snapshot (shared for in-memory worlds: never mutate it). */
  read(snap: Snapshot): JsonObject {
    const item = this.source.read(snap.handle);
    return snap.inEvent ? ((item.data as JsonObject).object as JsonObject) : item;
  }

  byType(type: string): Entry[] {
    return this.types.get(type) ?? [];
  }

  /** How far before its `created` an object of this type can already be visible. */
  lead(type: string): number {
    return this.leads.get(type) ?? 0;
  }

  /**
   * Entries of `type` by each value a facet takes in any of their snapshots, in list order.
   * Built on first use. Callers re-check the facet on the snapshot they serve.
   */
  facetIndex(type: string, facet: string): Map<FacetValue, Entry[]> {
    const key = `${type}\u0000${facet}`;
    let idx = this.facetIndexes.get(key);
    if (!idx) {
      idx = new Map();
      for (const e of this.byType(type)) {
        const seen = new Set<FacetValue>();
        for (const s of e.snaps) {
          const v = s.facets[facet] ?? null;
          if (seen.has(v)) continue;
          seen.add(v);
          let list = idx.get(v);
          if (!list) idx.set(v, (list = []));
          list.push(e);
        }
      }
      this.facetIndexes.set(key, idx);
    }
    return idx;
  }
}
