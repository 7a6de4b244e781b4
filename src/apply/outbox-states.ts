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
import type { Ledger } from '../ledger/open-ledger.js';
import { markDone, markNotSent, markOutcome, markOutcomeUnknown, markSending, recordPlanned, type OutboxRow } from '../ledger/outbox.js';
import type { Operation } from '../plan/operation.js';

export class OutboxStates {
  private readonly prior: Map<string, OutboxRow>;

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

  /** planned → sending: an attempt begins (counted). */
  sending(key: string): void {
    markSending(this.ledger, key, this.now());
  }

  /** sending → planned: nothing reached NetSuite; the attempt is given back. */
  notSent(key: string): void {
    markNotSent(this.ledger, key, this.now());
  }

  /** sending stays: NetSuite went down with the outcome unknown; the attempt is given back. */
  outcomeUnknown(key: string): void {
    markOutcomeUnknown(this.ledger, key, this.now());
  }

  /** sending → done, with the link to the record. */
  done(op: Operation, internalId: string): void {
    markDone(this.ledger, op, internalId, this.runId, this.now());
  }

  /** sending → failed. */
  failed(key: string, message: string): void {
    markOutcome(this.ledger, key, 'failed', message, this.now());
  }

  /** planned | sending → blocked. */
  blocked(key: string, reason: string): void {
    markOutcome(this.ledger, key, 'blocked', reason, this.now());
  }
}
