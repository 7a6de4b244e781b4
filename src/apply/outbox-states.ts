// The outbox state machine of apply, in one place (the rows and their SQL are src/ledger/outbox.ts).
//
//   planned ──▶ sending ──▶ done      the record is made: its link and `done` in one transaction
//      │           ├──────▶ failed    NetSuite refused it: the attempt counts; after `maxAttempts` it waits for `retry`
//      │           ├──────▶ blocked   a reference had no record when it was sent
//      │           ├──────▶ planned   not sent after all (login refused, or the run stopped while it waited for a
//      │           │                  slot): the attempt is given back
//      │           └──────▶ sending   NetSuite went down around it: the outcome is unknown, the attempt is given back
//      │                              and the next run looks the record up first
//      └──────────────────▶ blocked   the plan blocked it, or a prerequisite did not end done
//
// A row found `sending` when a run starts (a crash, or a response lost) has an unknown outcome: the executor looks
// the record up by externalId before writing again (`unsure`).
//
// Transitions are committed in batches: each is queued, and the queue is committed in one transaction. `sending`
// is committed once the event loop has handled what was ready (setImmediate), and a request waits for it
// (`committed()`); what settles a write (done, failed, blocked…) rides along with the next batch, or goes within
// SETTLED_WITHIN_MS, so a run's writes cost a commit per batch of admitted operations, not two per write. The order
// of the two guarantees is kept: a request is sent only once its `sending` is committed, and `done` is queued only
// after NetSuite answered. A crash before a batch commits leaves rows `sending`, which the next run looks up first,
// so it never writes twice.
import type { Ledger } from '../ledger/open-ledger.js';
import { markDone, markNotSent, markOutcome, markOutcomeUnknown, markSending, recordPlanned, type OutboxRow } from '../ledger/outbox.js';
import type { Operation } from '../plan/operation.js';
import { transact } from '../ledger/transact.js';

/** The longest a settled write waits for the next batch (what a crash can leave for the next run to look up). */
const SETTLED_WITHIN_MS = 100;

export class OutboxStates {
  private readonly prior: Map<string, OutboxRow>;
  private queue: Array<() => void> = [];
  private batch: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** A `sending` is in the queue: a request waits for the next commit. */
  private sendingQueued = false;

  /** Records the operations `planned` (rows left `sending` keep that status); remembers each one's prior row. */
  constructor(
    private readonly ledger: Ledger,
    private readonly runId: number,
    operations: Operation[],
    private readonly now: () => number,
  ) {
    this.prior = recordPlanned(ledger, runId, operations, now());
  }

  /** Why the operation is not sent this run (its attempts are spent), or undefined. */
  outOfAttempts(key: string, maxAttempts: number): string | undefined {
    const before = this.prior.get(key);
    if (before?.status !== 'failed' || before.attempts < maxAttempts) return undefined;
    return `failed ${before.attempts} times (last: ${before.last_error ?? 'unknown'}); run \`stripe-netsuite retry\``;
  }

  /** The row was `sending` when the run started: an earlier attempt's outcome is unknown. */
  unsure(key: string): boolean {
    return this.prior.get(key)?.status === 'sending';
  }

  /** planned → sending: an attempt begins (counted). Send nothing before `committed()` resolves. */
  sending(key: string): void {
    const now = this.now();
    this.enqueue(() => markSending(this.ledger, key, now), 'now');
  }

  /** sending → planned: nothing reached NetSuite; the attempt is given back. */
  notSent(key: string): void {
    const now = this.now();
    this.enqueue(() => markNotSent(this.ledger, key, now));
  }

  /** sending stays: NetSuite went down with the outcome unknown; the attempt is given back. */
  outcomeUnknown(key: string): void {
    const now = this.now();
    this.enqueue(() => markOutcomeUnknown(this.ledger, key, now));
  }

  /** sending → done, with the link to the record (only once NetSuite answered). */
  done(op: Operation, internalId: string): void {
    const now = this.now();
    this.enqueue(() => markDone(this.ledger, op, internalId, this.runId, now));
  }

  /** sending → failed. */
  failed(key: string, message: string): void {
    const now = this.now();
    this.enqueue(() => markOutcome(this.ledger, key, 'failed', message, now));
  }

  /** planned | sending → blocked. */
  blocked(key: string, reason: string): void {
    const now = this.now();
    this.enqueue(() => markOutcome(this.ledger, key, 'blocked', reason, now));
  }

  /** Resolves once every `sending` queued so far is committed; rejects if a commit failed (the run must stop). */
  committed(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    // Settled writes alone do not hold a request back: they wait for the next batch.
    return this.sendingQueued ? this.scheduleBatch() : Promise.resolve();
  }

  /** Commits what is queued now (the end of an apply, so nothing is left for a timer). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.failure) throw this.failure.error;
    const writes = this.queue;
    this.queue = [];
    this.sendingQueued = false;
    if (writes.length === 0) return;
    try {
      transact(this.ledger.sqlite, () => {
        for (const write of writes) write();
      });
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  private enqueue(write: () => void, when: 'now' | 'soon' = 'soon'): void {
    this.queue.push(write);
    // A failed commit is reported by committed() and flush(), not here.
    if (when === 'now') {
      this.sendingQueued = true;
      void this.scheduleBatch().catch(() => undefined);
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.scheduleBatch().catch(() => undefined);
      }, SETTLED_WITHIN_MS);
    }
  }

  private scheduleBatch(): Promise<void> {
    this.batch ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.batch = undefined;
        clearTimeout(this.timer);
        this.timer = undefined;
        try {
          this.flush();
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    return this.batch;
  }
}
