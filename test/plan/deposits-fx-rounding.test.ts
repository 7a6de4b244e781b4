// Foreign-currency deposits as NetSuite rounds them (issue 13 item 6; #44, I17, I18): NetSuite posts each foreign
// line as the record's amount × its exchange rate, rounded half away from zero per line; Stripe settles a partial
// refund in proportion to its charge. Where the two roundings differ the deposit gets one FX-rounding line.
import { expect } from 'chai';
import { customerKey, depositKey, paymentKey, refundKey } from '../../src/plan/keys.js';
import { netSuiteToMinor } from '../../src/accounting/money.js';
import type { Operation } from '../../src/plan/operation.js';
import { world, customer, T0, DAY } from './fixtures.js';
import { plan, opByKey } from './plan-helpers.js';
import { bt, stripeCharge, stripePayout, stripeRefund } from './fixtures-payments.js';

type PaymentLine = { id: { $refId: string }; deposit: boolean; paymentAmount: number };
type AccountLine = { account: { id: string }; amount: number; memo: string };
const paymentLines = (op: Operation): PaymentLine[] => (op.body.payment as { items: PaymentLine[] }).items;
const cashback = (op: Operation): AccountLine[] => (op.body.cashback as { items: AccountLine[] } | undefined)?.items ?? [];
const other = (op: Operation): AccountLine[] => (op.body.other as { items: AccountLine[] } | undefined)?.items ?? [];
const usd = (n: number): number => netSuiteToMinor(n, 'usd');
const total = (op: Operation): number =>
  paymentLines(op).reduce((s, l) => s + usd(l.paymentAmount), 0) -
  cashback(op).reduce((s, l) => s + usd(l.amount), 0) +
  other(op).reduce((s, l) => s + usd(l.amount), 0);

const RATE = 1.1234;
const CHARGE = 4200; // 42.00 EUR
const SETTLED = 4718; // Stripe: 42.00 × 1.1234 = 47.1828 → 47.18 USD
const FEE = 167;
/** NetSuite's line, restated: eur minor × 11234 / 10000, half away from zero (integers only). */
const netsuiteLine = (eurMinor: number): number => Math.sign(eurMinor) * Math.floor((Math.abs(eurMinor) * 11234 + 5000) / 10000);
/** Stripe settles a partial refund in proportion to what the charge settled (half up, integers only). */
const stripeRefundSettled = (eurMinor: number, charge = CHARGE): number => {
  const settled = netsuiteLine(charge);
  return Math.floor((settled * eurMinor * 2 + charge) / (2 * charge));
};

/** A EUR charge settled in USD and a partial refund in one payout; `usdCharge` adds a USD charge to it. */
function fxWorld(refund: number, o: { configure?: Parameters<typeof world>[0]; charge?: number; usdCharge?: number } = {}) {
  const charge = o.charge ?? CHARGE;
  const settled = netsuiteLine(charge);
  const settledRefund = stripeRefundSettled(refund, charge);
  const w = world(o.configure).put(
    customer('cus_1'),
    stripeCharge('ch_eur', { amount: charge, currency: 'eur', paymentIntent: null }),
    stripeRefund('re_eur', 'ch_eur', refund, { currency: 'eur', created: T0 + DAY }),
    bt('txn_ch_eur', { amount: settled, fee: FEE, type: 'charge', source: 'ch_eur', payout: 'po_fx', exchangeRate: RATE }),
    bt('txn_re_eur', { amount: -settledRefund, type: 'refund', source: 're_eur', payout: 'po_fx', exchangeRate: RATE, created: T0 + DAY }),
    stripePayout('po_fx', settled - FEE - settledRefund + (o.usdCharge ?? 0)),
  );
  if (o.usdCharge) {
    w.put(stripeCharge('ch_usd', { amount: o.usdCharge, paymentIntent: null }), bt('txn_ch_usd', { amount: o.usdCharge, type: 'charge', source: 'ch_usd', payout: 'po_fx' }));
  }
  return w;
}

describe('plan: foreign-currency deposits as NetSuite rounds them', () => {
  it("issue 13's example: 42.00 EUR at 1.1234 less a 0.77 EUR refund — lines at NetSuite's amounts and a 0.01 FX-rounding line", () => {
    const op = opByKey(plan(fxWorld(77)), depositKey('po_fx'));
    expect(op.blocked).to.equal(undefined);
    expect(op.summary.amount, 'the payout').to.equal(4465);
    expect(paymentLines(op).map((l) => [l.id.$refId, l.paymentAmount])).to.deep.equal([
      [paymentKey('ch_eur'), 47.18],
      [refundKey('re_eur'), -0.87], // NetSuite: 0.77 × 1.1234 = 0.865018 → 0.87; Stripe settled 0.86
    ]);
    expect(other(op)).to.deep.equal([{ account: { id: '14' }, amount: 0.01, memo: 'Stripe: po_fx FX rounding (NetSuite converts 2 foreign-currency lines one by one)' }]);
    expect(total(op)).to.equal(4465);
  });

  it('a rounding the other way is a cash back line on the same account', () => {
    // 42.04 EUR settles as 47.23 USD, a little above its rate, so some refunds settle above NetSuite's line.
    const charge = 4204;
    const r = Array.from({ length: charge - 1 }, (_, i) => i + 1).find((x) => netsuiteLine(x) < stripeRefundSettled(x, charge))!;
    expect(r, 'such a refund exists').to.be.a('number');
    const op = opByKey(plan(fxWorld(r, { charge })), depositKey('po_fx'));
    expect(op.blocked).to.equal(undefined);
    const rounding = cashback(op).filter((l) => l.account.id === '14');
    expect(rounding).to.have.length(1);
    expect(usd(rounding[0].amount)).to.equal(stripeRefundSettled(r, charge) - netsuiteLine(r));
    expect(total(op)).to.equal(netsuiteLine(charge) - FEE - stripeRefundSettled(r, charge));
  });

  it('sweep: every refund amount of the 42.00 EUR charge gives a deposit that totals its payout at NetSuite\'s per-line amounts', () => {
    let withRounding = 0;
    for (let r = 1; r < CHARGE; r++) {
      // A USD charge in the same payout keeps it positive for the largest refunds.
      const op = opByKey(plan(fxWorld(r, { usdCharge: 10000 })), depositKey('po_fx'));
      const payout = SETTLED - FEE - stripeRefundSettled(r) + 10000;
      expect(op.blocked, `refund ${r}`).to.equal(undefined);
      const refundLine = paymentLines(op).find((l) => l.id.$refId === refundKey('re_eur'))!;
      expect(usd(refundLine.paymentAmount), `refund ${r}: the line NetSuite posts`).to.equal(-netsuiteLine(r));
      expect(total(op), `refund ${r}`).to.equal(payout);
      const roundingLines = [...other(op), ...cashback(op)].filter((l) => l.account.id === '14');
      const expected = netsuiteLine(r) !== stripeRefundSettled(r);
      expect(roundingLines.length, `refund ${r}`).to.equal(expected ? 1 : 0);
      if (expected) withRounding++;
    }
    // Issue 13 counted 580 refund amounts of this charge whose deposit NetSuite posted a cent off: each now has its line.
    expect(withRounding).to.equal(580);
  });

  it('without netsuite.accounts.fxRounding a deposit that needs the line is held, naming the setting; one that does not is posted', () => {
    const noAccount = (s: Parameters<NonNullable<Parameters<typeof world>[0]>>[0]): void => {
      delete (s.netsuite.accounts as { fxRounding?: string }).fxRounding;
    };
    const held = opByKey(plan(fxWorld(77, { configure: noAccount })), depositKey('po_fx'));
    expect(held.blocked).to.contain('totals the deposit 44.64 USD, 0.01 USD off the payout; an FX-rounding line is needed; fix: set netsuite.accounts.fxRounding');
    const fine = Array.from({ length: 100 }, (_, i) => i + 1).find((x) => netsuiteLine(x) === stripeRefundSettled(x))!;
    expect(opByKey(plan(fxWorld(fine, { configure: noAccount })), depositKey('po_fx')).blocked).to.equal(undefined);
  });

  it('a difference of more than one unit per foreign line is not rounding: the deposit is held', () => {
    // The refund settled 0.50 USD away from its rate: no per-line rounding explains that.
    const w = world().put(
      customer('cus_1'),
      stripeCharge('ch_eur', { amount: CHARGE, currency: 'eur', paymentIntent: null }),
      stripeRefund('re_eur', 'ch_eur', 1000, { currency: 'eur', created: T0 + DAY }),
      bt('txn_ch_eur', { amount: SETTLED, fee: FEE, type: 'charge', source: 'ch_eur', payout: 'po_fx', exchangeRate: RATE }),
      bt('txn_re_eur', { amount: -1073, type: 'refund', source: 're_eur', payout: 'po_fx', exchangeRate: RATE, created: T0 + DAY }),
      stripePayout('po_fx', SETTLED - FEE - 1073),
    );
    const op = opByKey(plan(w), depositKey('po_fx'));
    expect(op.blocked).to.contain('more than one unit per line');
    expect(plan(w.link(customerKey('cus_1'))).length).to.be.greaterThan(0);
  });
});
