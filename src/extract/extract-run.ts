// One extraction: Stripe → ledger snapshots. Three sources of change, so nothing is lost:
//  1. `created` windows per resource, from the stored cursor minus an overlap to now minus a settle delay;
//  2. the events feed (30 days deep) for objects that change after creation;
//  3. a sweep that re-reads what the ledger holds in a non-final state (full when the events feed has a gap).
// Plus lazy fetches of what those objects refer to (an old customer, a price, a payout's balance
// transactions, invoice lines past the first page). Snapshots are written page by page; cursors only
// after everything they cover, references included, is stored.
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readCursor, writeCursor } from '../ledger/cursors.js';
import { contentHash, getSnapshot, upsertSnapshots, type StripeObjectLike } from '../ledger/snapshots.js';
import { SWEPT_TYPES, isFinal } from './finality.js';
import { CATALOG, EVENT_FEED, OBJECT_TYPES, descriptionOf, typesWhere } from '../stripe-types/catalog.js';
import { expandedDiscounts, linesIncomplete, normalize, resolveDiscounts, type Ref } from './normalize.js';
import { canonicalDecimals } from './plain-json.js';
import { forEachPooled } from './pool.js';
import { StripeRequestError } from './request-gate.js';
import {
  RESOURCES,
  WINDOWED_TYPES,
  linesOf,
  listEvents,
  listExpand,
  type ListParams,
  type Page,
} from './resources.js';
import { STRIPE_API_VERSION, type StripeClient } from './stripe-client.js';

export interface ExtractResult {
  /** HTTP requests made to Stripe by this run, retries included. */
  requests: number;
  /** Distinct objects stored (or confirmed unchanged) by this run. */
  objectsSeen: number;
  inserted: number;
  changed: number;
  unchanged: number;
  /** Distinct objects seen, by Stripe `object` type. */
  byType: Record<string, number>;
  errors: Array<{ stripeId?: string; type: string; message: string }>;
}

export interface BackfillProgress {
  from: number;
  to: number;
  chunkStart: number;
  chunkEnd: number;
  chunksDone: number;
  chunksTotal: number;
  objectsSeen: number;
}

/**
 * `auto` sweeps everything open when the events feed cannot vouch for the time since the last run (no
 * events cursor, or a gap longer than Stripe keeps events) and at least once a day; `always` every run.
 */
export type SweepPolicy = 'auto' | 'always';

export type ExtractOptions =
  | { now: number; mode: 'sync'; sweep?: SweepPolicy }
  | {
      now: number;
      mode: 'backfill';
      from: number;
      to: number;
      onProgress?: (p: BackfillProgress) => void | Promise<void>;
    };

/** How long `/v1/events` keeps events. */
export const EVENTS_RETENTION_SECONDS = 30 * 86_400;
/** Full sweep at least this often even when the feed is continuous (a safety net for missed event types). */
export const FULL_SWEEP_INTERVAL_SECONDS = 86_400;
const PAGE = 100;
const RETRIEVE_CONCURRENCY = 4;
/** Types whose missing objects are listed all at once when many are missing (their description's `lazyFetch`). */
const LISTED_WHEN_MANY_MISSING = typesWhere((d) => d.lazyFetch?.listAllWhenMoreThan !== undefined);
/** Types whose missing objects are retrieved before the others'. */
const FETCHED_FIRST = new Set<string>(typesWhere((d) => d.lazyFetch?.beforeOthers === true));
/** Events that say an object was deleted (their descriptions' `deletion`). */
const DELETION_EVENTS = new Set<string>(OBJECT_TYPES.flatMap((t) => descriptionOf(t)?.deletion?.event ?? []));

/**
 * The event types whose objects the ledger tracks (each type's description names its events), one list per
 * listing of the feed (`types[]` takes up to 20): two listings a run.
 */
export const EVENT_TYPE_GROUPS: string[][] = EVENT_FEED.map((group) => group.flatMap((t) => [...CATALOG[t].events]));
const EVENT_OBJECT_TYPES = new Set<string>(EVENT_FEED.flat());

export const CURSOR = {
  created: (type: string): string => `created:${type}`,
  events: 'events',
  sweep: 'sweep',
  pendingRefs: 'lazy:pending',
  backfill: (from: number, to: number): string => `backfill:${from}:${to}`,
};

interface Staged {
  object: StripeObjectLike;
  /** Stripe time as of which this content is known current: the run's `now`, or the event's `created`. */
  asOf: number;
  payout?: string;
  final?: boolean;
}

type Source = { kind: 'fresh' } | { kind: 'event'; created: number; deleted: boolean };

export async function extract(
  ledger: Ledger,
  stripe: StripeClient,
  settings: Settings,
  o: ExtractOptions,
): Promise<ExtractResult> {
  const run = new ExtractRun(ledger, stripe, settings, o.now);
  if (o.mode === 'sync') await run.sync(o.sweep ?? 'auto');
  else await run.backfill(o.from, o.to, o.onProgress);
  return run.result();
}

class ExtractRun {
  private readonly requestsAtStart: number;
  /** id → hash written this run (dedupes the same customer expanded on a hundred invoices). */
  private readonly written = new Map<string, string>();
  /** Ids whose current state this run read (a list, a retrieve, an expansion) or that the feed covered. */
  private readonly covered = new Set<string>();
  private readonly byType: Record<string, number> = {};
  private inserted = 0;
  private changed = 0;
  private unchanged = 0;
  private readonly errors: ExtractResult['errors'] = [];
  private readonly refs = new Map<string, Ref>();
  /** References that must be fetched even though the ledger holds them (a failed step of an earlier run). */
  private readonly forced = new Map<string, Ref>();
  private readonly failedRefs = new Map<string, Ref>();
  private readonly paidPayouts = new Set<string>();
  private readonly discounts = new Map<string, Record<string, unknown>>();
  private readonly overlap: number;
  private readonly settle: number;
  private readonly startSec: number;
  private readonly chunkSeconds: number;
  private readonly selectStored;
  private readonly hasPayoutRows;

  constructor(
    private readonly ledger: Ledger,
    private readonly stripe: StripeClient,
    settings: Settings,
    private readonly now: number,
  ) {
    this.requestsAtStart = stripe.stats.requests;
    this.overlap = settings.extract.overlapSeconds;
    this.settle = settings.extract.settleDelaySeconds;
    this.chunkSeconds = settings.extract.backfillChunkDays * 86_400;
    const start = settings.extract.startDate;
    this.startSec = start ? Math.floor(Date.parse(start) / 1000) : 0;
    this.selectStored = ledger.sqlite.prepare('SELECT updated_at, hash, final FROM stripe_objects WHERE id = ?');
    this.hasPayoutRows = ledger.sqlite.prepare('SELECT 1 FROM stripe_objects WHERE payout = ? LIMIT 1');
  }

  result(): ExtractResult {
    return {
      requests: this.stripe.stats.requests - this.requestsAtStart,
      objectsSeen: this.written.size,
      inserted: this.inserted,
      changed: this.changed,
      unchanged: this.unchanged,
      byType: { ...this.byType },
      errors: [...this.errors],
    };
  }

  // ---- the two modes -------------------------------------------------------------------------------

  async sync(policy: SweepPolicy): Promise<void> {
    await this.loadPendingRefs();
    const end = this.now - this.settle;
    const done: string[] = [];
    for (const type of WINDOWED_TYPES) {
      const cursor = await readCursor(this.ledger, CURSOR.created(type));
      // A clock that went backwards never moves a cursor back.
      if (cursor !== undefined && Number(cursor) >= end) continue;
      const start = Math.max(this.startSec, cursor !== undefined ? Number(cursor) - this.overlap : this.startSec);
      if (start >= end || (await this.window(type, start, end))) done.push(type);
    }
    const eventsCursor = await readCursor(this.ledger, CURSOR.events);
    const eventsOk = eventsCursor === undefined ? true : await this.events(Number(eventsCursor), end);
    await this.lazy();

    const sweepCursor = await readCursor(this.ledger, CURSOR.sweep);
    const feedGap =
      eventsCursor === undefined || Number(eventsCursor) - this.overlap < this.now - EVENTS_RETENTION_SECONDS + 3600;
    const sweepDue = sweepCursor === undefined || Number(sweepCursor) <= this.now - FULL_SWEEP_INTERVAL_SECONDS;
    const fullSweep = policy === 'always' || feedGap || sweepDue || !eventsOk;
    if (fullSweep) {
      await this.sweep();
      await this.lazy();
    }

    // Cursors last: everything they cover, references included, is in the ledger by now.
    for (const type of done) await writeCursor(this.ledger, CURSOR.created(type), String(end), this.now);
    if (eventsOk && (eventsCursor === undefined || Number(eventsCursor) < end)) {
      await writeCursor(this.ledger, CURSOR.events, String(end), this.now);
    }
    if (fullSweep) await writeCursor(this.ledger, CURSOR.sweep, String(this.now), this.now);
    await this.savePendingRefs();
  }

  async backfill(from: number, to: number, onProgress?: (p: BackfillProgress) => void | Promise<void>): Promise<void> {
    if (!(to > from)) throw new Error(`backfill: empty range [${from}, ${to})`);
    await this.loadPendingRefs();
    const name = CURSOR.backfill(from, to);
    const chunk = this.chunkSeconds;
    const stored = await readCursor(this.ledger, name);
    let at = stored !== undefined ? Math.max(from, Number(stored)) : from;
    const chunksTotal = Math.ceil((to - from) / chunk);
    // The last moment listings are trusted to be complete; a chunk ending after it is not marked done.
    const settled = this.now - this.settle;
    while (at < to) {
      const chunkEnd = Math.min(to, at + chunk);
      const listEnd = Math.min(chunkEnd, settled);
      let complete = listEnd === chunkEnd;
      if (listEnd > at) {
        for (const type of WINDOWED_TYPES) if (!(await this.window(type, at, listEnd))) complete = false;
      }
      await this.lazy();
      if (!complete) break;
      await writeCursor(this.ledger, name, String(chunkEnd), this.now);
      await this.savePendingRefs();
      if (onProgress) {
        await onProgress({
          from,
          to,
          chunkStart: at,
          chunkEnd,
          chunksDone: Math.ceil((chunkEnd - from) / chunk),
          chunksTotal,
          objectsSeen: this.written.size,
        });
      }
      at = chunkEnd;
    }
    await this.sweep();
    await this.lazy();
    await this.savePendingRefs();
  }

  // ---- source 1: created windows -----------------------------------------------------------------

  /** Lists one resource over [start, end). False when the listing failed (its cursor must not move). */
  private async window(type: string, start: number, end: number): Promise<boolean> {
    const api = RESOURCES[type];
    try {
      await this.listAll(`list ${type}`, (p) => api.list!(this.stripe.sdk, p), {
        created: { gte: start, lt: end },
        expand: listExpand(type),
      }, async (page) => this.ingestMany(page.data, { kind: 'fresh' }));
      return true;
    } catch (err) {
      rethrowIfFatal(err);
      this.error(type, undefined, `listing created ${start}..${end}: ${message(err)}`);
      return false;
    }
  }

  private async listAll(
    label: string,
    list: (params: ListParams) => Promise<Page>,
    params: ListParams,
    onPage: (page: Page) => Promise<void>,
  ): Promise<void> {
    let startingAfter: string | undefined;
    let expand = params.expand;
    for (;;) {
      const query: ListParams = { ...params, limit: PAGE };
      if (startingAfter) query.starting_after = startingAfter;
      if (Array.isArray(expand) && expand.length > 0) query.expand = expand;
      else delete query.expand;
      let page: Page;
      try {
        page = await this.stripe.call(label, () => list(query));
      } catch (err) {
        // An expansion refused (some object lacks the field) only costs us lazy fetches: list without it.
        if (!(err instanceof StripeRequestError && err.statusCode === 400 && /expand/i.test(err.message) && query.expand)) throw err;
        expand = undefined;
        continue;
      }
      await onPage(page);
      if (!page.has_more || page.data.length === 0) return;
      startingAfter = page.data[page.data.length - 1].id;
    }
  }

  // ---- source 2: the events feed -----------------------------------------------------------------

  private async events(cursor: number, end: number): Promise<boolean> {
    const start = Math.max(0, cursor - this.overlap, this.now - EVENTS_RETENTION_SECONDS);
    if (start >= end) return true;
    /** Latest event per object id. */
    const latest = new Map<string, { created: number; type: string; object: StripeObjectLike; apiVersion: unknown }>();
    try {
      for (const types of EVENT_TYPE_GROUPS) {
        await this.listAll('list events', (p) => listEvents(this.stripe.sdk, p), {
          created: { gte: start, lt: end },
          types,
        }, async (page) => {
          for (const ev of page.data) {
            const data = ev.data as { object?: StripeObjectLike } | undefined;
            const obj = data?.object;
            const evType = String(ev.type ?? '');
            if (!obj || typeof obj.id !== 'string' || !EVENT_OBJECT_TYPES.has(obj.object)) continue;
            if (!types.includes(evType)) continue;
            const created = Number(ev.created);
            const prev = latest.get(obj.id);
            // Newest first within a listing; on equal seconds the first one seen is the newest.
            if (!prev || created > prev.created) latest.set(obj.id, { created, type: evType, object: obj, apiVersion: ev.api_version });
          }
        });
      }
    } catch (err) {
      rethrowIfFatal(err);
      this.error('event', undefined, `listing events ${start}..${end}: ${message(err)}`);
      return false;
    }
    const toFetch: Ref[] = [];
    for (const [id, ev] of latest) {
      if (this.covered.has(id)) continue;
      this.covered.add(id);
      const stored = this.selectStored.get(id) as { updated_at: number } | undefined;
      if (stored && stored.updated_at >= ev.created) continue;
      // A payload rendered in another API version has another shape: read the object in ours instead.
      const sameVersion = ev.apiVersion === null || ev.apiVersion === undefined || ev.apiVersion === STRIPE_API_VERSION;
      if (!sameVersion) {
        toFetch.push({ type: ev.object.object, id });
        continue;
      }
      try {
        await this.ingest(ev.object, { kind: 'event', created: ev.created, deleted: DELETION_EVENTS.has(ev.type) });
      } catch (err) {
        rethrowIfFatal(err);
        this.error(ev.object.object, id, `from event ${ev.type}: ${message(err)}`);
        this.failedRefs.set(id, { type: ev.object.object, id });
      }
    }
    await this.retrieveEach(toFetch);
    return true;
  }

  // ---- source 3: the sweep -----------------------------------------------------------------------

  private async sweep(): Promise<void> {
    for (const type of SWEPT_TYPES) {
      const rows = this.ledger.sqlite
        .prepare('SELECT id, created FROM stripe_objects WHERE type = ? AND final = 0')
        .all(type) as Array<{ id: string; created: number }>;
      const todo = rows.filter((r) => !this.covered.has(r.id));
      if (todo.length === 0) continue;
      const api = RESOURCES[type];
      const pending = new Map(todo.map((r) => [r.id, r]));
      // One list page reads 100 objects: when the open ones are dense in their created range, list it.
      const min = Math.min(...todo.map((r) => r.created));
      const max = Math.max(...todo.map((r) => r.created));
      const inRange = (
        this.ledger.sqlite
          .prepare('SELECT COUNT(*) AS n FROM stripe_objects WHERE type = ? AND created BETWEEN ? AND ?')
          .get(type, min, max) as { n: number }
      ).n;
      if (api.list && CATALOG[type].sweep === 'list' && Math.ceil(inRange / PAGE) < todo.length) {
        try {
          await this.listAll(`sweep ${type}`, (p) => api.list!(this.stripe.sdk, p), {
            created: { gte: min, lte: max },
            expand: listExpand(type),
          }, async (page) => {
            const mine = page.data.filter((x) => pending.has(x.id));
            for (const x of mine) pending.delete(x.id);
            await this.ingestMany(mine, { kind: 'fresh' });
          });
        } catch (err) {
          rethrowIfFatal(err);
          this.error(type, undefined, `sweep listing: ${message(err)}`);
        }
      }
      await this.retrieveEach([...pending.keys()].map((id) => ({ type, id })), true);
    }
  }

  // ---- lazy references ---------------------------------------------------------------------------

  /** Fetches what stored objects refer to and the ledger lacks; lists paid payouts' balance transactions. */
  private async lazy(): Promise<void> {
    for (let round = 0; round < 5 && (this.refs.size > 0 || this.forced.size > 0 || this.paidPayouts.size > 0); round++) {
      const candidates = [...this.refs.values()];
      this.refs.clear();
      const missing = new Map<string, Ref>();
      for (const r of candidates) {
        if (!this.written.has(r.id) && !this.selectStored.get(r.id)) missing.set(r.id, r);
      }
      for (const [id, r] of this.forced) missing.set(id, r);
      this.forced.clear();

      for (const type of LISTED_WHEN_MANY_MISSING) {
        const threshold = descriptionOf(type)?.lazyFetch?.listAllWhenMoreThan ?? Infinity;
        if ([...missing.values()].filter((r) => r.type === type).length <= threshold) continue;
        try {
          await this.listAll(`list ${type}s`, (p) => RESOURCES[type].list!(this.stripe.sdk, p), {
            expand: listExpand(type),
          }, async (page) => {
            for (const x of page.data) missing.delete(x.id);
            await this.ingestMany(page.data, { kind: 'fresh' });
          });
        } catch (err) {
          rethrowIfFatal(err);
          this.error(type, undefined, `listing ${type}s: ${message(err)}`);
        }
      }
      await this.retrieveEach([...missing.values()].filter((r) => FETCHED_FIRST.has(r.type)));
      await this.retrieveEach(
        [...missing.values()].filter((r) => !FETCHED_FIRST.has(r.type) && !this.written.has(r.id)),
      );

      const payouts = [...this.paidPayouts];
      this.paidPayouts.clear();
      await forEachPooled(payouts, RETRIEVE_CONCURRENCY, async (po) => this.payoutTransactions(po));
    }
  }

  private async payoutTransactions(payoutId: string): Promise<void> {
    if (this.hasPayoutRows.get(payoutId)) return;
    try {
      await this.listAll(`list balance_transactions payout=${payoutId}`,
        (p) => RESOURCES.balance_transaction.list!(this.stripe.sdk, p),
        { payout: payoutId },
        async (page) => {
          this.write(page.data.map((object) => ({ object, asOf: this.now, payout: payoutId })));
        },
      );
    } catch (err) {
      rethrowIfFatal(err);
      this.error('payout', payoutId, `balance_transactions: ${message(err)}`);
      this.failedRefs.set(payoutId, { type: 'payout', id: payoutId });
    }
  }

  /** Retrieves each object by id (`sweeping`: a vanished draft invoice is closed instead of an error). */
  private async retrieveEach(refs: Ref[], sweeping = false): Promise<void> {
    await forEachPooled(refs, RETRIEVE_CONCURRENCY, async (r) => {
      const api = RESOURCES[r.type];
      if (!api?.retrieve) {
        this.error(r.type, r.id, 'no way to retrieve this type');
        return;
      }
      try {
        const raw = await this.stripe.call(`retrieve ${r.type} ${r.id}`, () =>
          api.retrieve!(this.stripe.sdk, r.id, api.expand.length ? { expand: api.expand } : {}),
        );
        await this.ingest(raw, { kind: 'fresh' });
      } catch (err) {
        if (sweeping && err instanceof StripeRequestError && err.statusCode === 404) {
          const stored = await getSnapshot(this.ledger, r.id);
          const deletion = stored ? descriptionOf(stored.type)?.deletion : undefined;
          if (stored && deletion && stored.object.status === deletion.status) {
            // Deleted (a draft invoice): it never reached the books; stop re-reading it.
            this.write([{ object: stored.object, asOf: this.now, final: true }]);
            return;
          }
        }
        rethrowIfFatal(err);
        this.error(r.type, r.id, `retrieve: ${message(err)}`);
        this.failedRefs.set(r.id, r);
      }
    });
  }

  private async loadPendingRefs(): Promise<void> {
    const raw = await readCursor(this.ledger, CURSOR.pendingRefs);
    if (!raw) return;
    try {
      for (const r of JSON.parse(raw) as Ref[]) if (r && typeof r.id === 'string') this.forced.set(r.id, r);
    } catch {
      // A damaged list only costs the retries it held.
    }
  }

  private async savePendingRefs(): Promise<void> {
    const left = [...this.failedRefs.values()];
    this.failedRefs.clear();
    const previous = await readCursor(this.ledger, CURSOR.pendingRefs);
    if (left.length === 0 && (previous === undefined || previous === '[]')) return;
    await writeCursor(this.ledger, CURSOR.pendingRefs, JSON.stringify(left), this.now);
  }

  // ---- turning API objects into snapshots --------------------------------------------------------

  private async ingestMany(objects: StripeObjectLike[], source: Source): Promise<void> {
    const staged: Staged[] = [];
    for (const raw of objects) {
      try {
        staged.push(...(await this.prepare(raw, source, true)));
      } catch (err) {
        rethrowIfFatal(err);
        this.error(raw.object, raw.id, message(err));
        this.failedRefs.set(raw.id, { type: raw.object, id: raw.id });
      }
    }
    this.write(staged);
  }

  private async ingest(raw: StripeObjectLike, source: Source): Promise<void> {
    this.write(await this.prepare(raw, source, true));
  }

  /** Completes one object (lines, discounts) and splits it into the snapshots to store. */
  private async prepare(raw: StripeObjectLike, source: Source, mayRefetch: boolean): Promise<Staged[]> {
    let obj = source.kind === 'event' ? canonicalDecimals(raw) : raw;
    if (linesIncomplete(obj)) obj = await this.completeLines(obj);
    if (obj.object === 'invoice') {
      // A line's discount ids usually name the invoice's own (expanded) discounts.
      for (const [id, d] of expandedDiscounts(obj)) this.discounts.set(id, d);
      let missing = resolveDiscounts(obj, this.discounts);
      if (missing.length > 0) {
        const stored = await getSnapshot(this.ledger, obj.id);
        if (stored) for (const [id, d] of expandedDiscounts(stored.object)) this.discounts.set(id, d);
        missing = resolveDiscounts(obj, this.discounts);
      }
      if (missing.length > 0 && mayRefetch) {
        // Only a request with `expand` can name these discounts' coupons.
        const api = RESOURCES.invoice;
        const fresh = await this.stripe.call(`retrieve invoice ${obj.id}`, () =>
          api.retrieve!(this.stripe.sdk, obj.id, { expand: api.expand }),
        );
        return this.prepare(fresh, { kind: 'fresh' }, false);
      }
      for (const [id, d] of expandedDiscounts(obj)) this.discounts.set(id, d);
    }
    const n = normalize(obj);
    const asOf = source.kind === 'event' ? source.created : this.now;
    const out: Staged[] = [{ object: n.object, asOf, final: source.kind === 'event' && source.deleted ? true : undefined }];
    for (const e of n.embedded) out.push({ object: e, asOf });
    for (const r of n.refs) if (!this.written.has(r.id)) this.refs.set(r.id, r);
    return out;
  }

  private async completeLines(obj: StripeObjectLike): Promise<StripeObjectLike> {
    const lines: StripeObjectLike[] = [];
    try {
      const api = linesOf(obj.object);
      if (!api) throw new Error(`Stripe ${obj.object} ${obj.id} has more lines and no way to list them`);
      await this.listAll(
        `list ${obj.object} lines ${obj.id}`,
        (p) => api.list(this.stripe.sdk, obj.id, p),
        api.params,
        async (page) => {
          lines.push(...page.data);
        },
      );
    } catch (err) {
      throw new Error(`lines: ${message(err)}`);
    }
    const before = obj.lines as Record<string, unknown>;
    return { ...obj, lines: { ...before, data: lines, has_more: false } };
  }

  /** Stores snapshots (one transaction), counting each distinct object once per run. */
  private write(items: Staged[]): void {
    const todo: Array<{ item: Staged; content: string; final: boolean }> = [];
    const batch = new Map<string, { item: Staged; content: string; final: boolean }>();
    for (const item of items) {
      const final = item.final ?? isFinal(item.object, this.now);
      const content = contentHash(item.object);
      const hash = content + (final ? ':f' : '');
      const id = item.object.id;
      this.covered.add(id);
      this.failedRefs.delete(id);
      if (item.object.object === 'payout' && item.object.status === 'paid') this.paidPayouts.add(id);
      if (this.written.get(id) === hash && !item.payout) continue;
      if (!this.written.has(id)) this.byType[item.object.object] = (this.byType[item.object.object] ?? 0) + 1;
      this.written.set(id, hash);
      batch.set(id, { item, content, final });
    }
    todo.push(...batch.values());
    if (todo.length === 0) return;
    const outcomes = upsertSnapshots(
      this.ledger,
      todo.map(({ item, content, final }) => ({
        object: item.object,
        options: { final, payout: item.payout ?? null, now: item.asOf, hash: content },
      })),
    );
    for (const o of outcomes) {
      if (o === 'inserted') this.inserted++;
      else if (o === 'changed') this.changed++;
      else this.unchanged++;
    }
  }

  private error(type: string, stripeId: string | undefined, msg: string): void {
    this.errors.push({ ...(stripeId ? { stripeId } : {}), type, message: msg });
  }
}

/**
 * Authentication and permission failures are not about one object: every request would fail the same way, so
 * the run stops (exit 3) instead of recording an error per object and calling the run partial.
 */
export class StripeAccessError extends Error {
  constructor(readonly statusCode: number, detail: string) {
    super(`Stripe refused access (${statusCode}): ${detail}. Check STRIPE_API_KEY and its permissions.`);
    this.name = 'StripeAccessError';
  }
}

function rethrowIfFatal(err: unknown): void {
  if (err instanceof StripeRequestError && (err.statusCode === 401 || err.statusCode === 403)) {
    throw new StripeAccessError(err.statusCode, err.message);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
