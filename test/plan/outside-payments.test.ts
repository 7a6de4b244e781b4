import { expect } from 'chai';
import type Stripe from 'stripe';
import { customerKey, globalItemKey, invoiceKey, outsidePaymentKey, paymentKey } from '../../src/plan/keys.js';
import { world, customer, invoice, T0, DAY } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';
import { outsideInvoicePayment, paidInvoicePayment, stripeCharge } from './fixtures-payments.js';
import { GlImpact } from '../../src/books/gl-impact.js';
import { testSettings } from './fixtures.js';

type ApplyItem = { doc: unknown; apply: boolean; amount?: number };
const applyItems = (body: Record<string, unknown>): ApplyItem[] => (body.apply as { items: ApplyItem[] } | undefined)?.items ?? [];

/** Customer cus_1 with one invoice, and what paid it. */
const invoiceOfCus1 = (spec: Omit<Parameters<typeof invoice>[0], 'customer'>, ...payments: Array<{ id: string; object: string }>) =>
  world().put(customer('cus_1'), invoice({ ...spec, customer: 'cus_1' }), ...payments);

describe('plan: invoices paid outside Stripe (#21, payment records)', () => {
  it('closes a wholly outside-paid invoice with a credit memo on Stripe Paid Outside Item, applied for the amount', () => {
    const w = invoiceOfCus1(
      { id: 'in_w', status: 'paid', lines: [{ amount: 1000 }, { amount: 234 }] },
      outsideInvoicePayment('inpay_w', 'in_w', 'pr_w', 1234, T0 + 3 * DAY),
    );
    const ops = plan(w);
    const memo = opByKey(ops, outsidePaymentKey('inpay_w'));
    expect(memo).to.deep.include({ pass: 'payments', action: 'create', recordType: 'creditMemo', externalId: 'inpay_w-outside', stripeId: 'inpay_w' });
    expect(memo.blocked).to.equal(undefined);
    expect(memo.body).to.deep.include({
      entity: { $ref: customerKey('cus_1') },
      currency: { id: '1' },
      tranDate: '2025-03-04',
      memo: 'Stripe: in_w. Paid outside Stripe (inpay_w, payment record pr_w).',
    });
    expect(itemLines(memo)).to.deep.equal([
      { item: { $ref: globalItemKey('paidOutsideStripe') }, amount: 12.34, description: 'Paid outside Stripe (payment record pr_w)' },
    ]);
    expect(applyItems(memo.body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_w') }, apply: true, amount: 12.34 }]);
    expect(memo.dependsOn).to.include.members([invoiceKey('in_w'), customerKey('cus_1'), globalItemKey('paidOutsideStripe')]);
    // The item posts to the configured account; no customer payment exists (nothing reaches a payout).
    expect(opByKey(ops, globalItemKey('paidOutsideStripe')).body).to.deep.include({ itemId: 'Stripe Paid Outside Item', incomeAccount: { id: '15' } });
    expect(ops.filter((o) => o.recordType === 'customerPayment')).to.deep.equal([]);
  });

  it('a partly outside-paid invoice gets the memo for its part and the card payment for the rest: together its total', () => {
    const w = invoiceOfCus1(
      { id: 'in_p', status: 'paid', lines: [{ amount: 5000 }] },
      outsideInvoicePayment('inpay_out', 'in_p', 'pr_p', 2000, T0 + DAY),
      stripeCharge('ch_p', { amount: 3000, paymentIntent: 'pi_p', created: T0 + 2 * DAY }),
      paidInvoicePayment('inpay_card', 'in_p', 'pi_p', 3000),
    );
    const ops = plan(w);
    expect(applyItems(opByKey(ops, paymentKey('ch_p')).body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_p') }, apply: true, amount: 30 }]);
    expect(applyItems(opByKey(ops, outsidePaymentKey('inpay_out')).body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_p') }, apply: true, amount: 20 }]);
  });

  it('a card charge finding the invoice already paid outside Stripe is a duplicate, never an over-application', () => {
    const w = invoiceOfCus1(
      { id: 'in_d', status: 'paid', lines: [{ amount: 4000 }] },
      outsideInvoicePayment('inpay_cheque', 'in_d', 'pr_d', 4000, T0 + DAY),
      stripeCharge('ch_d', { amount: 4000, paymentIntent: 'pi_d', created: T0 + 2 * DAY }),
      paidInvoicePayment('inpay_cardd', 'in_d', 'pi_d', 4000),
    );
    const ops = plan(w);
    expect(applyItems(opByKey(ops, outsidePaymentKey('inpay_cheque')).body)[0].amount).to.equal(40);
    expect(opByKey(ops, paymentKey('ch_d')).blocked).to.match(/^charge ch_d is a duplicate payment: NetSuite invoice in_d is already fully paid/);
  });

  it('an open invoice partly paid outside Stripe keeps open what Stripe has open; a second payment adds a memo', () => {
    const w = invoiceOfCus1(
      { id: 'in_o', status: 'open', amountPaid: 2500, lines: [{ amount: 10000 }] },
      outsideInvoicePayment('inpay_1', 'in_o', 'pr_1', 1000, T0 + DAY),
      outsideInvoicePayment('inpay_2', 'in_o', 'pr_2', 1500, T0 + 2 * DAY),
    );
    const ops = plan(w);
    const amounts = [outsidePaymentKey('inpay_1'), outsidePaymentKey('inpay_2')].map((k) => applyItems(opByKey(ops, k).body)[0].amount);
    expect(amounts).to.deep.equal([10, 15]);
    const total = itemLines(opByKey(ops, invoiceKey('in_o'))).reduce((sum, l) => sum + Math.round(l.amount * 100), 0);
    expect(total - 2500).to.equal(w.stripe.invoices.get('in_o')!.amount_remaining);
    // Already posted in an earlier run: the memo is not planned again, and what it applied still counts.
    w.link(invoiceKey('in_o')).link(customerKey('cus_1')).link(globalItemKey('paidOutsideStripe')).link(outsidePaymentKey('inpay_1'));
    const next = plan(w).filter((o) => o.recordType === 'creditMemo').map((o) => o.key);
    expect(next).to.deep.equal([outsidePaymentKey('inpay_2')]);
  });

  it('ignores open or cancelled invoice payments and payments by card; holds the memo without the account, naming the key', () => {
    const w = world((s) => { delete s.netsuite.accounts.paidOutsideStripe; }).put(
      customer('cus_1'),
      invoice({ id: 'in_x', customer: 'cus_1', status: 'paid', lines: [{ amount: 700 }] }),
      outsideInvoicePayment('inpay_x', 'in_x', 'pr_x', 700),
      { ...outsideInvoicePayment('inpay_c', 'in_x', 'pr_c', 700), status: 'canceled', amount_paid: null } as Stripe.InvoicePayment,
    );
    const ops = plan(w);
    expect(ops.map((o) => o.key)).to.not.include(outsidePaymentKey('inpay_c'));
    expect(ops.map((o) => o.key)).to.not.include(globalItemKey('paidOutsideStripe'));
    const memo = opByKey(ops, outsidePaymentKey('inpay_x'));
    expect(memo.blocked).to.equal(
      'credit memo for inpay_x: an invoice paid outside Stripe needs the account such payments are received in; fix: set netsuite.accounts.paidOutsideStripe (a bank or clearing account)',
    );
  });

  it('posts, in the books\' impact, a debit to the configured account and a credit to A/R for the amount', () => {
    const w = invoiceOfCus1(
      { id: 'in_g', status: 'paid', lines: [{ amount: 1999 }] },
      outsideInvoicePayment('inpay_g', 'in_g', 'pr_g', 1999),
    );
    const ops = plan(w);
    const gl = new GlImpact(testSettings().netsuite, ops).of(opByKey(ops, outsidePaymentKey('inpay_g')));
    expect(gl.unknown).to.deep.equal([]);
    expect(gl.lines.map((l) => [l.account, l.debitMinor, l.creditMinor])).to.deep.equal([['15', 1999, 0], ['5', 0, 1999]]);
  });
});
