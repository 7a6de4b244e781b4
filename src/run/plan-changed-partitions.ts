// Incremental planning: the plan of only the partitions whose input changed since they were last planned with
// nothing left to do. `plan_dirty` (ledger/plan-index.ts) names the changed objects (snapshots written, links
// recorded, payouts learned, and every object of a partition that still had operations); their partition groups are
// found by following `plan_refs` from them, so the cost follows the changes, not the ledger. A partition with nothing
// left to do plans nothing whatever the rest of the ledger holds, so planning the others alone gives the operations
// of a full plan (test/run/plan-incremental.test.ts holds them equal over random change sets). What reaches across
// every partition sends the run back to a full plan: a changed price, product or coupon, and transactions of the
// global customer while it has no record yet (its currencies are the whole ledger's).
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { LinksAsOf } from '../ledger/links.js';
import { groupsOf, planDirtyIds } from '../ledger/plan-index.js';
import { parseSnapshot, putSnapshot } from './plan-input-from-ledger.js';
import { dropPartitionTable, iterateRowsOfTypes, partitionRows, rowsByIds, writePartitionTable, type PlanRow } from '../ledger/plan-rows.js';
import type { Operation } from '../plan/operation.js';
import { emptySnapshots } from '../plan/plan-input.js';
import { passesFor } from '../plan/passes/registry.js';
import { PartitionBuilder } from '../plan/partition-builder.js';
import { balanceTransactionReferrers, DEPOSIT_TYPES, objectReferences, partitionedType, SHARED_TYPES } from '../plan/object-references.js';
import { customerTransaction, GLOBAL, usageBucket } from '../plan/passes/customers/customer-usage.js';
import { globalCustomerKey } from '../plan/keys.js';
import { depositSnapshots, groupPayouts, partitionPlanner, snapshotsOf, type PlanPartitionsOptions } from './plan-partitions.js';

const SHARED = new Set<string>(SHARED_TYPES);
const DEPOSIT = new Set<string>(DEPOSIT_TYPES);
const BATCH = 500;

/** What changed, and what of the ledger it reaches. */
export type ChangeScope =
  | { kind: 'full'; reason: string }
  | {
      kind: 'changes';
      /** Objects marked changed. */
      dirty: number;
      /** Ledger objects of the partition groups the changes reach, (created, id) order. */
      members: PlanRow[];
      /** Payouts whose deposits read a changed object. */
      payouts: string[];
    };

/** What the changes recorded in `plan_dirty` reach. Reads the changed objects and their groups only. */
export function changeScope(ledger: Ledger, settings: Settings): ChangeScope {
  const dirty = planDirtyIds(ledger.sqlite);
  const typed = selectBatched<{ id: string; type: string; payout: string | null }>(
    ledger, dirty, (n) => `SELECT id, type, payout FROM stripe_objects WHERE id IN (${marks(n)})`,
  );
  const typeOf = new Map(typed.map((r) => [r.id, r.type]));
  const shared = typed.find((r) => SHARED.has(r.type));
  if (shared) return { kind: 'full', reason: `${shared.type} ${shared.id} changed (every partition reads it)` };
  // Ids the ledger lacks (a link's Stripe id, an object not stored) still join groups through references to them.
  const seeds = dirty.filter((id) => !DEPOSIT.has(typeOf.get(id) ?? '') && (!typeOf.has(id) || partitionedType(typeOf.get(id)!)));
  const reached = seeds.length > 0 ? groupsOf(ledger.sqlite, seeds) : new Set<string>();
  const members = rowsByIds(ledger, reached).filter((r) => partitionedType(r.type));
  const globalLinked = readLinkKey(ledger, globalCustomerKey());
  if (!globalLinked) {
    for (const r of members) {
      const t = customerTransaction(settings, r.type, JSON.parse(r.json));
      if (t && usageBucket(settings, t.customer) === GLOBAL) {
        return { kind: 'full', reason: `${r.type} ${r.id} goes to the global customer, which has no record yet` };
      }
    }
  }
  const payouts = new Set<string>(typed.filter((r) => DEPOSIT.has(r.type)).map((r) => r.id));
  for (const r of members) if (r.payout) payouts.add(r.payout);
  return { kind: 'changes', dirty: dirty.length, members, payouts: [...payouts] };
}

/** The operations of the partitions a change reaches, a partition at a time (as planPartitions yields them). */
export async function* planChangedPartitions(
  ledger: Ledger,
  settings: Settings,
  scope: Extract<ChangeScope, { kind: 'changes' }>,
  o: PlanPartitionsOptions = {},
): AsyncGenerator<Operation[], void, undefined> {
  if (scope.members.length === 0 && scope.payouts.length === 0) return;
  const maxObjects = o.maxObjects ?? settings.apply.partitionObjects;
  const links = new LinksAsOf(ledger);
  const sharedSnapshots = emptySnapshots();
  for (const row of iterateRowsOfTypes(ledger, SHARED_TYPES, { ordered: false })) putSnapshot(sharedSnapshots, parseSnapshot(row));
  const { prices, products, coupons } = sharedSnapshots;
  const shared = { prices, products, coupons };
  const plan = partitionPlanner(settings, links, o, {});

  const builder = new PartitionBuilder();
  for (const r of scope.members) builder.add(r.id, objectReferences(r.type, JSON.parse(r.json)));
  const partitions = builder.partitions(maxObjects);
  scope.members.length = 0; // the partition table holds them now
  try {
    writePartitionTable(ledger, partitions);
    for (let part = 0; part < partitions.length; part++) {
      const rows = partitionRows(ledger, part);
      const operations = plan(rows.map((row) => parseSnapshot(row)), shared, passesFor('related-objects'));
      o.onPartition?.({ side: 'customer', ids: rows.map((r) => r.id), operations });
      yield operations;
    }
    dropPartitionTable(ledger);
    if (scope.payouts.length === 0) return;
    const payoutRows = rowsByIds(ledger, scope.payouts).filter((r) => DEPOSIT.has(r.type));
    const counts = new Map(
      selectBatched<{ payout: string; n: number }>(
        ledger, scope.payouts,
        (n) => `SELECT payout, COUNT(*) AS n FROM stripe_objects WHERE payout IN (${marks(n)}) GROUP BY payout`,
      ).map((r) => [r.payout, r.n]),
    );
    for (const payouts of groupPayouts(payoutRows, counts, maxObjects)) {
      const referrers = btReferrersOf(ledger, payouts);
      const operations = plan(depositSnapshots(ledger, payouts, referrers), shared, passesFor('payouts'));
      o.onPartition?.({ side: 'deposit', ids: payouts, operations });
      yield operations;
    }
  } finally {
    dropPartitionTable(ledger);
  }
}

/** Balance transaction → the objects that point at it (failed charges, disputes), for these payouts' transactions. */
function btReferrersOf(ledger: Ledger, payouts: string[]): Map<string, string[]> {
  const bts = selectBatched<{ id: string }>(ledger, payouts, (n) => `SELECT id FROM stripe_objects WHERE payout IN (${marks(n)})`).map((r) => r.id);
  const candidates = selectBatched<{ id: string }>(ledger, bts, (n) => `SELECT id FROM plan_refs WHERE ref IN (${marks(n)})`).map((r) => r.id);
  const out = new Map<string, string[]>();
  const wanted = new Set(bts);
  for (const row of rowsByIds(ledger, candidates)) {
    for (const bt of balanceTransactionReferrers(row.type, JSON.parse(row.json))) {
      if (!wanted.has(bt)) continue;
      const list = out.get(bt);
      if (list) list.push(row.id);
      else out.set(bt, [row.id]);
    }
  }
  return out;
}

function readLinkKey(ledger: Ledger, key: string): boolean {
  return ledger.sqlite.prepare('SELECT 1 FROM links WHERE op_key = ?').get(key) !== undefined;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function selectBatched<T>(ledger: Ledger, keys: readonly string[], sql: (n: number) => string): T[] {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    out.push(...(ledger.sqlite.prepare(sql(batch.length)).all(...batch) as T[]));
  }
  return out;
}
