// What `status` reports, read from the ledger.
import type { Ledger } from './open-ledger.js';
import { outboxCounts } from './outbox.js';
import { readInvalidObjects } from './invalid-objects.js';
import { countReadFailures, readReadFailures, type ReadFailure } from './read-failures.js';

export interface RunRow {
  id: number;
  kind: string;
  status: string;
  startedAt: number;
  finishedAt: number | null;
  summary: unknown;
}

export interface LedgerStatus {
  /** Runs that could write to NetSuite (sync, backfill, retry), newest first. */
  runs: RunRow[];
  /** Dry runs (`plan`, `--dry-run`), newest first: they change nothing in NetSuite, so they are kept apart. */
  plans: RunRow[];
  outbox: Record<'planned' | 'sending' | 'done' | 'failed' | 'blocked', number>;
  objects: number;
  links: number;
  problems: Array<{ key: string; stripeId: string; status: string; attempts: number; error: string | null }>;
  /** Blocked and failed operations beyond the `problems` limit. */
  problemsNotShown: number;
  oldestUnsynced: { stripeId: string; type: string; created: number; status: string } | null;
  /** Stripe reads that failed in the last run that read Stripe (retried by the next run). */
  readFailures: { count: number; items: ReadFailure[] };
  /** Stripe objects the plan could not use, with the field and value. */
  invalidObjects: Array<{ stripeId: string; type: string; problem: string }>;
}

export async function readLedgerStatus(ledger: Ledger, o: { runs: number; problems: number }): Promise<LedgerStatus> {
  const runs = await ledger.db.selectFrom('runs').selectAll().where('kind', '!=', 'plan').orderBy('id', 'desc').limit(o.runs).execute();
  const plans = await ledger.db.selectFrom('runs').selectAll().where('kind', '=', 'plan').orderBy('id', 'desc').limit(o.runs).execute();
  const problems = await ledger.db
    .selectFrom('outbox')
    .select(['op_key', 'stripe_id', 'status', 'attempts', 'last_error'])
    .where('status', 'in', ['failed', 'blocked'])
    .orderBy('updated_at', 'desc')
    .limit(o.problems)
    .execute();
  const oldest = await ledger.db
    .selectFrom('outbox')
    .innerJoin('stripe_objects', 'stripe_objects.id', 'outbox.stripe_id')
    .select(['outbox.stripe_id', 'stripe_objects.type', 'stripe_objects.created', 'outbox.status'])
    .where('outbox.status', '!=', 'done')
    .orderBy('stripe_objects.created')
    .limit(1)
    .executeTakeFirst();
  const count = async (table: 'stripe_objects' | 'links') =>
    Number(
      (await ledger.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    );
  const row = (r: (typeof runs)[number]): RunRow => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    summary: r.summary_json ? JSON.parse(r.summary_json) : null,
  });
  const outbox = await outboxCounts(ledger);
  return {
    runs: runs.map(row),
    plans: plans.map(row),
    outbox,
    objects: await count('stripe_objects'),
    links: await count('links'),
    problems: problems.map((p) => ({
      key: p.op_key,
      stripeId: p.stripe_id,
      status: p.status,
      attempts: p.attempts,
      error: p.last_error,
    })),
    problemsNotShown: Math.max(0, outbox.failed + outbox.blocked - problems.length),
    oldestUnsynced: oldest
      ? { stripeId: oldest.stripe_id, type: oldest.type, created: oldest.created, status: oldest.status }
      : null,
    readFailures: {
      count: countReadFailures(ledger),
      items: readReadFailures(ledger, o.problems).map(({ runId: _run, ...f }) => f),
    },
    invalidObjects: readInvalidObjects(ledger, o.problems),
  };
}
