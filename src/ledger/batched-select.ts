// A query over a list of keys, run in batches: SQLite's default limit on bound parameters is 32,766, and the key
// lists (changed objects, reached payouts) follow what changed, so they can be long.
import type { Ledger } from './open-ledger.js';

const BATCH = 500;

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Rows of `sql(n)` (a query with n placeholders) over every batch of `keys`, in batch order. */
export function selectBatched<T>(ledger: Ledger, keys: readonly string[], sql: (n: number) => string): T[] {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    out.push(...(ledger.sqlite.prepare(sql(batch.length)).all(...batch) as T[]));
  }
  return out;
}
