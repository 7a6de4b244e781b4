// The no-change re-run at scale: a ledger holding N Stripe objects, every one already synced, is planned and
// applied again. Nothing should reach NetSuite, and it should take well under the time of one cron tick.
import { openLedger } from '../ledger/open-ledger.js';
import { finishRun, startRun } from '../ledger/runs.js';
import { planFromLedger } from '../run/plan-from-ledger.js';
import { applyPlan } from '../apply/apply-plan.js';
import { createNetSuiteClient } from '../netsuite/netsuite-client.js';
import { startBenchSandboxes } from './bench-sandboxes.js';
import { seedLedger } from './seed-ledger.js';
import { startMemorySampler, type MemoryPeaks } from './memory-sampler.js';

export interface LedgerObjectsBenchOptions {
  objects: number;
  seed: number;
  months: number;
  latencyMs: number;
  concurrency: number;
  configFile?: string;
  log?: (line: string) => void;
}

export interface LedgerObjectsBenchResult {
  options: Omit<LedgerObjectsBenchOptions, 'log'>;
  seeded: { objects: number; links: number; ms: number };
  /** The last plan of the run that synced them: reading every snapshot and building the plan. */
  fullPlanMs: number;
  /** The re-run's plan: the incremental plan of an unchanged ledger (what the seeding left blocked is repeated, not planned). */
  planMs: number;
  /** Apply of that plan (recording it in the outbox included). */
  applyMs: number;
  /** planMs + applyMs: what the re-run costs beyond reading Stripe. */
  totalMs: number;
  operations: number;
  blocked: number;
  netsuiteRequests: number;
  memory: MemoryPeaks;
}

export async function runLedgerObjectsBench(o: LedgerObjectsBenchOptions): Promise<LedgerObjectsBenchResult> {
  const log = o.log ?? (() => undefined);
  const sb = await startBenchSandboxes({ latencyMs: o.latencyMs, concurrency: o.concurrency, configFile: o.configFile });
  try {
    const { config } = sb;
    const ledger = openLedger(config.secrets.ledgerPath);
    try {
      const seeded = await seedLedger(ledger, config.settings, { objects: o.objects, seed: o.seed, months: o.months, log });
      log(`re-running plan and apply over ${seeded.objects} objects and ${seeded.links} links`);
      const memory = startMemorySampler();
      const nsBefore = (await sb.stats()).netsuite.requests;
      // The run that synced these objects planned them last (and found nothing left to do); the re-run follows it.
      const f0 = performance.now();
      await planFromLedger(ledger, config.settings);
      const fullPlanMs = performance.now() - f0;
      const p0 = performance.now();
      const plan = await planFromLedger(ledger, config.settings);
      const planMs = performance.now() - p0;
      const runId = await startRun(ledger, 'sync', Math.floor(Date.now() / 1000));
      const client = createNetSuiteClient(config.secrets, config.settings);
      const a0 = performance.now();
      try {
        const applied = await applyPlan(ledger, client, plan, {
          runId,
          concurrency: config.settings.netsuite.concurrency,
          maxAttempts: config.settings.apply.maxAttempts,
        });
        const applyMs = performance.now() - a0;
        const nsAfter = (await sb.stats()).netsuite.requests;
        await finishRun(ledger, runId, applied.done === plan.operations.length ? 'success' : 'partial', { bench: true }, Math.floor(Date.now() / 1000));
        const { log: _omit, ...options } = o;
        return {
          options,
          seeded: { objects: seeded.objects, links: seeded.links, ms: seeded.ms },
          fullPlanMs,
          planMs,
          applyMs,
          totalMs: planMs + applyMs,
          operations: plan.operations.length,
          blocked: plan.operations.filter((op) => op.blocked).length,
          netsuiteRequests: nsAfter - nsBefore,
          memory: memory.stop(),
        };
      } finally {
        client.close();
      }
    } finally {
      await ledger.close();
    }
  } finally {
    await sb.close();
  }
}
