/**
 * Generates a deterministic Stripe world (for a seed) for the Stripe sandbox: the objects and events
 * a Stripe Billing account accumulates over `months` with `customers` customers, in the shapes of
 * API version 2026-10-28.endive, ordered by the time each item becomes visible.
 */
import { BalanceBook } from './balance-book.js';
import { addMonthsUtc, DAY } from './calendar.js';
import { createCatalog } from './catalog.js';
import type { GenContext } from './context.js';
import { randomProfile, SCRIPTED } from './customer-profiles.js';
import { simulateCustomer } from './customer-timeline.js';
import type { CustomerState } from './customers.js';
import { schedulePayouts } from './payouts.js';
import { Rng } from './prng.js';
import { simulateStandaloneCharges } from './standalone-charges.js';
import { simulateUncommonCustomers, UNCOMMON_CUSTOMERS } from './uncommon-customers.js';
import { WorldItems } from './world-items.js';

export { writeWorld } from './write-world.js';

export interface GenerateOptions {
  customers: number;
  months: number;
  seed: number;
  /** Unix seconds; default 2026-01-01T00:00:00Z. */
  start?: number;
  /** Settlement currency of the account; default 'usd'. */
  accountCurrency?: string;
}

export interface WorldSummary {
  /** Plain object snapshots (not events). */
  objects: number;
  events: number;
  /** Plain objects by their `object` type. */
  byType: Record<string, number>;
  start: number;
  /** Time of the last object or event; a good sandbox clock is end + 3 days. */
  end: number;
}

export const DEFAULT_WORLD_START = Date.UTC(2026, 0, 1) / 1000;

export function generateWorld(o: GenerateOptions): { items: object[]; summary: WorldSummary } {
  if (!Number.isInteger(o.customers) || o.customers < 0) throw new Error(`customers must be a non-negative integer, got ${o.customers}`);
  if (!Number.isInteger(o.months) || o.months < 1) throw new Error(`months must be a positive integer, got ${o.months}`);
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer, got ${o.seed}`);
  const start = o.start ?? DEFAULT_WORLD_START;
  const rng = new Rng(o.seed);
  const items = new WorldItems(rng);
  const book = new BalanceBook(rng, items, (o.accountCurrency ?? 'usd').toLowerCase());
  const catalog = createCatalog(rng, items, start);
  const windowEnd = addMonthsUtc(start, o.months);
  const ctx: GenContext = { rng, items, book, catalog, windowEnd };
  const windowDays = (windowEnd - start) / DAY;

  // Drafts, long invoices, partial payments, a voided credit note, inclusive tax, KWD: the last customers of a world
  // with a few random ones beyond the scripted (uncommon-customers.ts), so smaller worlds stay as they were.
  const uncommon = o.customers >= SCRIPTED.length + 1 + UNCOMMON_CUSTOMERS ? UNCOMMON_CUSTOMERS : 0;
  const customers: CustomerState[] = [];
  for (let k = 0; k < o.customers - uncommon; k++) {
    const profile = k < SCRIPTED.length ? SCRIPTED[k] : randomProfile(rng, windowDays);
    const cust = simulateCustomer(ctx, profile, start);
    if (cust) customers.push(cust);
  }
  simulateStandaloneCharges(ctx, customers, start);
  // Drawn from their own Rng, after everything else.
  if (uncommon > 0) customers.push(...simulateUncommonCustomers(ctx, o.seed, start));
  schedulePayouts(ctx, start);

  const ordered = items.ordered();
  return {
    items: ordered,
    summary: { objects: items.objectCount, events: items.eventCount, byType: { ...items.byType }, start, end: items.lastTime },
  };
}
