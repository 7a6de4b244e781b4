// The Stripe objects the last plan could not use (plan/invalid-input.ts), for `status` and `explain`.
import type { Ledger } from './open-ledger.js';

export interface InvalidObjectRow {
  stripeId: string;
  type: string;
  problem: string;
}

/**
 * Replaces the verdicts of the objects a plan looked at (`'all'` for a plan of the whole ledger) with what it found:
 * an object it planned and did not find invalid is fixed.
 */
export function replaceInvalidObjects(
  ledger: Ledger,
  objects: Iterable<{ id: string; type: string; problem: string }>,
  planned: 'all' | ReadonlySet<string>,
  now: number,
): void {
  const insert = ledger.sqlite.prepare('INSERT OR REPLACE INTO invalid_objects (stripe_id, type, problem, at) VALUES (?, ?, ?, ?)');
  const forget = ledger.sqlite.prepare('DELETE FROM invalid_objects WHERE stripe_id = ?');
  ledger.sqlite.transaction(() => {
    if (planned === 'all') ledger.sqlite.prepare('DELETE FROM invalid_objects').run();
    else for (const id of planned) forget.run(id);
    for (const o of objects) insert.run(o.id, o.type, o.problem, now);
  })();
}

export function readInvalidObjects(ledger: Ledger, limit: number): InvalidObjectRow[] {
  const rows = ledger.sqlite
    .prepare('SELECT stripe_id, type, problem FROM invalid_objects ORDER BY stripe_id LIMIT ?')
    .all(limit) as Array<{ stripe_id: string; type: string; problem: string }>;
  return rows.map((r) => ({ stripeId: r.stripe_id, type: r.type, problem: r.problem }));
}

export function countInvalidObjects(ledger: Ledger): number {
  return (ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM invalid_objects').get() as { n: number }).n;
}
