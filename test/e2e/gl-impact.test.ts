// The plan's books' impact against the NetSuite sandbox's GL on generated worlds: every record the run made
// posted exactly the lines the dry-run plan previewed, and the preview balances per currency.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { buildBooks } from '../../src/books/books-model.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { startSandboxes } from '../support/sandboxes.js';
import { glAsPreviewed } from './gl-as-previewed.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { readLinks } from '../../src/ledger/links.js';

describe("books' impact on generated worlds", function () {
  this.timeout(300_000);

  for (const [seed, flags] of [
    [1, {}],
    [42, { keepUnpaidInvoicesOpen: true, useRefundItem: true, useBadDebtItem: true }],
    [99, { globalItem: true, globalDiscountItem: true, syncTrialInvoices: true }],
  ] as const) {
    it(`seed ${seed}: the dry run's GL lines are what NetSuite posts, and they balance`, async () => {
      const { items, summary } = generateWorld({ customers: 16, months: 2, seed });
      const h = await startSandboxes({ world: items, now: summary.end + 3 * 86400, configPatch: (s) => Object.assign(s.features, flags) });
      try {
        const dry = await runSync(h.config, { kind: 'plan', dryRun: true, extract: true });
        const plan = dry.plan!;
        const books = buildBooks(plan.operations, h.config.settings.netsuite);
        expect(books.glImpact.unknown).to.deep.equal([]);
        // Accounts are shown by their NetSuite names (read with the account profile), then the config key.
        const named = buildBooks(plan.operations, h.config.settings.netsuite, undefined, dry.accountNames);
        const income = named.glImpact.total.accounts.find((a) => a.account === h.config.settings.netsuite.accounts.income);
        expect(income?.accountName).to.equal('Sales (accounts.income)');
        const undeposited = named.glImpact.total.accounts.find((a) => a.account === h.config.settings.netsuite.accounts.undepositedFunds);
        expect(undeposited?.accountName).to.equal('Undeposited Funds (accounts.undepositedFunds)');
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

  it("a second run's plan shows each customer's A/R before and after, and after is NetSuite's balance once applied", async () => {
    const { items, summary } = generateWorld({ customers: 12, months: 2, seed: 5 });
    const h = await startSandboxes({ world: items, now: summary.start + 30 * 86400 });
    try {
      const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true, now: h.stripe.now() });
      expect(first.summary.failures).to.deep.equal([]);
      h.stripe.setNow(summary.end + 3 * 86400);
      const dry = await runSync(h.config, { kind: 'plan', dryRun: true, extract: true, now: h.stripe.now() });
      expect(dry.arBefore).to.not.equal(undefined);
      const books = buildBooks(dry.plan!.operations, h.config.settings.netsuite, dry.arBefore);
      const withHistory = books.tieOuts.customers.filter((c) => c.beforeMinor !== 0);
      expect(withHistory.length).to.be.greaterThan(0);
      const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: false });
      expect(run.summary.failures).to.deep.equal([]);
      const ledger = openLedger(h.config.secrets.ledgerPath);
      const links = readLinks(ledger);
      await ledger.close();
      let compared = 0;
      for (const c of books.tieOuts.customers) {
        // The label is "Name (cus_…)" or the Stripe id.
        const id = links.get(`customer:${/\((cus_[^)]+)\)$/.exec(c.customer)?.[1] ?? c.customer}`);
        if (!id) continue;
        const balance = (await (await fetch(`${h.netsuite.url}/_sandbox/customer-balance/${id}`)).json()) as { balancesMinor: Record<string, number> };
        expect(balance.balancesMinor[c.currency.toUpperCase()] ?? 0, `${c.customer} ${c.currency}`).to.equal(c.afterMinor);
        expect(c.afterMinor).to.equal(c.beforeMinor! + c.changeMinor);
        compared += 1;
      }
      expect(compared).to.be.greaterThan(3);
    } finally {
      await h.close();
    }
  });
});
