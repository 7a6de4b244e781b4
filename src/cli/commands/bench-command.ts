// bench: measure a full sync and a no-change re-run against the built-in sandboxes (run in a child process, so the
// figures are the connector's own), and say whether the performance targets are met. `--backfill-objects N` runs a
// real `backfill` process over a world of N ledger objects for its peak memory; `--ledger-objects N` measures only
// the no-change re-run on a ledger of N objects.
import { InvalidArgumentError, type Command } from 'commander';
import { runSyncBench } from '../../bench/run-bench.js';
import { runLedgerObjectsBench } from '../../bench/ledger-objects-bench.js';
import { runBackfillBench } from '../../bench/backfill-bench.js';
import { allMeasuredMet, checkBackfillTargets, checkLedgerTargets, checkScalingTargets, checkSyncTargets, checkSyncThroughputTargets, checkTiledScalingTargets } from '../../bench/bench-targets.js';
import { renderAdaptiveBench, renderBackfillBench, renderLedgerObjectsBench, renderScalingBench, renderSyncBench, renderSyncThroughput, renderTiledScalingBench } from '../../bench/render-bench.js';
import { benchAdaptiveConcurrency } from '../../bench/adaptive-concurrency-bench.js';
import { runIncrementalScaling } from '../../bench/incremental-scaling.js';
import { runTiledScaling } from '../../bench/tiled-scaling.js';
import { runSyncThroughput } from '../../bench/sync-throughput.js';
import { EXIT } from '../exit-codes.js';
import { parseInteger } from '../options.js';
import { runCommand } from '../run-command.js';
import { errorLine, notice } from '../output.js';
import { benchThroughput } from '../../bench/client-throughput.js';
import { benchExtract } from '../../bench/extract-throughput.js';
import { generateWorld } from '../../sandbox/generate/generate-world.js';

interface BenchOptions {
  customers: number;
  months: number;
  seed: number;
  latencyMs: number;
  concurrency: number;
  ledgerObjects?: number;
  backfillObjects?: number;
  scalingObjects?: number;
  scaleTo?: number[];
  firstPlan?: boolean;
  netsuiteRecords?: number;
  adaptiveRecords?: number;
  extractOnly?: boolean;
  syncThroughput?: boolean;
  latenciesMs: number[];
  stripeRps: number;
  json?: boolean;
  check?: boolean;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('benchmark a full sync and a no-change re-run against the built-in sandboxes, and check the targets')
    .option('--customers <n>', 'customers in the generated world', parseInteger('--customers', 1), 100)
    .option('--months <n>', 'months of history', parseInteger('--months', 1), 6)
    .option('--seed <n>', 'world seed', parseInteger('--seed'), 1)
    .option('--latency-ms <ms>', 'latency the NetSuite sandbox adds to every request', parseInteger('--latency-ms', 1), 50)
    .option('--concurrency <n>', 'NetSuite concurrency limit (sandbox and client)', parseInteger('--concurrency', 1), 5)
    .option('--ledger-objects <n>', 'only measure the no-change re-run on a ledger seeded with this many objects', parseInteger('--ledger-objects', 1))
    .option(
      '--backfill-objects <n>',
      'only measure a real `backfill` process over a world of this many ledger objects (peak memory); latency defaults to 5 ms here',
      parseInteger('--backfill-objects', 1),
    )
    .option(
      '--scaling-objects <n>',
      'only measure how an incremental sync\'s plan scales: the same change set on ledgers of N and 10·N objects (10000 gives 10k and 100k)',
      parseInteger('--scaling-objects', 1),
    )
    .option(
      '--scale-to <sizes>',
      'with --scaling-objects N: instead of seeding 10·N, measure ledgers of these sizes (comma-separated, e.g. 100000,1000000) made of copies of the N-object one, written straight into SQLite',
      parseSizes,
    )
    .option('--first-plan', 'with --scale-to: also measure a full plan (a first plan) of each of those ledgers')
    .option(
      '--netsuite-records <n>',
      'only measure the NetSuite client: create this many records against the sandbox (in this process) and compare requests/s with concurrency × 1000 / latency',
      parseInteger('--netsuite-records', 1),
    )
    .option(
      '--adaptive-records <n>',
      'only measure adaptive concurrency: create this many records against accounts allowing 1–4 in flight, below --concurrency (default 5), and compare the 429s with their bound',
      parseInteger('--adaptive-records', 1),
    )
    .option(
      '--sync-throughput',
      'only measure apply throughput through a real sync run (plan and apply, after an untimed read of Stripe) at each of --latencies-ms, as a share of concurrency × 1000 / latency',
    )
    .option('--latencies-ms <list>', 'NetSuite latencies for --sync-throughput, comma-separated', parseLatencies, [5, 50])
    .option('--extract-only', 'only measure extraction from the Stripe sandbox: Stripe requests per object and objects per second')
    .option('--stripe-rps <n>', 'Stripe reads per second the connector keeps to with --backfill-objects', parseInteger('--stripe-rps', 1), 100)
    .option('--json', 'print the figures as JSON')
    .option('--check', 'exit 1 when a target measured is not met (one not measured at its scale counts neither way)')
    .action(
      runCommand(async (o: BenchOptions, cmd: Command) => {
        const configFile = program.opts<{ config?: string }>().config;
        // Progress goes to stderr so stdout holds only the figures.
        const log = (line: string) => notice('bench_progress', `bench: ${line}`);
        const common = { seed: o.seed, months: o.months, latencyMs: o.latencyMs, concurrency: o.concurrency, configFile, log };
        let met: boolean;
        if (o.ledgerObjects !== undefined && o.backfillObjects !== undefined) {
          errorLine('usage_error', '--ledger-objects and --backfill-objects are separate benchmarks; give one');
          return EXIT.CONFIG;
        }
        if ((o.scaleTo !== undefined || o.firstPlan) && o.scalingObjects === undefined) {
          errorLine('usage_error', '--scale-to and --first-plan go with --scaling-objects N (the ledger that is copied)');
          return EXIT.CONFIG;
        }
        if (o.firstPlan && o.scaleTo === undefined) {
          errorLine('usage_error', '--first-plan goes with --scale-to (the ledgers whose first plan is measured)');
          return EXIT.CONFIG;
        }
        if (o.netsuiteRecords !== undefined) {
          const r = await benchThroughput({ records: o.netsuiteRecords, concurrency: o.concurrency, latencyMs: o.latencyMs });
          met = r.share >= 0.9;
          process.stdout.write(
            o.json
              ? `${JSON.stringify({ mode: 'netsuite-client', result: r }, null, 2)}\n`
              : [
                  `NetSuite client: ${r.records} records, ${r.requests} requests in ${(r.wallMs / 1000).toFixed(2)} s ` +
                    `(concurrency ${o.concurrency}, latency ${o.latencyMs} ms; sandbox in this process)`,
                  `  ${r.requestsPerSecond.toFixed(1)} requests/s = ${(r.share * 100).toFixed(1)}% of the ceiling ${r.ceiling.toFixed(1)}/s; ` +
                    `${r.rejected429} answered 429, at most ${r.maxInFlight} in flight`,
                  `  [${met ? 'met' : 'NOT MET'}] within 10% of the ceiling`,
                  '',
                ].join('\n'),
          );
          return o.check && !met ? EXIT.PARTIAL : EXIT.OK;
        }
        if (o.adaptiveRecords !== undefined) {
          const limits = [1, 2, 3, 4].filter((l) => l < o.concurrency);
          if (limits.length === 0) {
            errorLine('usage_error', '--adaptive-records needs --concurrency above 1 (the account allows fewer than the client is configured for)');
            return EXIT.CONFIG;
          }
          const rows = await benchAdaptiveConcurrency({ records: o.adaptiveRecords, concurrency: o.concurrency, latencyMs: o.latencyMs, accountLimits: limits });
          met = rows.every((r) => r.withinBound);
          process.stdout.write(
            o.json
              ? `${JSON.stringify({ mode: 'adaptive-concurrency', concurrency: o.concurrency, latencyMs: o.latencyMs, result: rows, met }, null, 2)}\n`
              : renderAdaptiveBench(rows, { concurrency: o.concurrency, latencyMs: o.latencyMs }),
          );
          return o.check && !met ? EXIT.PARTIAL : EXIT.OK;
        }
        if (o.extractOnly) {
          const { items, summary } = generateWorld({ customers: o.customers, months: o.months, seed: o.seed });
          const r = await benchExtract({ world: items, now: summary.end + 3 * 86400, requestsPerSecond: o.stripeRps });
          process.stdout.write(
            o.json
              ? `${JSON.stringify({ mode: 'extract', result: { ...r, run: undefined } }, null, 2)}\n`
              : `Extraction: ${r.objects} objects with ${r.requests} Stripe requests = ${r.requestsPerObject.toFixed(4)} requests per object; ` +
                  `${r.objectsPerSecond.toFixed(0)} objects/s (${(r.wallMs / 1000).toFixed(2)} s, Stripe reads capped at ${o.stripeRps}/s)\n`,
          );
          return EXIT.OK;
        }
        if (o.syncThroughput) {
          const r = await runSyncThroughput({
            customers: o.customers,
            months: o.months,
            seed: o.seed,
            latenciesMs: o.latenciesMs,
            concurrency: o.concurrency,
            configFile,
            log,
          });
          const checks = checkSyncThroughputTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'sync-throughput', result: r, targets: checks }, null, 2)}\n` : renderSyncThroughput(r, checks));
        } else if (o.scalingObjects !== undefined && o.scaleTo !== undefined) {
          const objects = o.scalingObjects;
          if (o.scaleTo.some((size) => size < objects)) {
            errorLine('usage_error', `--scale-to sizes must be at least --scaling-objects (${objects})`);
            return EXIT.CONFIG;
          }
          const r = await runTiledScaling({ objects, scaleTo: o.scaleTo, firstPlan: o.firstPlan, seed: o.seed, months: o.months, configFile, log });
          const checks = checkTiledScalingTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'scaling-tiled', result: r, targets: checks }, null, 2)}\n` : renderTiledScalingBench(r, checks));
        } else if (o.scalingObjects !== undefined) {
          const r = await runIncrementalScaling({ objects: o.scalingObjects, seed: o.seed, months: o.months, configFile, log });
          const checks = checkScalingTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'scaling', result: r, targets: checks }, null, 2)}\n` : renderScalingBench(r, checks));
        } else if (o.backfillObjects !== undefined) {
          // Apply speed is not what this measures: a short latency keeps a 100,000-object run to minutes.
          const latencyMs = cmd.getOptionValueSource('latencyMs') === 'default' ? 5 : o.latencyMs;
          const r = await runBackfillBench({ ...common, latencyMs, objects: o.backfillObjects, stripeRequestsPerSecond: o.stripeRps });
          const checks = checkBackfillTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'backfill', result: r, targets: checks }, null, 2)}\n` : renderBackfillBench(r, checks));
        } else if (o.ledgerObjects !== undefined) {
          const r = await runLedgerObjectsBench({ ...common, objects: o.ledgerObjects });
          const checks = checkLedgerTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'ledger-objects', result: r, targets: checks }, null, 2)}\n` : renderLedgerObjectsBench(r, checks));
        } else {
          const r = await runSyncBench({ ...common, customers: o.customers });
          const checks = checkSyncTargets(r);
          met = allMeasuredMet(checks);
          process.stdout.write(o.json ? `${JSON.stringify({ mode: 'sync', result: r, targets: checks }, null, 2)}\n` : renderSyncBench(r, checks));
        }
        return o.check && !met ? EXIT.PARTIAL : EXIT.OK;
      }),
    );
}

function parseSizes(value: string): number[] {
  const list = value.split(',').map((x) => x.trim());
  if (list.some((x) => !/^\d+$/.test(x) || !Number.isSafeInteger(Number(x)) || Number(x) < 1)) {
    throw new InvalidArgumentError('--scale-to takes ledger sizes (whole numbers of objects), comma-separated (e.g. 100000,1000000)');
  }
  return list.map(Number);
}

function parseLatencies(value: string): number[] {
  const list = value.split(',').map((x) => Number(x.trim()));
  if (list.length === 0 || list.some((x) => !Number.isInteger(x) || x < 1)) {
    throw new InvalidArgumentError('--latencies-ms takes whole milliseconds of at least 1, comma-separated (e.g. 5,50)');
  }
  return list;
}
