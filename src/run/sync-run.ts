// One run: lock → extract → plan → (report | apply) → summary. Used by sync, backfill, plan, schedule and demo.
import type { RuntimeConfig } from '../config/settings.js';
import { openLedger, type Ledger } from '../ledger/open-ledger.js';
import { acquireRunLock } from '../ledger/run-lock.js';
import { finishRun, markAbandonedRuns, startRun } from '../ledger/runs.js';
import type { Plan } from '../plan/build-plan.js';
import { planFromLedger, planOfLedger } from './plan-from-ledger.js';
import { STOPPED_REASON } from '../apply/walker.js';
import { applyPlan, NetSuiteAccessError, newApplyCarry, type ApplyCarry, type ApplyResult, type OperationResult } from '../apply/apply-plan.js';
import { createStripeClient } from '../extract/stripe-client.js';
import { extract, ExtractAbortedError, type BackfillProgress, type ExtractResult } from '../extract/extract-run.js';
import { countInvalidObjects } from '../ledger/invalid-objects.js';
import { replaceReadFailures, type ReadFailure } from '../ledger/read-failures.js';
import { createNetSuiteClient, type NetSuiteClient } from '../netsuite/netsuite-client.js';
import type { RunSummary } from '../report/run-summary.js';
import type { Operation } from '../plan/operation.js';
import { AccountSchemaError } from '../config/load-config.js';
import { missingRequiredFields } from '../account/required-fields.js';
import type { AccountProfile } from '../account/account-profile.js';
import { NetSuiteError, NetSuiteUnavailableError } from '../netsuite/errors.js';
import { cachedAccountProfile, loadAccountProfile } from './load-account-profile.js';
import { settleInDoubtCreates } from '../apply/settle-in-doubt-creates.js';
import { ownPeakRssMb } from './own-peak-rss.js';
import { configuredAccountIds } from '../books/account-names.js';
import { arOf, type ArByCustomer } from '../books/customer-ar.js';
import { doneOperations } from '../ledger/done-operations.js';
import { basisChanges, planBasis, type PlanBasis } from './plan-basis.js';

/** A saved plan whose basis changed since it was made: nothing was written. */
export class StalePlanError extends Error {
  constructor(readonly changed: string[]) {
    super(`the saved plan is stale: ${changed.join(', ')} changed since it was made; make a new plan (plan --out FILE.json)`);
    this.name = 'StalePlanError';
  }
}

export interface SyncRunOptions {
  kind: 'sync' | 'backfill' | 'plan' | 'retry' | 'apply';
  /** `apply FILE`: exactly these operations instead of a new plan, refused when their basis changed (no extract). */
  saved?: { operations: Operation[]; basis: PlanBasis };
  /** Plan only: nothing is written to NetSuite. */
  dryRun: boolean;
  /** Read Stripe first (default); off = plan from what the ledger already holds. */
  extract: boolean;
  /** Backfill range [from, to) in Unix seconds. */
  range?: { from: number; to: number };
  /** Unix seconds; defaults to the wall clock. */
  now?: number;
  shouldStop?: () => boolean;
  onBackfillProgress?: (p: BackfillProgress) => void;
  onOperation?: (op: Operation, result: OperationResult) => void;
}

export interface SyncRunOutcome {
  summary: RunSummary;
  /** Dry runs: the whole plan. A run that applies reports each operation through `onOperation` instead. */
  plan?: Plan;
  /** Dry runs: what the plan was built from, for a saved plan (plan-basis.ts). */
  basis?: PlanBasis;
  /** Dry runs: A/R per customer (of the plan) and currency that earlier runs posted, for the tie-outs. */
  arBefore?: ArByCustomer;
  /** The configured GL accounts' NetSuite names, for the books' impact (dry runs). */
  accountNames?: ReadonlyMap<string, string>;
  extractResult?: ExtractResult;
}

export async function runSync(config: RuntimeConfig, o: SyncRunOptions): Promise<SyncRunOutcome> {
  const ledger = openLedger(config.secrets.ledgerPath);
  try {
    return await runWithLedger(ledger, config, o);
  } finally {
    await ledger.close();
  }
}

async function runWithLedger(ledger: Ledger, config: RuntimeConfig, o: SyncRunOptions): Promise<SyncRunOutcome> {
  const wallClock = () => Math.floor(Date.now() / 1000);
  const startedAtMs = Date.now();
  const lock = acquireRunLock(ledger);
  const heartbeat = setInterval(() => lock.heartbeat(), 30_000);
  heartbeat.unref();
  let runId = 0;
  try {
    await markAbandonedRuns(ledger, wallClock());
    runId = await startRun(ledger, o.dryRun ? 'plan' : o.kind, wallClock());
    let extractResult: ExtractResult | undefined;
    if (o.extract) {
      const stripe = createStripeClient(config.secrets, {
        requestsPerSecond: config.settings.extract.requestsPerSecond,
        timeoutMs: config.settings.extract.requestTimeoutSeconds * 1000,
      });
      const now = o.now ?? wallClock();
      try {
        extractResult = o.range
          ? await extract(ledger, stripe, config.settings, {
              mode: 'backfill',
              now,
              from: o.range.from,
              to: o.range.to,
              onProgress: o.onBackfillProgress,
            })
          : await extract(ledger, stripe, config.settings, { mode: 'sync', now });
      } catch (err) {
        if (err instanceof ExtractAbortedError) {
          replaceReadFailures(ledger, runId, [...readFailuresOf(err.errors), { type: 'stripe', error: err.message }], wallClock());
          throw err.outage; // one line naming Stripe (exit 3)
        }
        throw err;
      }
      replaceReadFailures(ledger, runId, readFailuresOf(extractResult.errors), wallClock());
    }
    const summary: RunSummary = {
      runId,
      kind: o.dryRun ? 'plan' : o.kind,
      startedAt: startedAtMs,
      finishedAt: 0,
      status: 'success',
      extracted: {
        objects: extractResult?.objectsSeen ?? 0,
        changed: (extractResult?.inserted ?? 0) + (extractResult?.changed ?? 0),
        requests: extractResult?.requests ?? 0,
      },
      operations: { planned: 0, done: 0, failed: 0, blocked: 0, skipped: 0 },
      netsuiteRequests: 0,
      ...(extractResult?.errors.length ? { readFailures: extractResult.errors.length } : {}),
      failures: [],
    };
    const counts = summary.operations;
    // The plan comes a partition at a time; a run plans the next while it applies one, so a backfill holds two
    // partitions' snapshots and operations at most, never the whole ledger's (plan-partitions.ts).
    let plan: Plan | undefined;
    let basis: PlanBasis | undefined;
    let arBefore: ArByCustomer | undefined;
    let accountNames: ReadonlyMap<string, string> | undefined;
    if (o.shouldStop?.()) {
      // Stopped (SIGTERM) while reading Stripe: what was read is in the ledger; the next run plans and applies it.
      summary.status = 'interrupted';
    } else if (o.dryRun) {
      const account = await accountForDryRun(ledger, config, wallClock());
      if (account.unavailable) summary.accountProfile = `not read (${account.unavailable}): bodies are not fitted to the account`;
      basis = planBasis(ledger, config.settings, account.profile);
      accountNames = account.profile?.accountNames;
      plan = await planFromLedger(ledger, config.settings, account.profile ? { account: account.profile } : {});
      counts.planned = plan.operations.length;
      counts.blocked = plan.operations.filter((op) => op.blocked).length;
      const customers = new Set(plan.operations.flatMap((op) => (op.summary.customer === undefined ? [] : [op.summary.customer])));
      // Only with customers to show: a plan with nothing to do reads no history.
      if (customers.size > 0) arBefore = arOf(doneOperations(ledger), config.settings.netsuite, undefined, customers);
    } else {
      const client = createNetSuiteClient(config.secrets, config.settings);
      let carry: ApplyCarry | undefined;
      try {
        // Every run that could write proves the credentials first, even with nothing to write: wrong credentials
        // must fail the run (exit 3) the day they break, not the day there is something to post.
        await proveNetSuiteLogin(client);
        // The schema part of preflight: nothing posts unless the account can take what the run sends.
        const account = await loadAccountProfile(ledger, client, { now: wallClock(), accountIds: configuredAccountIds(config.settings.netsuite) });
        const missing = missingRequiredFields(account);
        if (missing.length) throw new AccountSchemaError(missing);
        // What an earlier run sent without hearing back is known before planning, so the plan sees what exists.
        await settleInDoubtCreates(ledger, client, { runId, now: wallClock() });
        let partitions: AsyncIterable<Operation[]> = planOfLedger(ledger, config.settings, { account });
        if (o.saved) {
          const changed = basisChanges(o.saved.basis, planBasis(ledger, config.settings, account));
          if (changed.length) throw new StalePlanError(changed);
          partitions = (async function* (ops: Operation[]) {
            yield ops;
          })(o.saved.operations);
        }
        // Pipelined: a partition's apply starts, then the next partition is planned while it runs, so the slots do
        // not drain at each partition's end; an apply waits for what it needs from the one before (ApplyCarry). At
        // most two partitions' operations are held at once: the next is planned only once the one before the
        // running one has ended.
        const applying: Array<{ operations: Operation[]; result: Promise<ApplyResult> }> = [];
        let stopped = false;
        const settleOldest = async (): Promise<void> => {
          const { operations, result } = applying[0];
          const applied = await result;
          applying.shift();
          counts.planned += operations.length;
          counts.done += applied.done;
          counts.failed += applied.failed;
          counts.blocked += applied.blocked;
          counts.skipped += applied.skipped;
          for (const op of operations) {
            const r = applied.results.get(op.key);
            // Left for the next run by the stop: counted as skipped, not listed as failures.
            if (r && r.status !== 'done' && !(r.status === 'skipped' && r.reason === STOPPED_REASON)) {
              summary.failures.push({ key: op.key, stripeId: op.stripeId, error: r.status === 'failed' ? r.error : r.reason });
            }
          }
          if (applied.stopped) stopped = true;
        };
        try {
          for await (const operations of partitions) {
            carry ??= newApplyCarry(ledger, { concurrency: config.settings.netsuite.concurrency });
            const result = applyPlan(ledger, client, { operations }, {
              runId,
              concurrency: config.settings.netsuite.concurrency,
              maxAttempts: config.settings.apply.maxAttempts,
              shouldStop: o.shouldStop,
              onResult: o.onOperation,
              carry,
            });
            result.catch(() => undefined); // awaited in order below; a failure is not unhandled meanwhile
            applying.push({ operations, result });
            if (applying.length > 1) await settleOldest();
            if (stopped) break;
            // Its first requests go out before planning the next partition holds the event loop.
            await new Promise<void>((resolve) => setImmediate(resolve));
            if (o.shouldStop?.()) break; // the running apply stops too, and says so
          }
          while (applying.length > 0) await settleOldest();
        } finally {
          // Nothing is left running when the run ends, whatever ended it.
          await Promise.allSettled(applying.map((a) => a.result));
        }
        if (stopped) summary.status = 'interrupted';
      } finally {
        client.close(); // keep-alive sockets must not outlive the run (schedule runs many)
      }
      summary.netsuiteRequests = client.stats.requests;
    }
    const troubled =
      summary.operations.failed + summary.operations.blocked + summary.operations.skipped +
      (extractResult?.errors.length ?? 0) + countInvalidObjects(ledger);
    if (summary.status === 'success' && troubled > 0) summary.status = 'partial';
    summary.finishedAt = Date.now();
    // The process's high-water mark so far (kB on every platform): for a one-shot CLI run, the run's own peak.
    summary.peakRssMb = Math.round(ownPeakRssMb());
    await finishRun(ledger, runId, summary.status, summary, wallClock());
    return { summary, ...(plan ? { plan } : {}), ...(basis ? { basis } : {}), ...(arBefore ? { arBefore } : {}), ...(accountNames ? { accountNames } : {}), extractResult };
  } catch (err) {
    if (runId) await finishRun(ledger, runId, 'failed', { error: (err as Error).message }, wallClock());
    throw err;
  } finally {
    clearInterval(heartbeat);
    lock.release();
  }
}

/** One cheap authenticated read; a refused login becomes the run's failure, naming the credentials. */
async function proveNetSuiteLogin(client: NetSuiteClient): Promise<void> {
  try {
    await client.list('customer', { limit: 1 });
  } catch (err) {
    if (err instanceof NetSuiteError && err.kind === 'auth') throw new NetSuiteAccessError(err.message);
    throw err;
  }
}

function readFailuresOf(errors: ExtractResult['errors']): ReadFailure[] {
  return errors.map((e) => ({ type: e.type, ...(e.stripeId ? { stripeId: e.stripeId } : {}), error: e.message }));
}

/**
 * A dry run fits bodies to the account when it can read the account; a plan is still useful offline, so an
 * unreachable or refusing NetSuite gives the plan fitted to what the ledger last saw of the account, or, on a
 * ledger that never saw it, the unfitted plan, said so in the summary.
 */
async function accountForDryRun(
  ledger: Ledger,
  config: RuntimeConfig,
  now: number,
): Promise<{ profile?: AccountProfile; unavailable?: string }> {
  const client = createNetSuiteClient(config.secrets, config.settings, { maxAttempts: 2 });
  try {
    return { profile: await loadAccountProfile(ledger, client, { now, accountIds: configuredAccountIds(config.settings.netsuite) }) };
  } catch (err) {
    const unreachable = err instanceof NetSuiteUnavailableError || (err instanceof NetSuiteError && (err.kind === 'network' || err.kind === 'auth' || err.kind === 'server'));
    if (unreachable) {
      const profile = await cachedAccountProfile(ledger);
      return profile ? { profile } : { unavailable: err.message };
    }
    throw err;
  } finally {
    client.close();
  }
}
