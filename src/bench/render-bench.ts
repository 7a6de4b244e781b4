// The benchmark's figures for people: one block per measurement, then each target and whether it is met.
import type { SyncBenchResult } from './run-bench.js';
import type { LedgerObjectsBenchResult } from './ledger-objects-bench.js';
import type { BackfillBenchResult } from './backfill-bench.js';
import type { TargetCheck } from './bench-targets.js';
import type { AdaptiveBenchRow } from './adaptive-concurrency-bench.js';
import type { IncrementalRun, IncrementalScalingResult } from './incremental-scaling.js';
import type { SyncThroughputResult } from './sync-throughput.js';
import type { TiledScalingResult } from './tiled-scaling.js';
import type { PlanFigures } from './plan-in-child.js';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const n = (x: number) => x.toLocaleString('en-US');

export function renderTargets(checks: TargetCheck[]): string[] {
  const lines = ['Targets:'];
  for (const c of checks) {
    const verdict = c.notMeasured !== undefined ? 'not measured' : c.met ? 'met' : 'NOT MET';
    lines.push(`  [${verdict}] ${c.name}: ${c.measured} (target ${c.target})`);
    if (c.notMeasured !== undefined) lines.push(`        not measured: ${c.notMeasured}`);
    if (c.note) lines.push(`        note: ${c.note}`);
  }
  return lines;
}

export function renderSyncBench(r: SyncBenchResult, checks: TargetCheck[]): string {
  const o = r.options;
  const a = r.apply;
  const lines = [
    `Benchmark: ${o.customers} customers, ${o.months} months, seed ${o.seed}; NetSuite latency ${o.latencyMs} ms, concurrency ${o.concurrency}`,
    `World: ${n(r.world.objects)} objects and ${n(r.world.events)} events, generated in ${s(r.world.generateMs)}`,
    '',
    'First sync into an empty ledger:',
    `  extract: ${n(r.extract.objectsStored)} objects stored with ${n(r.extract.stripeRequests)} Stripe requests ` +
      `(${r.extract.stripeRequestsPerObject.toFixed(3)} per object) in ${s(r.extract.ms)}` +
      (r.extract.errors > 0 ? `, ${r.extract.errors} objects could not be read` : ''),
    `  plan:    ${n(r.plan.operations)} operations (${n(r.plan.blocked)} blocked) in ${s(r.plan.ms)}`,
    `  apply:   ${n(a.created)} records created, ${n(a.done)} done, ${a.failed} failed, ${a.blocked} blocked, ${a.skipped} skipped in ${s(a.ms)}`,
    `           ${n(a.netsuiteRequests)} NetSuite requests = ${a.requestsPerRecordCreated.toFixed(3)} per record created ` +
      `(${a.clientRetries} client retries, ${a.rejected429} answered 429, at most ${a.maxInFlight} in flight)`,
    `           ${a.recordsPerSecond.toFixed(1)} records/s = ${(a.shareOfCeiling * 100).toFixed(1)}% of the ceiling ` +
      `${a.ceilingPerSecond.toFixed(1)}/s (concurrency × 1000 / latency)`,
    `  wall time (extract + plan + apply): ${s(r.firstSyncMs)}`,
    `  peak memory: ${mb(r.memory.maxRssBytes)} RSS (process.resourceUsage().maxRSS of the connector's process; the sandboxes and the world are in another); ` +
      `${mb(r.memory.peakHeapUsedBytes)} heapUsed (sampled every ${r.memory.sampleIntervalMs} ms during the sync, ` +
      `${mb(r.memory.baselineHeapUsedBytes)} before it)`,
    '',
    'Second sync with nothing new:',
    `  ${r.rerun.status}, ${r.rerun.planned} operations planned, ${n(r.rerun.stripeRequests)} Stripe requests, ` +
      `${n(r.rerun.netsuiteRequests)} NetSuite requests in ${s(r.rerun.ms)}`,
    ...r.rerun.plannedKeys.map((k) => `  still planned: ${k}`),
  ];
  if (r.failures.length > 0) {
    lines.push('', 'First operations not done in the first sync:');
    for (const f of r.failures) lines.push(`  ${f.key}: ${f.error}`);
  }
  lines.push('', ...renderTargets(checks));
  return `${lines.join('\n')}\n`;
}

export function renderLedgerObjectsBench(r: LedgerObjectsBenchResult, checks: TargetCheck[]): string {
  const lines = [
    `Benchmark: no-change re-run on a ledger of ${n(r.options.objects)} objects (seed ${r.options.seed}, ${r.options.months} months)`,
    `Ledger: ${n(r.seeded.objects)} Stripe objects and ${n(r.seeded.links)} NetSuite links, written in ${s(r.seeded.ms)}`,
    '',
    `Last plan of the syncing run (reads and plans every snapshot): ${s(r.fullPlanMs)}`,
    '',
    'Re-run (plan from the unchanged ledger, then apply):',
    `  plan:  ${n(r.operations)} operations (${n(r.blocked)} blocked) in ${s(r.planMs)}`,
    `  apply: ${s(r.applyMs)}, ${n(r.netsuiteRequests)} NetSuite requests`,
    `  total: ${s(r.totalMs)}`,
    `  peak memory: ${mb(r.memory.maxRssBytes)} RSS (whole process, seeding included); ` +
      `${mb(r.memory.peakHeapUsedBytes)} heapUsed sampled during the re-run (${mb(r.memory.baselineHeapUsedBytes)} before it, ` +
      'uncollected seeding garbage included)',
    '',
    ...renderTargets(checks),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderBackfillBench(r: BackfillBenchResult, checks: TargetCheck[]): string {
  const o = r.options;
  const run = r.run;
  const ops = run.operations;
  const lines = [
    `Benchmark: backfill of a world of ${n(r.world.keptObjects)} ledger objects (${n(r.world.customers)} customers, ${o.months} months, seed ${o.seed}); ` +
      `NetSuite latency ${o.latencyMs} ms, concurrency ${o.concurrency}; Stripe reads at ${o.stripeRequestsPerSecond}/s`,
    `World: ${n(r.world.objects)} objects and ${n(r.world.events)} events, generated in ${s(r.world.generateMs)}`,
    `Command: ${r.command} (exit ${r.exitCode})`,
    '',
    `  run ${run.runId}: ${run.status} in ${s(run.durationMs)} (${s(r.wallMs)} with process start-up)`,
    `  extract: ${n(run.extracted.objects)} objects stored with ${n(run.extracted.requests)} Stripe requests`,
    `  apply:   ${n(ops.planned)} operations: ${n(ops.done)} done, ${ops.failed} failed, ${ops.blocked} blocked, ${ops.skipped} skipped; ` +
      `${n(run.netsuiteRequests)} NetSuite requests (${r.sandbox.rejected429} answered 429)`,
    `  peak memory: ${run.peakRssMb ?? '?'} MB RSS (the backfill process's own peak, VmHWM where Linux has it, as its run summary reports it)`,
    `  next syncs: the first after the backfill read Stripe with ${n(r.nextSyncs.afterBackfill.stripeRequests)} requests ` +
      `(${s(r.nextSyncs.afterBackfill.wallMs)}), the one after it ${n(r.nextSyncs.incremental.stripeRequests)} ` +
      `(${s(r.nextSyncs.incremental.wallMs)}): ratio ${r.nextSyncs.ratio.toFixed(2)}`,
  ];
  if (run.failures.length > 0) {
    lines.push('', 'First operations not done:');
    for (const f of run.failures.slice(0, 10)) lines.push(`  ${f.key}: ${f.error}`);
  }
  lines.push('', ...renderTargets(checks));
  return `${lines.join('\n')}\n`;
}

export function renderAdaptiveBench(rows: AdaptiveBenchRow[], o: { concurrency: number; latencyMs: number }): string {
  const lines = [
    `Adaptive NetSuite concurrency: the client configured for ${o.concurrency} in flight, the account allowing L; latency ${o.latencyMs} ms`,
    `  extra requests = 429s the account answered; bound C − L + ⌈N / 50L⌉ (src/netsuite/adaptive-concurrency.ts)`,
  ];
  for (const r of rows) {
    lines.push(
      `  L = ${r.accountLimit}: ${n(r.created)}/${n(r.records)} created in ${s(r.wallMs)}, ${r.extraRequests} extra requests ` +
        `(bound ${r.bound}, ${r.bound > 0 ? ((r.extraRequests / r.bound) * 100).toFixed(0) : '—'}% of it); limit went down to ${r.lowestLimit}, ended at ${r.finalLimit}`,
    );
  }
  const met = rows.every((r) => r.withinBound);
  lines.push('', 'Targets:', `  [${met ? 'met' : 'NOT MET'}] extra requests within the bound, every record created, for each L`, '');
  return lines.join('\n');
}

export function renderScalingBench(r: IncrementalScalingResult, checks: TargetCheck[]): string {
  const run = (label: string, x: IncrementalRun) => [
    `${label}: ${n(x.objects)} objects, ${n(x.links)} links (seeded straight into SQLite in ${s(x.seedMs)}; full plan after seeding ${s(x.fullPlanMs)})`,
    `  incremental plan of ${x.changes.length} changes: ${x.scope}; read ${n(x.plannedObjects)} objects, ${x.operations} operations`,
    `  CPU ${s(x.cpuMs)}, wall ${s(x.wallMs)}, peak RSS ${x.peakRssMb.toFixed(1)} MB (a process of its own)`,
  ];
  const lines = [
    'Incremental sync scaling: the same change set on ledgers of N and 10·N objects',
    ...run('N', r.small),
    ...run('10·N', r.large),
    `Ratios 10·N / N: CPU ${r.ratios.cpu.toFixed(2)}, wall ${r.ratios.wall.toFixed(2)}, peak RSS ${r.ratios.peakRss.toFixed(2)}`,
    '',
    ...renderTargets(checks),
    '',
  ];
  return lines.join('\n');
}

export function renderTiledScalingBench(r: TiledScalingResult, checks: TargetCheck[]): string {
  const b = r.base;
  const plan = (what: string, x: PlanFigures) =>
    `  ${what}: ${x.scope}; read ${n(x.plannedObjects)} objects, ${n(x.operations)} operations; ` +
    `CPU ${s(x.cpuMs)}, wall ${s(x.wallMs)}, peak RSS ${x.peakRssMb.toFixed(1)} MB (a process of its own)`;
  const lines = [
    'Incremental sync scaling on tiled ledgers: the same change set on a seeded ledger and on copies of it',
    `Base: ${n(b.objects)} objects, ${n(b.links)} links, ${mb(b.ledgerBytes)} (seeded straight into SQLite in ${s(b.seedMs)}; ` +
      `full plan after seeding ${s(b.fullPlanMs)})`,
    plan(`incremental plan of ${b.changes.length} changes`, b.incremental),
  ];
  for (const t of r.tiled) {
    lines.push(
      `${n(t.objects)} objects = ${t.tiles} copies of the base, ${n(t.links)} links, ${mb(t.ledgerBytes)} ` +
        `(copies written straight into SQLite in ${s(t.tileMs)})`,
      plan(`incremental plan of ${t.changes.length} changes`, t.incremental),
      `  ratios to the base: CPU ${t.ratios.cpu.toFixed(2)}, wall ${t.ratios.wall.toFixed(2)}, peak RSS ${t.ratios.peakRss.toFixed(2)}`,
    );
    if (t.firstPlan) lines.push(plan('first plan (every partition)', t.firstPlan));
  }
  lines.push('', ...renderTargets(checks), '');
  return lines.join('\n');
}

export function renderSyncThroughput(r: SyncThroughputResult, checks: TargetCheck[]): string {
  const o = r.options;
  const lines = [
    `Benchmark: apply throughput through a sync run (plan and apply); ${o.customers} customers, ${o.months} months, seed ${o.seed}, ` +
      `${n(r.objects)} ledger objects; NetSuite concurrency ${o.concurrency}`,
  ];
  for (const run of r.runs) {
    const ops = run.operations;
    lines.push(
      '',
      `Latency ${run.latencyMs} ms: ${run.status}, ${n(ops.planned)} operations (${n(ops.done)} done, ${ops.failed} failed, ${ops.blocked} blocked, ` +
        `${ops.skipped} skipped), ${n(run.created)} records created in ${s(run.wallMs)}`,
      `  ${n(run.netsuiteRequests)} NetSuite requests = ${run.requestsPerSecond.toFixed(1)}/s = ${(run.shareOfCeiling * 100).toFixed(1)}% of the ceiling ` +
        `${run.ceilingPerSecond.toFixed(1)}/s (concurrency × 1000 / latency); ${run.rejected429} answered 429, at most ${run.maxInFlight} in flight`,
      `  ${run.recordsPerSecond.toFixed(1)} records created/s = ${(run.recordsShareOfCeiling * 100).toFixed(1)}% of the ceiling ` +
        `(${(run.netsuiteRequests / Math.max(1, run.created)).toFixed(3)} requests per record: deposit read-backs, the login proof)`,
      `  connector CPU ${s(run.cpuMs)} = ${run.cpuMsPerRequest.toFixed(2)} ms per request ` +
        `(${((run.cpuMs / run.wallMs) * 100).toFixed(0)}% of one core; at the ceiling a request may cost at most ${(1000 / run.ceilingPerSecond).toFixed(2)} ms)`,
      `  sandboxes' CPU ${s(run.sandboxCpuMs)} = ${run.sandboxCpuMsPerRequest.toFixed(2)} ms per request; both on ${run.cores} cores: ` +
        `this machine's CPU allows at most ${(Math.min(1, run.cpuBoundShareOfCeiling) * 100).toFixed(0)}% of the ceiling at these costs`,
      `  bare round trip (${n(run.bareHttp.requests)} requests between a client and a server doing nothing else): ` +
        `${run.bareHttp.requestsPerSecond.toFixed(1)}/s = ${(run.bareHttp.shareOfCeiling * 100).toFixed(1)}% of the ceiling; ` +
        `${run.bareHttp.clientCpuMsPerRequest.toFixed(2)} and ${run.bareHttp.serverCpuMsPerRequest.toFixed(2)} ms of CPU per request`,
    );
  }
  lines.push('', ...renderTargets(checks));
  return `${lines.join('\n')}\n`;
}
