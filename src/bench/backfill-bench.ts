// Peak memory of a real backfill: a child process generates a world of about N ledger objects and serves it and a
// NetSuite account; `stripe-netsuite backfill --from … --to … --log-format json` then runs in a process of its own,
// exactly as an operator runs it, and its run summary reports its own peak resident memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import { startBenchSandboxes } from './bench-sandboxes.js';
import type { RunSummaryLine } from '../report/render-run-summary.js';

export interface BackfillBenchOptions {
  /** Ledger objects (the types a backfill stores and plans) the generated world holds at least. */
  objects: number;
  months: number;
  seed: number;
  latencyMs: number;
  concurrency: number;
  /** Stripe read rate the connector keeps to (the sandbox is local; Stripe's live-mode limit is 100/s). */
  stripeRequestsPerSecond: number;
  configFile?: string;
  log?: (line: string) => void;
}

export interface BackfillBenchResult {
  options: Omit<BackfillBenchOptions, 'log'>;
  world: { customers: number; objects: number; keptObjects: number; events: number; generateMs: number };
  /** The backfill command as run (secrets are in its environment, never in its arguments). */
  command: string;
  exitCode: number;
  /** Wall time of the backfill process, start to exit (Node start-up included). */
  wallMs: number;
  /** The backfill's own run summary line. */
  run: RunSummaryLine;
  /** Requests the sandboxes answered during the backfill. */
  sandbox: { stripeRequests: number; netsuiteRequests: number; rejected429: number };
  /**
   * The `sync` processes that follow: the first one after the backfill, then another (a normal incremental sync);
   * Stripe requests as the sandbox counted them. Within 2× is the target: the backfilled history is not read again.
   */
  nextSyncs: {
    afterBackfill: { exitCode: number; stripeRequests: number; wallMs: number };
    incremental: { exitCode: number; stripeRequests: number; wallMs: number };
    ratio: number;
  };
}

const MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const DAY = 86_400;
const isoDay = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);

export async function runBackfillBench(o: BackfillBenchOptions): Promise<BackfillBenchResult> {
  const log = o.log ?? (() => undefined);
  const wallNow = Math.floor(Date.now() / 1000);
  log(`generating a world of at least ${o.objects} ledger objects (${o.months} months, seed ${o.seed}) and starting the sandboxes in a child process`);
  const sb = await startBenchSandboxes({
    // The backfill process reads the wall clock, so the world ends before it and the Stripe clock is now.
    world: { objects: o.objects, months: o.months, seed: o.seed, notAfter: wallNow },
    latencyMs: o.latencyMs,
    concurrency: o.concurrency,
    configFile: o.configFile,
  });
  try {
    const world = sb.world!;
    // The operator's settings, with the bench's limits: the sandbox's concurrency, nothing left to settle.
    const settings = JSON.parse(fs.readFileSync(o.configFile ?? DEFAULT_CONFIG_FILE, 'utf8')) as {
      netsuite: { concurrency: number };
      extract: { settleDelaySeconds: number; requestsPerSecond: number };
    };
    settings.netsuite.concurrency = o.concurrency;
    settings.extract.settleDelaySeconds = 0;
    settings.extract.requestsPerSecond = o.stripeRequestsPerSecond;
    const configFile = path.join(sb.dir, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify(settings, null, 2));

    const from = isoDay(world.start);
    const to = isoDay(world.end + DAY);
    const args = ['--config', configFile, '--log-format', 'json', 'backfill', '--from', from, '--to', to];
    const command = `stripe-netsuite ${args.join(' ')}`;
    log(`running ${command} over ${world.keptObjects} ledger objects (NetSuite latency ${o.latencyMs} ms, concurrency ${o.concurrency})`);
    // The operator's own Stripe/NetSuite/ledger variables must not leak into the run; NODE_OPTIONS may (profiling).
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(STRIPE_|NETSUITE_|LEDGER_)/.test(k)) env[k] = v;
    }
    for (const [k, v] of Object.entries(sb.env)) if (v !== undefined) env[k] = v;

    const before = await sb.stats();
    const t0 = performance.now();
    const { code, stderr } = await runChild(args, env, (line) => {
      if (line.startsWith('backfill: chunk')) log(line.replace(/^backfill: /, 'backfill '));
    });
    const wallMs = performance.now() - t0;
    const after = await sb.stats();
    const line = summaryLine(stderr);
    if (!line || (code !== 0 && code !== 1)) {
      throw new Error(`the backfill exited ${code}${line ? '' : ' without a run summary'}:\n${stderr.split('\n').slice(-20).join('\n')}`);
    }
    // The schedule's next ticks: what they read from Stripe says whether the backfill handed over to sync.
    const sync = async () => {
      const s0 = await sb.stats();
      const w0 = performance.now();
      const r = await runChild(['--config', configFile, '--log-format', 'json', 'sync'], env, () => undefined);
      const w = performance.now() - w0;
      const s1 = await sb.stats();
      if (r.code !== 0 && r.code !== 1) throw new Error(`sync after the backfill exited ${r.code}:\n${r.stderr.split('\n').slice(-20).join('\n')}`);
      return { exitCode: r.code, stripeRequests: s1.stripeRequests - s0.stripeRequests, wallMs: w };
    };
    log('running `sync` twice after the backfill (the first continues from it, the second is a normal incremental sync)');
    const afterBackfill = await sync();
    // A sync's windows end at its start second: one started within the same second as the last lists nothing
    // new (its windows are empty) and reads only the events feed, which is no normal incremental sync to compare
    // with. A schedule's next tick is minutes later; the next whole second is enough here.
    await sleep(1001 - (Date.now() % 1000));
    const incremental = await sync();
    const { log: _omit, ...options } = o;
    return {
      options,
      world: {
        customers: world.customers,
        objects: world.objects,
        keptObjects: world.keptObjects,
        events: world.events,
        generateMs: world.generateMs,
      },
      command,
      exitCode: code,
      wallMs,
      run: JSON.parse(line) as RunSummaryLine,
      sandbox: {
        stripeRequests: after.stripeRequests - before.stripeRequests,
        netsuiteRequests: after.netsuite.requests - before.netsuite.requests,
        rejected429: after.netsuite.rejected429 - before.netsuite.rejected429,
      },
      nextSyncs: {
        afterBackfill,
        incremental,
        ratio: afterBackfill.stripeRequests / Math.max(1, incremental.stripeRequests),
      },
    };
  } finally {
    await sb.close();
  }
}

function runChild(
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      for (const line of chunk.split('\n')) onLine(line);
    });
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c ?? -1, stderr: err }));
  });
}

function summaryLine(stderr: string): string | undefined {
  return stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{') && l.includes('"stripe-netsuite.run"'));
}
