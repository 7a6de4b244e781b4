// Feature scenario, invoices paid outside Stripe (reference #21, S4): payment records attached to invoices (Stripe's
// "report a payment"), read through the official SDK from the Stripe sandbox over HTTP and synced to the NetSuite
// sandbox. Assertions on the closing credit memos, their applications, amounts remaining and statuses as NetSuite
// shows them, the deposit that carries only the card part, the invariant checker and the books' impact.
import { expect } from 'chai';
import { glAsPreviewed } from './gl-as-previewed.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { Account, DAY, FEATURE_SETS, HOUR, ScenarioWorld, failuresOf, type Scenario } from './scenario-world.js';

/** 2026-09-10 18:00 UTC = 11:00 in Los Angeles. */
const T0 = Date.UTC(2026, 8, 10, 18, 0, 0) / 1000;
const status = (rec: Record<string, unknown>): string => (rec.status as { id: string }).id;

for (const features of FEATURE_SETS) {
  describe(`features: invoices paid outside Stripe [${features}]`, function () {
    const account = new Account(features);
    this.timeout(120_000);

    describe('paid wholly, partly with a card, and partly while still open', () => {
      const w = new ScenarioWorld(T0, 'OB');
      const cust = w.customer({ name: 'Cheque Payers Ltd', email: 'ap@cheques.example' });
      const svc = w.price(w.product('Consulting'), { unitAmount: 30000, type: 'one_time' });
      const due = T0 + 30 * DAY;
      // Wholly by cheque.
      const invW = w.invoice({ customer: cust, at: T0, dueDate: due, lines: [{ price: svc, amount: 30000, description: 'Consulting' }] });
      const whole = w.payOutside(invW, T0 + DAY);
      // 200.00 by wire, the remaining 300.00 by card.
      const invP = w.invoice({ customer: cust, at: T0 + HOUR, dueDate: due, lines: [{ price: svc, amount: 50000, quantity: 1, description: 'Consulting, large' }] });
      const part = w.payOutside(invP, T0 + DAY + HOUR, 20000);
      const card = w.pay(part.invoice, T0 + 2 * DAY);
      // 250.00 by cheque; 750.00 still open.
      const invO = w.invoice({ customer: cust, at: T0 + 2 * HOUR, dueDate: due, lines: [{ price: svc, amount: 100000, quantity: 1, description: 'Consulting, retainer' }] });
      const open = w.payOutside(invO, T0 + DAY + 2 * HOUR, 25000);
      const payout = w.payout(T0 + 4 * DAY);

      let s: Scenario;
      let run: Awaited<ReturnType<Scenario['sync']>>;
      before(async () => {
        s = await account.start(w, { now: T0 + 5 * DAY });
        run = await s.sync();
      });
      after(async () => s?.close());

      it('syncs everything with no failure', () => {
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        expect(run.summary.status).to.equal('success');
      });

      it('a wholly outside-paid invoice is paid in full in NetSuite through one credit memo on Stripe Paid Outside Item', async () => {
        expect(whole.invoice.status).to.equal('paid');
        const inv = await s.ns.record('invoice', invW.id);
        expect(Number(inv.amountRemaining)).to.equal(0);
        expect(status(inv)).to.equal('B');
        const memo = await s.ns.record('creditMemo', `${whole.invoicePayment.id}-outside`);
        expect(Number(memo.total)).to.equal(300);
        expect(await s.ns.applied(memo)).to.deep.equal({ [invW.id]: 300 });
        expect(Number(memo.unapplied)).to.equal(0);
        expect(memo.tranDate).to.equal('2026-09-11');
        expect(String(memo.memo)).to.equal(`Stripe: ${invW.id}. Paid outside Stripe (${whole.invoicePayment.id}, payment record ${whole.record.id}).`);
        expect(await s.ns.entity(memo)).to.equal(cust.id);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([['stripe_paid_outside_item', 300]]);
      });

      it('a partly outside-paid invoice: the memo for the outside part and the card payment for the rest close it', async () => {
        const inv = await s.ns.record('invoice', invP.id);
        expect(Number(inv.amountRemaining)).to.equal(0);
        expect(status(inv)).to.equal('B');
        const memo = await s.ns.record('creditMemo', `${part.invoicePayment.id}-outside`);
        expect(await s.ns.applied(memo)).to.deep.equal({ [invP.id]: 200 });
        const pay = await s.ns.record('customerPayment', card.charge.id);
        expect(await s.ns.applied(pay)).to.deep.equal({ [invP.id]: 300 });
      });

      it('an open invoice partly paid outside Stripe keeps open exactly Stripe\'s amount_remaining', async () => {
        expect(open.invoice.status).to.equal('open');
        const inv = await s.ns.record('invoice', invO.id);
        expect(Math.round(Number(inv.amountRemaining) * 100)).to.equal(open.invoice.amount_remaining);
        expect(Number(inv.amountRemaining)).to.equal(750);
        expect(status(inv)).to.equal('A');
        const memo = await s.ns.record('creditMemo', `${open.invoicePayment.id}-outside`);
        expect(await s.ns.applied(memo)).to.deep.equal({ [invO.id]: 250 });
      });

      it('the payout\'s deposit carries the card payment only (money paid outside Stripe never reaches a payout)', async () => {
        const dep = await s.ns.record('deposit', payout.payout.id);
        expect(Number(dep.total) * 100).to.equal(payout.payout.amount);
        const memos = await s.ns.externalIds('creditMemo');
        expect(memos.filter((m) => m.endsWith('-outside'))).to.have.length(3);
        expect(await s.ns.externalIds('customerPayment')).to.deep.equal([card.charge.id]);
      });

      it('the invariant checker and the books\' impact agree, and a second run writes nothing', async () => {
        const report = await checkInvariants(s.h.config, { client: s.h.client });
        // The checker reads currencies as a multi-currency account shows them (I5, I12): on `none` it holds only I28 and I29.
        const failures = report.results.filter((r) => !r.ok && (features === 'all' || ['I28', 'I29'].includes(r.invariant)));
        expect(failures, renderInvariantReport(report)).to.deep.equal([]);
        const outside = report.results.filter((r) => r.invariant === 'I28' || r.invariant === 'I29');
        expect(outside.map((r) => `${r.invariant} ${r.subject}`).sort()).to.deep.equal([
          `I28 ${open.invoicePayment.id}`, `I28 ${part.invoicePayment.id}`, `I28 ${whole.invoicePayment.id}`,
          `I29 ${invO.id}`, `I29 ${invP.id}`, `I29 ${invW.id}`,
        ].sort());
        const gl = await glAsPreviewed(s.h, run.plan.operations);
        expect(gl.failures, renderInvariantReport(gl)).to.equal(0);
        const again = await s.sync();
        expect(again.summary.operations.planned).to.equal(0);
      });
    });

    it('without netsuite.accounts.paidOutsideStripe the memo is held, naming the key; once it is set the next run closes the invoice', async () => {
      const w = new ScenarioWorld(T0, 'OK');
      const cust = w.customer({ name: 'No Account Yet Inc' });
      const svc = w.price(w.product('Audit'), { unitAmount: 12345, type: 'one_time' });
      const inv = w.invoice({ customer: cust, at: T0, dueDate: T0 + 30 * DAY, lines: [{ price: svc, amount: 12345, description: 'Audit' }] });
      const paid = w.payOutside(inv, T0 + DAY);
      const s = await account.start(w, { now: T0 + 2 * DAY, configPatch: (st) => { delete st.netsuite.accounts.paidOutsideStripe; } });
      try {
        const first = await s.sync();
        const key = `creditMemo:${paid.invoicePayment.id}-outside`;
        expect(first.summary.failures.map((f) => [f.key, f.error]), failuresOf(first)).to.deep.equal([[
          key,
          `credit memo for ${paid.invoicePayment.id}: an invoice paid outside Stripe needs the account such payments are received in; fix: set netsuite.accounts.paidOutsideStripe (a bank or clearing account)`,
        ]]);
        expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining)).to.equal(123.45);
        expect(await s.ns.find('creditMemo', `${paid.invoicePayment.id}-outside`)).to.equal(undefined);

        s.h.config.settings.netsuite.accounts.paidOutsideStripe = '15';
        const second = await s.sync();
        expect(second.summary.failures, failuresOf(second)).to.deep.equal([]);
        const nsInv = await s.ns.record('invoice', inv.id);
        expect(Number(nsInv.amountRemaining)).to.equal(0);
        expect(status(nsInv)).to.equal('B');
        const memo = await s.ns.record('creditMemo', `${paid.invoicePayment.id}-outside`);
        expect(await s.ns.applied(memo)).to.deep.equal({ [inv.id]: 123.45 });
      } finally {
        await s.close();
      }
    });

    after(() => account.expectNoRefusedProperties());
  });
}
