// Feature scenarios, payments, refunds and credit notes on paid invoices (reference #23, #27, #28, #30, #31, #33,
// #34, #38): hand-built Stripe worlds synced over HTTP; assertions on applied amounts, amounts remaining,
// credit-memo lines and memos as NetSuite shows them.
import { expect } from 'chai';
import { glAsPreviewed } from './gl-as-previewed.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { Account, DAY, FEATURE_SETS, HOUR, ScenarioWorld, failuresOf, REV_REC_FIELDS, type Obj, type Scenario } from './scenario-world.js';
import { stripeObject } from '../support/stripe-objects.js';

/** 2026-09-10 18:00 UTC = 11:00 in Los Angeles. */
const T0 = Date.UTC(2026, 8, 10, 18, 0, 0) / 1000;

for (const features of FEATURE_SETS) {
  describe(`features: payments and refunds [${features}]`, function () {
    const account = new Account(features);
    const single = account.single;
    this.timeout(120_000);

    describe('one world, default settings', () => {
      const w = new ScenarioWorld(T0, 'PR');
      const cust = w.customer({ name: 'Payments Co', email: 'ap@payments.example' });
      const plan = w.price(w.product('Platform'), { unitAmount: 20000, nickname: 'Monthly' });
      const seats = w.price(w.product('Seats'), { unitAmount: 1000, nickname: 'Per seat' });
      const twoLines = (at: number) => [
        { price: plan, amount: 20000, description: 'Platform' },
        { price: seats, amount: 5000, quantity: 5, description: '5 seats' },
      ];

      // #27: an invoice paid by card.
      const inv27 = w.invoice({ customer: cust, at: T0, lines: [{ price: plan, amount: 20000, description: 'Platform' }] });
      const paid27 = w.pay(inv27, T0 + HOUR);
      // #28: a charge with no invoice, then partly refunded.
      const direct = w.charge({ customer: cust, amount: 7500, at: T0 + 2 * HOUR, description: 'Consulting call' });
      const refund28 = w.refund(direct.charge, 2500, T0 + 5 * HOUR);
      // #33: full refund of a single-line invoice.
      const invFullSingle = w.invoice({ customer: cust, at: T0 + 3 * HOUR, lines: [{ price: plan, amount: 20000, description: 'Platform', period: { start: T0, end: T0 + 30 * DAY } }] });
      const paidFullSingle = w.pay(invFullSingle, T0 + 3 * HOUR + 60);
      const refundFullSingle = w.refund(paidFullSingle.charge, 20000, T0 + DAY);
      // #33: full refund of a multi-line invoice: the memo copies the invoice's lines.
      const invFullMulti = w.invoice({ customer: cust, at: T0 + 4 * HOUR, lines: twoLines(T0) });
      const paidFullMulti = w.pay(invFullMulti, T0 + 4 * HOUR + 60);
      const refundFullMulti = w.refund(paidFullMulti.charge, 25000, T0 + DAY + HOUR);
      // #34: partial refund of a multi-line invoice: one Stripe Partial Refund Item line.
      const invPartMulti = w.invoice({ customer: cust, at: T0 + 5 * HOUR, lines: twoLines(T0) });
      const paidPartMulti = w.pay(invPartMulti, T0 + 5 * HOUR + 60);
      const refundPartMulti = w.refund(paidPartMulti.charge, 4000, T0 + DAY + 2 * HOUR);
      // #34: partial refund of a single-line invoice: the line's own item for the refunded amount.
      const invPartSingle = w.invoice({ customer: cust, at: T0 + 6 * HOUR, lines: [{ price: seats, amount: 3000, quantity: 3, description: '3 seats' }] });
      const paidPartSingle = w.pay(invPartSingle, T0 + 6 * HOUR + 60);
      const refundPartSingle = w.refund(paidPartSingle.charge, 1000, T0 + DAY + 3 * HOUR);
      // #23: a credit note on a paid invoice, refunded: the note's memo is what the refund consumes.
      const inv23 = w.invoice({ customer: cust, at: T0 + 7 * HOUR, lines: twoLines(T0) });
      const paid23 = w.pay(inv23, T0 + 7 * HOUR + 60);
      const refund23 = w.refund(paid23.charge, 5000, T0 + DAY + 4 * HOUR);
      const cn23 = w.creditNote(paid23.invoice, T0 + DAY + 4 * HOUR, { lines: [{ invoiceLine: 1, amount: 5000 }], refund: refund23 });
      // #23: a credit note settled out of band stays unapplied with a memo telling the accountant.
      const invOob = w.invoice({ customer: cust, at: T0 + 8 * HOUR, lines: [{ price: plan, amount: 20000, description: 'Platform' }] });
      const paidOob = w.pay(invOob, T0 + 8 * HOUR + 60);
      const cnOob = w.creditNote(paidOob.invoice, T0 + DAY + 5 * HOUR, { lines: [{ invoiceLine: 0, amount: 500 }], outOfBand: true });
      // #31: the same invoice paid twice (Stripe records the overpayment); the second payment is a duplicate.
      const invDup = w.invoice({ customer: cust, at: T0 + 9 * HOUR, lines: [{ price: plan, amount: 20000, description: 'Platform' }] });
      const paidDup = w.pay(invDup, T0 + 9 * HOUR + 60);
      const duplicate = payAgain(w, paidDup.invoice, T0 + 10 * HOUR);

      let s: Scenario;
      let run: Awaited<ReturnType<Scenario['sync']>>;
      before(async () => {
        s = await account.start(w, { now: T0 + 3 * DAY });
        run = await s.sync();
      });
      after(async () => s?.close());

      it("the books' impact the plan previewed is what NetSuite posted, record by record", async () => {
        const gl = await glAsPreviewed(s.h, run.plan.operations);
        expect(gl.failures, renderInvariantReport(gl)).to.equal(0);
        expect(gl.compared).to.be.greaterThan(3);
      });

      it('only the duplicate payment is held back', () => {
        expect(run.summary.failures.map((f) => f.key), failuresOf(run)).to.deep.equal([`customerPayment:${duplicate.charge.id}`]);
      });

      it('#27 the payment is applied to its invoice: invoice paid in full, amountRemaining 0, payment in Undeposited Funds on the charge date', async () => {
        const inv = await s.ns.record('invoice', inv27.id);
        expect(Number(inv.amountRemaining)).to.equal(0);
        expect((inv.status as { id: string }).id).to.equal('B');
        const pay = await s.ns.record('customerPayment', paid27.charge.id);
        expect(Number(pay.payment)).to.equal(200);
        expect(await s.ns.applied(pay)).to.deep.equal({ [inv27.id]: 200 });
        expect((pay.account as { id: string }).id).to.equal('4');
        expect(pay.tranDate).to.equal('2026-09-10');
        expect(String(pay.memo)).to.match(new RegExp(`^Stripe: ${paid27.charge.id}`));
        expect(await s.ns.entity(pay, 'customer')).to.equal(cust.id);
        account.expectPaymentFields(pay);
        await account.withFields(inv, ['subsidiary', 'currency', 'exchangeRate'], () => {});
      });

      it('#28 a charge without an invoice is unapplied, and its refund is applied to that payment (no credit memo)', async () => {
        const pay = await s.ns.record('customerPayment', direct.charge.id);
        expect(await s.ns.applied(pay), 'applied to no invoice').to.deep.equal({});
        expect(Number(pay.applied), 'the refund takes back 25.00 of its credit').to.equal(25);
        expect(Number(pay.unapplied)).to.equal(50);
        const refund = await s.ns.record('customerRefund', refund28.id);
        expect(Number(refund.total)).to.equal(25);
        expect(await s.ns.applied(refund)).to.deep.equal({ [direct.charge.id]: 25 });
        expect(String(refund.memo)).to.equal(`Stripe: ${refund28.id} (requested by customer)`);
        expect(await s.ns.find('creditMemo', `${refund28.id}-memo`)).to.equal(undefined);
        account.expectPaymentFields(refund);
      });

      it('#33 full refund of a single-line invoice: credit memo on the line item with its revenue dates, consumed by the refund', async () => {
        const memo = await s.ns.record('creditMemo', `${refundFullSingle.id}-memo`);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([[plan.id, 200]]);
        await account.withFields(lines.map((l) => l.raw), REV_REC_FIELDS, () => {
          expect(lines[0].raw.revRecStartDate).to.equal('2026-09-10');
          expect(lines[0].raw.revRecEndDate).to.equal('2026-10-09');
        });
        await account.withFields(memo, ['subsidiary', 'currency', 'exchangeRate'], () => {});
        expect(Number(memo.unapplied), 'fully consumed by the refund').to.equal(0);
        const refund = await s.ns.record('customerRefund', refundFullSingle.id);
        expect(Number(refund.total)).to.equal(200);
        expect(await s.ns.applied(refund)).to.deep.equal({ [`${refundFullSingle.id}-memo`]: 200 });
        expect(refund.tranDate).to.equal('2026-09-11');
        const inv = await s.ns.record('invoice', invFullSingle.id);
        expect(Number(inv.amountRemaining), 'the paid invoice stays paid').to.equal(0);
      });

      it('#33 full refund of a multi-line invoice: the memo copies the invoice lines', async () => {
        const memo = await s.ns.record('creditMemo', `${refundFullMulti.id}-memo`);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([
          [plan.id, 200],
          [seats.id, 50],
        ]);
        const refund = await s.ns.record('customerRefund', refundFullMulti.id);
        expect(await s.ns.applied(refund)).to.deep.equal({ [`${refundFullMulti.id}-memo`]: 250 });
      });

      it('#34 partial refund of a multi-line invoice: one Stripe Partial Refund Item line', async () => {
        const memo = await s.ns.record('creditMemo', `${refundPartMulti.id}-memo`);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([['stripe_partial_refund_item', 40]]);
        const refund = await s.ns.record('customerRefund', refundPartMulti.id);
        expect(Number(refund.total)).to.equal(40);
        expect(await s.ns.applied(refund)).to.deep.equal({ [`${refundPartMulti.id}-memo`]: 40 });
      });

      it('#34 partial refund of a single-line invoice: the line item for the refunded amount', async () => {
        const memo = await s.ns.record('creditMemo', `${refundPartSingle.id}-memo`);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([[seats.id, 10]]);
      });

      it('#23 a refunded credit note on a paid invoice: its memo carries the credited line and the refund consumes it', async () => {
        const memo = await s.ns.record('creditMemo', cn23.creditNote.id);
        expect(String(memo.memo)).to.match(new RegExp(`^Stripe: ${cn23.creditNote.id}`));
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([[seats.id, 50]]);
        expect(Number(memo.unapplied)).to.equal(0);
        const refund = await s.ns.record('customerRefund', refund23.id);
        expect(await s.ns.applied(refund)).to.deep.equal({ [cn23.creditNote.id]: 50 });
        expect(await s.ns.find('creditMemo', `${refund23.id}-memo`), 'no second memo for the same credit').to.equal(undefined);
        const inv = await s.ns.record('invoice', inv23.id);
        expect(Number(inv.amountRemaining)).to.equal(0);
      });

      it('#23 an out-of-band credit note stays unapplied with a memo asking for a manual application', async () => {
        const memo = await s.ns.record('creditMemo', cnOob.creditNote.id);
        expect(Number(memo.total)).to.equal(5);
        expect(Number(memo.unapplied)).to.equal(5);
        expect(String(memo.memo)).to.equal(`Stripe: ${cnOob.creditNote.id} Out of band credit of 5.00 USD: not applied, apply it manually.`);
        expect(memo.tranDate).to.equal('2026-09-11');
      });

      it('#31 a duplicate payment is blocked by default, naming the invoice and the payment that paid it', async () => {
        const failure = run.summary.failures.find((f) => f.stripeId === duplicate.charge.id);
        expect(failure?.error).to.equal(
          `charge ${duplicate.charge.id} is a duplicate payment: NetSuite invoice ${invDup.id} is already fully paid (by ${paidDup.charge.id}); ` +
            'set features.allowDuplicatePayments or charge metadata netsuite_allow_duplicate=true to sync it unapplied',
        );
        expect(await s.ns.find('customerPayment', duplicate.charge.id)).to.equal(undefined);
        const first = await s.ns.record('customerPayment', paidDup.charge.id);
        expect(await s.ns.applied(first)).to.deep.equal({ [invDup.id]: 200 });
      });
    });

    it('#31 with allowDuplicatePayments the duplicate is an unapplied payment with the payment-error memo', async () => {
      const w = new ScenarioWorld(T0, 'DP');
      const cust = w.customer({ name: 'Twice Paid LLC' });
      const price = w.price(w.product('Plan'), { unitAmount: 9900 });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 9900, description: 'Plan' }] });
      const paid = w.pay(inv, T0 + 60);
      const dup = payAgain(w, paid.invoice, T0 + HOUR);
      const s = await account.start(w, { now: T0 + DAY, configPatch: (st) => (st.features.allowDuplicatePayments = true) });
      try {
        const run = await s.sync();
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        const pay = await s.ns.record('customerPayment', dup.charge.id);
        expect(Number(pay.payment)).to.equal(99);
        expect(await s.ns.applied(pay)).to.deep.equal({});
        expect(Number(pay.unapplied)).to.equal(99);
        expect(String(pay.memo)).to.match(new RegExp(`^Stripe: ${dup.charge.id}`));
        expect(String(pay.memo)).to.contain(`Stripe Payment Error: could not apply to invoice ${inv.id}.`);
        const nsInv = await s.ns.record('invoice', inv.id);
        expect(Number(nsInv.amountRemaining)).to.equal(0);
      } finally {
        await s.close();
      }
    });

    describe('#30 a failed bank debit, synced while pending', () => {
      const w = new ScenarioWorld(T0, 'AF');
      const cust = w.customer({ name: 'Slow Bank Corp' });
      const price = w.price(w.product('Plan'), { unitAmount: 50000 });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 50000, description: 'Annual plan' }] });
      const pending = w.pay(inv, T0 + HOUR, { kind: 'ach' });
      // Fails four days later (2026-09-14), before any payout has swept the failure.
      w.failBankDebit(pending, T0 + 4 * DAY);
      let s: Scenario;
      let first: Awaited<ReturnType<Scenario['sync']>>;
      let second: Awaited<ReturnType<Scenario['sync']>>;
      let appliedWhilePending: Record<string, number>;
      let remainingWhilePending: number;
      before(async () => {
        s = await account.start(w, { now: T0 + DAY });
        first = await s.sync();
        appliedWhilePending = await s.ns.applied(await s.ns.record('customerPayment', pending.charge.id));
        remainingWhilePending = Number((await s.ns.record('invoice', inv.id)).amountRemaining);
        s.h.stripe.advance(4 * DAY);
        second = await s.sync();
      });
      after(async () => s?.close());

      it('while processing, the payment is booked and applied to the invoice', () => {
        expect(first.summary.failures, failuresOf(first)).to.deep.equal([]);
        expect(appliedWhilePending).to.deep.equal({ [inv.id]: 500 });
        expect(remainingWhilePending).to.equal(0);
      });

      it('after the failure: the payment is unapplied and refunded with the failure reason, and the invoice is open again', async () => {
        expect(second.summary.failures, failuresOf(second)).to.deep.equal([]);
        const nsInv = await s.ns.record('invoice', inv.id);
        expect(Number(nsInv.amountRemaining), 'open again for the full amount').to.equal(500);
        expect((nsInv.status as { id: string }).id).to.equal('A');
        const refund = await s.ns.record('customerRefund', `${pending.charge.id}-failed`);
        expect(Number(refund.total)).to.equal(500);
        expect(await s.ns.applied(refund)).to.deep.equal({ [pending.charge.id]: 500 });
        expect(String(refund.memo)).to.equal(
          `Stripe: ${pending.charge.id} Payment failed: The customer's account has insufficient funds to cover this payment. (insufficient_funds).`,
        );
        const pay = await s.ns.record('customerPayment', pending.charge.id);
        expect(await s.ns.applied(pay), 'no longer applied to the invoice').to.deep.equal({});
        expect(Number(pay.unapplied)).to.equal(0);
      });

      it('the refund is dated on the failure (its balance transaction, 2026-09-14), not on the charge', async () => {
        const refund = await s.ns.record('customerRefund', `${pending.charge.id}-failed`);
        expect(refund.tranDate).to.equal('2026-09-14');
      });
    });

    it('#33 #46 full refund of a one-line invoice with tax: the memo reverses the item and the tax, as invoiced', async () => {
      const w = new ScenarioWorld(T0, 'TX');
      const cust = w.customer({ name: 'Taxed Goods Co' });
      const price = w.price(w.product('Gadget'), { unitAmount: 10000 });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 10000, description: 'Gadget', taxes: [{ rate: 'txr_TX', amount: 825, behavior: 'exclusive' }] }] });
      const paid = w.pay(inv, T0 + 60);
      const refund = w.refund(paid.charge, 10825, T0 + DAY);
      const s = await account.start(w, { now: T0 + 2 * DAY });
      try {
        const run = await s.sync();
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        const nsInv = await s.ns.record('invoice', inv.id);
        expect((await s.ns.lines(nsInv, 'item')).map((l) => [l.item, l.amount])).to.deep.equal([
          [price.id, 100],
          ['stripe_tax', 8.25],
        ]);
        const memo = await s.ns.record('creditMemo', `${refund.id}-memo`);
        expect(Number(memo.total)).to.equal(108.25);
        expect((await s.ns.lines(memo, 'item')).map((l) => [l.item, l.amount]), 'income and tax reversed as they were booked').to.deep.equal([
          [price.id, 100],
          ['stripe_tax', 8.25],
        ]);
      } finally {
        await s.close();
      }
    });

    it('#38 a lost dispute on an invoiced charge: a credit memo reversing the invoice and a customer refund', async () => {
      const w = new ScenarioWorld(T0, 'DL');
      const cust = w.customer({ name: 'Chargeback Inc' });
      const price = w.price(w.product('Widget'), { unitAmount: 12000 });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 12000, description: 'Widget' }] });
      const paid = w.pay(inv, T0 + 60);
      const d = w.dispute(paid.charge, T0 + 2 * DAY, 'lost', T0 + 10 * DAY);
      const s = await account.start(w, { now: T0 + 11 * DAY });
      try {
        const run = await s.sync();
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        const refund = await s.ns.record('customerRefund', d.opened.id);
        expect(Number(refund.total)).to.equal(120);
        expect(refund.tranDate, 'dated on the funds withdrawal').to.equal('2026-09-12');
        expect(String(refund.memo)).to.equal(`Stripe: ${d.opened.id} Dispute (fraudulent): funds withdrawn.`);
        expect(await s.ns.applied(refund)).to.deep.equal({ [`${d.opened.id}-memo`]: 120 });
        const memo = await s.ns.record('creditMemo', `${d.opened.id}-memo`);
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([[price.id, 120]]);
      } finally {
        await s.close();
      }
    });

    describe('the account', () => {
      it(`no NetSuite request was refused for a property the account (features ${features}) lacks`, () => {
        account.expectNoRefusedProperties();
      });
    });
  });
}

/** A second, separate payment of an already paid invoice: Stripe keeps it as an overpayment. */
function payAgain(w: ScenarioWorld, invoice: Obj, at: number): { charge: Obj } {
  const { charge, paymentIntent } = w.charge({ customer: { id: invoice.customer } as Obj, amount: invoice.total, at, currency: invoice.currency, description: `Payment for Invoice ${invoice.number}` });
  const ip = w.add(stripeObject('invoice_payment', {
    id: w.id('inpay_'),
    created: at,
    amount_paid: invoice.total,
    amount_requested: invoice.total,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: false,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: at },
  }));
  w.event('invoice_payment.paid', ip, at);
  w.change(invoice, { amount_paid: invoice.amount_paid + invoice.total, amount_overpaid: invoice.total }, at, 'invoice.updated');
  return { charge };
}
