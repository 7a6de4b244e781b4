// The ledger rows the plan reads, whole or one partition at a time (run/plan-partitions.ts). Readers return rows
// in (created, id) order, the order the plan's input maps are filled in, unless told order does not matter.
import type { Ledger } from './open-ledger.js';
import { byCreatedThenId } from '../stripe-objects/created-order.js';

export interface PlanRow {
  id: string;
  type: string;
  created: number;
  json: string;
  payout: string | null;
}

const COLUMNS = 'id, type, created, json, payout';
/** SQLite's default limit on bound parameters is 32,766; batches stay well below it. */
const BATCH = 500;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

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

/** The balance transactions these payouts swept. */
export function balanceTransactionsOfPayouts(ledger: Ledger, payoutIds: readonly string[]): PlanRow[] {
  return batched(
    ledger,
    payoutIds,
    (n) => `SELECT ${COLUMNS} FROM stripe_objects WHERE type = 'balance_transaction' AND payout IN (${placeholders(n)})`,
  );
}

/** How many balance transactions each payout swept. */
export function balanceTransactionCounts(ledger: Ledger): Map<string, number> {
  const rows = ledger.sqlite
    .prepare(`SELECT payout, COUNT(*) AS n FROM stripe_objects WHERE payout IS NOT NULL GROUP BY payout`)
    .all() as Array<{ payout: string; n: number }>;
  return new Map(rows.map((r) => [r.payout, r.n]));
}

function batched(ledger: Ledger, keys: readonly string[], sql: (n: number) => string): PlanRow[] {
  const out: PlanRow[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    out.push(...(ledger.sqlite.prepare(sql(batch.length)).all(...batch) as PlanRow[]));
  }
  return out.sort(byCreatedThenId);
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
