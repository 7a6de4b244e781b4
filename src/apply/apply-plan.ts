// Apply: executes the plan's operations pass by pass within NetSuite's concurrency limit, crash-safe. Three parts:
// the walk over the dependency graph (walker.ts), the outbox state machine (outbox-states.ts) and one executor per
// action (executors/). Before a write the operation is `sending` (committed before the request; transitions are
// committed a batch per tick, outbox-states.ts); after it, link and `done` are committed
// together. A `sending` row found at start (a crash or a lost response) is resolved by looking the record up by
// externalId first. The plan's operations are only read, never changed.
import type { Ledger } from '../ledger/open-ledger.js';
import { LinksAsOf } from '../ledger/links.js';
import { NetSuiteError, NetSuiteUnavailableError } from '../netsuite/errors.js';
import { forgetAccountExtras, forgetAccountProfile } from '../ledger/netsuite-schema-cache.js';
import { PASSES, type Operation } from '../plan/operation.js';
import type { Plan } from '../plan/build-plan.js';
import type { NetSuiteWriter } from './netsuite-writer.js';
import { resolveRefs, UnresolvedReferenceError } from './resolve-refs.js';
import { STOPPED_REASON, walkGraph, type NodeResult, type NodeWork } from './walker.js';
import { ConcurrencyLimiter } from '../netsuite/concurrency-limiter.js';
import { OutboxStates } from './outbox-states.js';
import { execute, type Executed } from './executors/index.js';
import { DepositReadBackError, readBackDeposit } from './deposit-read-back.js';

export type OperationResult = NodeResult;

/** NetSuite refused the login: the run stops with nothing counted against the operations. */
export class NetSuiteAccessError extends Error {
  constructor(detail: string) {
    super(`NetSuite refused the login (${detail}). Check the NETSUITE_* credentials, the role's permissions and the clock.`);
    this.name = 'NetSuiteAccessError';
  }
}

export interface ApplyOptions {
  runId: number;
  concurrency: number;
  /** Attempts (across runs) after which a failing operation waits for `retry`. */
  maxAttempts: number;
  now?: () => number;
  /** Set to stop starting new operations (SIGTERM); those in flight finish and are recorded. */
  shouldStop?: () => boolean;
  onResult?: (op: Operation, result: OperationResult) => void;
  /** What earlier applies of the same run settled, when the run applies its plan a partition at a time. */
  carry?: ApplyCarry;
}

/**
 * Carried from one apply to the next within a run: internal ids of everything done (links, and what this run
 * made), the operations that did not end done, so a later partition's dependents are blocked with the reason, and
 * those an apply still running has not settled, which a later partition's apply (started before the earlier one
 * ended) waits for. Applies sharing a carry share its slots, so together they keep to the concurrency limit.
 */
export interface ApplyCarry {
  internalIds: Map<string, string>;
  notDone: Map<string, OperationResult>;
  pending: Map<string, Promise<void>>;
  slots?: ConcurrencyLimiter;
  /** An apply of the run halted (NetSuite down, login refused): the others start nothing more. */
  halted?: string;
}

export function newApplyCarry(ledger: Ledger, o: { concurrency?: number } = {}): ApplyCarry {
  // Looked up as needed: a run applying a few operations reads their dependencies' links, not the ledger's.
  return {
    internalIds: new LinksAsOf(ledger, { frozen: false }),
    notDone: new Map(),
    pending: new Map(),
    ...(o.concurrency ? { slots: new ConcurrencyLimiter(o.concurrency) } : {}),
  };
}

export interface ApplyResult {
  done: number;
  created: number;
  failed: number;
  blocked: number;
  skipped: number;
  stopped: boolean;
  results: Map<string, OperationResult>;
}

type SendOutcome = { kind: 'sent'; sent: Executed } | { kind: 'error'; error: unknown };

export async function applyPlan(
  ledger: Ledger,
  client: NetSuiteWriter,
  plan: Plan,
  o: ApplyOptions,
): Promise<ApplyResult> {
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  if (plan.operations.length === 0) {
    return { done: 0, created: 0, failed: 0, blocked: 0, skipped: 0, stopped: false, results: new Map() };
  }
  const carry = o.carry ?? newApplyCarry(ledger);
  const internalIds = carry.internalIds;
  const outbox = new OutboxStates(ledger, o.runId, plan.operations, now);
  // What this apply has not settled yet, for an apply of a later partition that needs it.
  const unsettled = new Map<string, () => void>();
  for (const op of plan.operations) {
    if (carry.pending.has(op.key)) continue;
    carry.pending.set(op.key, new Promise<void>((resolve) => unsettled.set(op.key, resolve)));
  }
  let haltedHere = false;
  /** Settled (or, with no result, left unsettled by a walk that ended early): a later apply may look at it. */
  const release = (key: string, result?: OperationResult): void => {
    const resolve = unsettled.get(key);
    if (!resolve) return;
    if (result && result.status !== 'done') carry.notDone.set(key, result);
    else if (!result && !internalIds.has(key)) carry.notDone.set(key, { status: 'skipped', reason: STOPPED_REASON });
    unsettled.delete(key);
    carry.pending.delete(key);
    resolve();
  };
  let accessRefused: NetSuiteError | undefined;
  let unavailable: NetSuiteUnavailableError | undefined;
  const internalIdOf = (key: string): string | undefined => internalIds.get(key);

  /** What a send's outcome settles, recorded in the outbox. */
  const complete = (op: Operation, outcome: SendOutcome): { result: OperationResult; haltRun?: string } => {
    if (outcome.kind === 'sent') {
      outbox.done(op, outcome.sent.internalId);
      internalIds.set(op.key, outcome.sent.internalId);
      return { result: { status: 'done', ...outcome.sent } };
    }
    const err = outcome.error;
    if (err instanceof UnresolvedReferenceError) return { result: { status: 'blocked', reason: err.message } };
    if (err instanceof DepositReadBackError) {
      // The deposit exists: it is linked (never posted twice), and the run fails naming the payout.
      outbox.done(op, err.internalId);
      internalIds.set(op.key, err.internalId);
      if (err.cause instanceof NetSuiteUnavailableError) unavailable ??= err.cause;
      return { result: { status: 'failed', error: err.message }, ...(err.cause instanceof NetSuiteUnavailableError ? { haltRun: err.message } : {}) };
    }
    if (err instanceof NetSuiteUnavailableError) {
      // NetSuite is down: stop, keep every operation's attempts, and let the run fail naming NetSuite. The write
      // may have reached it before it went down, so the row stays `sending` and the next run looks it up first.
      unavailable ??= err;
      outbox.outcomeUnknown(op.key);
      return { result: { status: 'skipped', reason: `not sent: ${err.message}` }, haltRun: err.message };
    }
    if (err instanceof NetSuiteError && err.kind === 'auth') {
      // Every request would be refused the same way: stop, and keep the operation's attempts for later.
      accessRefused ??= err;
      outbox.notSent(op.key);
      const reason = `not sent: ${err.message}`;
      return { result: { status: 'skipped', reason }, haltRun: reason };
    }
    let message = err instanceof Error ? err.message : String(err);
    if (err instanceof NetSuiteError && refusesUnknownField(err)) {
      // The account's schema changed since it was read (a feature or form was switched off): read it again.
      forgetAccountProfile(ledger);
      message += ' (the account changed since its schema was read: the next run reads it again)';
    } else if (err instanceof NetSuiteError && /period.*closed|closed.*period/i.test(err.detail)) {
      // A period closed since the ledger read them: read the periods again, so the next plan follows the policy.
      forgetAccountExtras(ledger);
    }
    outbox.failed(op.key, message);
    return { result: { status: 'failed', error: message } };
  };

  const passIndex = new Map<string, number>(PASSES.map((pass, i) => [pass, i]));
  const inPassOrder = plan.operations
    .map((op, i) => ({ op, i }))
    .sort((a, b) => (passIndex.get(a.op.pass) ?? PASSES.length) - (passIndex.get(b.op.pass) ?? PASSES.length) || a.i - b.i)
    .map((x) => x.op);

  const walked = await walkGraph<Operation, SendOutcome>(
    inPassOrder,
    {
      doneOutside: (key) => internalIds.has(key),
      settledOutside: (key) => carry.notDone.get(key),
      blockedUpfront: (op) => op.blocked,
      gate: (op) => {
        const spent = outbox.outOfAttempts(op.key, o.maxAttempts);
        return spent ? { status: 'skipped', reason: spent } : undefined;
      },
      admit: (op): OperationResult | NodeWork<SendOutcome> => {
        let body: Record<string, unknown>;
        try {
          // A new object: the plan's body keeps its placeholders, and this one is dropped once sent.
          body = resolveRefs(op.body, internalIdOf) as Record<string, unknown>;
        } catch (err) {
          if (err instanceof UnresolvedReferenceError) return { status: 'blocked', reason: err.message };
          throw err;
        }
        const unsure = outbox.unsure(op.key);
        outbox.sending(op.key);
        return {
          run: async () => {
            // Never a request before its `sending` row is committed: a crash must leave it for a look-up.
            await outbox.committed();
            try {
              const sent = await execute(op, body, { client, unsure, internalIdOf });
              if (op.recordType === 'deposit' && op.action === 'create') await readBackDeposit(client, op, sent.internalId);
              return { kind: 'sent', sent };
            } catch (error) {
              return { kind: 'error', error };
            }
          },
          complete: (outcome) => {
            const settles = complete(op, outcome);
            if (settles.haltRun !== undefined) {
              haltedHere = true;
              carry.halted ??= settles.haltRun; // the run's other applies start nothing more either
            }
            return settles;
          },
          withdraw: (reason) => {
            outbox.notSent(op.key);
            return { status: 'skipped', reason };
          },
        };
      },
      pendingOutside: (key) => carry.pending.get(key),
      settled: (op, result) => {
        release(op.key, result);
        if (result.status === 'blocked') outbox.blocked(op.key, result.reason);
        o.onResult?.(op, result);
      },
    },
    {
      concurrency: o.concurrency,
      shouldStop: () => (carry.halted !== undefined && !haltedHere) || (o.shouldStop?.() ?? false),
      ...(carry.slots ? { slots: carry.slots } : {}),
    },
  ).finally(() => {
    for (const key of [...unsettled.keys()]) release(key);
    outbox.flush();
  });

  if (accessRefused) throw new NetSuiteAccessError(accessRefused.message);
  if (unavailable) throw unavailable;

  let done = 0;
  let created = 0;
  let failed = 0;
  let blocked = 0;
  let skipped = 0;
  for (const [key, r] of walked.results) {
    if (r.status === 'done') {
      done++;
      if (r.created) created++;
      continue;
    }
    carry.notDone.set(key, r);
    if (r.status === 'failed') failed++;
    else if (r.status === 'blocked') blocked++;
    else skipped++;
  }
  return { done, created, failed, blocked, skipped, stopped: walked.stopped, results: walked.results };
}

/** NetSuite refused a property the account does not have (X-NetSuite-PropertyNameValidation: error). */
function refusesUnknownField(err: NetSuiteError): boolean {
  return err.kind === 'validation' && /field name|does not exist on this record|unknown (field|property)/i.test(err.detail);
}
