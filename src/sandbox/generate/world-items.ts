/**
 * Collects the world's items (object snapshots and events) with the time each becomes visible, and
 * hands them back ordered by that time. A snapshot is never copied here: an event shares the object
 * it carries, so memory grows with the number of distinct snapshots, not with the number of items.
 */
import type { Rng } from './prng.js';

/** The API version whose shapes the generator writes (the SDK pins the same one). */
export const API_VERSION = '2026-10-28.endive';

export interface StripeObject {
  id: string;
  object: string;
  created: number;
  [field: string]: unknown;
}

export interface WorldEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: object };
  livemode: false;
  pending_webhooks: 0;
  request: { id: null; idempotency_key: null };
  type: string;
}

export class WorldItems {
  private readonly items: object[] = [];
  private readonly times: number[] = [];
  readonly byType: Record<string, number> = {};
  objectCount = 0;
  eventCount = 0;
  lastTime = 0;

  constructor(private readonly rng: Rng) {}

  /** The first snapshot of an object, visible from its `created`. */
  object<T extends StripeObject>(obj: T): T {
    this.push(obj, obj.created);
    this.objectCount++;
    this.byType[obj.object] = (this.byType[obj.object] ?? 0) + 1;
    return obj;
  }

  /** An event carrying the snapshot of `obj` from `at` on. */
  event(type: string, obj: object, at: number): void {
    const event: WorldEvent = {
      id: this.rng.id('evt_'),
      object: 'event',
      api_version: API_VERSION,
      created: at,
      data: { object: obj },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.push(event, at);
    this.eventCount++;
  }

  /** Items ordered by visibility time; ties keep the order they were added in (a stable sort). */
  ordered(): object[] {
    const n = this.items.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const times = this.times;
    order.sort((a, b) => times[a] - times[b] || a - b);
    const out = new Array<object>(n);
    for (let i = 0; i < n; i++) out[i] = this.items[order[i]];
    return out;
  }

  private push(item: object, at: number): void {
    if (!Number.isSafeInteger(at)) throw new Error(`item time ${at} is not a Unix timestamp`);
    this.items.push(item);
    this.times.push(at);
    if (at > this.lastTime) this.lastTime = at;
  }
}
