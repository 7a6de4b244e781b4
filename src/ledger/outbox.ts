// The outbox: every operation a run intends to perform, recorded before any write, with what became of it.
import type { Ledger } from './open-ledger.js';
import { prepared } from './prepared.js';
import { transact } from './transact.js';
import type { OutboxStatus } from './tables.js';
import { bumpContentVersion } from './content-version.js';
import { markPlanDirty } from './plan-index.js';
import { objectsWaitingFor } from './parked-partitions.js';

/**
 * What the outbox keeps of an operation in its own columns (plan/operation.ts `Operation` has these and more: the
 * whole operation goes in `op_json`). Structural, so the ledger does not import the plan.
 */
export interface OutboxOperation {
  key: string;
  pass: string;
  action: string;
  recordType: string;
  externalId: string;
  stripeId: string;
  hash: string;
}

export interface OutboxRow {
  op_key: string;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
}

/**
 * Records the operations of a run as `planned`. A row left `sending` by a crashed run keeps that status, so apply
 * knows its outcome is unknown and looks the record up before writing. Attempts accumulate across runs; `retry`
 * resets them.
 */
export function recordPlanned(ledger: Ledger, runId: number, ops: readonly OutboxOperation[], now: number): Map<string, OutboxRow> {
  const select = ledger.sqlite.prepare('SELECT op_key, status, attempts, last_error FROM outbox WHERE op_key = ?');
  const insert = ledger.sqlite.prepare(
    `INSERT INTO outbox (op_key, run_id, pass, seq, action, record_type, external_id, stripe_id, status, attempts, last_error, op_json, updated_at)
     VALUES (@key, @runId, @pass, @seq, @action, @recordType, @externalId, @stripeId, 'planned', 0, NULL, @json, @now)`,
  );
  const update = ledger.sqlite.prepare(
    `UPDATE outbox SET run_id = @runId, pass = @pass, seq = @seq, op_json = @json, updated_at = @now,
       status = CASE WHEN status IN ('blocked', 'done') THEN 'planned' ELSE status END
     WHERE op_key = @key`,
  );
  const prior = new Map<string, OutboxRow>();
  ledger.sqlite.transaction(() => {
    ops.forEach((op, seq) => {
      const existing = select.get(op.key) as OutboxRow | undefined;
      const row = {
        key: op.key,
        runId,
        pass: op.pass,
        seq,
        action: op.action,
        recordType: op.recordType,
        externalId: op.externalId,
        stripeId: op.stripeId,
        json: JSON.stringify(op),
        now,
      };
      if (existing) {
        prior.set(op.key, existing);
        update.run(row);
      } else {
        insert.run(row);
      }
    });
  })();
  return prior;
}

export function markSending(ledger: Ledger, key: string, now: number): void {
  const sql = "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE op_key = ?";
  prepared(ledger.sqlite, sql).run(now, key);
}

export function markOutcome(
  ledger: Ledger,
  key: string,
  status: Exclude<OutboxStatus, 'sending' | 'done'>,
  error: string | null,
  now: number,
): void {
  const sql = 'UPDATE outbox SET status = ?, last_error = ?, updated_at = ? WHERE op_key = ?';
  prepared(ledger.sqlite, sql).run(status, error, now, key);
}

/** The write was refused before NetSuite looked at it (login refused): back to planned, the attempt not counted. */
export function markNotSent(ledger: Ledger, key: string, now: number): void {
  const sql = "UPDATE outbox SET status = 'planned', attempts = MAX(attempts - 1, 0), updated_at = ? WHERE op_key = ?";
  prepared(ledger.sqlite, sql).run(now, key);
}

/** Left `sending` with the attempt given back: the write may have reached NetSuite, so the next run looks it up. */
export function markOutcomeUnknown(ledger: Ledger, key: string, now: number): void {
  const sql = 'UPDATE outbox SET attempts = MAX(attempts - 1, 0), updated_at = ? WHERE op_key = ?';
  prepared(ledger.sqlite, sql).run(now, key);
}

/** Link and `done` in one transaction: either both are recorded or neither (then the next run looks it up). */
export function markDone(
  ledger: Ledger,
  op: OutboxOperation,
  internalId: string,
  runId: number,
  now: number,
): void {
  const write = () => {
    prepared(
      ledger.sqlite,
      `INSERT INTO links (op_key, record_type, external_id, internal_id, stripe_id, body_hash, run_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(op_key) DO UPDATE SET internal_id = excluded.internal_id, body_hash = excluded.body_hash`,
    ).run(op.key, op.recordType, op.externalId, internalId, op.stripeId, op.hash, runId, now);
    // A new link can unblock what waits on it in another partition (a deposit on its payment): plan it again.
    // So can a partition parked with only blocked operations that looked this key up (parked-partitions.ts).
    markPlanDirty(ledger.sqlite, [op.stripeId, ...objectsWaitingFor(ledger.sqlite, op.key)], bumpContentVersion(ledger.sqlite));
    const done = "UPDATE outbox SET status = 'done', last_error = NULL, updated_at = ? WHERE op_key = ?";
    prepared(ledger.sqlite, done).run(now, op.key);
  };
  // Inside apply's batch transaction already (outbox-states.ts): no savepoint per write.
  if (ledger.sqlite.inTransaction) write();
  else transact(ledger.sqlite, write);
}

/** `retry`: failed (and blocked) operations get a fresh attempt budget on the next run. */
export async function requeueFailed(ledger: Ledger, keys?: string[]): Promise<number> {
  let q = ledger.db
    .updateTable('outbox')
    .set({ status: 'planned', attempts: 0 })
    .where('status', 'in', ['failed', 'blocked']);
  if (keys && keys.length > 0) q = q.where('op_key', 'in', keys);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function outboxCounts(ledger: Ledger): Promise<Record<OutboxStatus, number>> {
  const rows = await ledger.db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<OutboxStatus, number> = { planned: 0, sending: 0, done: 0, failed: 0, blocked: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
