// Apply throughput through the real path: `runSync` (lock, login proof, plan a partition at a time, apply, record
// the run), exactly as `stripe-netsuite sync` runs, against the NetSuite sandbox holding each response for the
// given latency, in a child process. Reading Stripe is done first and not timed (it is not what is measured), and
// so is reading the account's schema (a sync keeps it in the ledger for a day). The figure is NetSuite requests per
// second over the whole run, as a share of the ceiling concurrency × 1000 / latency that no client can exceed.
import os from 'node:os';
import { openLedger } from '../ledger/open-ledger.js';
import { extract } from '../extract/extract-run.js';
import { createStripeClient } from '../extract/stripe-client.js';
import { createNetSuiteClient } from '../netsuite/netsuite-client.js';
import { loadAccountProfile } from '../run/load-account-profile.js';
import { configuredAccountIds } from '../books/account-names.js';
import { runSync } from '../run/sync-run.js';
import { startBenchSandboxes } from './bench-sandboxes.js';
import { measureBareHttp, MIN_BARE_REQUESTS, type BareHttpResult } from './bare-http.js';

export interface SyncThroughputOptions {
  customers: number;
  months: number;
  seed: number;
  /** One measurement per latency (ms the NetSuite sandbox holds each response). */
  latenciesMs: number[];
  concurrency: number;
  configFile?: string;
  log?: (line: string) => void;
}

export interface SyncThroughputRun {
  latencyMs: number;
  /** The run's wall time, from `runSync` called to returned. */
  wallMs: number;
  /** CPU time of this process during the run (user + system), the connector's own (the sandboxes run elsewhere). */
  cpuMs: number;
  status: string;
  operations: { planned: number; done: number; failed: number; blocked: number; skipped: number };
  created: number;
  netsuiteRequests: number;
  rejected429: number;
  maxInFlight: number;
  requestsPerSecond: number;
  recordsPerSecond: number;
  /** concurrency × 1000 / latency. */
  ceilingPerSecond: number;
  /** requestsPerSecond / ceilingPerSecond. */
  shareOfCeiling: number;
  /** recordsPerSecond / ceilingPerSecond (below shareOfCeiling by the read-backs and lookups some records take). */
  recordsShareOfCeiling: number;
  /** The connector's CPU per NetSuite request, ms: above 1000 / ceiling, one core cannot keep the slots full. */
  cpuMsPerRequest: number;
  /** CPU time of the sandboxes' process during the run: on a small machine it competes with the connector's. */
  sandboxCpuMs: number;
  sandboxCpuMsPerRequest: number;
  /** Cores of this machine, shared by the connector and the sandboxes. */
  cores: number;
  /**
   * The most of the ceiling this machine's CPU allows at the CPU per request measured: the connector's one thread
   * (1000 / its ms per request) and the cores both processes share (cores × 1000 / their ms per request together).
   * Not the measurement: what explains a share below the target when it is below it too.
   */
  cpuBoundShareOfCeiling: number;
  /**
   * As many requests (at least MIN_BARE_REQUESTS) at the same latency and concurrency between a client and a server
   * that do nothing else (bare-http.ts), after the run: the share of the ceiling this machine's round trip allows.
   */
  bareHttp: BareHttpResult;
}

export interface SyncThroughputResult {
  options: Omit<SyncThroughputOptions, 'log'>;
  objects: number;
  runs: SyncThroughputRun[];
}

export async function runSyncThroughput(o: SyncThroughputOptions): Promise<SyncThroughputResult> {
  const log = o.log ?? (() => undefined);
  const runs: SyncThroughputRun[] = [];
  let objects = 0;
  for (const latencyMs of o.latenciesMs) {
    if (latencyMs < 1) throw new Error('latencies must be at least 1 ms (the ceiling is concurrency × 1000 / latency)');
    log(`latency ${latencyMs} ms: generating a world (${o.customers} customers, ${o.months} months, seed ${o.seed}) and starting the sandboxes`);
    let pending: Omit<SyncThroughputRun, 'bareHttp'>;
    const sb = await startBenchSandboxes({
      world: { customers: o.customers, months: o.months, seed: o.seed },
      latencyMs,
      concurrency: o.concurrency,
      configFile: o.configFile,
    });
    try {
      const { config } = sb;
      const ledger = openLedger(config.secrets.ledgerPath);
      try {
        log(`latency ${latencyMs} ms: reading Stripe and the account's schema (not timed)`);
        await extract(ledger, createStripeClient(config.secrets, { requestsPerSecond: config.settings.extract.requestsPerSecond }), config.settings, {
          mode: 'sync',
          now: sb.now!,
        });
        objects = Number((ledger.sqlite.prepare('SELECT count(*) AS n FROM stripe_objects').get() as { n: number }).n);
        const client = createNetSuiteClient(config.secrets, config.settings);
        await loadAccountProfile(ledger, client, {
          now: Math.floor(Date.now() / 1000),
          accountIds: configuredAccountIds(config.settings.netsuite),
        }).finally(() => client.close());
      } finally {
        await ledger.close();
      }
      log(`latency ${latencyMs} ms: sync (plan and apply) of ${objects} objects`);
      let created = 0;
      const before = await sb.stats();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const outcome = await runSync(config, {
        kind: 'sync',
        dryRun: false,
        extract: false,
        now: sb.now!,
        onOperation: (_op, r) => {
          if (r.status === 'done' && r.created) created++;
        },
      });
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const after = await sb.stats();
      const netsuiteRequests = after.netsuite.requests - before.netsuite.requests;
      const ceilingPerSecond = (o.concurrency * 1000) / latencyMs;
      const requestsPerSecond = (netsuiteRequests * 1000) / wallMs;
      const recordsPerSecond = (created * 1000) / wallMs;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const sandboxCpuMs = after.cpuMs - before.cpuMs;
      const perRequest = (ms: number) => (netsuiteRequests > 0 ? ms / netsuiteRequests : 0);
      const cores = os.availableParallelism();
      const cpuBoundPerSecond = Math.min(
        1000 / Math.max(perRequest(cpuMs), 1e-9),
        (cores * 1000) / Math.max(perRequest(cpuMs) + perRequest(sandboxCpuMs), 1e-9),
      );
      pending = {
        latencyMs,
        wallMs,
        cpuMs,
        status: outcome.summary.status,
        operations: outcome.summary.operations,
        created,
        netsuiteRequests,
        rejected429: after.netsuite.rejected429 - before.netsuite.rejected429,
        maxInFlight: after.netsuite.maxInFlight,
        requestsPerSecond,
        recordsPerSecond,
        ceilingPerSecond,
        shareOfCeiling: requestsPerSecond / ceilingPerSecond,
        recordsShareOfCeiling: recordsPerSecond / ceilingPerSecond,
        cpuMsPerRequest: perRequest(cpuMs),
        sandboxCpuMs,
        sandboxCpuMsPerRequest: perRequest(sandboxCpuMs),
        cores,
        cpuBoundShareOfCeiling: cpuBoundPerSecond / ceilingPerSecond,
      };
    } finally {
      await sb.close();
    }
    log(`latency ${latencyMs} ms: as many requests between a client and a server doing nothing else`);
    const bareHttp = await measureBareHttp({ latencyMs, concurrency: o.concurrency, requests: Math.max(MIN_BARE_REQUESTS, pending.netsuiteRequests) });
    runs.push({ ...pending, bareHttp });
  }
  const { log: _omit, ...options } = o;
  return { options, objects, runs };
}
