// Apply: executes the plan's operations pass by pass within NetSuite's concurrency limit, crash-safe.
// Before a write the operation is `sending`; after it, link and `done` are committed together. A `sending` row
// found at start (a crash or a lost response) is resolved by looking the record up by externalId first.
import type { Ledger } from '../ledger/open-ledger.js';
import { readLinks } from '../ledger/links.js';
import { markDone, markNotSent, markOutcome, markSending, recordPlanned, type OutboxRow } from '../ledger/outbox.js';
import { NetSuiteError } from '../netsuite/errors.js';
import { forgetAccountExtras, forgetAccountProfile } from '../ledger/netsuite-schema-cache.js';
import { PASSES, type Operation } from '../plan/operation.js';
import type { Plan } from '../plan/build-plan.js';
import type { NetSuiteWriter } from './netsuite-writer.js';
import { resolveRefs, UnresolvedReferenceError } from './resolve-refs.js';
import { findMatchingCustomer } from './customer-match.js';
import { ConcurrencyLimiter } from '../netsuite/concurrency-limiter.js';

export type OperationResult =
  | { status: 'done'; internalId: string; created: boolean }
  | { status: 'failed'; error: string }
  | { status: 'blocked'; reason: string }
  | { status: 'skipped'; reason: string };

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
 * made), and the operations that did not end done, so a later partition's dependents are blocked with the reason.
 */
export interface ApplyCarry {
  internalIds: Map<string, string>;
  notDone: Map<string, OperationResult>;
}

export function newApplyCarry(ledger: Ledger): ApplyCarry {
  return { internalIds: readLinks(ledger), notDone: new Map() };
}

type SendOutcome =
  | { kind: 'sent'; sent: { internalId: string; created: boolean } }
  | { kind: 'held'; reason: string }
  | { kind: 'error'; error: unknown };

export interface ApplyResult {
  done: number;
  created: number;
  failed: number;
  blocked: number;
  skipped: number;
  stopped: boolean;
  results: Map<string, OperationResult>;
}

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
  const prior = recordPlanned(ledger, o.runId, plan.operations, now());
  const results = new Map<string, OperationResult>();
  let stopped = false;
  let accessRefused: NetSuiteError | undefined;

  // Two limits. `network` is NetSuite's: at most `concurrency` operations have requests out. Up to as many more
  // are admitted beside them (references resolved, `sending` recorded), so that when a request returns the next
  // one leaves at once and the finished one's bookkeeping runs while it is out: that work is off the critical
  // path of the account's slots. A crash can thus leave up to 2 × concurrency rows `sending`; each costs one
  // lookup by externalId on the next run, never a duplicate.
  const concurrency = Math.max(1, o.concurrency);
  const maxAdmitted = 2 * concurrency;
  const network = new ConcurrencyLimiter(concurrency);
  const inPlan = new Set(plan.operations.map((op) => op.key));
  const cyclic = dependencyCycles(plan.operations);
  // An operation is queued only once its prerequisites are done (no suspended call per waiting operation: a
  // backfill plans tens of thousands). `ready` is FIFO, so the plan's pass order holds among ready operations.
  const waiters = new Map<string, Operation[]>();
  const depCursor = new Map<string, number>();
  const ready: Operation[] = [];
  let readyHead = 0;
  let admittedCount = 0;
  let allSettled!: () => void;
  let failRun!: (err: unknown) => void;
  const settled = new Promise<void>((resolve, reject) => {
    allSettled = resolve;
    failRun = reject;
  });

  const finish = (op: Operation, result: OperationResult): OperationResult => {
    results.set(op.key, result);
    if (result.status === 'blocked') markOutcome(ledger, op.key, 'blocked', result.reason, now());
    o.onResult?.(op, result);
    const waiting = waiters.get(op.key);
    if (waiting) {
      waiters.delete(op.key);
      for (const w of waiting) advance(w);
    }
    if (results.size === plan.operations.length) allSettled();
    return result;
  };

  /** Why an operation must not start now (stop requested, login refused), or undefined. */
  const holdReason = (): string | undefined => {
    if (o.shouldStop?.()) {
      stopped = true;
      return 'run stopped before this operation started';
    }
    return accessRefused ? `not sent: ${accessRefused.message}` : undefined;
  };

  /** Walks the prerequisites in order: waits on the first not yet settled, or settles the operation. */
  const advance = (op: Operation): void => {
    let i = depCursor.get(op.key) ?? 0;
    for (; i < op.dependsOn.length; i++) {
      const dep = op.dependsOn[i];
      if (internalIds.has(dep)) continue;
      if (!inPlan.has(dep) && !carry.notDone.has(dep)) {
        finish(op, { status: 'blocked', reason: `needs ${dep}, which is neither in NetSuite nor in this plan` });
        return;
      }
      const depResult = results.get(dep) ?? carry.notDone.get(dep);
      if (!depResult) {
        depCursor.set(op.key, i);
        const list = waiters.get(dep);
        if (list) list.push(op);
        else waiters.set(dep, [op]);
        return;
      }
      if (depResult.status !== 'done') {
        const why = depResult.status === 'failed' ? depResult.error : depResult.reason;
        finish(op, { status: 'blocked', reason: `waiting on ${dep} (${depResult.status}: ${why})` });
        return;
      }
    }
    depCursor.delete(op.key);
    const before = prior.get(op.key);
    if (before?.status === 'failed' && before.attempts >= o.maxAttempts) {
      finish(op, {
        status: 'skipped',
        reason: `failed ${before.attempts} times (last: ${before.last_error ?? 'unknown'}); run \`stripe-netsuite retry\``,
      });
      return;
    }
    ready.push(op);
    pump();
  };

  const pump = (): void => {
    while (admittedCount < maxAdmitted && readyHead < ready.length) {
      const op = ready[readyHead];
      ready[readyHead++] = undefined as unknown as Operation; // let finished operations be collected
      if (readyHead > 1024 && readyHead * 2 > ready.length) {
        ready.splice(0, readyHead);
        readyHead = 0;
      }
      admittedCount++;
      void admit(op).then(
        () => {
          admittedCount--;
          pump();
        },
        (err) => failRun(err),
      );
    }
  };

  const admit = async (op: Operation): Promise<void> => {
    const held = holdReason();
    if (held) {
      finish(op, { status: 'skipped', reason: held });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = resolveRefs(op.body, (k) => internalIds.get(k)) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof UnresolvedReferenceError) {
        finish(op, { status: 'blocked', reason: err.message });
        return;
      }
      throw err;
    }
    const before = prior.get(op.key);
    markSending(ledger, op.key, now());
    const outcome = await network.run(async (): Promise<SendOutcome> => {
      // Re-checked: the run may have been stopped, or the login refused, while this one waited for a slot.
      const late = holdReason();
      if (late) return { kind: 'held', reason: late };
      try {
        return { kind: 'sent', sent: await send(op, before, body) };
      } catch (error) {
        return { kind: 'error', error };
      }
    });
    if (outcome.kind === 'held') {
      markNotSent(ledger, op.key, now());
      finish(op, { status: 'skipped', reason: outcome.reason });
      return;
    }
    if (outcome.kind === 'sent') {
      markDone(ledger, op, outcome.sent.internalId, o.runId, now());
      internalIds.set(op.key, outcome.sent.internalId);
      // Sent and recorded (the outbox keeps it): a backfill holds tens of thousands of operations, so the body
      // is not kept in memory for the rest of the run.
      op.body = {};
      finish(op, { status: 'done', ...outcome.sent });
      return;
    }
    const err = outcome.error;
    if (err instanceof UnresolvedReferenceError) {
      finish(op, { status: 'blocked', reason: err.message });
      return;
    }
    if (err instanceof NetSuiteError && err.kind === 'auth') {
      // Every request would be refused the same way: stop, and keep the operation's attempts for later.
      accessRefused ??= err;
      markNotSent(ledger, op.key, now());
      finish(op, { status: 'skipped', reason: `not sent: ${err.message}` });
      return;
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
    markOutcome(ledger, op.key, 'failed', message, now());
    finish(op, { status: 'failed', error: message });
  };

  /** The operation's requests; `sending` is already recorded. */
  const send = async (
    op: Operation,
    before: OutboxRow | undefined,
    body: Record<string, unknown>,
  ): Promise<{ internalId: string; created: boolean }> => {
    switch (op.action) {
      case 'create':
      case 'close': {
        if (before?.status === 'sending') {
          // A previous attempt's outcome is unknown: never write twice.
          const existing = await client.getByExternalId(op.recordType, op.externalId);
          if (existing && typeof existing.id === 'string') return { internalId: existing.id, created: false };
        }
        return client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
      }
      case 'link': {
        const link = op.link;
        if (!link) throw new Error(`${op.key}: link operation without a link specification`);
        if (link.internalId) {
          try {
            await client.get(op.recordType, link.internalId, { fields: ['id'] });
          } catch (err) {
            throw new Error(
              `${op.stripeId}: metadata netsuite_customer_id ${link.internalId} does not name a NetSuite ${op.recordType} (${(err as Error).message})`,
            );
          }
          return { internalId: link.internalId, created: false };
        }
        if (link.match) {
          const found = await findMatchingCustomer(client, link.match.field, link.match.value);
          if (found) return { internalId: found, created: false };
        }
        if (!link.createIfMissing) throw new Error(`${op.key}: no matching NetSuite ${op.recordType}`);
        return client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
      }
      case 'apply': {
        const targetId = op.target ? internalIds.get(op.target) : undefined;
        if (!targetId) throw new UnresolvedReferenceError(op.target ?? '(no target)');
        await client.update(op.recordType, targetId, body);
        return { internalId: targetId, created: false };
      }
    }
  };

  const passIndex = new Map<string, number>(PASSES.map((pass, i) => [pass, i]));
  const inPassOrder = plan.operations
    .map((op, i) => ({ op, i }))
    .sort((a, b) => (passIndex.get(a.op.pass) ?? PASSES.length) - (passIndex.get(b.op.pass) ?? PASSES.length) || a.i - b.i)
    .map((x) => x.op);
  for (const op of inPassOrder) {
    if (op.blocked) finish(op, { status: 'blocked', reason: op.blocked });
    else if (cyclic.has(op.key)) finish(op, { status: 'blocked', reason: 'its prerequisites depend on it (a cycle in the plan)' });
    else advance(op);
  }
  await settled;

  if (accessRefused) throw new NetSuiteAccessError(accessRefused.message);

  let done = 0;
  let created = 0;
  let failed = 0;
  let blocked = 0;
  let skipped = 0;
  for (const [key, r] of results) {
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
  return { done, created, failed, blocked, skipped, stopped, results };
}

/** Keys of operations on a dependency cycle (which would otherwise wait for each other forever). */
function dependencyCycles(ops: Operation[]): Set<string> {
  const deps = new Map(ops.map((op) => [op.key, op.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const onCycle = new Set<string>();
  const visit = (key: string, path: string[]): void => {
    const st = state.get(key);
    if (st === 'done') return;
    if (st === 'visiting') {
      for (const k of path.slice(path.indexOf(key))) onCycle.add(k);
      return;
    }
    state.set(key, 'visiting');
    for (const d of deps.get(key) ?? []) if (deps.has(d)) visit(d, [...path, key]);
    state.set(key, 'done');
  };
  for (const op of ops) visit(op.key, []);
  return onCycle;
}

/** NetSuite refused a property the account does not have (X-NetSuite-PropertyNameValidation: error). */
function refusesUnknownField(err: NetSuiteError): boolean {
  return err.kind === 'validation' && /field name|does not exist on this record|unknown (field|property)/i.test(err.detail);
}
