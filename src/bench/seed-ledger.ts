// Fills a ledger as if N Stripe objects had been extracted and every record they need already made in NetSuite:
// snapshots of a generated world as it stood when it reached N objects, balance transactions marked with the
// payout that swept them (the Stripe sandbox's own membership rule), and a link for every operation the plan
// asks for. Written straight into SQLite: going through the sandboxes would take longer than what it measures.
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { upsertSnapshots, type StripeObjectLike } from '../ledger/snapshots.js';
import { planInputFromLedger } from '../run/plan-input-from-ledger.js';
import { SNAPSHOT_BUCKETS } from '../plan/plan-input.js';
import { buildPlan } from '../plan/build-plan.js';
import { isFinal } from '../extract/finality.js';
import { generateWorld } from '../sandbox/generate/generate-world.js';
import { World } from '../sandbox/stripe/world-index.js';
import { PayoutMembership } from '../sandbox/stripe/payout-membership.js';

export interface SeedLedgerOptions {
  objects: number;
  seed: number;
  months: number;
  log?: (line: string) => void;
}

export interface SeedLedgerResult {
  objects: number;
  links: number;
  /** Operations still in the plan after seeding: blocked ones (nothing a link could satisfy). */
  remainingOperations: number;
  /** World time at which the cut was made. */
  asOf: number;
  ms: number;
}

type Item = { object?: string; id?: string; created?: number; data?: { object?: StripeObjectLike } };

/** Generates worlds until one has at least `objects` objects of the types the ledger keeps. */
function generateLargeEnough(o: SeedLedgerOptions): object[] {
  const kept = (byType: Record<string, number>) =>
    Object.entries(byType).reduce((n, [type, count]) => (SNAPSHOT_BUCKETS[type] ? n + count : n), 0);
  const probe = generateWorld({ customers: 20, months: o.months, seed: o.seed });
  const perCustomer = Math.max(1, kept(probe.summary.byType) / 20);
  let customers = Math.max(1, Math.ceil((o.objects / perCustomer) * 1.1));
  for (let attempt = 0; attempt < 4; attempt++) {
    o.log?.(`generating a world of ${customers} customers over ${o.months} months`);
    const world = generateWorld({ customers, months: o.months, seed: o.seed });
    if (kept(world.summary.byType) >= o.objects) return world.items;
    customers = Math.ceil(customers * 1.5);
  }
  throw new Error(`could not generate a world with ${o.objects} objects`);
}

export async function seedLedger(ledger: Ledger, settings: Settings, o: SeedLedgerOptions): Promise<SeedLedgerResult> {
  const t0 = performance.now();
  const items = generateLargeEnough(o) as Item[];

  // The world as it stood when its N-th kept object appeared: later items (new objects and later snapshots of
  // these ones alike) are left out, so the cut is a consistent moment of the account, not a random subset.
  const latest = new Map<string, StripeObjectLike>();
  let asOf = 0;
  let cut = items.length;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const obj = (item.object === 'event' ? item.data?.object : item) as StripeObjectLike | undefined;
    if (!obj || typeof obj.id !== 'string' || !SNAPSHOT_BUCKETS[obj.object]) continue;
    if (!latest.has(obj.id) && latest.size >= o.objects) {
      cut = i;
      break;
    }
    latest.set(obj.id, obj);
    asOf = typeof item.created === 'number' ? Math.max(asOf, item.created) : asOf;
  }

  // Which payout swept each balance transaction, by the same rule the Stripe sandbox serves `?payout=` with.
  const world = await World.load(items.slice(0, cut));
  const membership = new PayoutMembership(world);
  const payoutOf = new Map<string, string>();
  for (const p of world.byType('payout')) {
    if (!world.snapshotAt(p, asOf)) continue;
    for (const bt of membership.balanceTransactionsOf(p, asOf)) payoutOf.set(bt.id, p.id);
  }

  o.log?.(`storing ${latest.size} snapshots`);
  const batch: Array<{ object: StripeObjectLike; options: { final: boolean; payout: string | null; now: number } }> = [];
  const flush = () => {
    upsertSnapshots(ledger, batch);
    batch.length = 0;
  };
  for (const obj of latest.values()) {
    batch.push({ object: obj, options: { final: isFinal(obj, asOf), payout: payoutOf.get(obj.id) ?? null, now: asOf } });
    if (batch.length >= 5000) flush();
  }
  flush();

  // Link every operation the plan wants, as a completed apply would; linking a customer can unblock what
  // depended on it, so plan again until nothing new appears.
  const insertLink = ledger.sqlite.prepare(
    `INSERT OR IGNORE INTO links (op_key, record_type, external_id, internal_id, stripe_id, body_hash, run_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  let links = 0;
  let remaining = 0;
  for (let round = 0; round < 10; round++) {
    const plan = buildPlan(await planInputFromLedger(ledger, settings));
    const linkable = plan.operations.filter((op) => !op.blocked);
    remaining = plan.operations.length;
    if (linkable.length === 0) break;
    o.log?.(`linking ${linkable.length} planned operations (round ${round + 1})`);
    ledger.sqlite.transaction(() => {
      for (const op of linkable) {
        links++;
        insertLink.run(op.key, op.recordType, op.externalId, String(100_000 + links), op.stripeId, op.hash, asOf);
      }
    })();
  }
  return { objects: latest.size, links, remainingOperations: remaining, asOf, ms: performance.now() - t0 };
}
