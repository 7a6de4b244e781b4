// Incremental planning: the plan of only the partitions whose input changed since they were last planned with
// nothing left to do. `plan_dirty` (ledger/plan-index.ts) names the changed objects (snapshots written, links
// recorded, payouts learned, and every object of a partition that still had operations to apply); their partition
// groups are found by following `plan_refs` from them, so the cost follows the changes, not the ledger. A partition
// with nothing left to do plans nothing whatever the rest of the ledger holds, and a partition holding only blocked
// operations plans them again only when what they wait for changes (ledger/parked-partitions.ts: until then the run
// repeats its operations), so planning the others alone gives the operations of a full plan
// (test/run/plan-incremental.test.ts holds them equal over random change sets). What reaches across every partition
// sends the run back to a full plan: a changed price, product or coupon, and transactions of the global customer
// while it has no record yet (its currencies are the whole ledger's).
import type { Settings } from '../config/settings.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { hasLink, LinksAsOf } from '../ledger/links.js';
import { groupsOf, planDirtyIds, planPendingIds, referrersOf } from '../ledger/plan-index.js';
import { parkedPartitions, parkedUnitsOf, type ParkedPartition } from '../ledger/parked-partitions.js';
import { parseSnapshot } from './plan-input-from-ledger.js';
import {
  balanceTransactionCountsOf,
  balanceTransactionIdsOfPayouts,
  dropPartitionTable,
  objectKinds,
  partitionRows,
  rowsByIds,
  writePartitionTable,
  type PlanRow,
} from '../ledger/plan-rows.js';
import type { Operation } from '../plan/operation.js';
import { passesFor } from '../plan/passes/registry.js';
import { PartitionBuilder } from '../plan/partition-builder.js';
import { balanceTransactionReferrers, DEPOSIT_TYPES, objectReferences, partitionedType, SHARED_TYPES } from '../plan/object-references.js';
import { customerTransaction, GLOBAL, usageBucket } from '../plan/passes/customers/customer-usage.js';
import { depositKey, globalCustomerKey } from '../plan/keys.js';
import { byPass, depositSnapshots, groupPayouts, partitionPlanner, type PlanPartitionsOptions } from './plan-partitions.js';
import { sharedSnapshotsOnDemand } from './shared-snapshots-on-demand.js';

const SHARED = new Set<string>(SHARED_TYPES);
const DEPOSIT = new Set<string>(DEPOSIT_TYPES);

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
      /** Parked partitions the changes reach: planned again (and forgotten once the plan has run to its end). */
      unparked: number[];
      /** Parked partitions the changes do not reach: their operations are repeated as they are. */
      parked: ParkedPartition[];
    };

/** What the changes recorded in `plan_dirty` reach. Reads the changed objects and their groups only. */
export function changeScope(ledger: Ledger, settings: Settings): ChangeScope {
  const dirty = planDirtyIds(ledger.sqlite);
  const changed = new Set(dirty);
  // Partitions still holding operations to apply are planned again, but they did not change.
  const pending = planPendingIds(ledger.sqlite).filter((id) => !changed.has(id));
  const typed = objectKinds(ledger, [...dirty, ...pending]);
  const typeOf = new Map(typed.map((r) => [r.id, r.type]));
  const shared = typed.find((r) => SHARED.has(r.type) && changed.has(r.id));
  if (shared) return { kind: 'full', reason: `${shared.type} ${shared.id} changed (every partition reads it)` };
  // Ids the ledger lacks (a link's Stripe id, an object not stored) still join groups through references to them.
  const seedsOf = (ids: string[]) =>
    ids.filter((id) => !DEPOSIT.has(typeOf.get(id) ?? '') && (!typeOf.has(id) || partitionedType(typeOf.get(id)!)));
  const changedSeeds = seedsOf(dirty);
  const reached = changedSeeds.length > 0 ? groupsOf(ledger.sqlite, changedSeeds) : new Set<string>();
  // Only the changed groups' payouts are planned again for them (a pending group did not change what they read).
  const changedReach = new Set(reached);
  const pendingSeeds = seedsOf(pending).filter((id) => !reached.has(id));
  for (const id of pendingSeeds.length > 0 ? groupsOf(ledger.sqlite, pendingSeeds) : []) reached.add(id);
  const payouts = new Set<string>(typed.filter((r) => DEPOSIT.has(r.type)).map((r) => r.id));
  // A parked partition the changes reach is planned again whole (its other groups too), which may reach more.
  const parked = new Map(parkedPartitions(ledger.sqlite).map((p) => [p.unit, p]));
  const unparked: number[] = [];
  // A parked deposit partition is reached through its payouts and what it read (transactions, their sources) in a
  // changed group.
  const touchedUnits = () =>
    new Set([
      ...parkedUnitsOf(ledger.sqlite, 'customer', [...reached]),
      ...parkedUnitsOf(ledger.sqlite, 'deposit', [...payouts, ...dirty, ...changedReach]),
    ]);
  for (let touched = touchedUnits(); touched.size > 0; ) {
    const more: string[] = [];
    for (const unit of touched) {
      const p = parked.get(unit);
      if (!p) continue;
      parked.delete(unit);
      unparked.push(unit);
      if (p.side === 'deposit') for (const id of p.ids) payouts.add(id);
      else more.push(...p.ids.filter((id) => !reached.has(id)));
    }
    for (const id of more.length > 0 ? groupsOf(ledger.sqlite, more) : []) {
      reached.add(id);
      changedReach.add(id);
    }
    touched = new Set([...touchedUnits()].filter((u) => parked.has(u)));
  }
  const members = rowsByIds(ledger, reached).filter((r) => partitionedType(r.type));
  if (!hasLink(ledger, globalCustomerKey())) {
    for (const r of members) {
      const t = customerTransaction(settings, r.type, JSON.parse(r.json));
      if (t && usageBucket(settings, t.customer) === GLOBAL) {
        return { kind: 'full', reason: `${r.type} ${r.id} goes to the global customer, which has no record yet` };
      }
    }
  }
  for (const r of members) if (r.payout && changedReach.has(r.id)) payouts.add(r.payout);
  return { kind: 'changes', dirty: dirty.length, members, payouts: [...payouts], unparked, parked: [...parked.values()] };
}

/**
 * The operations of the partitions a change reaches, a partition at a time (as planPartitions yields them);
 * `earlier` are the operations of the parked partitions the run repeats, which the plan knows as planned.
 */
export async function* planChangedPartitions(
  ledger: Ledger,
  settings: Settings,
  scope: Extract<ChangeScope, { kind: 'changes' }>,
  o: PlanPartitionsOptions = {},
  earlier: readonly Operation[] = [],
): AsyncGenerator<Operation[], void, undefined> {
  if (scope.members.length === 0 && scope.payouts.length === 0) return;
  const maxObjects = o.maxObjects ?? settings.apply.partitionObjects;
  const links = new LinksAsOf(ledger);
  const shared = sharedSnapshotsOnDemand(ledger);
  const plan = partitionPlanner(settings, links, o, {}, earlier);

  const builder = new PartitionBuilder();
  for (const r of scope.members) builder.add(r.id, objectReferences(r.type, JSON.parse(r.json)));
  const partitions = builder.partitions(maxObjects);
  scope.members.length = 0; // the partition table holds them now
  try {
    writePartitionTable(ledger, partitions);
    for (let part = 0; part < partitions.length; part++) {
      const rows = partitionRows(ledger, part);
      const { operations, waits } = await byPass(plan.byPass(rows.map((row) => parseSnapshot(row)), shared, passesFor('related-objects')));
      o.onPartition?.({ side: 'customer', ids: rows.map((r) => r.id), operations, waits });
      yield operations;
    }
    dropPartitionTable(ledger);
    // A payout whose deposit is made plans nothing (a made record is never planned again): its transactions,
    // which grow with the account, are not read.
    const open = scope.payouts.filter((p) => !links.has(depositKey(p)));
    if (open.length === 0) return;
    const payoutRows = rowsByIds(ledger, open).filter((r) => DEPOSIT.has(r.type));
    const counts = balanceTransactionCountsOf(ledger, open);
    for (const payouts of groupPayouts(payoutRows, counts, maxObjects)) {
      const referrers = btReferrersOf(ledger, payouts);
      const snapshots = depositSnapshots(ledger, payouts, referrers);
      const { operations, waits } = await byPass(plan.byPass(snapshots, shared, passesFor('payouts')));
      o.onPartition?.({ side: 'deposit', ids: payouts, operations, waits, reads: snapshots.map((x) => x.object.id) });
      yield operations;
    }
  } finally {
    dropPartitionTable(ledger);
  }
}

/** Balance transaction → the objects that point at it (failed charges, disputes), for these payouts' transactions. */
function btReferrersOf(ledger: Ledger, payouts: string[]): Map<string, string[]> {
  const bts = balanceTransactionIdsOfPayouts(ledger, payouts);
  const out = new Map<string, string[]>();
  const wanted = new Set(bts);
  for (const row of rowsByIds(ledger, referrersOf(ledger, bts))) {
    for (const bt of balanceTransactionReferrers(row.type, JSON.parse(row.json))) {
      if (!wanted.has(bt)) continue;
      const list = out.get(bt);
      if (list) list.push(row.id);
      else out.set(bt, [row.id]);
    }
  }
  return out;
}
