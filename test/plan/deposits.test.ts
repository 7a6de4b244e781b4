import { expect } from 'chai';
import { customerKey, depositKey, disputeKey, exchangeRateKey, failedPaymentKey, paymentKey, refundKey } from '../../src/plan/keys.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { netSuiteToMinor } from '../../src/accounting/money.js';
import type { Operation } from '../../src/plan/operation.js';
import { world, customer, T0, DAY, type World } from './fixtures.js';
import { plan, opByKey } from './plan-helpers.js';
import { bt, stripeCharge, stripeDispute, stripePayout, stripeRefund } from './fixtures-payments.js';

type PaymentLine = { id: { $refId: string }; deposit: boolean; paymentAmount: number };
type AccountLine = { account: { id: string }; amount: number; memo: string };
const paymentLines = (op: Operation): PaymentLine[] => (op.body.payment as { items: PaymentLine[] }).items;
const cashback = (op: Operation): AccountLine[] => (op.body.cashback as { items: AccountLine[] } | undefined)?.items ?? [];
const other = (op: Operation): AccountLine[] => (op.body.other as { items: AccountLine[] } | undefined)?.items ?? [];

/** Σ payment − Σ cash back + Σ other, in minor units, from the body as NetSuite receives it. */
function depositTotal(op: Operation, currency: string): number {
  const m = (n: number): number => netSuiteToMinor(n, currency);
  return (
    paymentLines(op).reduce((s, l) => s + m(l.paymentAmount), 0) -
    cashback(op).reduce((s, l) => s + m(l.amount), 0) +
    other(op).reduce((s, l) => s + m(l.amount), 0)
  );
}

/**
 * Payout po_1 (usd): two card charges with processing fees, a refund, a lost dispute (with its 15.00 fee),
 * and a won dispute's reinstatement with the fee refunded.
 */
function payoutWorld(configure?: Parameters<typeof world>[0]): World {
  const w = world(configure).put(
    customer('cus_1'),
    stripeCharge('ch_1', { amount: 10000, paymentIntent: null }),
    stripeCharge('ch_2', { amount: 5000, paymentIntent: null }),
    stripeCharge('ch_3', { amount: 3000, paymentIntent: null, created: T0 - DAY }),
    stripeRefund('re_1', 'ch_2', 2000, { created: T0 + DAY }),
    stripeDispute('du_lost', 'ch_3', 3000, { status: 'lost' }),
    stripeDispute('du_won', 'ch_1', 10000, { status: 'won' }),
    bt('txn_ch_1', { amount: 10000, fee: 320, type: 'charge', source: 'ch_1', payout: 'po_1' }),
    bt('txn_ch_2', { amount: 5000, fee: 175, type: 'charge', source: 'ch_2', payout: 'po_1' }),
    bt('txn_re_1', { amount: -2000, type: 'refund', source: 're_1', payout: 'po_1', created: T0 + DAY }),
    bt('txn_du_lost', { amount: -3000, fee: 1500, type: 'adjustment', source: 'du_lost', reportingCategory: 'dispute', payout: 'po_1', created: T0 + DAY }),
    bt('txn_du_won_w', { amount: -10000, fee: 1500, type: 'adjustment', source: 'du_won', reportingCategory: 'dispute', payout: 'po_0', created: T0 + DAY }),
    bt('txn_du_won_r', { amount: 10000, fee: -1500, type: 'adjustment', source: 'du_won', reportingCategory: 'dispute_reversal', payout: 'po_1', created: T0 + 2 * DAY }),
    bt('txn_po_1', { amount: -18530, type: 'payout', source: 'po_1', payout: 'po_1', created: T0 + 3 * DAY }),
  );
  // ch_3's own charge transaction went out in an earlier payout.
  w.put(bt('txn_ch_3', { amount: 3000, fee: 117, type: 'charge', source: 'ch_3', payout: 'po_0', created: T0 - DAY }));
  // Net: 9680 + 4825 − 2000 − 4500 + 11500 = 19505.
  w.put(stripePayout('po_1', 19505, { arrival: T0 + 4 * DAY }));
  return w;
}

describe('plan: deposits', () => {
  it('one deposit per paid automatic payout whose lines sum exactly to the payout (I17, I18)', () => {
    const op = opByKey(plan(payoutWorld()), depositKey('po_1'));
    expect(op.blocked).to.equal(undefined);
    expect(op).to.deep.include({ pass: 'deposits', action: 'create', recordType: 'deposit', externalId: 'po_1', stripeId: 'po_1' });
    expect(op.body).to.deep.include({ account: { id: '1' }, currency: { id: '1' }, tranDate: '2025-03-05', memo: 'Stripe: po_1' });
    // Lines in (created, balance transaction id) order.
    expect(paymentLines(op)).to.deep.equal([
      { id: { $refId: paymentKey('ch_1') }, deposit: true, paymentAmount: 100 },
      { id: { $refId: paymentKey('ch_2') }, deposit: true, paymentAmount: 50 },
      { id: { $refId: disputeKey('du_lost') }, deposit: true, paymentAmount: -30 },
      { id: { $refId: refundKey('re_1') }, deposit: true, paymentAmount: -20 },
    ]);
    // Processing fees aggregated per payout; the dispute fee on the dispute-fees account (DESIGN decision 3).
    expect(cashback(op)).to.deep.equal([
      { account: { id: '7' }, amount: 4.95, memo: 'Stripe: po_1 processing fees (2 transactions)' },
      { account: { id: '7' }, amount: 15, memo: 'Stripe: po_1 dispute fees (1 transaction)' },
    ]);
    // The won dispute's reinstatement and its fee refund are Other Deposit lines.
    expect(other(op)).to.deep.equal([
      { account: { id: '11' }, amount: 100, memo: 'Stripe: du_won dispute won: funds reinstated' },
      { account: { id: '7' }, amount: 15, memo: 'Stripe: po_1 fee refunds (1 transaction)' },
    ]);
    expect(depositTotal(op, 'usd')).to.equal(19505);
    expect(op.summary).to.deep.include({ amount: 19505, currency: 'usd', date: '2025-03-05' });
    expect(op.dependsOn).to.include.members([paymentKey('ch_1'), paymentKey('ch_2'), refundKey('re_1'), disputeKey('du_lost')]);
  });

  it('is dated on the arrival day Stripe encodes as midnight UTC, not shifted into the account\'s time zone (DESIGN.md, Dates)', () => {
    const w = payoutWorld();
    // 2025-03-05 00:00 UTC is still 2025-03-04 in Los Angeles, the test account's time zone.
    w.put(stripePayout('po_1', 19505, { arrival: Date.UTC(2025, 2, 5) / 1000 }));
    expect(w.settings.netsuite.timeZone).to.equal('America/Los_Angeles');
    expect(opByKey(plan(w), depositKey('po_1')).body.tranDate).to.equal('2025-03-05');
  });

  it('puts each fee type on its account: application fees and pass-through fees', () => {
    const w = world((s) => {
      s.netsuite.accounts.applicationFees = '21';
      s.netsuite.accounts.disputeFees = '22';
    }).put(
      customer('cus_1'),
      stripeCharge('ch_1', { amount: 10000, paymentIntent: null }),
      bt('txn_ch_1', {
        amount: 10000,
        feeDetails: [
          { amount: 320, type: 'stripe_fee' },
          { amount: 500, type: 'application_fee' },
          { amount: 30, type: 'payment_method_passthrough_fee' },
        ],
        type: 'charge',
        source: 'ch_1',
        payout: 'po_f',
      }),
      stripePayout('po_f', 9150),
    );
    const op = opByKey(plan(w), depositKey('po_f'));
    expect(op.blocked).to.equal(undefined);
    expect(cashback(op).map((l) => [l.account.id, l.amount])).to.deep.equal([
      ['7', 3.2],
      ['7', 0.3],
      ['21', 5],
    ]);
    expect(depositTotal(op, 'usd')).to.equal(9150);
  });

  it('a foreign-currency charge: the payment in presentment currency carries Stripe\'s rate, the deposit line the settled amount (#44)', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_eur', { amount: 1000, currency: 'eur', paymentIntent: null }),
      bt('txn_ch_eur', { amount: 1100, fee: 62, type: 'charge', source: 'ch_eur', payout: 'po_fx', exchangeRate: 1.1 }),
      stripePayout('po_fx', 1038),
    );
    const ops = plan(w);
    const payment = opByKey(ops, paymentKey('ch_eur'));
    expect(payment.body).to.deep.include({ payment: 10, currency: { id: '4' }, exchangeRate: 1.1 });
    const deposit = opByKey(ops, depositKey('po_fx'));
    expect(deposit.blocked).to.equal(undefined);
    expect(paymentLines(deposit)).to.deep.equal([{ id: { $refId: paymentKey('ch_eur') }, deposit: true, paymentAmount: 11 }]);
    expect(deposit.body.currency).to.deep.equal({ id: '1' });
    expect(depositTotal(deposit, 'usd')).to.equal(1038);
  });

  it('a foreign-currency payment made in an earlier run gets Stripe\'s rate before its deposit (#44)', () => {
    const fxWorld = () =>
      world().put(
        customer('cus_1'),
        stripeCharge('ch_eur', { amount: 1000, currency: 'eur', paymentIntent: null }),
        stripeCharge('ch_usd', { amount: 2000, paymentIntent: null }),
        bt('txn_ch_eur', { amount: 1123, fee: 63, type: 'charge', source: 'ch_eur', payout: 'po_fx', exchangeRate: 1.1234 }),
        bt('txn_ch_usd', { amount: 2000, fee: 88, type: 'charge', source: 'ch_usd', payout: 'po_fx' }),
        stripePayout('po_fx', 2972),
      );
    // Both payments synced before the payout, when the balance transactions were not in the ledger yet.
    const later = fxWorld().link(customerKey('cus_1')).link(paymentKey('ch_eur')).link(paymentKey('ch_usd'));
    const ops = plan(later);
    const rate = opByKey(ops, exchangeRateKey('customerPayment', 'ch_eur'));
    expect(rate).to.deep.include({ pass: 'deposits', action: 'apply', recordType: 'customerPayment', target: paymentKey('ch_eur'), body: { exchangeRate: 1.1234 } });
    expect(ops.map((o) => o.key)).to.not.include(exchangeRateKey('customerPayment', 'ch_usd'));
    const deposit = opByKey(ops, depositKey('po_fx'));
    expect(deposit.blocked).to.equal(undefined);
    expect(deposit.dependsOn).to.include(rate.key);

    // Planned in the same run as the deposit, the payment already carries the rate: no PATCH.
    expect(plan(fxWorld()).map((o) => o.key)).to.not.include(exchangeRateKey('customerPayment', 'ch_eur'));
    // Once the deposit is made nothing is planned again.
    expect(plan(later.link(depositKey('po_fx'))).map((o) => o.key)).to.not.include(rate.key);
  });

  it('deposits the refund of a failed asynchronous payment (its failure transaction)', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('py_ach', { amount: 5000, status: 'failed', paymentIntent: null, failureBalanceTransaction: 'txn_fail', failureMessage: 'insufficient funds' }),
      bt('txn_py_ach', { amount: 5000, fee: 80, type: 'payment', source: 'py_ach', payout: 'po_a' }),
      bt('txn_fail', { amount: -5000, type: 'payment_failure_refund', source: 'pyr_1', payout: 'po_a' }),
      stripePayout('po_a', -80),
    );
    const op = opByKey(plan(w), depositKey('po_a'));
    expect(paymentLines(op).map((l) => [l.id.$refId, l.paymentAmount])).to.deep.equal([
      [failedPaymentKey('py_ach'), -50],
      [paymentKey('py_ach'), 50],
    ]);
    expect(depositTotal(op, 'usd')).to.equal(-80);
    // A debit payout cannot be a NetSuite deposit: blocked with the reason rather than posted.
    expect(op.blocked).to.match(/payout amount -0\.80 USD is negative/);
  });

  it('blocks with a line-level explanation when a source is missing, blocked or before go-live', () => {
    const w = world((s) => (s.extract.startDate = '2025-03-01')).put(
      customer('cus_1'),
      stripeCharge('ch_ok', { amount: 1000, paymentIntent: null }),
      stripeCharge('ch_old', { amount: 2000, paymentIntent: null, created: T0 - 5 * DAY }),
      stripeCharge('ch_chf', { amount: 500, currency: 'chf', paymentIntent: null }),
      bt('txn_ok', { amount: 1000, type: 'charge', source: 'ch_ok', payout: 'po_b' }),
      bt('txn_old', { amount: 2000, type: 'charge', source: 'ch_old', payout: 'po_b' }),
      bt('txn_missing', { amount: 700, type: 'charge', source: 'ch_missing', payout: 'po_b' }),
      bt('txn_chf', { amount: 550, type: 'charge', source: 'ch_chf', payout: 'po_b' }),
      stripeRefund('re_old', 'ch_old', 500, { created: T0 + DAY }),
      bt('txn_re_old', { amount: -500, type: 'refund', source: 're_old', payout: 'po_b' }),
      stripePayout('po_b', 3750),
    );
    const op = opByKey(plan(w), depositKey('po_b'));
    expect(op.blocked).to.be.a('string');
    const why = op.blocked!;
    expect(why).to.match(/^deposit for payout po_b \(37\.50 USD\) is not proved: /);
    expect(why).to.include('txn_re_old (refund re_old): re_old is of charge ch_old, created before the sync start date');
    expect(why).to.include('txn_old (charge ch_old): ch_old was created before the sync start date');
    expect(why).to.include('txn_missing (charge ch_missing): ch_missing is not in the ledger');
    expect(why).to.include(`txn_chf (charge ch_chf): its record ${paymentKey('ch_chf')} is blocked (ch_chf: no NetSuite currency is configured for CHF; fix:`);
    expect(why).to.not.include('txn_ok');
  });

  it('blocks when the balance transactions do not add up to the payout, saying by how much', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_1', { amount: 1000, paymentIntent: null }),
      bt('txn_ch_1', { amount: 1000, fee: 59, type: 'charge', source: 'ch_1', payout: 'po_c' }),
      stripePayout('po_c', 2000),
    );
    const op = opByKey(plan(w), depositKey('po_c'));
    expect(op.blocked).to.include('net to 9.41 USD but the payout is 20.00 USD (off by 10.59 USD): balance transactions are missing');
    expect(op.blocked).to.include('sum to 9.41 USD, not the payout amount 20.00 USD (off by 10.59 USD)');
  });

  it('blocks for a payout currency without bank account, an unmapped fee type and an unsupported transaction type', () => {
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_cad', { amount: 1000, currency: 'cad', paymentIntent: null }),
      bt('txn_ch_cad', { amount: 1000, feeDetails: [{ amount: 10, type: 'withheld_tax', description: 'Withholding' }], type: 'charge', source: 'ch_cad', payout: 'po_cad', currency: 'cad' }),
      bt('txn_tr', { amount: -100, type: 'transfer', source: 'tr_1', payout: 'po_cad', currency: 'cad' }),
      stripePayout('po_cad', 890, { currency: 'cad' }),
    );
    const why = opByKey(plan(w), depositKey('po_cad')).blocked!;
    expect(why).to.include('payout currency: no bank account is configured for CAD; fix: add "cad" (the bank account\'s internal id) to netsuite.bankAccounts');
    expect(why).to.include('txn_ch_cad: fee type "withheld_tax" (Withholding) has no account mapping');
    expect(why).to.include('txn_tr (type transfer, source tr_1): this kind of balance transaction has no account mapping');
  });

  it('makes no deposit for manual, unpaid or pre-go-live payouts', () => {
    const w = world((s) => (s.extract.startDate = '2025-03-01')).put(
      stripePayout('po_manual', 0, { automatic: false }),
      stripePayout('po_transit', 0, { status: 'in_transit' }),
      stripePayout('po_old', 0, { created: T0 - 3 * DAY }),
    );
    expect(plan(w).filter((o) => o.recordType === 'deposit')).to.deep.equal([]);
  });

  it('a canceled payout makes no deposit; the payout carrying its payout_cancel is held, since only a manual payout can be canceled and Stripe does not list its transactions', () => {
    // Stripe's API: "You can't cancel automatic Stripe payouts"; `?payout=` lists automatic payouts' transactions only.
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_1', { amount: 5000, paymentIntent: null }),
      stripePayout('po_canceled', 5000, { status: 'canceled', automatic: false, created: T0 + DAY }),
      bt('txn_cancel', { amount: 5000, type: 'payout_cancel', source: 'po_canceled', reportingCategory: 'payout_reversal', payout: 'po_2', created: T0 + 2 * DAY }),
      bt('txn_po_2', { amount: -5000, type: 'payout', source: 'po_2', payout: 'po_2', created: T0 + 3 * DAY }),
      stripePayout('po_2', 5000),
    );
    const ops = plan(w);
    expect(ops.some((o) => o.key === depositKey('po_canceled')), 'no deposit for the canceled payout').to.equal(false);
    expect(opByKey(ops, depositKey('po_2')).blocked).to.include('po_canceled is a manual payout, whose transactions Stripe does not list; record it by hand');
  });

  it('is deterministic and stable: the same input twice gives identical deposits; a done deposit is not re-planned', () => {
    const a = buildPlan(payoutWorld()).operations.filter((o) => o.pass === 'deposits');
    const b = buildPlan(payoutWorld()).operations.filter((o) => o.pass === 'deposits');
    expect(a).to.deep.equal(b);
    const done = payoutWorld().link(depositKey('po_1'));
    expect(plan(done).map((o) => o.key)).to.not.include(depositKey('po_1'));
  });
});
