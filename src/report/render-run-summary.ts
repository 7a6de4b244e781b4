// A finished run in one line: text for people and cron mail, JSON for log collectors.
import type { RunSummary } from './run-summary.js';
import { stripControls } from './sanitize-text.js';

export type RunSummaryFormat = 'text' | 'json';

/** A JSON line must stay a reasonable size for log pipelines; `status`/`explain` show every failure. */
export const MAX_FAILURES_IN_JSON = 20;

export function renderRunSummary(s: RunSummary, format: RunSummaryFormat): string {
  if (format === 'text') return runSummaryText(s);
  if (format === 'json') return runSummaryJson(s);
  throw new Error(`unknown run summary format "${String(format)}" (expected text or json)`);
}

/** `run 12 sync success: 40 objects (3 changed), 5 done, 0 failed, 1 blocked, 7 NetSuite requests in 1.2s, peak memory 95 MB` */
function runSummaryText(s: RunSummary): string {
  const parts = [
    `${s.extracted.objects} ${plural(s.extracted.objects, 'object')} (${s.extracted.changed} changed)`,
    `${s.operations.done} done`,
    `${s.operations.failed} failed`,
    `${s.operations.blocked} blocked`,
  ];
  if (s.operations.skipped > 0) parts.push(`${s.operations.skipped} skipped`);
  if (s.readFailures) parts.push(`${s.readFailures} Stripe ${plural(s.readFailures, 'read')} failed (see status)`);
  parts.push(`${s.netsuiteRequests} NetSuite ${plural(s.netsuiteRequests, 'request')} in ${formatDuration(durationMs(s))}`);
  if (s.peakRssMb !== undefined) parts.push(`peak memory ${s.peakRssMb} MB`);
  if (s.accountProfile) parts.push(`NetSuite account ${stripControls(s.accountProfile)}`);
  return `run ${s.runId} ${stripControls(s.kind)} ${s.status}: ${parts.join(', ')}`;
}

/** The JSON log line of a run, as log collectors (and `bench --backfill-objects`) read it. */
export type RunSummaryLine = ReturnType<typeof runSummaryLine>;

function runSummaryJson(s: RunSummary): string {
  // JSON.stringify escapes newlines, so whatever the errors say this stays one line.
  return JSON.stringify(runSummaryLine(s));
}

function runSummaryLine(s: RunSummary) {
  const failures = s.failures.slice(0, MAX_FAILURES_IN_JSON).map((f) => ({
    key: f.key,
    stripeId: f.stripeId,
    error: f.error,
  }));
  return {
    event: 'stripe-netsuite.run',
    runId: s.runId,
    kind: s.kind,
    status: s.status,
    startedAt: isoTime(s.startedAt),
    finishedAt: isoTime(s.finishedAt),
    durationMs: durationMs(s),
    extracted: { objects: s.extracted.objects, changed: s.extracted.changed, requests: s.extracted.requests },
    operations: {
      planned: s.operations.planned,
      done: s.operations.done,
      failed: s.operations.failed,
      blocked: s.operations.blocked,
      skipped: s.operations.skipped,
    },
    netsuiteRequests: s.netsuiteRequests,
    ...(s.readFailures ? { readFailures: s.readFailures } : {}),
    ...(s.peakRssMb !== undefined ? { peakRssMb: s.peakRssMb } : {}),
    ...(s.accountProfile ? { accountProfile: s.accountProfile } : {}),
    failureCount: s.failures.length,
    failures,
    failuresOmitted: s.failures.length - failures.length,
  };
}

function durationMs(s: RunSummary): number {
  return Math.max(0, s.finishedAt - s.startedAt);
}

/** 1234 → "1.2s"; 125000 → "2m05s"; 3725000 → "1h02m". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  }
  const totalMinutes = Math.round(ms / 60_000);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, '0')}m`;
}

function isoTime(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
