// Stripe reads that failed in the last run that read Stripe: recorded so `status` can name them; the next run
// retries them by itself (extract-run.ts keeps failed windows' cursors and re-fetches failed objects).
import type { Ledger } from './open-ledger.js';

export interface ReadFailure {
  type: string;
  stripeId?: string;
  error: string;
}

/** Replaces the recorded failures with this run's (an empty list: every read went through). */
export function replaceReadFailures(ledger: Ledger, runId: number, failures: readonly ReadFailure[], now: number): void {
  const insert = ledger.sqlite.prepare(
    'INSERT INTO read_failures (run_id, type, stripe_id, error, at) VALUES (?, ?, ?, ?, ?)',
  );
  ledger.sqlite.transaction(() => {
    ledger.sqlite.prepare('DELETE FROM read_failures').run();
    for (const f of failures) insert.run(runId, f.type, f.stripeId ?? null, f.error, now);
  })();
}

export function readReadFailures(ledger: Ledger, limit: number): Array<ReadFailure & { runId: number }> {
  const rows = ledger.sqlite
    .prepare('SELECT run_id, type, stripe_id, error FROM read_failures ORDER BY id LIMIT ?')
    .all(limit) as Array<{ run_id: number; type: string; stripe_id: string | null; error: string }>;
  return rows.map((r) => ({ runId: r.run_id, type: r.type, ...(r.stripe_id ? { stripeId: r.stripe_id } : {}), error: r.error }));
}

export function countReadFailures(ledger: Ledger): number {
  return (ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM read_failures').get() as { n: number }).n;
}
