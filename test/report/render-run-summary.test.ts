import { expect } from 'chai';
import { formatDuration, MAX_FAILURES_IN_JSON, renderRunSummary } from '../../src/report/render-run-summary.js';
import type { RunSummary } from '../../src/report/run-summary.js';

function summary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    runId: 12,
    kind: 'sync',
    startedAt: Date.UTC(2026, 2, 11, 8, 0, 0),
    finishedAt: Date.UTC(2026, 2, 11, 8, 0, 1) + 200,
    status: 'success',
    extracted: { objects: 40, changed: 3, requests: 9 },
    operations: { planned: 6, done: 5, failed: 0, blocked: 1, skipped: 0 },
    netsuiteRequests: 7,
    failures: [],
    ...over,
  };
}

describe('report: run summary', () => {
  it('renders the one-line text summary', () => {
    expect(renderRunSummary(summary(), 'text')).to.equal(
      'run 12 sync success: 40 objects (3 changed), 5 done, 0 failed, 1 blocked, 7 NetSuite requests in 1.2s',
    );
    const partial = summary({
      runId: 13,
      kind: 'backfill',
      status: 'partial',
      extracted: { objects: 1, changed: 1, requests: 2 },
      operations: { planned: 4, done: 1, failed: 2, blocked: 0, skipped: 1 },
      netsuiteRequests: 1,
      finishedAt: Date.UTC(2026, 2, 11, 8, 2, 5),
    });
    expect(renderRunSummary(partial, 'text')).to.equal(
      'run 13 backfill partial: 1 object (1 changed), 1 done, 2 failed, 0 blocked, 1 skipped, 1 NetSuite request in 2m05s',
    );
  });

  it('renders one JSON line for log collectors, failures capped', () => {
    const failures = Array.from({ length: MAX_FAILURES_IN_JSON + 5 }, (_, i) => ({
      key: `invoice:in_${i}`,
      stripeId: `in_${i}`,
      error: `NetSuite said no\nline two of ${i}`,
    }));
    const line = renderRunSummary(summary({ status: 'failed', failures }), 'json');
    expect(line).to.not.contain('\n');
    const doc = JSON.parse(line);
    expect(doc).to.deep.include({
      event: 'stripe-netsuite.run',
      runId: 12,
      kind: 'sync',
      status: 'failed',
      startedAt: '2026-03-11T08:00:00.000Z',
      finishedAt: '2026-03-11T08:00:01.200Z',
      durationMs: 1200,
      netsuiteRequests: 7,
      failureCount: 25,
      failuresOmitted: 5,
    });
    expect(doc.extracted).to.deep.equal({ objects: 40, changed: 3, requests: 9 });
    expect(doc.operations).to.deep.equal({ planned: 6, done: 5, failed: 0, blocked: 1, skipped: 0 });
    expect(doc.failures).to.have.length(MAX_FAILURES_IN_JSON);
    expect(doc.failures[3]).to.deep.equal({ key: 'invoice:in_3', stripeId: 'in_3', error: 'NetSuite said no\nline two of 3' });
  });

  it('formats durations', () => {
    expect(formatDuration(0)).to.equal('0.0s');
    expect(formatDuration(1234)).to.equal('1.2s');
    expect(formatDuration(125_000)).to.equal('2m05s');
    expect(formatDuration(3_725_000)).to.equal('1h02m');
  });
});
