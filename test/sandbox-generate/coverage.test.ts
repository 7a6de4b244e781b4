// Every case a Stripe Billing account produces, and the connector must handle, occurs in a small
// world (20 customers × 3 months) whatever the seed.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { sum, viewWorld, type Obj, type WorldView } from './world-view.js';

const DAY = 86400;

for (const seed of [1, 7, 99]) {
  describe(`generated world coverage (20 customers × 3 months, seed ${seed})`, () => {
    let w: WorldView;
    let invoices: Obj[];
    let charges: Obj[];
    let txns: Obj[];
    const invoiceOfPi = new Map<string, string>();

    before(() => {
      w = viewWorld(generateWorld({ customers: 20, months: 3, seed }).items);
      invoices = w.ofType('invoice');
      charges = w.ofType('charge');
      txns = w.ofType('balance_transaction');
      for (const ip of w.ofType('invoice_payment')) invoiceOfPi.set(ip.payment.payment_intent, ip.invoice);
    });

    it('has customers with and without details, companies and individuals', () => {
      const customers = w.ofType('customer');
      expect(customers).to.have.length(20);
      expect(customers.some((c) => c.name && c.email && c.phone && c.address?.line1 && c.shipping?.address)).to.equal(true);
      expect(customers.some((c) => c.name === null && c.email)).to.equal(true);
      expect(customers.some((c) => typeof c.individual_name === 'string' && c.name === c.individual_name)).to.equal(true);
      expect(customers.some((c) => typeof c.business_name === 'string')).to.equal(true);
      expect(customers.every((c) => !('netsuite_customer_id' in c.metadata))).to.equal(true);
    });

    it('has monthly, annual and one-time prices and subscriptions on both intervals', () => {
      const prices = w.ofType('price');
      expect(prices.some((p) => p.type === 'recurring' && p.recurring.interval === 'month')).to.equal(true);
      expect(prices.some((p) => p.type === 'recurring' && p.recurring.interval === 'year')).to.equal(true);
      expect(prices.some((p) => p.type === 'one_time' && p.recurring === null)).to.equal(true);
      const intervals = new Set(w.ofType('subscription').map((s) => s.items.data[0].price.recurring.interval));
      expect([...intervals].sort()).to.deep.equal(['month', 'year']);
    });

    it('has upgrades and downgrades with proration lines, and a negative invoice credited to the balance', () => {
      const prorated = invoices.filter((i) => i.lines.data.some((l: Obj) => l.parent?.subscription_item_details?.proration === true));
      expect(prorated.some((i) => i.total > 0 && i.billing_reason === 'subscription_update')).to.equal(true);
      const negative = prorated.find((i) => i.total < 0);
      expect(negative, 'a downgrade invoice with total < 0').to.not.equal(undefined);
      expect(negative!.amount_due).to.equal(0);
      expect(negative!.status).to.equal('paid');
      expect(negative!.ending_balance).to.equal(negative!.starting_balance + negative!.total);
      const customerUpdates = w.eventsOfType('customer.updated').filter((e) => e.data.object.id === negative!.customer);
      expect(customerUpdates.some((e) => e.data.object.balance === negative!.ending_balance)).to.equal(true);
      const later = invoices.filter((i) => i.customer === negative!.customer && i.created > negative!.created);
      const fullyByBalance = later.find((i) => i.starting_balance < 0 && i.total > 0 && i.amount_due === 0);
      expect(fullyByBalance, 'a later invoice paid entirely from the credit').to.not.equal(undefined);
      expect(fullyByBalance!.amount_paid).to.equal(0);
      expect(fullyByBalance!.status).to.equal('paid');
    });

    it('has an invoice whose amount due is reduced (not zeroed) by the customer credit', () => {
      const reduced = invoices.find((i) => i.starting_balance < 0 && i.amount_due > 0 && i.amount_due === i.total + i.starting_balance);
      expect(reduced).to.not.equal(undefined);
      expect(reduced!.ending_balance).to.equal(0);
    });

    it('has percent, 100% and fixed-amount coupons as discounts with per-line amounts', () => {
      const coupons = new Map(w.ofType('coupon').map((c) => [c.id, c]));
      const discounted = invoices.filter((i) => i.discounts.length > 0);
      const couponOf = (i: Obj): Obj => coupons.get(i.discounts[0].source.coupon)!;
      const full = discounted.find((i) => couponOf(i).percent_off === 100 && i.lines.data.some((l: Obj) => l.amount !== 0));
      expect(full, '100% coupon invoice').to.not.equal(undefined);
      expect(full!.total).to.equal(0);
      expect(full!.status).to.equal('paid');
      expect(discounted.some((i) => couponOf(i).percent_off !== null && couponOf(i).percent_off < 100 && i.total > 0)).to.equal(true);
      const fixed = discounted.find((i) => couponOf(i).amount_off !== null);
      expect(fixed, 'fixed-amount coupon invoice').to.not.equal(undefined);
      expect(fixed!.total_discount_amounts[0].amount).to.equal(couponOf(fixed!).amount_off);
      expect(sum(fixed!.lines.data.map((l: Obj) => l.discount_amounts[0].amount))).to.equal(couponOf(fixed!).amount_off);
    });

    it('has exclusive tax lines, shipping, trials and one-off send_invoice invoices', () => {
      const taxed = invoices.find((i) => i.total_taxes.length > 0 && i.total_taxes[0].amount > 0);
      expect(taxed).to.not.equal(undefined);
      expect(taxed!.lines.data[0].taxes[0]).to.include({ tax_behavior: 'exclusive', type: 'tax_rate_details' });
      expect(w.latest.get(taxed!.total_taxes[0].tax_rate_details.tax_rate)?.inclusive).to.equal(false);
      const shipped = invoices.find((i) => i.shipping_cost?.amount_total > 0);
      expect(shipped?.amount_shipping).to.equal(shipped?.shipping_cost.amount_total);
      const trial = invoices.find((i) => i.billing_reason === 'subscription_create' && i.lines.data.every((l: Obj) => l.amount === 0));
      expect(trial?.total).to.equal(0);
      expect(w.ofType('subscription').some((s) => s.trial_end !== null)).to.equal(true);
      const manual = invoices.filter((i) => i.billing_reason === 'manual');
      expect(manual.some((i) => i.collection_method === 'send_invoice' && i.due_date > i.created)).to.equal(true);
      expect(manual.some((i) => i.collection_method === 'charge_automatically')).to.equal(true);
    });

    it('has failed payments, an uncollectible invoice and an open invoice that failed', () => {
      const failed = charges.filter((c) => c.status === 'failed' && c.balance_transaction === null);
      expect(failed.length).to.be.greaterThan(0);
      expect(w.eventsOfType('charge.failed').length).to.be.greaterThan(0);
      expect(w.eventsOfType('invoice.payment_failed').some((e) => e.data.object.status === 'open' && e.data.object.attempt_count >= 1)).to.equal(true);
      const uncollectible = invoices.find((i) => i.status === 'uncollectible');
      expect(uncollectible?.status_transitions.marked_uncollectible_at).to.be.a('number');
      expect(w.eventsOfType('invoice.marked_uncollectible')).to.have.length.greaterThan(0);
    });

    it('has voided invoices and a revision that points at its voided original', () => {
      const voided = invoices.filter((i) => i.status === 'void');
      expect(voided.every((i) => typeof i.status_transitions.voided_at === 'number')).to.equal(true);
      expect(voided.some((i) => i.latest_revision === null)).to.equal(true);
      const revision = invoices.find((i) => i.from_invoice?.action === 'revision');
      expect(revision).to.not.equal(undefined);
      const original = w.latest.get(revision!.from_invoice.invoice)!;
      expect(original.status).to.equal('void');
      expect(original.latest_revision).to.equal(revision!.id);
    });

    it('has credit notes of every kind with invoice and custom lines', () => {
      const notes = w.ofType('credit_note');
      const pre = notes.find((n) => n.type === 'pre_payment');
      expect(pre).to.not.equal(undefined);
      expect(w.latest.get(pre!.invoice)!.pre_payment_credit_notes_amount).to.be.at.least(pre!.amount);
      const refunded = notes.find((n) => n.refunds.length > 0);
      expect(refunded!.refunds[0].amount_refunded).to.equal(refunded!.amount);
      expect(w.latest.get(refunded!.refunds[0].refund)?.object).to.equal('refund');
      expect(notes.some((n) => n.out_of_band_amount > 0)).to.equal(true);
      const toBalance = notes.find((n) => n.customer_balance_transaction !== null);
      expect(w.latest.get(toBalance!.customer_balance_transaction)?.amount).to.equal(-toBalance!.amount);
      const lineTypes = new Set(notes.flatMap((n) => n.lines.data.map((l: Obj) => l.type)));
      expect([...lineTypes].sort()).to.deep.equal(['custom_line_item', 'invoice_line_item']);
      for (const n of notes) {
        const invoiceLines = new Set(w.latest.get(n.invoice)!.lines.data.map((l: Obj) => l.id));
        for (const l of n.lines.data.filter((x: Obj) => x.type === 'invoice_line_item')) expect(invoiceLines.has(l.invoice_line_item), l.id).to.equal(true);
      }
    });

    it('has full and partial refunds of invoiced and non-invoiced charges, with and without customers', () => {
      const refunds = w.ofType('refund');
      const chargeOf = (r: Obj): Obj => w.latest.get(r.charge)!;
      const invoiced = (r: Obj): boolean => invoiceOfPi.has(chargeOf(r).payment_intent);
      expect(refunds.some((r) => r.amount === chargeOf(r).amount && invoiced(r))).to.equal(true);
      expect(refunds.some((r) => r.amount < chargeOf(r).amount && invoiced(r))).to.equal(true);
      expect(refunds.some((r) => r.amount === chargeOf(r).amount && !invoiced(r))).to.equal(true);
      expect(refunds.some((r) => r.amount < chargeOf(r).amount && !invoiced(r))).to.equal(true);
      expect(refunds.some((r) => chargeOf(r).customer === null)).to.equal(true);
      const refundTxns = txns.filter((t) => t.type === 'refund');
      expect(refundTxns.every((t) => t.amount < 0 && t.reporting_category === 'refund')).to.equal(true);
      expect(refundTxns.some((t) => t.fee === 0)).to.equal(true);
      expect(refundTxns.some((t) => t.fee < 0)).to.equal(true);
    });

    it('has won and lost disputes with withdrawal and reinstatement balance transactions and events', () => {
      const disputes = w.ofType('dispute');
      const won = disputes.find((d) => d.status === 'won')!;
      const lost = disputes.find((d) => d.status === 'lost')!;
      expect(won).to.not.equal(undefined);
      expect(lost).to.not.equal(undefined);
      const settled = w.latest.get(w.latest.get(won.charge)!.balance_transaction)!;
      expect(won.balance_transactions.map((t: Obj) => t.amount)).to.deep.equal([-settled.amount, settled.amount]);
      expect(won.balance_transactions[0].fee).to.equal(1500);
      expect(won.balance_transactions[0].fee_details[0]).to.include({ amount: 1500, description: 'Dispute fee', type: 'stripe_fee' });
      expect(won.balance_transactions[1].fee).to.equal(-1500);
      expect(lost.balance_transactions).to.have.length(1);
      for (const type of ['charge.dispute.created', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated']) {
        expect(w.eventsOfType(type), type).to.have.length.greaterThan(0);
      }
      expect(w.latest.get(won.charge)!.disputed).to.equal(true);
    });

    it('settles charges in usd, eur, gbp and jpy into the account currency with fees', () => {
      const currencies = new Set(charges.filter((c) => c.status === 'succeeded').map((c) => c.currency));
      expect([...currencies].sort()).to.deep.equal(['eur', 'gbp', 'jpy', 'usd']);
      const chargeTxns = txns.filter((t) => t.type === 'charge');
      expect(chargeTxns.every((t) => t.currency === 'usd' && t.net === t.amount - t.fee && t.available_on === t.created + 2 * DAY)).to.equal(true);
      const jpy = charges.find((c) => c.currency === 'jpy' && c.balance_transaction)!;
      const jpyTxn = w.latest.get(jpy.balance_transaction)!;
      expect(jpyTxn.exchange_rate).to.be.a('number');
      expect(jpyTxn.amount).to.equal(Math.round(jpy.amount * jpyTxn.exchange_rate * 100));
      expect(chargeTxns.some((t) => t.fee_details.some((f: Obj) => f.type === 'application_fee'))).to.equal(true);
      expect(chargeTxns.every((t) => t.fee_details.some((f: Obj) => f.type === 'stripe_fee'))).to.equal(true);
    });

    it('links paid invoices to payment intents and charges through invoice_payment objects', () => {
      const paidByCharge = invoices.filter((i) => i.status === 'paid' && i.amount_paid > 0);
      expect(paidByCharge.length).to.be.greaterThan(10);
      const payments = w.ofType('invoice_payment');
      for (const inv of paidByCharge) {
        const ip = payments.find((p) => p.invoice === inv.id && p.status === 'paid' && p.payment.type === 'payment_intent');
        if (payments.some((p) => p.invoice === inv.id && p.payment.type === 'payment_record')) {
          if (!ip) continue; // paid wholly outside Stripe (next test)
          const outside = payments.filter((p) => p.invoice === inv.id && p.payment.type === 'payment_record').reduce((s, p) => s + p.amount_paid, 0);
          expect(w.latest.get(w.latest.get(ip.payment.payment_intent)!.latest_charge)!.amount + outside).to.equal(inv.amount_paid);
          continue;
        }
        expect(ip, inv.id).to.not.equal(undefined);
        expect(ip!.payment.type).to.equal('payment_intent');
        const pi = w.latest.get(ip!.payment.payment_intent)!;
        expect(pi.status).to.equal('succeeded');
        const charge = w.latest.get(pi.latest_charge)!;
        expect(charge.payment_intent).to.equal(pi.id);
        expect(charge.amount).to.equal(inv.amount_paid);
        expect('invoice' in charge).to.equal(false);
      }
    });

    it('has invoices paid outside Stripe, wholly, in part and in part while still open (payment records, no charge, no balance transaction)', () => {
      const outside = w.ofType('invoice_payment').filter((p) => p.payment.type === 'payment_record');
      const byInvoice = new Map<string, Obj[]>();
      for (const p of outside) byInvoice.set(p.invoice, [...(byInvoice.get(p.invoice) ?? []), p]);
      const kinds = [...byInvoice].map(([id, ps]) => {
        const inv = w.latest.get(id)!;
        const outsideSum = ps.reduce((s, p) => s + p.amount_paid, 0);
        expect(inv.amount_paid, id).to.be.at.least(outsideSum);
        if (inv.status === 'open') return 'open part';
        expect(inv.status, id).to.equal('paid');
        return outsideSum === inv.amount_paid ? 'whole' : 'part';
      });
      expect(kinds).to.include.members(['whole', 'part', 'open part']);
      for (const p of outside) {
        const record = w.latest.get(p.payment.payment_record)!;
        expect(record.object).to.equal('payment_record');
        expect(w.ofType('balance_transaction').some((t) => t.source === record.id)).to.equal(false);
        expect('amount_paid_off_stripe' in w.latest.get(p.invoice)!).to.equal(false);
      }
    });

    it('has a bank debit that failed after it settled', () => {
      const ach = charges.find((c) => c.status === 'failed' && c.failure_balance_transaction !== null);
      expect(ach).to.not.equal(undefined);
      expect(ach!.balance_transaction).to.be.a('string');
      const original = w.latest.get(ach!.balance_transaction)!;
      const failure = w.latest.get(ach!.failure_balance_transaction)!;
      expect(failure.type).to.equal('payment_failure_refund');
      expect(failure.amount).to.equal(-original.amount);
      expect(w.eventsOfType('charge.pending').some((e) => e.data.object.id === ach!.id)).to.equal(true);
    });

    it('has automatic paid payouts and one in transit at the end', () => {
      const payouts = w.ofType('payout');
      expect(payouts.length).to.be.greaterThan(3);
      expect(payouts.every((p) => p.automatic === true && p.method === 'standard' && p.arrival_date === Math.floor((p.created + 2 * DAY) / DAY) * DAY)).to.equal(true);
      expect(payouts.filter((p) => p.status === 'paid').length).to.be.greaterThan(0);
      const last = payouts.reduce((a, b) => (b.created > a.created ? b : a));
      expect(last.status).to.equal('in_transit');
      expect(w.eventsOfType('payout.paid').length).to.equal(payouts.filter((p) => p.status === 'paid').length);
    });

    it('has a failed payout whose funds come back as a payout_failure transaction swept into a later payout', () => {
      const failed = w.ofType('payout').filter((p) => p.status === 'failed');
      expect(failed.length).to.be.greaterThan(0);
      for (const p of failed) {
        const back = w.latest.get(p.failure_balance_transaction)!;
        expect(back).to.include({ type: 'payout_failure', amount: p.amount, net: p.amount, source: p.id, reporting_category: 'payout_reversal' });
        expect(back.created).to.be.greaterThan(p.created);
        expect(p.failure_code).to.be.a('string');
        expect(w.eventsOfType('payout.failed').some((e) => e.data.object.id === p.id)).to.equal(true);
        const later = w.ofType('payout').filter((q) => q.created >= back.available_on);
        expect(later.length, `a payout after ${p.id} takes its returned funds`).to.be.greaterThan(0);
      }
    });

    it('has events for every state change', () => {
      const types = new Set(w.events.map((e) => e.type));
      for (const t of [
        'customer.created', 'customer.updated', 'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted',
        'invoice.finalized', 'invoice.paid', 'invoice.payment_failed', 'invoice.marked_uncollectible', 'invoice.voided', 'invoice.updated',
        'invoice_payment.paid', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.processing',
        'charge.succeeded', 'charge.failed', 'charge.pending', 'charge.refunded', 'charge.updated', 'refund.created',
        'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'credit_note.created', 'payout.created', 'payout.paid',
        'product.created', 'price.created', 'coupon.created', 'tax_rate.created',
      ]) {
        expect(types.has(t), t).to.equal(true);
      }
    });
  });
}
