// The plan's books' impact against the NetSuite sandbox's GL on generated worlds: every record the run made
// posted exactly the lines the dry-run plan previewed, and the preview balances per currency.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { buildBooks } from '../../src/books/books-model.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { startHarness } from './sandbox-harness.js';
import { glAsPreviewed } from './gl-as-previewed.js';

describe("books' impact on generated worlds", function () {
  this.timeout(300_000);

  for (const [seed, flags] of [
    [1, {}],
    [42, { keepUnpaidInvoicesOpen: true, useRefundItem: true, useBadDebtItem: true }],
    [99, { globalItem: true, globalDiscountItem: true, syncTrialInvoices: true }],
  ] as const) {
    it(`seed ${seed}: the dry run's GL lines are what NetSuite posts, and they balance`, async () => {
      const { items, summary } = generateWorld({ customers: 16, months: 2, seed });
      const h = await startHarness({ world: items, now: summary.end + 3 * 86400, configPatch: (s) => Object.assign(s.features, flags) });
      try {
        const dry = await runSync(h.config, { kind: 'plan', dryRun: true, extract: true });
        const plan = dry.plan!;
        const books = buildBooks(plan.operations, h.config.settings.netsuite);
        expect(books.glImpact.unknown).to.deep.equal([]);
        expect(books.glImpact.total.currencies.length).to.be.greaterThan(0);
        for (const c of books.glImpact.total.currencies) expect(c.debitMinor, c.currency).to.equal(c.creditMinor);
        for (const r of books.glImpact.byRecordType) for (const c of r.totals.currencies) expect(c.debitMinor, `${r.recordType} ${c.currency}`).to.equal(c.creditMinor);
        // Every deposit that will be sent ties to its payout.
        const deposits = books.tieOuts.deposits.filter((d) => !d.blocked);
        expect(deposits.length).to.be.greaterThan(0);
        for (const d of deposits) expect(d.netMinor, d.payout).to.equal(d.payoutMinor);

        const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: false });
        expect(run.summary.failures, JSON.stringify(run.summary.failures.slice(0, 5))).to.deep.equal([]);
        const report = await glAsPreviewed(h, plan.operations);
        expect(report.failures, renderInvariantReport(report)).to.equal(0);
        expect(report.compared).to.be.greaterThan(50);
        // A preview that says another account is caught.
        const wrong = await glAsPreviewed(h, plan.operations, (ps) =>
          ps.map((p) => (p.key.startsWith('invoice:') ? { ...p, lines: p.lines.map((l) => ({ ...l, account: `${l.account}0` })) } : p)),
        );
        // (An invoice discounted to zero posts nothing, so nothing about it can be wrong.)
        expect(wrong.results.filter((r) => !r.ok).every((r) => r.subject.startsWith('invoice:'))).to.equal(true);
        expect(wrong.failures).to.be.greaterThan(0.8 * wrong.results.filter((r) => r.subject.startsWith('invoice:')).length);
        const types = new Set(report.results.map((r) => r.subject.split(':')[0]));
        for (const t of ['invoice', 'customerPayment', 'deposit']) expect(types.has(t), t).to.equal(true);
      } finally {
        await h.close();
      }
    });
  }
});
