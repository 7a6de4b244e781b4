import { expect } from 'chai';
import {
  customerKey,
  failedPaymentKey,
  globalCustomerKey,
  globalItemKey,
  invoiceBalanceKey,
  invoiceKey,
  paymentKey,
  paymentUnapplyKey,
  priceItemKey,
} from '../../src/plan/keys.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { world, customer, invoice, T0, DAY, type World } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';
import { bt, paidInvoicePayment, stripeCharge } from './fixtures-payments.js';

type ApplyItem = { doc: unknown; apply: boolean; amount?: number };
const applyItems = (body: Record<string, unknown>): ApplyItem[] => (body.apply as { items: ApplyItem[] } | undefined)?.items ?? [];

/** A paid one-line invoice in_1 of 10.00 USD paid by charge ch_1 through pi_ch_1. */
function paidInvoiceWorld(configure?: Parameters<typeof world>[0]): World {
  return world(configure).put(
    customer('cus_1', { name: 'Acme' }),
    invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines: [{ amount: 1000, price: 'price_a' }] }),
    stripeCharge('ch_1', { amount: 1000, description: 'Subscription update' }),
    paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', 1000),
  );
}

describe('plan: payments', () => {
  it('creates a customerPayment per charge at charge time, applied to its invoice through invoice_payment', () => {
    const op = opByKey(plan(paidInvoiceWorld()), paymentKey('ch_1'));
    expect(op).to.deep.include({ pass: 'payments', action: 'create', recordType: 'customerPayment', externalId: 'ch_1', stripeId: 'ch_1' });
    expect(op.body).to.deep.include({
      customer: { $ref: customerKey('cus_1') },
      currency: { id: '1' },
      payment: 10,
      // To Undeposited Funds, not a bank account; the payment method as an account with Payment Instruments names it.
      undepFunds: { id: 'T' },
      paymentOption: { id: '1' },
      tranDate: '2025-03-01',
      memo: 'Stripe: ch_1 Subscription update',
    });
    expect(op.body, 'Undeposited Funds or a bank account, not both').to.not.have.property('account');
    expect(applyItems(op.body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_1') }, apply: true, amount: 10 }]);
    expect(op.dependsOn).to.include.members([customerKey('cus_1'), invoiceKey('in_1')]);
    expect(op.summary).to.deep.include({ customer: 'Acme (cus_1)', date: '2025-03-01', currency: 'usd', amount: 1000 });
    expect(op.blocked).to.equal(undefined);
  });

  it('leaves a charge without invoice unapplied, and books a charge without customer to the global customer', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_noinv', { amount: 2500, paymentIntent: null }),
      stripeCharge('ch_anon', { amount: 700, customer: null, paymentIntent: null, currency: 'eur' }),
    );
    const ops = plan(w);
    const noInvoice = opByKey(ops, paymentKey('ch_noinv'));
    expect(noInvoice.body.payment).to.equal(25);
    expect(noInvoice.body).to.not.have.property('apply');
    expect(noInvoice.body.memo).to.equal('Stripe: ch_noinv');
    const anon = opByKey(ops, paymentKey('ch_anon'));
    expect(anon.body.customer).to.deep.equal({ $ref: globalCustomerKey() });
    expect(anon.body.currency).to.deep.equal({ id: '4' });
    expect(anon.body.payment).to.equal(7);
  });

  it('lets charge metadata name the NetSuite customer and invoice (#32)', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_meta', { amount: 1234, paymentIntent: null, metadata: { netsuite_customer_id: '777', netsuite_invoice_id: '9001' } }),
    );
    const op = opByKey(plan(w), paymentKey('ch_meta'));
    expect(op.body.customer).to.deep.equal({ id: '777' });
    expect(applyItems(op.body)).to.deep.equal([{ doc: { id: '9001' }, apply: true, amount: 12.34 }]);
  });

  it('skips charges without a balance transaction and failed charges that never had one', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_auth', { balanceTransaction: null }),
      stripeCharge('ch_declined', { status: 'failed', balanceTransaction: null }),
    );
    const keys = plan(w).map((o) => o.key);
    expect(keys).to.not.include(paymentKey('ch_auth'));
    expect(keys).to.not.include(paymentKey('ch_declined'));
  });

  it('blocks a duplicate payment for an already-paid invoice by default (#31), naming the covering charge', () => {
    const w = paidInvoiceWorld().put(
      stripeCharge('ch_2', { amount: 1000, created: T0 + 60, paymentIntent: 'pi_dup' }),
      paidInvoicePayment('inpay_2', 'in_1', 'pi_dup', 1000),
    );
    const ops = plan(w);
    expect(opByKey(ops, paymentKey('ch_1')).blocked).to.equal(undefined);
    const dup = opByKey(ops, paymentKey('ch_2'));
    expect(dup.blocked).to.match(/ch_2 is a duplicate payment: NetSuite invoice in_1 is already fully paid \(by ch_1\)/);
    expect(dup.blocked).to.match(/allowDuplicatePayments/);
  });

  it('syncs a duplicate unapplied with the error memo when allowed globally or by charge metadata', () => {
    const byFlag = paidInvoiceWorld((s) => (s.features.allowDuplicatePayments = true)).put(
      stripeCharge('ch_2', { amount: 1000, created: T0 + 60, paymentIntent: 'pi_dup' }),
      paidInvoicePayment('inpay_2', 'in_1', 'pi_dup', 1000),
    );
    const dup = opByKey(plan(byFlag), paymentKey('ch_2'));
    expect(dup.blocked).to.equal(undefined);
    expect(dup.body).to.not.have.property('apply');
    expect(dup.body.memo).to.equal('Stripe: ch_2 Stripe Payment Error: could not apply to invoice in_1.');

    const byMetadata = paidInvoiceWorld().put(
      stripeCharge('ch_3', { amount: 1000, created: T0 + 60, paymentIntent: 'pi_dup', metadata: { netsuite_allow_duplicate: 'true' } }),
      paidInvoicePayment('inpay_3', 'in_1', 'pi_dup', 1000),
    );
    const dup3 = opByKey(plan(byMetadata), paymentKey('ch_3'));
    expect(dup3.blocked).to.equal(undefined);
    expect(dup3.body.memo).to.equal('Stripe: ch_3 Stripe Payment Error: could not apply to invoice in_1.');
  });

  it('never applies more than the NetSuite invoice has open: two partial payments, the second capped', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_p', customer: 'cus_1', status: 'paid', lines: [{ amount: 1000 }] }),
      stripeCharge('ch_a', { amount: 600, paymentIntent: 'pi_a' }),
      stripeCharge('ch_b', { amount: 600, created: T0 + 10, paymentIntent: 'pi_b' }),
      paidInvoicePayment('inpay_a', 'in_p', 'pi_a', 600),
      paidInvoicePayment('inpay_b', 'in_p', 'pi_b', 600),
    );
    const ops = plan(w);
    expect(applyItems(opByKey(ops, paymentKey('ch_a')).body)[0].amount).to.equal(6);
    const b = opByKey(ops, paymentKey('ch_b'));
    expect(b.body.payment).to.equal(6);
    expect(applyItems(b.body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_p') }, apply: true, amount: 4 }]);
  });

  it('blocks a payment whose invoice is not in the ledger, and one whose currency is not mapped', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_lost', { paymentIntent: 'pi_lost' }),
      paidInvoicePayment('inpay_lost', 'in_missing', 'pi_lost', 1000),
      stripeCharge('ch_chf', { currency: 'chf', paymentIntent: null }),
    );
    const ops = plan(w);
    expect(opByKey(ops, paymentKey('ch_lost')).blocked).to.equal(
      'charge ch_lost: its invoice in_missing (invoice_payment inpay_lost) is not in the ledger',
    );
    expect(opByKey(ops, paymentKey('ch_chf')).blocked).to.match(/ch_chf: no NetSuite currency is configured for CHF; fix: add "chf" .* to netsuite.currencies$/);
  });

  it('applies the customer balance with a credit memo once the invoice is paid, on the single line item (#19)', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_b', customer: 'cus_1', status: 'paid', startingBalance: -300, lines: [{ amount: 1000, price: 'price_a', period: { start: T0, end: T0 + 31 * DAY } }] }),
      stripeCharge('ch_b', { amount: 700, paymentIntent: 'pi_b' }),
      paidInvoicePayment('inpay_b', 'in_b', 'pi_b', 700),
    );
    const ops = plan(w);
    expect(applyItems(opByKey(ops, paymentKey('ch_b')).body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_b') }, apply: true, amount: 7 }]);
    const memo = opByKey(ops, invoiceBalanceKey('in_b'));
    expect(memo).to.deep.include({ pass: 'payments', recordType: 'creditMemo', externalId: 'in_b-balance', stripeId: 'in_b' });
    expect(memo.body.memo).to.equal("Stripe: in_b. This credit memo was created by a Stripe customer's balance.");
    expect(memo.body.entity).to.deep.equal({ $ref: customerKey('cus_1') });
    expect(applyItems(memo.body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_b') }, apply: true, amount: 3 }]);
    const lines = itemLines(memo);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({ item: { $ref: priceItemKey('price_a') }, amount: 3, revRecStartDate: '2025-03-01', revRecEndDate: '2025-03-31' });
    // I6: payment + balance memo = NetSuite invoice total.
    const invoiceTotal = itemLines(opByKey(ops, invoiceKey('in_b'))).reduce((s, l) => s + Math.round(l.amount * 100), 0);
    const applied = [paymentKey('ch_b'), invoiceBalanceKey('in_b')].map((k) => Math.round((applyItems(opByKey(ops, k).body)[0].amount ?? 0) * 100));
    expect(applied[0] + applied[1]).to.equal(invoiceTotal);
  });

  it('uses the Stripe Customer Balance Item on a multi-line invoice, and a wholly balance-paid invoice needs no charge', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_m', customer: 'cus_1', status: 'paid', startingBalance: -5000, lines: [{ amount: 1000 }, { amount: 500 }] }),
    );
    const memo = opByKey(plan(w), invoiceBalanceKey('in_m'));
    expect(itemLines(memo)).to.deep.equal([
      { item: { $ref: globalItemKey('customerBalance') }, amount: 15, description: 'Customer balance applied' },
    ]);
    expect(applyItems(memo.body)[0].amount).to.equal(15);
  });

  it('makes no balance memo while a partly balance-paid invoice is open', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_o', customer: 'cus_1', status: 'open', startingBalance: -300, lines: [{ amount: 1000 }] }),
    );
    expect(plan(w).map((o) => o.key)).to.not.include(invoiceBalanceKey('in_o'));
  });

  describe('failed asynchronous payments (#30, I16)', () => {
    function achWorld(): World {
      return world().put(
        customer('cus_1'),
        invoice({ id: 'in_ach', customer: 'cus_1', status: 'open', lines: [{ amount: 5000 }] }),
        stripeCharge('py_ach', {
          amount: 5000,
          status: 'failed',
          paymentIntent: 'pi_ach',
          failureBalanceTransaction: 'txn_fail',
          failureMessage: 'The customer\'s bank account could not be located.',
          failureCode: 'no_account',
        }),
        paidInvoicePayment('inpay_ach', 'in_ach', 'pi_ach', 5000, 'canceled'),
        bt('txn_fail', { amount: -5000, type: 'payment_failure_refund', source: 'py_ach', created: T0 + 4 * DAY }),
      );
    }

    it('before the payment reached NetSuite: an unapplied payment and a refund of its full amount applied to it', () => {
      const ops = plan(achWorld());
      const payment = opByKey(ops, paymentKey('py_ach'));
      expect(payment.body).to.not.have.property('apply');
      expect(payment.body.memo).to.equal("Stripe: py_ach Payment failed: The customer's bank account could not be located. (no_account).");
      const refund = opByKey(ops, failedPaymentKey('py_ach'));
      expect(refund).to.deep.include({ recordType: 'customerRefund', externalId: 'py_ach-failed', pass: 'payments' });
      expect(refund.body).to.deep.include({ account: { id: '4' }, paymentOption: { id: '1' }, tranDate: '2025-03-05' });
      expect(refund.body.memo).to.match(/^Stripe: py_ach Payment failed: .*could not be located/);
      expect(applyItems(refund.body)).to.deep.equal([{ doc: { $ref: paymentKey('py_ach') }, apply: true, amount: 50 }]);
      // The unapply is planned whatever the history, so a later payment of the invoice can always wait for it;
      // here it patches a payment that was created unapplied, which changes nothing.
      const unapply = opByKey(ops, paymentUnapplyKey('py_ach'));
      expect(unapply.dependsOn).to.include(paymentKey('py_ach'));
      expect(refund.dependsOn).to.include(paymentUnapplyKey('py_ach'));
    });

    it('after the payment was applied in NetSuite: unapply it from the invoice, then refund; a retry pays the reopened invoice', () => {
      const w = achWorld().link(customerKey('cus_1')).link(invoiceKey('in_ach')).link(paymentKey('py_ach'));
      w.put(
        stripeCharge('ch_retry', { amount: 5000, created: T0 + 5 * DAY, paymentIntent: 'pi_retry' }),
        paidInvoicePayment('inpay_retry', 'in_ach', 'pi_retry', 5000),
      );
      const ops = plan(w);
      const unapply = opByKey(ops, paymentUnapplyKey('py_ach'));
      expect(unapply).to.deep.include({ action: 'apply', recordType: 'customerPayment', target: paymentKey('py_ach') });
      expect(unapply.body).to.deep.equal({ apply: { items: [{ doc: { $ref: invoiceKey('in_ach') }, apply: false }] } });
      const refund = opByKey(ops, failedPaymentKey('py_ach'));
      expect(refund.dependsOn).to.include(paymentUnapplyKey('py_ach'));
      const retry = opByKey(ops, paymentKey('ch_retry'));
      expect(retry.blocked).to.equal(undefined);
      expect(applyItems(retry.body)).to.deep.equal([{ doc: { $ref: invoiceKey('in_ach') }, apply: true, amount: 50 }]);
      expect(retry.dependsOn).to.include(paymentUnapplyKey('py_ach'));
    });
  });

  it('is deterministic: the same snapshots in any insertion order give the same operations', () => {
    const a = paidInvoiceWorld().put(stripeCharge('ch_x', { created: T0 + 5, paymentIntent: null }), stripeCharge('ch_y', { created: T0 + 5, paymentIntent: null }));
    const b = world().put(
      stripeCharge('ch_y', { created: T0 + 5, paymentIntent: null }),
      paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', 1000),
      stripeCharge('ch_x', { created: T0 + 5, paymentIntent: null }),
      stripeCharge('ch_1', { amount: 1000, description: 'Subscription update' }),
      invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines: [{ amount: 1000, price: 'price_a' }] }),
      customer('cus_1', { name: 'Acme' }),
    );
    const strip = (ops: ReturnType<typeof plan>) => ops.map((o) => ({ key: o.key, hash: o.hash }));
    expect(strip(buildPlan(a).operations)).to.deep.equal(strip(buildPlan(b).operations));
    expect(buildPlan(a).operations.filter((o) => o.pass === 'payments').map((o) => o.key)).to.deep.equal([
      paymentKey('ch_1'),
      paymentKey('ch_x'),
      paymentKey('ch_y'),
    ]);
  });

  it('does not re-plan a payment that is already in NetSuite', () => {
    const w = paidInvoiceWorld().link(paymentKey('ch_1'));
    expect(plan(w).map((o) => o.key)).to.not.include(paymentKey('ch_1'));
  });

  it('skips charges created before the start date', () => {
    const w = world((s) => (s.extract.startDate = '2025-03-02')).put(customer('cus_1'), stripeCharge('ch_old', { paymentIntent: null }));
    expect(plan(w).map((o) => o.key)).to.not.include(paymentKey('ch_old'));
  });
});
