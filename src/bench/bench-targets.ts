// The performance targets from the issue, and whether a benchmark's figures meet them.
import type { SyncBenchResult } from './run-bench.js';
import type { LedgerObjectsBenchResult } from './ledger-objects-bench.js';
import type { BackfillBenchResult } from './backfill-bench.js';
import type { IncrementalScalingResult } from './incremental-scaling.js';
import type { SyncThroughputResult } from './sync-throughput.js';
import type { TiledScalingResult } from './tiled-scaling.js';

export const TARGETS = {
  /** Records created per second as a share of concurrency × 1000 / latency. */
  minShareOfCeiling: 0.9,
  maxNetSuiteRequestsPerRecord: 1.05,
  /** The no-change re-run on a ledger of this many objects: no NetSuite request, under this many ms. */
  noChangeObjects: 100_000,
  noChangeMaxMs: 2_000,
  /** Peak memory of a backfill of this many objects. */
  memoryObjects: 100_000,
  maxPeakBytes: 300 * 1024 * 1024,
  /** The first sync after a backfill: Stripe requests at most this many times a normal incremental sync's. */
  maxFirstSyncAfterBackfillRatio: 2,
  /** An incremental sync's plan on a ledger ten times larger: CPU and peak RSS ratios at most this. */
  maxScalingRatio: 1.5,
} as const;

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  /** False too when not measured. */
  met: boolean;
  /** Why the verdict should be read with care. */
  note?: string;
  /**
   * The target names a scale or a path this run did not measure (what it measured instead): no verdict is given,
   * and `--check` does not count it either way.
   */
  notMeasured?: string;
}

/** A check whose target names `want` objects, measured at `got`: below it, there is no verdict. */
function atScale(c: TargetCheck, got: number, want: number, how: string): TargetCheck {
  if (got >= want) return c;
  const { note: _n, ...rest } = c;
  return {
    ...rest,
    met: false,
    notMeasured: `measured at ${got.toLocaleString('en-US')} objects, not ${want.toLocaleString('en-US')}${how ? `: ${how}` : ''}`,
  };
}

/** Whether every target measured is met (those not measured count neither way). */
export const allMeasuredMet = (checks: readonly TargetCheck[]): boolean => checks.every((c) => c.met || c.notMeasured !== undefined);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function checkSyncTargets(r: SyncBenchResult): TargetCheck[] {
  const checks: TargetCheck[] = [
    {
      name: 'throughput',
      target: `≥ ${TARGETS.minShareOfCeiling * 100}% of the ceiling (${r.apply.ceilingPerSecond.toFixed(1)} records/s)`,
      measured: `${(r.apply.shareOfCeiling * 100).toFixed(1)}% (${r.apply.recordsPerSecond.toFixed(1)} records/s)`,
      met: r.apply.created > 0 && r.apply.shareOfCeiling >= TARGETS.minShareOfCeiling,
      note:
        'the first sync\'s apply (applyPlan over its whole plan apart from planning, the connector\'s NetSuite client, the sandbox over HTTP); `bench --sync-throughput` measures it through a sync run' +
        (r.apply.created < 500 ? '; few records: the waits between passes weigh more than in a real backfill' : ''),
    },
    {
      name: 'NetSuite requests per record created',
      target: `≤ ${TARGETS.maxNetSuiteRequestsPerRecord}`,
      measured: r.apply.requestsPerRecordCreated.toFixed(3),
      met: r.apply.created > 0 && r.apply.requestsPerRecordCreated <= TARGETS.maxNetSuiteRequestsPerRecord,
    },
    {
      name: 'second run with nothing new',
      target: '1 NetSuite request (the login proof every run that could write makes)',
      measured: `${r.rerun.netsuiteRequests} NetSuite requests, ${r.rerun.stripeRequests} Stripe requests, ${(r.rerun.ms / 1000).toFixed(2)} s`,
      met: r.rerun.netsuiteRequests === 1,
    },
    atScale(
      {
        name: 'peak memory',
        target: `< ${mb(TARGETS.maxPeakBytes)} for a ${TARGETS.memoryObjects.toLocaleString('en-US')}-object backfill`,
        measured: `${mb(r.memory.maxRssBytes)} peak RSS of the connector's process`,
        met: r.memory.maxRssBytes < TARGETS.maxPeakBytes,
      },
      r.extract.objectsStored,
      TARGETS.memoryObjects,
      `\`bench --backfill-objects ${TARGETS.memoryObjects}\` measures the target`,
    ),
  ];
  return checks;
}

export function checkLedgerTargets(r: LedgerObjectsBenchResult): TargetCheck[] {
  const path = 'the incremental plan (planOfLedger: parked blocked work repeated) and applyPlan; Stripe not read';
  return [
    {
      name: 'no-change re-run: NetSuite requests',
      target: '0',
      measured: String(r.netsuiteRequests),
      met: r.netsuiteRequests === 0,
      note: path,
    },
    {
      name: 'no-change re-run: plan + apply time',
      target: `< ${TARGETS.noChangeMaxMs / 1000} s`,
      measured: `${(r.totalMs / 1000).toFixed(2)} s`,
      met: r.totalMs < TARGETS.noChangeMaxMs,
      note: path,
    },
  ].map((c) => atScale(c, r.seeded.objects, TARGETS.noChangeObjects, ''));
}

export function checkBackfillTargets(r: BackfillBenchResult): TargetCheck[] {
  const stored = r.run.extracted.objects;
  const peakBytes = (r.run.peakRssMb ?? Number.NaN) * 1024 * 1024;
  return [
    {
      name: 'backfill completed',
      target: 'success (every operation done)',
      measured: `${r.run.status}: ${r.run.operations.done} of ${r.run.operations.planned} operations done`,
      met: r.run.status === 'success',
    },
    atScale(
      {
        name: 'peak memory',
        target: `< ${mb(TARGETS.maxPeakBytes)} for a ${TARGETS.memoryObjects.toLocaleString('en-US')}-object backfill`,
        measured: `${r.run.peakRssMb ?? '?'} MB peak RSS of the backfill process`,
        met: peakBytes < TARGETS.maxPeakBytes,
      },
      stored,
      TARGETS.memoryObjects,
      '',
    ),
    {
      name: 'first sync after a backfill',
      target: `≤ ${TARGETS.maxFirstSyncAfterBackfillRatio}× the Stripe requests of a normal incremental sync`,
      measured: `${r.nextSyncs.afterBackfill.stripeRequests} vs ${r.nextSyncs.incremental.stripeRequests} requests (${r.nextSyncs.ratio.toFixed(2)}×)`,
      met:
        r.nextSyncs.afterBackfill.exitCode === 0 && r.nextSyncs.ratio <= TARGETS.maxFirstSyncAfterBackfillRatio,
    },
  ];
}

/** A sync's plan should cost what changed, not what the ledger holds: its CPU and peak RSS ratios within the bound. */
function scalingChecks(from: number, to: number, times: number, ratios: { cpu: number; peakRss: number }, note: string): TargetCheck[] {
  const at = `${from.toLocaleString('en-US')} → ${to.toLocaleString('en-US')} ledger objects`;
  return ([
    ['CPU', ratios.cpu],
    ['peak RSS', ratios.peakRss],
  ] as const).map(([what, ratio]) => ({
    name: `incremental plan ${what} at ${times}× the ledger`,
    target: `ratio ≤ ${TARGETS.maxScalingRatio}`,
    measured: `${ratio.toFixed(2)} (${at})`,
    met: ratio <= TARGETS.maxScalingRatio,
    note,
  }));
}

export function checkScalingTargets(r: IncrementalScalingResult): TargetCheck[] {
  const note = 'the plan of the sync (planOfLedger) in a process of its own; its extraction and apply are not in these figures';
  return scalingChecks(r.small.objects, r.large.objects, 10, r.ratios, note);
}

/** The same bound at every size of a tiled ledger. */
export function checkTiledScalingTargets(r: TiledScalingResult): TargetCheck[] {
  const note = 'the plan of the sync (planOfLedger) in a process of its own, on a ledger of copies of the seeded one (tile-ledger.ts); its extraction and apply are not in these figures';
  return r.tiled.flatMap((t) => scalingChecks(r.base.objects, t.objects, t.tiles, t.ratios, note));
}

export function checkSyncThroughputTargets(r: SyncThroughputResult): TargetCheck[] {
  return r.runs.map((run) => ({
    name: `sync throughput at ${run.latencyMs} ms`,
    target: `≥ ${TARGETS.minShareOfCeiling * 100}% of the ceiling (${run.ceilingPerSecond.toFixed(1)} requests/s)`,
    measured: `${(run.shareOfCeiling * 100).toFixed(1)}% (${run.requestsPerSecond.toFixed(1)} requests/s over the whole run)`,
    met: run.status === 'success' && run.created > 0 && run.shareOfCeiling >= TARGETS.minShareOfCeiling,
    ...(run.status !== 'success'
      ? { note: `the run ended ${run.status}` }
      : run.shareOfCeiling < TARGETS.minShareOfCeiling
        ? {
            note:
              `a client and a server doing nothing but the round trip reach ${(run.bareHttp.shareOfCeiling * 100).toFixed(1)}% on this machine; ` +
              `its CPU allows at most ${(Math.min(1, run.cpuBoundShareOfCeiling) * 100).toFixed(0)}% at the connector's ${run.cpuMsPerRequest.toFixed(2)} ms ` +
              `and the sandboxes' ${run.sandboxCpuMsPerRequest.toFixed(2)} ms of CPU per request on ${run.cores} cores`,
          }
        : {}),
  }));
}
