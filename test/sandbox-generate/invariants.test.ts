// Exact accounting invariants on every snapshot of a larger world, as a reconciler would check them.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { sum, viewWorld, type Obj, type WorldView } from './world-view.js';

const DAY = 86400;
/** Id prefixes the world defines objects for; any string shaped like one of these must resolve. */
const REFERENCE = /^(cus|in|il|ch|pi|txn|re|du|cn|cnli|po|price|prod|sub|si|inpay|txr|cbtxn|di|evt)_[A-Za-z0-9]{14,}$/;
/** Fields whose values are enums or own ids, never references (`price_details` looks like a price id). */
const NOT_REFERENCES = new Set(['id', 'object', 'type', 'reporting_category']);

function checkWorld(w: WorldView, accountCurrency: string): void {
  it('orders items by visibility time, each id first as a plain object, events never before their object', () => {
    let last = -Infinity;
    const seen = new Map<string, number>();
    for (const item of w.items) {
      expect(item.created, item.id).to.be.at.least(last);
      last = item.created;
      if (item.object === 'event') {
        const obj = item.data.object;
        expect(seen.has(obj.id), `${item.type} for ${obj.id} before its object`).to.equal(true);
        expect(obj.created).to.be.at.most(item.created);
        expect(obj.created).to.equal(seen.get(obj.id));
      } else {
        expect(seen.has(item.id), `${item.id} appears twice as a plain item`).to.equal(false);
        seen.set(item.id, item.created);
      }
    }
  });

  it('keeps every invoice snapshot arithmetically exact', () => {
    let checked = 0;
    for (const [, snaps] of w.snapshots) {
      if (snaps[0].object !== 'invoice') continue;
      for (const inv of snaps) {
        checked++;
        const lines = inv.lines.data as Obj[];
        const discount = sum((inv.total_discount_amounts as Obj[]).map((d) => d.amount));
        const tax = sum((inv.total_taxes as Obj[]).map((t) => t.amount));
        const shipping = inv.shipping_cost?.amount_total ?? 0;
        expect(inv.subtotal, inv.id).to.equal(sum(lines.map((l) => l.amount)));
        expect(lines.every((l) => l.subtotal === l.amount)).to.equal(true);
        expect(sum(lines.flatMap((l) => l.discount_amounts.map((d: Obj) => d.amount)))).to.equal(discount);
        expect(sum(lines.flatMap((l) => l.taxes.map((t: Obj) => t.amount)))).to.equal(tax);
        for (const l of lines) for (const t of l.taxes) expect(t.taxable_amount).to.equal(l.amount - sum(l.discount_amounts.map((d: Obj) => d.amount)));
        expect(inv.amount_shipping).to.equal(shipping);
        expect(inv.total, inv.id).to.equal(inv.subtotal - discount + tax + shipping);
        expect(inv.total_excluding_tax).to.equal(inv.total - tax);
        const beforeCredit = Math.max(0, inv.total + inv.starting_balance);
        expect(inv.amount_due, inv.id).to.equal(beforeCredit - inv.pre_payment_credit_notes_amount);
        expect(inv.ending_balance, inv.id).to.equal(inv.starting_balance + inv.total - beforeCredit);
        expect(inv.amount_paid + inv.amount_remaining, inv.id).to.equal(inv.amount_due);
        if (inv.status === 'paid') expect(inv.amount_remaining).to.equal(0);
        if (inv.status === 'void') expect(inv.status_transitions.voided_at).to.be.a('number');
        if (inv.status === 'uncollectible') expect(inv.status_transitions.marked_uncollectible_at).to.be.a('number');
      }
    }
    expect(checked).to.be.greaterThan(100);
  });

  it('keeps each customer balance equal to its balance transactions', () => {
    const byCustomer = new Map<string, Obj[]>();
    for (const t of w.ofType('customer_balance_transaction')) byCustomer.set(t.customer, [...(byCustomer.get(t.customer) ?? []), t]);
    for (const c of w.ofType('customer')) {
      const list = (byCustomer.get(c.id) ?? []).sort((a, b) => a.created - b.created);
      let running = 0;
      for (const t of list) {
        running += t.amount;
        expect(t.ending_balance).to.equal(running);
      }
      expect(c.balance, c.id).to.equal(running);
    }
    for (const inv of w.ofType('invoice')) {
      if (inv.ending_balance === inv.starting_balance) continue;
      const t = w.ofType('customer_balance_transaction').find((x) => x.invoice === inv.id && x.type === 'applied_to_invoice');
      expect(t?.amount, inv.id).to.equal(inv.ending_balance - inv.starting_balance);
    }
  });

  it('keeps balance transactions exact: net, fees, availability, currency', () => {
    for (const t of w.ofType('balance_transaction')) {
      expect(t.net, t.id).to.equal(t.amount - t.fee);
      expect(t.fee).to.equal(sum(t.fee_details.map((f: Obj) => f.amount)));
      expect(t.currency).to.equal(accountCurrency);
      expect(Number.isInteger(t.amount) && Number.isInteger(t.fee)).to.equal(true);
      expect(t.available_on).to.equal(t.type === 'payout' || t.type === 'payout_failure' ? t.created : t.created + 2 * DAY);
      expect(w.latest.get(t.source), t.source).to.not.equal(undefined);
    }
  });

  it('keeps charges, refunds and disputes consistent', () => {
    const refundsOf = new Map<string, Obj[]>();
    for (const r of w.ofType('refund')) refundsOf.set(r.charge, [...(refundsOf.get(r.charge) ?? []), r]);
    for (const c of w.ofType('charge')) {
      const refunds = refundsOf.get(c.id) ?? [];
      expect(c.amount_refunded, c.id).to.equal(sum(refunds.map((r) => r.amount)));
      expect(c.amount_refunded).to.be.at.most(c.amount);
      expect(c.refunded).to.equal(c.amount_refunded === c.amount);
      if (c.status === 'succeeded') {
        const txn = w.latest.get(c.balance_transaction)!;
        expect(txn.source).to.equal(c.id);
        const reversed = sum(refunds.map((r) => w.latest.get(r.balance_transaction)!.amount));
        expect(-reversed).to.be.at.most(txn.amount);
        if (c.refunded) expect(-reversed, c.id).to.equal(txn.amount);
      }
      if (c.status === 'failed' && c.failure_balance_transaction) {
        expect(w.latest.get(c.failure_balance_transaction)!.amount).to.equal(-w.latest.get(c.balance_transaction)!.amount);
      }
    }
    for (const d of w.ofType('dispute')) {
      const c = w.latest.get(d.charge)!;
      expect(d.amount).to.equal(c.amount);
      expect(d.balance_transactions[0].amount).to.equal(-w.latest.get(c.balance_transaction)!.amount);
      expect(d.balance_transactions.length).to.equal(d.status === 'won' ? 2 : 1);
    }
  });

  it('keeps credit notes equal to their lines and their settlement', () => {
    const notesOf = new Map<string, Obj[]>();
    for (const n of w.ofType('credit_note')) {
      notesOf.set(n.invoice, [...(notesOf.get(n.invoice) ?? []), n]);
      expect(n.amount, n.id).to.equal(sum(n.lines.data.map((l: Obj) => l.amount)));
      expect(n.total).to.equal(n.amount);
      if (n.type === 'pre_payment') {
        expect(n.pre_payment_amount).to.equal(n.amount);
      } else {
        const balance = n.customer_balance_transaction ? -w.latest.get(n.customer_balance_transaction)!.amount : 0;
        expect(sum(n.refunds.map((r: Obj) => r.amount_refunded)) + (n.out_of_band_amount ?? 0) + balance, n.id).to.equal(n.amount);
        for (const r of n.refunds) expect(w.latest.get(r.refund)!.amount).to.equal(r.amount_refunded);
      }
    }
    for (const [invoiceId, notes] of notesOf) {
      const inv = w.latest.get(invoiceId)!;
      expect(inv.pre_payment_credit_notes_amount).to.equal(sum(notes.filter((n) => n.type === 'pre_payment').map((n) => n.amount)));
      expect(inv.post_payment_credit_notes_amount).to.equal(sum(notes.filter((n) => n.type === 'post_payment').map((n) => n.amount)));
      expect(inv.pre_payment_credit_notes_amount + inv.post_payment_credit_notes_amount).to.be.at.most(inv.total);
    }
  });

  it('pays out exactly the balance transactions each payout sweeps', () => {
    const payouts = w.ofType('payout').sort((a, b) => a.created - b.created);
    const pending = w.ofType('balance_transaction').filter((t) => t.type !== 'payout').sort((a, b) => a.available_on - b.available_on);
    let i = 0;
    for (const p of payouts) {
      let total = 0;
      while (i < pending.length && pending[i].available_on <= p.created) total += pending[i++].net;
      expect(p.amount, p.id).to.equal(total);
      expect(p.amount).to.be.greaterThan(0);
      expect(p.currency).to.equal(accountCurrency);
      const own = w.latest.get(p.balance_transaction)!;
      expect(own).to.include({ type: 'payout', amount: -p.amount, source: p.id, net: -p.amount });
    }
  });

  it('links paid invoices to invoice payments for the amount paid (card and outside Stripe together)', () => {
    const payments = w.ofType('invoice_payment');
    const paidOf = new Map<string, number>();
    for (const ip of payments) {
      const inv = w.latest.get(ip.invoice)!;
      if (ip.payment.type === 'payment_record') {
        // Reported outside Stripe: a payment record of a custom (non-Stripe) processor, paid when reported.
        const record = w.latest.get(ip.payment.payment_record)!;
        expect(record.processor_details.type).to.equal('custom');
        expect(record.amount.value).to.equal(ip.amount_paid);
        expect(ip.status).to.equal('paid');
      } else {
        const pi = w.latest.get(ip.payment.payment_intent)!;
        expect(ip.amount_requested).to.equal(pi.amount);
      }
      if (ip.status === 'paid') {
        paidOf.set(inv.id, (paidOf.get(inv.id) ?? 0) + ip.amount_paid);
        expect(inv.status).to.be.oneOf(['paid', 'open']);
      }
    }
    for (const [id, paid] of paidOf) {
      const inv = w.latest.get(id)!;
      expect(paid, id).to.equal(inv.amount_paid);
      expect(inv.amount_remaining, id).to.equal(inv.amount_due - inv.amount_paid);
    }
  });

  it('resolves every referenced id to an object in the world', () => {
    const defined = new Set<string>();
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') {
        const o = v as Obj;
        if (typeof o.id === 'string') defined.add(o.id);
        for (const x of Object.values(o)) collect(x);
      }
    };
    w.items.forEach(collect);
    const missing: string[] = [];
    const check = (v: unknown, key: string): void => {
      if (typeof v === 'string') {
        if (!NOT_REFERENCES.has(key) && REFERENCE.test(v) && !defined.has(v)) missing.push(`${key}=${v}`);
      } else if (Array.isArray(v)) v.forEach((x) => check(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) check(x, k);
    };
    w.items.forEach((item) => check(item, ''));
    expect(missing.slice(0, 5)).to.deep.equal([]);
  });
}

describe('generated world invariants (300 customers × 6 months, seed 5)', () => {
  const w = viewWorld(generateWorld({ customers: 300, months: 6, seed: 5 }).items);
  checkWorld(w, 'usd');
});

describe('generated world invariants (60 customers × 4 months, seed 11, account currency eur)', () => {
  const w = viewWorld(generateWorld({ customers: 60, months: 4, seed: 11, accountCurrency: 'eur' }).items);
  checkWorld(w, 'eur');
});
