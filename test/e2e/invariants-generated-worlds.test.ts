// End to end over both sandboxes: generated worlds of several seeds are synced, then the invariant checker reads
// NetSuite over REST and verifies reference §2 (I1, I5–I9, I12–I20). A second run makes no NetSuite write.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { startSandboxes } from '../support/sandboxes.js';

describe('invariants on generated worlds', function () {
  this.timeout(300_000);

  for (const [seed, flags] of [
    [1, {}],
    [7, {}],
    [42, { keepUnpaidInvoicesOpen: true, useRefundItem: true, useBadDebtItem: true }],
    [99, { globalItem: true, globalDiscountItem: true, syncTrialInvoices: true }],
  ] as const) {
    it(`seed ${seed}${Object.keys(flags).length ? ` with ${Object.keys(flags).join(', ')}` : ''}: every invariant holds, and a re-run writes nothing`, async () => {
      const { items, summary } = generateWorld({ customers: 24, months: 3, seed });
      const h = await startSandboxes({
        world: items,
        now: summary.end + 3 * 86400,
        configPatch: (s) => Object.assign(s.features, flags),
      });
      try {
        const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
        expect(first.summary.failures, JSON.stringify(first.summary.failures.slice(0, 5))).to.deep.equal([]);
        expect(first.summary.status).to.equal('success');
        expect(first.summary.operations.done).to.be.greaterThan(100);

        const report = await checkInvariants(h.config, { client: h.client });
        expect(report.failures, renderInvariantReport(report)).to.equal(0);
        const covered = new Set(report.results.map((r) => r.invariant));
        for (const inv of ['I1', 'I5', 'I6', 'I9', 'I12', 'I13', 'I15', 'I17', 'I18', 'I19', 'I20', 'I28', 'I29']) {
          expect(covered.has(inv), `the world exercises ${inv}`).to.equal(true);
        }

        const before = h.netsuite.stats().requests;
        const beforeWrites = h.netsuite.stats().recordWrites;
        const second = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
        expect(second.summary.operations.planned).to.equal(0);
        expect(h.netsuite.stats().recordWrites - beforeWrites, 'record writes').to.equal(0);
        expect(h.netsuite.stats().requests - before, 'requests: the credential check only').to.equal(1);
      } finally {
        await h.close();
      }
    });
  }
});
