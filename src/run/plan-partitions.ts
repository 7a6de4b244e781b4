// The plan of the ledger, built one partition at a time so that a 100,000-object backfill never holds the whole
// ledger, nor the whole plan, in memory. Objects that refer to each other (plan/object-references.ts) share a
// partition; the customer-side passes run over each partition, then the deposits pass over groups of payouts
// with just the transactions they swept and those transactions' sources. What a partition needs to know about
// the others (operations already planned and whether they are blocked, the global customer's currencies) is
// carried in `PlanInput.partition`, so the operations are exactly those of one plan over the whole ledger
// (test/run/plan-partitions.test.ts holds them equal on generated worlds).
import type { Settings } from '../config/settings.js';
import type { AccountProfile } from '../account/account-profile.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readLinks } from '../ledger/links.js';
import { clearPlanRefs, writePlanRefs } from '../ledger/plan-index.js';
import { transact } from '../ledger/transact.js';
import { parseSnapshot, putSnapshot, type Snapshot } from './plan-input-from-ledger.js';
import {
  balanceTransactionCounts,
  balanceTransactionsOfPayouts,
  dropPartitionTable,
  iterateRowsOfTypes,
  partitionRows,
  rowsByIds,
  writePartitionTable,
  type PlanRow,
} from '../ledger/plan-rows.js';
import { buildPlan, buildPlanByPass } from '../plan/build-plan.js';
import { prerequisiteBlocked } from '../plan/blocked-reason.js';
import { dependentsOfInvalid, invalidInput, type InvalidObject } from '../plan/invalid-input.js';
import type { Operation, PassName } from '../plan/operation.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PartitionContext, type PlanInput, type StripeSnapshots } from '../plan/plan-input.js';
import { ALL_PASSES, passesFor } from '../plan/passes/registry.js';
import type { Pass } from '../plan/pass.js';
import { PartitionBuilder } from '../plan/partition-builder.js';
import { LinkLookups } from './link-lookups.js';
import {
  balanceTransactionReferrers,
  DEPOSIT_TYPES,
  depositSourceReferences,
  objectReferences,
  SHARED_TYPES,
} from '../plan/object-references.js';

export interface PlanPartitionsOptions {
  /** Objects per partition; default `settings.apply.partitionObjects`. */
  maxObjects?: number;
  /** What the NetSuite account takes; the plan fits every body to it (absent: every field is sent). */
  account?: AccountProfile;
  /** Filled with the objects the plan could not use (invalid-input.ts), by id. */
  invalid?: Map<string, InvalidObject>;
  /** Filled with the id of every object planned (so an incremental plan knows whose invalid verdicts it renewed). */
  seen?: Set<string>;
  /** Told each partition planned: its objects (payouts for the deposits pass) and its operations. */
  onPartition?: (p: PlannedPartition) => void;
}

export interface PlannedPartition {
  side: 'customer' | 'deposit';
  ids: string[];
  operations: Operation[];
  /** Operation keys its plan looked up and found unlinked (what its blocked operations may wait for). */
  waits: string[];
  /** The objects it read besides its own (a deposit's transactions and their sources): a change to one concerns it. */
  reads?: string[];
}

/** A partition's operations and the unlinked keys its plan looked up. */
export interface PartitionPlan {
  operations: Operation[];
  waits: string[];
}

/** A plan that keeps throwing after this many objects were set aside is not about objects: it fails the run. */
const MAX_OBJECTS_SET_ASIDE = 50;

const SHARED = new Set<string>(SHARED_TYPES);
const DEPOSIT_ONLY = new Set<string>(DEPOSIT_TYPES);

/** What the first read of the ledger learns, before any partition is planned. */
interface LedgerSurvey {
  partitions: string[][];
  shared: Pick<StripeSnapshots, 'prices' | 'products' | 'coupons'>;
  /** What the passes learnt of the whole ledger (the global customer's usage), given to every partition. */
  surveyed: Omit<PartitionContext, 'planned'>;
  /** Balance transaction id → the objects that point at it (failed charges, disputes). */
  btReferrers: Map<string, string[]>;
}

function survey(ledger: Ledger, settings: Settings, maxObjects: number): LedgerSurvey {
  const builder = new PartitionBuilder();
  const sharedSnapshots = emptySnapshots();
  const btReferrers = new Map<string, string[]>();
  const surveys = ALL_PASSES.flatMap((p) => (p.survey ? [p.survey(settings)] : []));
  const types = Object.keys(SNAPSHOT_BUCKETS).filter((t) => !DEPOSIT_ONLY.has(t));
  // In storage order: partitions only need an order that is the same every time for the same ledger.
  for (const row of iterateRowsOfTypes(ledger, types, { ordered: false })) {
    if (SHARED.has(row.type)) {
      putSnapshot(sharedSnapshots, parseSnapshot(row));
      continue;
    }
    const object = JSON.parse(row.json) as Record<string, unknown>;
    const refs = objectReferences(row.type, object);
    builder.add(row.id, refs);
    for (const passSurvey of surveys) passSurvey.see(row.type, object);
    for (const bt of balanceTransactionReferrers(row.type, object)) {
      const list = btReferrers.get(bt);
      if (list) list.push(row.id);
      else btReferrers.set(bt, [row.id]);
    }
  }
  // The edges incremental planning follows from a changed object to its partition (plan-changed-partitions.ts) are
  // rebuilt whole by a full plan (a ledger written before them, or seeded directly, has none), a partition at a
  // time as it is read (`partitionSnapshots`); extraction keeps them after. Held here for the whole ledger, they
  // were a third of a first plan's peak memory.
  clearPlanRefs(ledger.sqlite);
  const { prices, products, coupons } = sharedSnapshots;
  return {
    partitions: builder.partitions(maxObjects),
    shared: { prices, products, coupons },
    surveyed: Object.assign({}, ...surveys.map((passSurvey) => passSurvey.result())) as LedgerSurvey['surveyed'],
    btReferrers,
  };
}

export function snapshotsOf(snapshots: readonly Snapshot[], shared: LedgerSurvey['shared']): StripeSnapshots {
  const stripe = { ...emptySnapshots(), ...shared };
  for (const s of snapshots) putSnapshot(stripe, s);
  return stripe;
}

/** The object whose addition makes planning throw (the shortest throwing prefix ends with it), if one does. */
function firstThrowing(list: readonly Snapshot[], attempt: (prefix: readonly Snapshot[]) => unknown): Snapshot | undefined {
  const throws = (n: number) => {
    try {
      attempt(list.slice(0, n));
      return false;
    } catch {
      return true;
    }
  };
  if (throws(0) || !throws(list.length)) return undefined;
  let ok = 0;
  let bad = list.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (throws(mid)) bad = mid;
    else ok = mid;
  }
  return list[bad - 1];
}

/** A partition's snapshots, writing each object's partition edges on the way (what a full plan rebuilds). */
function partitionSnapshots(ledger: Ledger, rows: readonly PlanRow[]): Snapshot[] {
  return transact(ledger.sqlite, () =>
    rows.map((row) => parseSnapshot(row, true, (object) => writePlanRefs(ledger.sqlite, row.id, objectReferences(row.type, object)))),
  );
}

/** Payouts in (created, id) order, grouped so that each group sweeps about `maxObjects` balance transactions. */
function payoutGroups(ledger: Ledger, maxObjects: number): string[][] {
  return groupPayouts(iterateRowsOfTypes(ledger, DEPOSIT_TYPES), balanceTransactionCounts(ledger), maxObjects);
}

/** Payouts (in (created, id) order) grouped by the balance transactions each swept. */
export function groupPayouts(payouts: Iterable<{ id: string }>, counts: Map<string, number>, maxObjects: number): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of payouts) {
    const n = 1 + (counts.get(row.id) ?? 0);
    if (current.length > 0 && size + n > maxObjects) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(row.id);
    size += n;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** The snapshots the deposits pass reads for a group of payouts. */
export function depositSnapshots(ledger: Ledger, payoutIds: string[], btReferrers: Map<string, string[]>): Snapshot[] {
  const parse = (rows: PlanRow[]) => rows.map((row) => parseSnapshot(row));
  const payouts = parse(rowsByIds(ledger, payoutIds));
  const transactions = parse(balanceTransactionsOfPayouts(ledger, payoutIds));
  // A payout that returns a failed or canceled payout's funds deposits that payout's transactions (deposits.ts).
  const seenPayouts = new Set(payoutIds);
  for (let i = 0; i < transactions.length; i++) {
    const bt = transactions[i].object;
    if (bt.type !== 'payout_failure' && bt.type !== 'payout_cancel') continue;
    const returned = typeof bt.source === 'string' ? bt.source : (bt.source as { id?: string } | null)?.id;
    if (!returned || seenPayouts.has(returned)) continue;
    seenPayouts.add(returned);
    transactions.push(...parse(balanceTransactionsOfPayouts(ledger, [returned])));
  }
  const wanted = new Set<string>();
  for (const bt of transactions) {
    for (const id of depositSourceReferences(bt.type, bt.object)) wanted.add(id);
    for (const id of btReferrers.get(bt.object.id) ?? []) wanted.add(id);
  }
  const sources = parse(rowsByIds(ledger, wanted));
  // A refund's or dispute's charge tells whether it predates the start date.
  const charges = new Set<string>();
  for (const s of sources) {
    for (const id of depositSourceReferences(s.type, s.object)) if (!wanted.has(id)) charges.add(id);
  }
  return [...payouts, ...transactions, ...sources, ...parse(rowsByIds(ledger, charges))];
}

/**
 * Yields the plan's operations one partition at a time. A caller that applies each partition before taking the
 * next still gets the plan of the ledger as it was when planning began: links are read once, here.
 */
export async function* planPartitions(
  ledger: Ledger,
  settings: Settings,
  o: PlanPartitionsOptions = {},
): AsyncGenerator<Operation[], void, undefined> {
  const maxObjects = o.maxObjects ?? settings.apply.partitionObjects;
  const links = readLinks(ledger);
  const s = survey(ledger, settings, maxObjects);
  const plan = partitionPlanner(settings, links, o, s.surveyed);
  try {
    writePartitionTable(ledger, s.partitions);
    const count = s.partitions.length;
    s.partitions.length = 0; // the table holds them now
    for (let part = 0; part < count; part++) {
      const rows = partitionRows(ledger, part);
      const { operations, waits } = await byPass(plan.byPass(partitionSnapshots(ledger, rows), s.shared, passesFor('related-objects')));
      o.onPartition?.({ side: 'customer', ids: rows.map((r) => r.id), operations, waits });
      yield operations;
    }
    dropPartitionTable(ledger);
    for (const payouts of payoutGroups(ledger, maxObjects)) {
      const snapshots = depositSnapshots(ledger, payouts, s.btReferrers);
      const { operations, waits } = await byPass(plan.byPass(snapshots, s.shared, passesFor('payouts')));
      o.onPartition?.({ side: 'deposit', ids: payouts, operations, waits, reads: snapshots.map((x) => x.object.id) });
      yield operations;
    }
  } finally {
    dropPartitionTable(ledger);
  }
}

const SHARED_BUCKETS = { prices: 'price', products: 'product', coupons: 'coupon' } as const;

function sharedSnapshots(shared: LedgerSurvey['shared']): Snapshot[] {
  return Object.entries(SHARED_BUCKETS).flatMap(([bucket, type]) =>
    [...shared[bucket as keyof typeof SHARED_BUCKETS].values()].map((object) => ({ type, object }) as unknown as Snapshot),
  );
}

/** The shared objects without those whose money is outside the exact range (recorded in `invalid`). */
function usableShared(shared: LedgerSurvey['shared'], invalid: Map<string, InvalidObject>): LedgerSurvey['shared'] {
  const bad = new Set<string>();
  for (const snap of sharedSnapshots(shared)) {
    const problem = invalidInput(snap.type, snap.object as unknown as { id: string } & Record<string, unknown>);
    if (problem) {
      invalid.set(problem.id, problem);
      bad.add(problem.id);
    }
  }
  if (bad.size === 0) return shared;
  const keep = <T extends { id: string }>(m: ReadonlyMap<string, T>): Map<string, T> => new Map([...m].filter(([id]) => !bad.has(id)));
  return { prices: keep(shared.prices), products: keep(shared.products), coupons: keep(shared.coupons) };
}

/** Plans a partition: at once, or `byPass`, pausing after each pass (see `byPass` below). */
export interface PartitionPlanner {
  (snapshots: readonly Snapshot[], shared: LedgerSurvey['shared'], passes: readonly Pass[]): PartitionPlan;
  byPass(snapshots: readonly Snapshot[], shared: LedgerSurvey['shared'], passes: readonly Pass[]): Generator<PassName, PartitionPlan, undefined>;
}

/**
 * Runs a partition's plan a pass at a time, letting the event loop turn between passes: a run plans the next
 * partition while the last one applies, and a partition's plan held the loop ~100 ms at once (2,000 objects), so
 * NetSuite's answers waited and the slots stood empty. Between passes nothing the plan reads changes (the links it
 * sees are those of when planning began, the snapshots are read before), so the operations are the same.
 */
export async function byPass(steps: Generator<unknown, PartitionPlan, undefined>): Promise<PartitionPlan> {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Plans one partition after another: each knows the operations the earlier ones planned (and whether they are
 * blocked), as one plan over the whole ledger would; `earlier` are operations planned before (a parked partition's).
 */
export function partitionPlanner(
  settings: Settings,
  links: ReadonlyMap<string, string>,
  o: Pick<PlanPartitionsOptions, 'account' | 'invalid' | 'seen'>,
  surveyed: Omit<PartitionContext, 'planned'>,
  earlier: Iterable<Operation> = [],
): PartitionPlanner {
  const planned = new Map<string, string | null>();
  for (const op of earlier) planned.set(op.key, op.blocked ?? null);
  const lookups = new LinkLookups(links);
  const invalid = o.invalid ?? new Map<string, InvalidObject>();
  const inputOf = (snapshots: readonly Snapshot[], shared: LedgerSurvey['shared']): PlanInput => ({
    stripe: snapshotsOf(snapshots, shared),
    links: lookups,
    settings,
    ...(o.account ? { account: o.account } : {}),
    partition: { planned, ...surveyed },
    setAside: invalid,
  });
  const build = (snapshots: readonly Snapshot[], shared: LedgerSurvey['shared'], passes: readonly Pass[]): Operation[] =>
    buildPlan(inputOf(snapshots, shared), passes).operations;
  // One bad object must not stop the others: objects with money outside the exact range are set aside, and an
  // object a pass throws on is found (the shortest prefix of the group that throws ends with it) and set aside
  // too. What refers to a set-aside object is blocked, naming it.
  function* planPartition(all: readonly Snapshot[], sharedIn: LedgerSurvey['shared'], passes: readonly Pass[]): Generator<PassName, PartitionPlan, undefined> {
    lookups.takeMisses();
    for (const snap of all) {
      o.seen?.add(snap.object.id);
      const bad = invalidInput(snap.type, snap.object);
      if (bad) invalid.set(bad.id, bad);
    }
    // Shared prices, products and coupons are range-checked like every object: an invalid one is left out of
    // the plan's input, and what names it is blocked below.
    const shared = usableShared(sharedIn, invalid);
    let usable = all.filter((snap) => !invalid.has(snap.object.id));
    let operations: Operation[] | undefined;
    for (let setAside = 0; !operations; setAside++) {
      try {
        // Paused after each pass (byPass); finding an object that throws is done at once.
        operations = (yield* buildPlanByPass(inputOf(usable, shared), passes)).operations;
      } catch (err) {
        if (setAside >= MAX_OBJECTS_SET_ASIDE) throw err;
        const culprit = firstThrowing(usable, (prefix) => build(prefix, shared, passes));
        if (!culprit) throw err; // it throws on the shared objects alone: not one object's fault
        const message = err instanceof Error ? err.message : String(err);
        invalid.set(culprit.object.id, {
          id: culprit.object.id,
          type: culprit.type,
          problem: `${culprit.type} ${culprit.object.id}: the plan failed on it: ${message}`,
        });
        usable = usable.filter((snap) => snap !== culprit);
      }
    }
    const dependents = dependentsOfInvalid([...all, ...sharedSnapshots(sharedIn)], invalid);
    for (const op of operations) {
      const cause = dependents.get(op.stripeId);
      if (cause && !op.blocked) op.blocked = `depends on ${cause.id}, which cannot be synced: ${cause.problem}`;
      // Blocked just above, a prerequisite blocks what depends on it as the plan would have (plan-context.ts).
      if (!op.blocked) {
        for (const dep of op.dependsOn) {
          const reason = planned.get(dep);
          if (reason) {
            op.blocked = prerequisiteBlocked(dep, reason);
            break;
          }
        }
      }
      planned.set(op.key, op.blocked ?? null);
    }
    return { operations, waits: lookups.takeMisses() };
  }
  const atOnce = (all: readonly Snapshot[], sharedIn: LedgerSurvey['shared'], passes: readonly Pass[]): PartitionPlan => {
    const steps = planPartition(all, sharedIn, passes);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  };
  return Object.assign(atOnce, { byPass: planPartition });
}
