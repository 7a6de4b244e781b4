import { expect } from 'chai';
import { CHARGE_OPEN_SECONDS, isFinal } from '../../src/extract/finality.js';

const NOW = 1_800_000_000;
const obj = (object: string, extra: Record<string, unknown> = {}) => ({ id: `${object}_1`, object, created: NOW - 10, ...extra });

describe('extract finality rules', () => {
  it('invoices: paid and void are final; draft, open and uncollectible are not', () => {
    expect(isFinal(obj('invoice', { status: 'paid' }), NOW)).to.equal(true);
    expect(isFinal(obj('invoice', { status: 'void' }), NOW)).to.equal(true);
    expect(isFinal(obj('invoice', { status: 'draft' }), NOW)).to.equal(false);
    expect(isFinal(obj('invoice', { status: 'open' }), NOW)).to.equal(false);
    // uncollectible invoices can still be paid
    expect(isFinal(obj('invoice', { status: 'uncollectible' }), NOW)).to.equal(false);
  });

  it('charges stay open for 120 days after creation (refunds, disputes), failed ones are final at once', () => {
    expect(isFinal(obj('charge', { status: 'succeeded', created: NOW - 86_400 }), NOW)).to.equal(false);
    expect(isFinal(obj('charge', { status: 'succeeded', created: NOW - CHARGE_OPEN_SECONDS + 1 }), NOW)).to.equal(false);
    expect(isFinal(obj('charge', { status: 'succeeded', created: NOW - CHARGE_OPEN_SECONDS }), NOW)).to.equal(true);
    expect(isFinal(obj('charge', { status: 'failed' }), NOW)).to.equal(true);
  });

  it('refunds, disputes, payouts, invoice payments, payment intents and balance transactions by status', () => {
    for (const s of ['succeeded', 'failed', 'canceled']) expect(isFinal(obj('refund', { status: s }), NOW), s).to.equal(true);
    for (const s of ['pending', 'requires_action']) expect(isFinal(obj('refund', { status: s }), NOW), s).to.equal(false);
    for (const s of ['won', 'lost']) expect(isFinal(obj('dispute', { status: s }), NOW), s).to.equal(true);
    for (const s of ['needs_response', 'under_review', 'warning_needs_response']) {
      expect(isFinal(obj('dispute', { status: s }), NOW), s).to.equal(false);
    }
    for (const s of ['paid', 'failed', 'canceled']) expect(isFinal(obj('payout', { status: s }), NOW), s).to.equal(true);
    for (const s of ['pending', 'in_transit']) expect(isFinal(obj('payout', { status: s }), NOW), s).to.equal(false);
    expect(isFinal(obj('invoice_payment', { status: 'paid' }), NOW)).to.equal(true);
    expect(isFinal(obj('invoice_payment', { status: 'open' }), NOW)).to.equal(false);
    expect(isFinal(obj('payment_intent', { status: 'succeeded' }), NOW)).to.equal(true);
    expect(isFinal(obj('payment_intent', { status: 'processing' }), NOW)).to.equal(false);
    expect(isFinal(obj('balance_transaction', { status: 'available' }), NOW)).to.equal(true);
    expect(isFinal(obj('balance_transaction', { status: 'pending' }), NOW)).to.equal(false);
  });

  it('customers, prices, products, coupons and credit notes are final; deleted objects are final', () => {
    for (const t of ['customer', 'price', 'product', 'coupon', 'credit_note']) expect(isFinal(obj(t), NOW), t).to.equal(true);
    expect(isFinal(obj('invoice', { status: 'draft', deleted: true }), NOW)).to.equal(true);
  });
});
