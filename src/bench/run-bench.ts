// The end-to-end benchmark: a child process generates a Stripe world and serves it and a NetSuite account (with
// the given latency and concurrency limit); this process syncs the world into an empty temporary ledger, then
// syncs again with nothing new. The first sync is run step by step (extract, plan, apply) so each step is timed
// on its own; the second goes through runSync exactly as `stripe-netsuite sync` does. This process holds neither
// the world nor the sandboxes, so its peak memory is the connector's (plus this bookkeeping).
import { openLedger } from '../ledger/open-ledger.js';
import { finishRun, startRun } from '../ledger/runs.js';
import { planFromLedger } from '../run/plan-from-ledger.js';
import { loadAccountProfile } from '../run/load-account-profile.js';
import { configuredAccountIds } from '../books/account-names.js';
import { applyPlan } from '../apply/apply-plan.js';
import { createStripeClient } from '../extract/stripe-client.js';
import { extract } from '../extract/extract-run.js';
import { createNetSuiteClient } from '../netsuite/netsuite-client.js';
import { runSync } from '../run/sync-run.js';
import { startBenchSandboxes } from './bench-sandboxes.js';
import { startMemorySampler, type MemoryPeaks } from './memory-sampler.js';

export interface SyncBenchOptions {
  customers: number;
  months: number;
  seed: number;
  /** Latency the NetSuite sandbox adds to every request. */
  latencyMs: number;
  /** NetSuite concurrency limit: the sandbox answers 429 above it; the client is configured with it. */
  concurrency: number;
  /** Config file with the NetSuite mappings (default: the packaged one). */
  configFile?: string;
  /** Progress lines (what is happening now), e.g. to stderr. */
  log?: (line: string) => void;
}

export interface SyncBenchResult {
  options: Omit<SyncBenchOptions, 'log'>;
  world: { objects: number; events: number; generateMs: number };
  extract: {
    ms: number;
    /** Requests the Stripe sandbox answered (its own log, retries included). */
    stripeRequests: number;
    /** Stripe objects the ledger holds afterwards. */
    objectsStored: number;
    stripeRequestsPerObject: number;
    errors: number;
  };
  plan: { ms: number; operations: number; blocked: number };
  apply: {
    ms: number;
    created: number;
    done: number;
    failed: number;
    blocked: number;
    skipped: number;
    /** Requests the NetSuite sandbox received during apply (its own count: retries and lookups included). */
    netsuiteRequests: number;
    clientRetries: number;
    rejected429: number;
    maxInFlight: number;
    requestsPerRecordCreated: number;
    recordsPerSecond: number;
    /** concurrency × 1000 / latencyMs: no client can create records faster with one request each. */
    ceilingPerSecond: number;
    shareOfCeiling: number;
  };
  /** extract + plan + apply of the first sync. */
  firstSyncMs: number;
  memory: MemoryPeaks;
  rerun: {
    ms: number;
    status: string;
    planned: number;
    /** The first operations the re-run still planned (there should be none), to say which. */
    plannedKeys: string[];
    stripeRequests: number;
    netsuiteRequests: number;
  };
  /** First failures of the first sync, for reading the figures honestly. */
  failures: Array<{ key: string; error: string }>;
}

export async function runSyncBench(o: SyncBenchOptions): Promise<SyncBenchResult> {
  const log = o.log ?? (() => undefined);
  if (o.latencyMs < 1) throw new Error('latencyMs must be at least 1 (the ceiling is concurrency × 1000 / latency)');

  log(`generating a world (${o.customers} customers, ${o.months} months, seed ${o.seed}) and starting the sandboxes in a child process`);
  const sb = await startBenchSandboxes({
    world: { customers: o.customers, months: o.months, seed: o.seed },
    latencyMs: o.latencyMs,
    concurrency: o.concurrency,
    configFile: o.configFile,
  });
  try {
    const { config } = sb;
    const summary = sb.world!;
    const now = sb.now!;
    const memory = startMemorySampler();
    const ledger = openLedger(config.secrets.ledgerPath);
    let extractPart: SyncBenchResult['extract'];
    let planPart: SyncBenchResult['plan'];
    let applyPart: SyncBenchResult['apply'];
    const failures: SyncBenchResult['failures'] = [];
    try {
      log(`extracting ${summary.objects} objects from the Stripe sandbox`);
      const stripeBefore = (await sb.stats()).stripeRequests;
      const e0 = performance.now();
      const extracted = await extract(
        ledger,
        createStripeClient(config.secrets, { requestsPerSecond: config.settings.extract.requestsPerSecond }),
        config.settings,
        { mode: 'sync', now },
      );
      const extractMs = performance.now() - e0;
      const stripeRequests = (await sb.stats()).stripeRequests - stripeBefore;
      const objectsStored = Number(
        (ledger.sqlite.prepare('SELECT count(*) AS n FROM stripe_objects').get() as { n: number }).n,
      );
      extractPart = {
        ms: extractMs,
        stripeRequests,
        objectsStored,
        stripeRequestsPerObject: objectsStored > 0 ? stripeRequests / objectsStored : 0,
        errors: extracted.errors.length,
      };

      // What the account takes, as a sync reads it first (and then keeps in the ledger for the re-run).
      const profileClient = createNetSuiteClient(config.secrets, config.settings);
      const account = await loadAccountProfile(ledger, profileClient, {
          now: Math.floor(Date.now() / 1000),
          accountIds: configuredAccountIds(config.settings.netsuite),
        }).finally(() => profileClient.close());
      log('planning');
      const p0 = performance.now();
      // The whole plan at once, so planning and applying are timed apart (a run interleaves them by partition).
      const plan = await planFromLedger(ledger, config.settings, { account });
      planPart = {
        ms: performance.now() - p0,
        operations: plan.operations.length,
        blocked: plan.operations.filter((op) => op.blocked).length,
      };

      log(`applying ${plan.operations.length} operations (NetSuite latency ${o.latencyMs} ms, concurrency ${o.concurrency})`);
      const runId = await startRun(ledger, 'sync', Math.floor(Date.now() / 1000));
      const client = createNetSuiteClient(config.secrets, config.settings);
      const nsBefore = (await sb.stats()).netsuite;
      const a0 = performance.now();
      let applied;
      try {
        applied = await applyPlan(ledger, client, plan, {
          runId,
          concurrency: config.settings.netsuite.concurrency,
          maxAttempts: config.settings.apply.maxAttempts,
        });
      } finally {
        client.close();
      }
      const applyMs = performance.now() - a0;
      const nsAfter = (await sb.stats()).netsuite;
      const status = applied.failed + applied.blocked + applied.skipped > 0 ? 'partial' : 'success';
      await finishRun(ledger, runId, status, { bench: true, created: applied.created }, Math.floor(Date.now() / 1000));
      for (const [key, r] of applied.results) {
        if (r.status !== 'done' && failures.length < 10) failures.push({ key, error: r.status === 'failed' ? r.error : r.reason });
      }
      const netsuiteRequests = nsAfter.requests - nsBefore.requests;
      const recordsPerSecond = applyMs > 0 ? (applied.created * 1000) / applyMs : 0;
      const ceilingPerSecond = (o.concurrency * 1000) / o.latencyMs;
      applyPart = {
        ms: applyMs,
        created: applied.created,
        done: applied.done,
        failed: applied.failed,
        blocked: applied.blocked,
        skipped: applied.skipped,
        netsuiteRequests,
        clientRetries: client.stats.retries,
        rejected429: nsAfter.rejected429 - nsBefore.rejected429,
        maxInFlight: nsAfter.maxInFlight,
        requestsPerRecordCreated: applied.created > 0 ? netsuiteRequests / applied.created : 0,
        recordsPerSecond,
        ceilingPerSecond,
        shareOfCeiling: recordsPerSecond / ceilingPerSecond,
      };
    } finally {
      await ledger.close();
    }
    const peaks = memory.stop();

    log('second run with nothing new');
    const before = await sb.stats();
    const r0 = performance.now();
    const stillPlanned: string[] = [];
    const again = await runSync(config, {
      kind: 'sync',
      dryRun: false,
      extract: true,
      now,
      onOperation: (op) => {
        if (stillPlanned.length < 10) stillPlanned.push(`${op.key} (${op.action}${op.blocked ? ', blocked' : ''})`);
      },
    });
    const rerunMs = performance.now() - r0;
    const after = await sb.stats();
    const rerun = {
      ms: rerunMs,
      status: again.summary.status,
      planned: again.summary.operations.planned,
      plannedKeys: stillPlanned,
      stripeRequests: after.stripeRequests - before.stripeRequests,
      netsuiteRequests: after.netsuite.requests - before.netsuite.requests,
    };

    const { log: _omit, ...options } = o;
    return {
      options,
      world: { objects: summary.objects, events: summary.events, generateMs: summary.generateMs },
      extract: extractPart,
      plan: planPart,
      apply: applyPart,
      firstSyncMs: extractPart.ms + planPart.ms + applyPart.ms,
      memory: peaks,
      rerun,
      failures,
    };
  } finally {
    await sb.close();
  }
}
