// A smoke test of `stripe-netsuite bench` on a tiny world: it runs, its figures add up, and it says whether each
// target is met. Timings are printed, never asserted (they depend on the machine).
import { expect } from 'chai';
import { runCli, runCliMany, transcript, type CliResult } from './cli-process.js';
import type { SyncBenchResult } from '../../src/bench/run-bench.js';
import type { LedgerObjectsBenchResult } from '../../src/bench/ledger-objects-bench.js';
import type { BackfillBenchResult } from '../../src/bench/backfill-bench.js';
import type { TargetCheck } from '../../src/bench/bench-targets.js';
import type { IncrementalScalingResult } from '../../src/bench/incremental-scaling.js';
import type { SyncThroughputResult } from '../../src/bench/sync-throughput.js';
import type { TiledScalingResult } from '../../src/bench/tiled-scaling.js';

describe('cli: bench', function () {
  // The backfill bench also runs the two syncs that follow it (two more processes).
  this.timeout(240_000);
  let text: CliResult;
  let json: CliResult;
  let ledger: CliResult;
  let backfill: CliResult;

  before(async () => {
    [text, json, ledger, backfill] = await runCliMany(
      [
        { args: ['bench', '--customers', '3', '--months', '1', '--latency-ms', '2', '--concurrency', '4'] },
        { args: ['bench', '--customers', '4', '--months', '2', '--seed', '3', '--latency-ms', '2', '--concurrency', '5', '--json'] },
        { args: ['bench', '--ledger-objects', '500', '--months', '2', '--json'] },
        { args: ['bench', '--backfill-objects', '300', '--months', '2', '--latency-ms', '1', '--json'] },
      ].map((i) => ({ ...i, timeoutMs: 230_000 })),
      3,
    );
  });

  it('prints the figures and a verdict per target', () => {
    expect(text.code, transcript(text)).to.equal(0);
    expect(text.stdout).to.include('Benchmark: 3 customers, 1 months, seed 1; NetSuite latency 2 ms, concurrency 4');
    expect(text.stdout).to.match(/extract: [\d,]+ objects stored with [\d,]+ Stripe requests \([\d.]+ per object\)/);
    expect(text.stdout).to.match(/[\d,]+ NetSuite requests = [\d.]+ per record created/);
    expect(text.stdout).to.include('of the ceiling 2000.0/s (concurrency × 1000 / latency)');
    expect(text.stdout).to.include("process.resourceUsage().maxRSS of the connector's process");
    expect(text.stdout).to.match(/Second sync with nothing new:\n  \w+, \d+ operations planned, [\d,]+ Stripe requests, [\d,]+ NetSuite requests in [\d.]+ s/);
    const verdicts = text.stdout.split('\n').filter((l) => /^  \[(met|NOT MET|not measured)\] /.test(l));
    expect(verdicts.map((l) => l.replace(/^  \[(met|NOT MET|not measured)\] /, '').split(':')[0])).to.deep.equal([
      'throughput',
      'NetSuite requests per record created',
      'second run with nothing new',
      'peak memory',
    ]);
    // Progress goes to stderr, so stdout can be kept as the report.
    expect(text.stderr).to.include('bench: generating a world');
  });

  it('--json: the figures are consistent with one another', () => {
    expect(json.code, transcript(json)).to.equal(0);
    const { mode, result: r, targets } = JSON.parse(json.stdout) as { mode: string; result: SyncBenchResult; targets: TargetCheck[] };
    expect(mode).to.equal('sync');
    expect(r.options).to.deep.include({ customers: 4, months: 2, seed: 3, latencyMs: 2, concurrency: 5 });
    expect(r.world.objects).to.be.greaterThan(0);
    expect(r.extract.objectsStored).to.be.greaterThan(0);
    expect(r.extract.stripeRequests).to.be.greaterThan(0);
    expect(r.extract.stripeRequestsPerObject).to.be.closeTo(r.extract.stripeRequests / r.extract.objectsStored, 1e-9);
    expect(r.plan.operations).to.be.greaterThan(0);
    const a = r.apply;
    expect(a.done + a.failed + a.blocked + a.skipped).to.equal(r.plan.operations);
    expect(a.created).to.be.within(1, a.done);
    // Every record created took at least one request.
    expect(a.netsuiteRequests).to.be.at.least(a.created);
    expect(a.requestsPerRecordCreated).to.be.closeTo(a.netsuiteRequests / a.created, 1e-9);
    expect(a.ceilingPerSecond).to.equal(2500);
    expect(a.shareOfCeiling).to.be.closeTo(a.recordsPerSecond / a.ceilingPerSecond, 1e-9);
    expect(a.maxInFlight).to.be.within(1, 5);
    expect(a.rejected429, 'the client keeps within the limit').to.equal(0);
    expect(r.firstSyncMs).to.be.closeTo(r.extract.ms + r.plan.ms + a.ms, 1e-6);
    expect(r.memory.maxRssBytes).to.be.greaterThan(r.memory.peakHeapUsedBytes);
    expect(r.memory.peakHeapUsedBytes).to.be.at.least(r.memory.baselineHeapUsedBytes);
    // Nothing new: the second run writes nothing; its one request proves the credentials.
    expect(r.rerun.netsuiteRequests).to.equal(1);
    expect(r.rerun.planned).to.equal(0);
    expect(r.rerun.status).to.equal('success');
    const byName = new Map(targets.map((t) => [t.name, t]));
    expect(byName.get('second run with nothing new')!.met).to.equal(true);
    expect(byName.get('NetSuite requests per record created')!.met).to.equal(a.requestsPerRecordCreated <= 1.05);
    expect(byName.get('throughput')!.met).to.equal(a.shareOfCeiling >= 0.9);
    // A world this small says nothing of a 100,000-object backfill: no verdict, and the run says why.
    expect(byName.get('peak memory')!.met).to.equal(false);
    expect(byName.get('peak memory')!.notMeasured).to.match(/^measured at [\d,]+ objects, not 100,000: `bench --backfill-objects 100000`/);
    expect(text.stdout).to.match(/\[not measured\] peak memory: .*\n {8}not measured: measured at [\d,]+ objects, not 100,000/);
  });

  it('--ledger-objects: the no-change re-run over a seeded ledger sends nothing to NetSuite', () => {
    expect(ledger.code, transcript(ledger)).to.equal(0);
    const { mode, result: r, targets } = JSON.parse(ledger.stdout) as {
      mode: string;
      result: LedgerObjectsBenchResult;
      targets: TargetCheck[];
    };
    expect(mode).to.equal('ledger-objects');
    expect(r.seeded.objects).to.equal(500);
    expect(r.seeded.links).to.be.greaterThan(0);
    // Everything the plan could want is linked: only operations the plan itself blocks may remain.
    expect(r.operations).to.equal(r.blocked);
    expect(r.netsuiteRequests).to.equal(0);
    expect(r.totalMs).to.be.closeTo(r.planMs + r.applyMs, 1e-6);
    // 500 objects are not the 100,000 the targets name: figures, but no verdict.
    expect(targets.map((t) => [t.name, t.met, t.notMeasured])).to.deep.equal([
      ['no-change re-run: NetSuite requests', false, 'measured at 500 objects, not 100,000'],
      ['no-change re-run: plan + apply time', false, 'measured at 500 objects, not 100,000'],
    ]);
  });

  it('--backfill-objects: a real backfill process reports its own peak memory in its run summary', () => {
    expect(backfill.code, transcript(backfill)).to.equal(0);
    const { mode, result: r, targets } = JSON.parse(backfill.stdout) as {
      mode: string;
      result: BackfillBenchResult;
      targets: TargetCheck[];
    };
    expect(mode).to.equal('backfill');
    expect(r.options).to.deep.include({ objects: 300, months: 2, latencyMs: 1, stripeRequestsPerSecond: 100 });
    expect(r.world.keptObjects).to.be.at.least(300);
    expect(r.command).to.match(/^stripe-netsuite --config \S+ --log-format json backfill --from 2026-01-01 --to 2026-0\d-\d\d$/);
    expect(r.exitCode).to.equal(0);
    expect(r.run.status).to.equal('success');
    expect(r.run.extracted.objects).to.be.within(1, r.world.objects);
    expect(r.run.operations.done).to.equal(r.run.operations.planned);
    expect(r.run.operations.planned).to.be.greaterThan(0);
    // The sandboxes count what the backfill process sent them.
    expect(r.sandbox.netsuiteRequests).to.equal(r.run.netsuiteRequests);
    expect(r.sandbox.stripeRequests).to.equal(r.run.extracted.requests);
    expect(r.sandbox.rejected429).to.equal(0);
    // A Node process with the connector loaded holds tens of MB at least; far from gigabytes at this size.
    expect(r.run.peakRssMb).to.be.within(30, 1000);
    // The syncs that follow read only what is new: the backfilled history is not listed again.
    expect(r.nextSyncs.afterBackfill.exitCode).to.equal(0);
    expect(r.nextSyncs.incremental.stripeRequests).to.be.greaterThan(0);
    expect(r.nextSyncs.afterBackfill.stripeRequests).to.be.at.most(2 * r.nextSyncs.incremental.stripeRequests);
    expect(r.nextSyncs.afterBackfill.stripeRequests).to.be.lessThan(r.run.extracted.requests);
    expect(targets.map((t) => [t.name, t.met])).to.deep.equal([
      ['backfill completed', true],
      ['peak memory', false],
      ['first sync after a backfill', true],
    ]);
    expect(targets[1].notMeasured).to.match(/^measured at [\d,]+ objects, not 100,000$/);
    // No secret reaches the report: the credentials live in the child's environment only.
    expect(backfill.stdout).to.not.match(/sk_test_bench/);
  });

  it('rejects a latency of 0 (the ceiling would be infinite): exit 2', async () => {
    const r = await runCli(['bench', '--latency-ms', '0']);
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('--latency-ms must be a whole number ≥ 1');
  });
});

describe('cli: bench, client and extraction modes', function () {
  this.timeout(120_000);

  it('--netsuite-records measures the client against the concurrency ceiling', async () => {
    const r = await runCli(['bench', '--netsuite-records', '20', '--latency-ms', '5', '--concurrency', '4', '--json'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const { mode, result } = JSON.parse(r.stdout) as { mode: string; result: { records: number; requests: number; ceiling: number; share: number; rejected429: number; maxInFlight: number } };
    expect(mode).to.equal('netsuite-client');
    expect(result.records).to.equal(20);
    expect(result.requests).to.be.at.least(20);
    expect(result.ceiling).to.equal(800); // 4 × 1000 / 5
    expect(result.share).to.be.greaterThan(0);
    expect(result.rejected429).to.equal(0);
    expect(result.maxInFlight).to.be.at.most(4);
  });

  it('--sync-throughput: a real sync run at each latency, its requests as a share of the ceiling, and a verdict per latency', async () => {
    const r = await runCli(
      ['bench', '--sync-throughput', '--latencies-ms', '2,4', '--customers', '3', '--months', '1', '--concurrency', '4', '--json'],
      { timeoutMs: 110_000 },
    );
    expect(r.code, transcript(r)).to.equal(0);
    const { mode, result, targets } = JSON.parse(r.stdout) as { mode: string; result: SyncThroughputResult; targets: TargetCheck[] };
    expect(mode).to.equal('sync-throughput');
    expect(result.objects).to.be.greaterThan(0);
    expect(result.runs.map((x) => [x.latencyMs, x.ceilingPerSecond])).to.deep.equal([
      [2, 2000],
      [4, 1000],
    ]);
    for (const x of result.runs) {
      expect(x.status, `${x.latencyMs} ms`).to.equal('success');
      expect(x.operations.done, `${x.latencyMs} ms: every operation done`).to.equal(x.operations.planned);
      expect(x.created).to.be.within(1, x.operations.done);
      // Every record created took a request, and the run proved the login with one more.
      expect(x.netsuiteRequests).to.be.at.least(x.created + 1);
      expect(x.shareOfCeiling).to.be.closeTo(x.requestsPerSecond / x.ceilingPerSecond, 1e-9);
      expect(x.requestsPerSecond).to.be.closeTo((x.netsuiteRequests * 1000) / x.wallMs, 1e-6);
      expect(x.rejected429, 'the run keeps within the limit').to.equal(0);
      expect(x.maxInFlight).to.be.within(1, 4);
      // The machine's own round trip, measured with as many requests (at least 1,000) at the same latency and concurrency.
      expect(x.bareHttp.requests).to.equal(Math.max(1000, x.netsuiteRequests));
      expect(x.bareHttp.shareOfCeiling).to.be.closeTo(x.bareHttp.requestsPerSecond / x.ceilingPerSecond, 1e-9);
      expect(x.bareHttp.shareOfCeiling, 'no client beats concurrency × 1000 / latency').to.be.within(0.05, 1);
      expect(x.bareHttp.serverCpuMsPerRequest).to.be.greaterThan(0);
    }
    expect(targets.map((t) => [t.name, t.met])).to.deep.equal(result.runs.map((x) => [`sync throughput at ${x.latencyMs} ms`, x.shareOfCeiling >= 0.9]));
    for (const t of targets.filter((c) => !c.met)) expect(t.note).to.match(/a client and a server doing nothing but the round trip reach [\d.]+% on this machine/);
  });

  it('--latencies-ms takes whole milliseconds of at least 1: exit 2 otherwise', async () => {
    const r = await runCli(['bench', '--sync-throughput', '--latencies-ms', '5,0']);
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('--latencies-ms takes whole milliseconds of at least 1');
  });

  it('--adaptive-records: against accounts allowing 1–4 of 5, every record is created and the 429s stay within C − L + ⌈N/50L⌉', async () => {
    const r = await runCli(['bench', '--adaptive-records', '120', '--latency-ms', '3', '--json', '--check'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const out = JSON.parse(r.stdout) as {
      mode: string;
      concurrency: number;
      met: boolean;
      result: Array<{ accountLimit: number; records: number; created: number; extraRequests: number; bound: number; lowestLimit: number }>;
    };
    expect(out.mode).to.equal('adaptive-concurrency');
    expect(out.result.map((x) => x.accountLimit)).to.deep.equal([1, 2, 3, 4]);
    for (const x of out.result) {
      expect(x.created, `L = ${x.accountLimit}`).to.equal(120);
      expect(x.bound, `L = ${x.accountLimit}`).to.equal(5 - x.accountLimit + Math.ceil(120 / (50 * x.accountLimit)));
      expect(x.extraRequests, `L = ${x.accountLimit}`).to.be.at.most(x.bound);
      // The limit adapts on refusals only: when the account answered 429 the client came down to what it allows.
      if (x.extraRequests > 0) expect(x.lowestLimit, `L = ${x.accountLimit}`).to.be.at.most(x.accountLimit);
    }
    expect(out.met).to.equal(true);
  });

  it('--adaptive-records prints one line per account limit and a verdict', async () => {
    const r = await runCli(['bench', '--adaptive-records', '40', '--latency-ms', '3', '--concurrency', '3'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}L = \d: \d+\/\d+ created/.test(l));
    expect(rows.map((l) => l.slice(2, 7))).to.deep.equal(['L = 1', 'L = 2']);
    expect(r.stdout).to.match(/\[(met|NOT MET)\] extra requests within the bound/);
  });

  it('--scaling-objects plans the same change set on ledgers of N and 10·N objects and prints the ratios', async () => {
    const r = await runCli(['bench', '--scaling-objects', '150', '--months', '2', '--json'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const { mode, result, targets } = JSON.parse(r.stdout) as { mode: string; result: IncrementalScalingResult; targets: TargetCheck[] };
    expect(mode).to.equal('scaling');
    expect(result.small.objects).to.equal(150);
    expect(result.large.objects).to.equal(1500);
    for (const x of [result.small, result.large]) {
      expect(x.changes).to.have.length(10);
      // The changes were planned incrementally: a part of the ledger was read, and the copied invoices planned.
      expect(x.scope).to.match(/^10 changed, \d+ objects, \d+ payouts$/);
      expect(x.plannedObjects).to.be.greaterThan(0).and.lessThan(x.objects);
      expect(x.operations).to.be.greaterThan(0);
      expect(x.peakRssMb).to.be.within(30, 1000);
    }
    expect(result.ratios.cpu).to.be.closeTo(result.large.cpuMs / result.small.cpuMs, 1e-9);
    expect(result.ratios.peakRss).to.be.closeTo(result.large.peakRssMb / result.small.peakRssMb, 1e-9);
    expect(targets.map((t) => [t.name, t.met])).to.deep.equal([
      ['incremental plan CPU at 10× the ledger', result.ratios.cpu <= 1.5],
      ['incremental plan peak RSS at 10× the ledger', result.ratios.peakRss <= 1.5],
    ]);
  });

  it('--scale-to plans the same change set on ledgers made of copies of the seeded one, and their first plans with --first-plan', async () => {
    const r = await runCli(['bench', '--scaling-objects', '150', '--scale-to', '450,750', '--first-plan', '--months', '2', '--json'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const { mode, result, targets } = JSON.parse(r.stdout) as { mode: string; result: TiledScalingResult; targets: TargetCheck[] };
    expect(mode).to.equal('scaling-tiled');
    expect(result.base.objects).to.equal(150);
    expect(result.base.changes).to.have.length(10);
    expect(result.base.incremental.scope).to.match(/^10 changed, \d+ objects, \d+ payouts$/);
    expect(result.tiled.map((t) => t.tiles)).to.deep.equal([3, 5]);
    for (const t of result.tiled) {
      // Every copy holds the base's objects but the shared catalog (prices, products, coupons), held once.
      const catalog = (t.tiles * 150 - t.objects) / (t.tiles - 1);
      expect(catalog).to.be.within(1, 149);
      expect(catalog % 1).to.equal(0);
      expect(t.links).to.be.greaterThan(result.base.links);
      expect(t.ledgerBytes).to.be.greaterThan(result.base.ledgerBytes);
      // The same objects changed in the base copy, planned incrementally: what they reach, as on the base ledger.
      expect(t.changes).to.deep.equal(result.base.changes);
      expect(t.incremental.scope).to.equal(result.base.incremental.scope);
      expect(t.incremental.plannedObjects).to.equal(result.base.incremental.plannedObjects);
      expect(t.incremental.operations).to.equal(result.base.incremental.operations);
      expect(t.ratios.cpu).to.be.closeTo(t.incremental.cpuMs / result.base.incremental.cpuMs, 1e-9);
      // The first plan reads every partition: the whole ledger but the shared catalog, and the payouts on their side.
      expect(t.firstPlan!.scope).to.equal('full (asked for)');
      expect(t.firstPlan!.plannedObjects).to.be.within(t.incremental.plannedObjects, t.objects);
      expect(t.firstPlan!.operations).to.equal(t.incremental.operations);
    }
    expect(targets.map((t) => [t.name, t.met])).to.deep.equal(
      result.tiled.flatMap((t) => [
        [`incremental plan CPU at ${t.tiles}× the ledger`, t.ratios.cpu <= 1.5],
        [`incremental plan peak RSS at ${t.tiles}× the ledger`, t.ratios.peakRss <= 1.5],
      ]),
    );
  });

  it('--scale-to goes with --scaling-objects, and --first-plan with --scale-to: exit 2 otherwise', async () => {
    const [a, b, c] = await runCliMany(
      [['bench', '--scale-to', '1000'], ['bench', '--scaling-objects', '100', '--first-plan'], ['bench', '--scaling-objects', '100', '--scale-to', '50']].map((args) => ({ args })),
      3,
    );
    expect(a.code, transcript(a)).to.equal(2);
    expect(a.stderr).to.include('--scale-to and --first-plan go with --scaling-objects N');
    expect(b.code, transcript(b)).to.equal(2);
    expect(b.stderr).to.include('--first-plan goes with --scale-to');
    expect(c.code, transcript(c)).to.equal(2);
    expect(c.stderr).to.include('--scale-to sizes must be at least --scaling-objects (100)');
  });

  it('--extract-only prints Stripe requests per object and objects per second', async () => {
    const r = await runCli(['bench', '--extract-only', '--customers', '4', '--months', '2'], { timeoutMs: 110_000 });
    expect(r.code, transcript(r)).to.equal(0);
    const m = /Extraction: (\d+) objects with (\d+) Stripe requests = ([\d.]+) requests per object; (\d+) objects\/s/.exec(r.stdout);
    expect(m, r.stdout).to.not.equal(null);
    const [objects, requests, perObject] = [Number(m![1]), Number(m![2]), Number(m![3])];
    expect(objects).to.be.greaterThan(50);
    expect(perObject).to.be.closeTo(requests / objects, 0.0001);
  });
});
