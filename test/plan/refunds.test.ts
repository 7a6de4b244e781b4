import { expect } from 'chai';
import type Stripe from 'stripe';
import {
  creditNoteApplyKey,
  creditNoteKey,
  customerKey,
  disputeKey,
  disputeMemoKey,
  globalItemKey,
  invoiceCloseKey,
  invoiceKey,
  paymentKey,
  priceItemKey,
  refundKey,
  refundMemoKey,
} from '../../src/plan/keys.js';
import { world, customer, invoice, T0, DAY, type World, type LineSpec } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';
import { bt, paidInvoicePayment, stripeCharge, stripeCreditNote, stripeDispute, stripeRefund } from './fixtures-payments.js';

type ApplyItem = { doc: unknown; apply: boolean; amount?: number };
const applyItems = (body: Record<string, unknown>): ApplyItem[] => (body.apply as { items: ApplyItem[] } | undefined)?.items ?? [];

/** A paid invoice in_1 with the given lines, paid in full by ch_1 (through pi_ch_1). */
function paidWorld(lines: LineSpec[], configure?: Parameters<typeof world>[0]): World {
  const inv = invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines });
  return world(configure).put(
    customer('cus_1'),
    inv,
    stripeCharge('ch_1', { amount: inv.total }),
    paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', inv.total),
  );
}

const oneLine: LineSpec[] = [{ id: 'il_a', amount: 3000, price: 'price_a', period: { start: T0, end: T0 + 31 * DAY } }];
const twoLines: LineSpec[] = [
  { id: 'il_a', amount: 3000, price: 'price_a' },
  { id: 'il_b', amount: 2000, price: 'price_b' },
];

describe('plan: refunds', () => {
  it('refund of an invoiced charge: a credit memo on the invoice item and a customerRefund applying it (#33, I13)', () => {
    const w = paidWorld(oneLine).put(stripeRefund('re_1', 'ch_1', 1200, { created: T0 + 2 * DAY, reason: 'requested_by_customer' }));
    const ops = plan(w);
    const memo = opByKey(ops, refundMemoKey('re_1'));
    expect(memo).to.deep.include({ pass: 'refunds', recordType: 'creditMemo', externalId: 're_1-memo', stripeId: 're_1' });
    expect(memo.body).to.deep.include({ entity: { $ref: customerKey('cus_1') }, currency: { id: '1' }, tranDate: '2025-03-03' });
    expect(memo.body.memo).to.equal('Stripe: re_1 (requested by customer)');
    // I14: a single-line invoice keeps its item (and revenue dates) for the refund amount.
    expect(itemLines(memo)).to.have.length(1);
    expect(itemLines(memo)[0]).to.deep.include({ item: { $ref: priceItemKey('price_a') }, amount: 12, revRecStartDate: '2025-03-01', revRecEndDate: '2025-03-31' });

    const refund = opByKey(ops, refundKey('re_1'));
    expect(refund).to.deep.include({ recordType: 'customerRefund', externalId: 're_1', pass: 'refunds' });
    expect(refund.body).to.deep.include({ customer: { $ref: customerKey('cus_1') }, account: { id: '4' }, paymentOption: { id: '1' }, tranDate: '2025-03-03' });
    expect(applyItems(refund.body)).to.deep.equal([{ doc: { $ref: refundMemoKey('re_1') }, apply: true, amount: 12 }]);
    expect(refund.dependsOn).to.include.members([refundMemoKey('re_1'), paymentKey('ch_1')]);
    expect(refund.summary.amount).to.equal(1200);
  });

  it('partial refund of a multi-line invoice: one Stripe Partial Refund Item line', () => {
    const ops = plan(paidWorld(twoLines).put(stripeRefund('re_p', 'ch_1', 1500)));
    expect(itemLines(opByKey(ops, refundMemoKey('re_p')))).to.deep.equal([
      { item: { $ref: globalItemKey('partialRefund') }, amount: 15, description: 'Refund re_p of ch_1' },
    ]);
  });

  it('full refund of a one-line invoice with tax: the original lines, so tax is not reversed as income', () => {
    const taxed: LineSpec[] = [{ id: 'il_t', amount: 10000, price: 'price_a', taxes: [['txr_1', 825, 'exclusive']] }];
    const ops = plan(paidWorld(taxed).put(stripeRefund('re_t', 'ch_1', 10825)));
    expect(itemLines(opByKey(ops, refundMemoKey('re_t'))).map((l) => [l.item, l.amount])).to.deep.equal([
      [{ $ref: priceItemKey('price_a') }, 100],
      [{ $ref: globalItemKey('tax') }, 8.25],
    ]);
    // A partial refund of the same invoice keeps the one-line rule (I14).
    const partial = plan(paidWorld(taxed).put(stripeRefund('re_u', 'ch_1', 5000)));
    expect(itemLines(opByKey(partial, refundMemoKey('re_u'))).map((l) => [l.item, l.amount])).to.deep.equal([[{ $ref: priceItemKey('price_a') }, 50]]);
  });

  it('full refund of a multi-line invoice: the original lines', () => {
    const ops = plan(paidWorld(twoLines).put(stripeRefund('re_f', 'ch_1', 5000)));
    const lines = itemLines(opByKey(ops, refundMemoKey('re_f')));
    expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([
      [{ $ref: priceItemKey('price_a') }, 30],
      [{ $ref: priceItemKey('price_b') }, 20],
    ]);
    expect(applyItems(opByKey(ops, refundKey('re_f')).body)[0].amount).to.equal(50);
  });

  it('uses the Stripe Refund Item when features.useRefundItem is on', () => {
    const ops = plan(paidWorld(twoLines, (s) => (s.features.useRefundItem = true)).put(stripeRefund('re_g', 'ch_1', 5000)));
    expect(itemLines(opByKey(ops, refundMemoKey('re_g')))).to.deep.equal([
      { item: { $ref: globalItemKey('refund') }, amount: 50, description: 'Refund re_g of ch_1' },
    ]);
  });

  it('refund of a charge without invoice: a customerRefund applied to the payment, no credit memo (#28)', () => {
    const w = world().put(customer('cus_1'), stripeCharge('ch_n', { amount: 4000, paymentIntent: null }), stripeRefund('re_n', 'ch_n', 1000));
    const ops = plan(w);
    expect(ops.map((o) => o.key)).to.not.include(refundMemoKey('re_n'));
    expect(applyItems(opByKey(ops, refundKey('re_n')).body)).to.deep.equal([{ doc: { $ref: paymentKey('ch_n') }, apply: true, amount: 10 }]);
  });

  it('blocks a refund whose charge is not in the ledger, and skips failed refunds', () => {
    const w = world().put(customer('cus_1'), stripeRefund('re_x', 'ch_gone', 100), stripeRefund('re_failed', 'ch_gone', 100, { status: 'failed' }));
    const ops = plan(w);
    expect(opByKey(ops, refundKey('re_x')).blocked).to.equal('refund re_x: its charge ch_gone is not in the ledger');
    expect(ops.map((o) => o.key)).to.not.include(refundKey('re_failed'));
  });

  describe('credit notes (#22–#26)', () => {
    it('on an open invoice: an unapplied memo now with the note lines; applied only once the invoice is paid', () => {
      const open = world().put(
        customer('cus_1'),
        withPrePayment(invoice({ id: 'in_1', customer: 'cus_1', status: 'open', lines: twoLines }), 2500),
        stripeCreditNote('cn_1', {
          invoice: 'in_1',
          memo: 'Goodwill',
          lines: [
            { invoiceLine: 'il_a', amount: 1000, description: 'Plan A credit', taxes: [['txr_vat', 100, 'exclusive']] },
            { amount: 1400, description: 'Service credit' },
          ],
        }),
      );
      let ops = plan(open);
      const memo = opByKey(ops, creditNoteKey('cn_1'));
      expect(memo).to.deep.include({ pass: 'refunds', recordType: 'creditMemo', externalId: 'cn_1', action: 'create' });
      expect(memo.body.memo).to.equal('Stripe: cn_1 Goodwill');
      expect(memo.body).to.not.have.property('apply');
      expect(itemLines(memo).map((l) => [l.item, l.amount, l.description])).to.deep.equal([
        [{ $ref: priceItemKey('price_a') }, 10, 'Plan A credit'],
        [{ $ref: globalItemKey('customCreditNoteLine') }, 14, 'Service credit'],
        [{ $ref: globalItemKey('tax') }, 1, 'Tax (txr_vat)'],
      ]);
      expect(ops.map((o) => o.key)).to.not.include(creditNoteApplyKey('cn_1'));

      // Paid: 50.00 invoice − 25.00 credit note = 25.00 charged; the held memo is applied for 25.00 (I6).
      const paid = world().put(
        customer('cus_1'),
        withPrePayment(invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines: twoLines }), 2500),
        open.stripe.creditNotes.get('cn_1')!,
        stripeCharge('ch_1', { amount: 2500 }),
        paidInvoicePayment('inpay_1', 'in_1', 'pi_ch_1', 2500),
      );
      paid.link(customerKey('cus_1')).link(invoiceKey('in_1')).link(creditNoteKey('cn_1'));
      ops = plan(paid);
      const apply = opByKey(ops, creditNoteApplyKey('cn_1'));
      expect(apply).to.deep.include({ action: 'apply', recordType: 'creditMemo', target: creditNoteKey('cn_1'), key: 'creditMemo:cn_1#apply' });
      expect(apply.body).to.deep.equal({ apply: { items: [{ doc: { $ref: invoiceKey('in_1') }, apply: true, amount: 25 }] } });
      expect(applyItems(opByKey(ops, paymentKey('ch_1')).body)[0].amount).to.equal(25);
    });

    it('on a voided invoice: the held memo is applied and the closing memo closes only the rest', () => {
      const w = world().put(
        customer('cus_1'),
        withPrePayment(
          invoice({ id: 'in_v', customer: 'cus_1', status: 'void', lines: twoLines, transitions: { voided_at: T0 + 3 * DAY } }),
          1000,
        ),
        stripeCreditNote('cn_v', { invoice: 'in_v', lines: [{ invoiceLine: 'il_a', amount: 1000 }] }),
      );
      const ops = plan(w);
      expect(applyItems(opByKey(ops, creditNoteApplyKey('cn_v')).body)[0].amount).to.equal(10);
      expect(applyItems(opByKey(ops, invoiceCloseKey('in_v')).body)[0].amount).to.equal(40);
    });

    it('on a paid invoice with a refund: the refund consumes the credit note memo instead of making its own (#23)', () => {
      const w = paidWorld(twoLines).put(
        stripeCreditNote('cn_r', { invoice: 'in_1', post: 2000, lines: [{ invoiceLine: 'il_b', amount: 2000 }], refunds: [['re_cn', 2000]] }),
        stripeRefund('re_cn', 'ch_1', 2000, { created: T0 + 2 * DAY }),
      );
      const ops = plan(w);
      expect(ops.map((o) => o.key)).to.not.include(refundMemoKey('re_cn'));
      expect(opByKey(ops, creditNoteKey('cn_r')).body).to.not.have.property('apply');
      expect(itemLines(opByKey(ops, creditNoteKey('cn_r'))).map((l) => [l.item, l.amount])).to.deep.equal([[{ $ref: priceItemKey('price_b') }, 20]]);
      const refund = opByKey(ops, refundKey('re_cn'));
      expect(applyItems(refund.body)).to.deep.equal([{ doc: { $ref: creditNoteKey('cn_r') }, apply: true, amount: 20 }]);
      expect(ops.map((o) => o.key)).to.not.include(creditNoteApplyKey('cn_r'));
    });

    it('a refund covered by several credit notes consumes each one\'s memo for the part it covers, and makes none of its own', () => {
      const w = paidWorld(twoLines).put(
        stripeCreditNote('cn_r1', { invoice: 'in_1', post: 2000, lines: [{ invoiceLine: 'il_b', amount: 2000 }], refunds: [['re_cn', 2000]] }),
        stripeCreditNote('cn_r2', { invoice: 'in_1', post: 500, lines: [{ invoiceLine: 'il_a', amount: 500 }], refunds: [['re_cn', 500]], created: T0 + DAY + 1 }),
        stripeRefund('re_cn', 'ch_1', 2500, { created: T0 + 2 * DAY }),
      );
      const ops = plan(w);
      expect(ops.map((o) => o.key)).to.not.include(refundMemoKey('re_cn'));
      const refund = opByKey(ops, refundKey('re_cn'));
      expect(applyItems(refund.body)).to.deep.equal([
        { doc: { $ref: creditNoteKey('cn_r1') }, apply: true, amount: 20 },
        { doc: { $ref: creditNoteKey('cn_r2') }, apply: true, amount: 5 },
      ]);
      for (const cn of ['cn_r1', 'cn_r2']) {
        expect(opByKey(ops, creditNoteKey(cn)).body, `${cn}'s memo waits for the refund`).to.not.have.property('apply');
        expect(ops.map((o) => o.key)).to.not.include(creditNoteApplyKey(cn));
      }
    });

    it('out of band on a paid invoice: an unapplied memo that says so', () => {
      const w = paidWorld(oneLine).put(
        stripeCreditNote('cn_o', { invoice: 'in_1', post: 500, outOfBand: 500, lines: [{ invoiceLine: 'il_a', amount: 500 }] }),
      );
      const memo = opByKey(plan(w), creditNoteKey('cn_o'));
      expect(memo.body.memo).to.equal('Stripe: cn_o Out of band credit of 5.00 USD: not applied, apply it manually.');
      expect(memo.body).to.not.have.property('apply');
      expect(memo.summary.amount).to.equal(500);
    });

    it('credited to the customer balance: no record at issue time; partly: the balance part nets out on its own line', () => {
      const whole = paidWorld(oneLine).put(stripeCreditNote('cn_b', { invoice: 'in_1', post: 700, lines: [{ invoiceLine: 'il_a', amount: 700 }] }));
      expect(plan(whole).map((o) => o.key)).to.not.include(creditNoteKey('cn_b'));

      const mixed = paidWorld(oneLine).put(
        stripeCreditNote('cn_mix', { invoice: 'in_1', post: 1000, outOfBand: 400, lines: [{ invoiceLine: 'il_a', amount: 1000 }] }),
      );
      const memo = opByKey(plan(mixed), creditNoteKey('cn_mix'));
      expect(itemLines(memo).map((l) => [l.item, l.amount])).to.deep.equal([
        [{ $ref: priceItemKey('price_a') }, 10],
        [{ $ref: globalItemKey('customerBalance') }, -6],
      ]);
      expect(memo.summary.amount).to.equal(400);
      expect(memo.body.memo).to.match(/6\.00 USD credited to the Stripe customer balance\.$/);
    });

    it('blocks a credit note whose lines do not add up to its total, and skips void notes', () => {
      const note = stripeCreditNote('cn_bad', { invoice: 'in_1', post: 1000, outOfBand: 1000, lines: [{ invoiceLine: 'il_a', amount: 1000 }] });
      (note as { total: number }).total = 1100;
      (note as { out_of_band_amount: number }).out_of_band_amount = 1100;
      (note as { post_payment_amount: number }).post_payment_amount = 1100;
      const w = paidWorld(oneLine).put(note, stripeCreditNote('cn_void', { invoice: 'in_1', status: 'void', lines: [{ amount: 100 }] }));
      const ops = plan(w);
      expect(opByKey(ops, creditNoteKey('cn_bad')).blocked).to.equal('credit note cn_bad: lines sum to 10.00 USD but its total is 11.00 USD');
      expect(ops.map((o) => o.key)).to.not.include(creditNoteKey('cn_void'));
    });
  });

  describe('disputes (#38, #39, I15)', () => {
    const withdrawn = (id: string, amount: number): Stripe.BalanceTransaction =>
      bt(`txn_${id}_w`, { amount: -amount, fee: 1500, type: 'adjustment', source: id, reportingCategory: 'dispute', created: T0 + 6 * DAY });

    it('funds withdrawn on an invoiced charge: a customerRefund and a credit memo on the invoice item', () => {
      const w = paidWorld(oneLine).put(stripeDispute('du_1', 'ch_1', 3000, { status: 'lost', balanceTransactions: [withdrawn('du_1', 3000)] }));
      const ops = plan(w);
      const memo = opByKey(ops, disputeMemoKey('du_1'));
      expect(memo.externalId).to.equal('du_1-memo');
      expect(itemLines(memo).map((l) => [l.item, l.amount])).to.deep.equal([[{ $ref: priceItemKey('price_a') }, 30]]);
      const refund = opByKey(ops, disputeKey('du_1'));
      expect(refund.body.memo).to.equal('Stripe: du_1 Dispute (fraudulent): funds withdrawn.');
      expect(refund.body.tranDate).to.equal('2025-03-07');
      expect(applyItems(refund.body)).to.deep.equal([{ doc: { $ref: disputeMemoKey('du_1') }, apply: true, amount: 30 }]);
    });

    it('uses the Stripe Dispute Item when the amount differs on a multi-line invoice, or when configured', () => {
      const differs = paidWorld(twoLines).put(stripeDispute('dp_2', 'ch_1', 4000, { balanceTransactions: [withdrawn('dp_2', 4000)] }));
      expect(itemLines(opByKey(plan(differs), disputeMemoKey('dp_2'))).map((l) => [l.item, l.amount])).to.deep.equal([
        [{ $ref: globalItemKey('dispute') }, 40],
      ]);
      const configured = paidWorld(oneLine, (s) => (s.features.useDisputeItem = true)).put(
        stripeDispute('du_3', 'ch_1', 3000, { balanceTransactions: [withdrawn('du_3', 3000)] }),
      );
      expect(itemLines(opByKey(plan(configured), disputeMemoKey('du_3')))[0].item).to.deep.equal({ $ref: globalItemKey('dispute') });
    });

    it('on a charge without invoice: applied to the payment; inquiries and disputes without withdrawal sync nothing', () => {
      const w = world().put(
        customer('cus_1'),
        stripeCharge('ch_n', { amount: 3000, paymentIntent: null }),
        stripeDispute('du_n', 'ch_n', 3000, { status: 'won', balanceTransactions: [withdrawn('du_n', 3000)] }),
        stripeCharge('ch_i', { amount: 3000, paymentIntent: null }),
        stripeDispute('du_inquiry', 'ch_i', 3000, { status: 'warning_needs_response' }),
      );
      const ops = plan(w);
      expect(ops.map((o) => o.key)).to.not.include(disputeMemoKey('du_n'));
      // Won: the withdrawal's customerRefund stays; winning adds no AR record (the reinstatement is a deposit line).
      expect(applyItems(opByKey(ops, disputeKey('du_n')).body)).to.deep.equal([{ doc: { $ref: paymentKey('ch_n') }, apply: true, amount: 30 }]);
      expect(ops.filter((o) => o.stripeId === 'du_n').map((o) => o.key)).to.deep.equal([disputeKey('du_n')]);
      expect(ops.map((o) => o.key)).to.not.include(disputeKey('du_inquiry'));
    });
  });
});

function withPrePayment(inv: Stripe.Invoice, amount: number): Stripe.Invoice {
  const i = inv as unknown as { pre_payment_credit_notes_amount: number; amount_due: number; amount_remaining: number; amount_paid: number; status: string };
  i.pre_payment_credit_notes_amount = amount;
  i.amount_due -= amount;
  if (i.status === 'paid') i.amount_paid = i.amount_due;
  i.amount_remaining = i.status === 'paid' ? 0 : i.amount_due;
  return inv;
}
