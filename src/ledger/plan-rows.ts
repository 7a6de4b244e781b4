// The ledger rows the plan reads, whole or one partition at a time (run/plan-partitions.ts). Readers return rows
// in (created, id) order, the order the plan's input maps are filled in, unless told order does not matter.
import type { Ledger } from './open-ledger.js';
import { byCreatedThenId } from '../stripe-objects/created-order.js';
import { placeholders, selectBatched } from './batched-select.js';

export interface PlanRow {
  id: string;
  type: string;
  created: number;
  json: string;
  payout: string | null;
}

const COLUMNS = 'id, type, created, json, payout';

/**
 * Every row of the given types, one at a time. `ordered: false` saves sorting every snapshot (a second of a
 * 100,000-object scan, and SQLite's sort memory) when the caller does not need the order.
 */
export function iterateRowsOfTypes(
  ledger: Ledger,
  types: readonly string[],
  o = { ordered: true },
): IterableIterator<PlanRow> {
  const order = o.ordered ? ' ORDER BY created, id' : '';
  return ledger.sqlite
    .prepare(`SELECT ${COLUMNS} FROM stripe_objects WHERE type IN (${placeholders(types.length)})${order}`)
    .iterate(...types) as IterableIterator<PlanRow>;
}

/** The rows with these ids (those the ledger has). */
export function rowsByIds(ledger: Ledger, ids: Iterable<string>): PlanRow[] {
  return batched(ledger, [...new Set(ids)], (n) => `SELECT ${COLUMNS} FROM stripe_objects WHERE id IN (${placeholders(n)})`);
}

/**
 * The query of `balanceTransactionsOfPayouts`. Only balance transactions carry a payout, so it is a lookup in the
 * payout index alone: a `type = 'balance_transaction'` term made SQLite scan every balance transaction by the type
 * index instead (test/ledger/plan-rows-query.test.ts reads the query plan).
 */
export const balanceTransactionsOfPayoutsSql = (n: number): string =>
  `SELECT ${COLUMNS} FROM stripe_objects WHERE payout IN (${placeholders(n)})`;

/** The balance transactions these payouts swept. */
export function balanceTransactionsOfPayouts(ledger: Ledger, payoutIds: readonly string[]): PlanRow[] {
  return batched(ledger, payoutIds, balanceTransactionsOfPayoutsSql);
}

/** How many balance transactions each payout swept. */
export function balanceTransactionCounts(ledger: Ledger): Map<string, number> {
  const rows = ledger.sqlite
    .prepare(`SELECT payout, COUNT(*) AS n FROM stripe_objects WHERE payout IS NOT NULL GROUP BY payout`)
    .all() as Array<{ payout: string; n: number }>;
  return new Map(rows.map((r) => [r.payout, r.n]));
}

/** How many balance transactions each of these payouts swept. */
export function balanceTransactionCountsOf(ledger: Ledger, payoutIds: readonly string[]): Map<string, number> {
  const rows = selectBatched<{ payout: string; n: number }>(
    ledger, payoutIds, (n) => `SELECT payout, COUNT(*) AS n FROM stripe_objects WHERE payout IN (${placeholders(n)}) GROUP BY payout`,
  );
  return new Map(rows.map((r) => [r.payout, r.n]));
}

/** The ids of the balance transactions these payouts swept (the payout index alone, no snapshot read). */
export function balanceTransactionIdsOfPayouts(ledger: Ledger, payoutIds: readonly string[]): string[] {
  return selectBatched<{ id: string }>(ledger, payoutIds, (n) => `SELECT id FROM stripe_objects WHERE payout IN (${placeholders(n)})`)
    .map((r) => r.id);
}

/** Type and payout of the objects with these ids (those the ledger has), without reading their snapshots. */
export function objectKinds(ledger: Ledger, ids: readonly string[]): Array<{ id: string; type: string; payout: string | null }> {
  return selectBatched(ledger, ids, (n) => `SELECT id, type, payout FROM stripe_objects WHERE id IN (${placeholders(n)})`);
}

function batched(ledger: Ledger, keys: readonly string[], sql: (n: number) => string): PlanRow[] {
  return selectBatched<PlanRow>(ledger, keys, sql).sort(byCreatedThenId);
}

/**
 * The partition of each object, in a temporary table of this connection, so a partition is read back in one
 * ordered query. Replaces any earlier assignment.
 */
export function writePartitionTable(ledger: Ledger, partitions: readonly string[][]): void {
  const db = ledger.sqlite;
  db.exec('DROP TABLE IF EXISTS temp.plan_partition');
  db.exec('CREATE TEMP TABLE plan_partition (id TEXT PRIMARY KEY, part INTEGER NOT NULL) WITHOUT ROWID');
  const insert = db.prepare('INSERT INTO temp.plan_partition (id, part) VALUES (?, ?)');
  db.transaction(() => {
    partitions.forEach((ids, part) => {
      for (const id of ids) insert.run(id, part);
    });
  })();
  db.exec('CREATE INDEX temp.plan_partition_part ON plan_partition (part)');
}

export function partitionRows(ledger: Ledger, part: number): PlanRow[] {
  return ledger.sqlite
    .prepare(
      `SELECT o.id, o.type, o.created, o.json, o.payout FROM temp.plan_partition p JOIN stripe_objects o ON o.id = p.id
       WHERE p.part = ? ORDER BY o.created, o.id`,
    )
    .all(part) as PlanRow[];
}

export function dropPartitionTable(ledger: Ledger): void {
  ledger.sqlite.exec('DROP TABLE IF EXISTS temp.plan_partition');
}
