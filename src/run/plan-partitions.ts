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
import { buildPlan } from '../plan/build-plan.js';
import type { Operation } from '../plan/operation.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PartitionContext, type PlanInput, type StripeSnapshots } from '../plan/plan-input.js';
import { ALL_PASSES, passesFor } from '../plan/passes/registry.js';
import type { Pass } from '../plan/pass.js';
import { PartitionBuilder } from '../plan/partition-builder.js';
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
}

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
    builder.add(row.id, objectReferences(row.type, object));
    for (const passSurvey of surveys) passSurvey.see(row.type, object);
    for (const bt of balanceTransactionReferrers(row.type, object)) {
      const list = btReferrers.get(bt);
      if (list) list.push(row.id);
      else btReferrers.set(bt, [row.id]);
    }
  }
  const { prices, products, coupons } = sharedSnapshots;
  return {
    partitions: builder.partitions(maxObjects),
    shared: { prices, products, coupons },
    surveyed: Object.assign({}, ...surveys.map((passSurvey) => passSurvey.result())) as LedgerSurvey['surveyed'],
    btReferrers,
  };
}

function snapshotsOf(snapshots: readonly Snapshot[], shared: LedgerSurvey['shared']): StripeSnapshots {
  const stripe = { ...emptySnapshots(), ...shared };
  for (const s of snapshots) putSnapshot(stripe, s);
  return stripe;
}

/** Payouts in (created, id) order, grouped so that each group sweeps about `maxObjects` balance transactions. */
function payoutGroups(ledger: Ledger, maxObjects: number): string[][] {
  const counts = balanceTransactionCounts(ledger);
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of iterateRowsOfTypes(ledger, DEPOSIT_TYPES)) {
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
function depositSnapshots(ledger: Ledger, payoutIds: string[], btReferrers: Map<string, string[]>): Snapshot[] {
  const parse = (rows: PlanRow[]) => rows.map((row) => parseSnapshot(row));
  const payouts = parse(rowsByIds(ledger, payoutIds));
  const transactions = parse(balanceTransactionsOfPayouts(ledger, payoutIds));
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
  const planned = new Map<string, string | null>();
  const plan = (stripe: StripeSnapshots, passes: readonly Pass[]): Operation[] => {
    const input: PlanInput = {
      stripe,
      links,
      settings,
      ...(o.account ? { account: o.account } : {}),
      partition: { planned, ...s.surveyed },
    };
    const { operations } = buildPlan(input, passes);
    for (const op of operations) planned.set(op.key, op.blocked ?? null);
    return operations;
  };
  try {
    writePartitionTable(ledger, s.partitions);
    const count = s.partitions.length;
    s.partitions.length = 0; // the table holds them now
    for (let part = 0; part < count; part++) {
      const snapshots = partitionRows(ledger, part).map((row) => parseSnapshot(row));
      yield plan(snapshotsOf(snapshots, s.shared), passesFor('related-objects'));
    }
    dropPartitionTable(ledger);
    for (const payouts of payoutGroups(ledger, maxObjects)) {
      yield plan(snapshotsOf(depositSnapshots(ledger, payouts, s.btReferrers), s.shared), passesFor('payouts'));
    }
  } finally {
    dropPartitionTable(ledger);
  }
}
