// Runs: one row per sync, backfill, plan or retry, with its summary.
import type { Ledger } from './open-ledger.js';
import type { RunStatus } from './tables.js';

export async function startRun(ledger: Ledger, kind: string, now: number): Promise<number> {
  const row = await ledger.db
    .insertInto('runs')
    .values({ kind, started_at: now, finished_at: null, status: 'running', summary_json: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(
  ledger: Ledger,
  id: number,
  status: RunStatus,
  summary: unknown,
  now: number,
): Promise<void> {
  await ledger.db
    .updateTable('runs')
    .set({ status, finished_at: now, summary_json: JSON.stringify(summary) })
    .where('id', '=', id)
    .execute();
}

/** Runs left `running` by a process that died: recorded as interrupted so status tells the truth. */
export async function markAbandonedRuns(ledger: Ledger, now: number): Promise<void> {
  await ledger.db
    .updateTable('runs')
    .set({ status: 'interrupted', finished_at: now })
    .where('status', '=', 'running')
    .execute();
}
