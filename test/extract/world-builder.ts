// Small Stripe worlds for the extraction tests, from the test factory (test/support/stripe-objects.ts) in the
// pinned API version's shape (invoice ↔ payment through invoice_payment objects; lines with pricing.price_details).
import Stripe from 'stripe';
import * as stripe from '../support/stripe-objects.js';

export type Obj = Record<string, unknown> & { id: string; object: string; created: number };

export const DAY = 86_400;

export class WorldBuilder {
  readonly items: Obj[] = [];
  private seq = 0;

  private id(prefix: string): string {
    this.seq++;
    return `${prefix}_${String(this.seq).padStart(6, '0')}T`;
  }

  add<T extends Obj>(o: T): T {
    this.items.push(o);
    return o;
  }

  /** An event making `object` the served snapshot from `created` on. */
  event(type: string, created: number, object: Obj, apiVersion: string | null = Stripe.API_VERSION): Obj {
    return this.add(stripe.event({ id: this.id('evt'), api_version: apiVersion, created, data: { object }, type }) as unknown as Obj);
  }

  customer(created: number, id = this.id('cus')): Obj {
    return this.add(stripe.customer({ id, created, email: `${id}@example.com`, name: `Customer ${id}` }) as unknown as Obj);
  }

  product(created: number): Obj {
    return this.add(stripe.product({ id: this.id('prod'), created, name: 'Plan' }) as unknown as Obj);
  }

  price(created: number, product: string, unitAmount = 1000): Obj {
    return this.add(stripe.price({
      id: this.id('price'), created, product, unit_amount: unitAmount, unit_amount_decimal: String(unitAmount),
    }) as unknown as Obj);
  }

  coupon(created: number): Obj {
    return this.add(stripe.coupon({ id: this.id('co'), created, percent_off: 20, duration: 'once' }) as unknown as Obj);
  }

  /** An open (finalized) invoice with `lineCount` lines of `price`. Not added: callers add/evolve it. */
  invoiceObject(o: { created: number; customer: string; price: Obj; lineCount?: number; status?: string; discount?: Obj }): Obj {
    const id = this.id('in');
    const n = o.lineCount ?? 1;
    const unit = o.price.unit_amount as number;
    const discount = o.discount
      ? stripe.discount({ id: this.id('di'), customer: o.customer, invoice: id, start: o.created, end: null, source: { type: 'coupon', coupon: o.discount.id } })
      : undefined;
    const lines = Array.from({ length: n }, (_, i) => stripe.invoiceLineItem({
      id: `il_${id.slice(3)}_${i}`,
      amount: unit,
      description: `Line ${i}`,
      discount_amounts: discount ? [{ amount: unit / 5, discount: discount.id }] : [],
      discounts: discount ? [discount.id] : [],
      invoice: id,
      period: { start: o.created, end: o.created + 30 * DAY },
      pricing: { type: 'price_details', price_details: { price: o.price.id, product: o.price.product }, unit_amount_decimal: String(unit) },
      subtotal: unit,
    }));
    const total = lines.reduce((s, l) => s + l.amount, 0) - (discount ? (unit / 5) * n : 0);
    return stripe.invoice({
      id, created: o.created, effective_at: o.created, customer: o.customer, status: o.status ?? 'open',
      amount_due: total, amount_paid: 0, amount_remaining: total, total, total_excluding_tax: total, subtotal: n * unit,
      subtotal_excluding_tax: n * unit, ending_balance: 0,
      discounts: discount ? [discount] : [],
      total_discount_amounts: discount ? [{ amount: (unit / 5) * n, discount: discount.id }] : [],
      lines: { object: 'list', data: lines, has_more: false, total_count: n, url: `/v1/invoices/${id}/lines` },
      status_transitions: { finalized_at: o.created, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    }) as unknown as Obj;
  }

  paid(invoice: Obj, at: number): Obj {
    return {
      ...invoice, status: 'paid', amount_paid: invoice.amount_due, amount_remaining: 0,
      status_transitions: { ...(invoice.status_transitions as object), paid_at: at },
    };
  }

  /** A succeeded payment of an invoice: payment intent, charge (+ its balance transaction), invoice_payment. */
  payment(invoice: Obj, at: number): { pi: Obj; charge: Obj; ip: Obj; txn: Obj } {
    const amount = invoice.amount_due as number;
    const chargeId = this.id('ch');
    const txnId = this.id('txn');
    const fee = Math.round(amount * 0.029) + 30;
    const txn = this.add(stripe.balanceTransaction({
      id: txnId, created: at, amount, available_on: at + 2 * DAY,
      fee, fee_details: [{ amount: fee, currency: 'usd', type: 'stripe_fee', description: 'Stripe processing fees', application: null }],
      net: amount - fee, reporting_category: 'charge', source: chargeId, type: 'charge', description: null,
    }) as unknown as Obj);
    const pi = this.add(stripe.paymentIntent({
      id: this.id('pi'), created: at, amount, amount_received: amount, customer: invoice.customer, latest_charge: chargeId,
    }) as unknown as Obj);
    const charge = this.add(stripe.charge({
      id: chargeId, created: at, amount, amount_captured: amount, customer: invoice.customer, description: null,
      payment_intent: pi.id, balance_transaction: txnId, payment_method: null,
      refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${chargeId}/refunds` },
    }) as unknown as Obj);
    const ip = this.add(stripe.invoicePayment({
      id: this.id('inpay'), created: at, amount_paid: amount, amount_requested: amount, invoice: invoice.id,
      payment: { type: 'payment_intent', payment_intent: pi.id }, status_transitions: { canceled_at: null, paid_at: at },
    }) as unknown as Obj);
    return { pi, charge, ip, txn };
  }

  refund(charge: Obj, at: number, amount = charge.amount as number, status = 'succeeded'): Obj {
    const id = this.id('re');
    this.add(stripe.balanceTransaction({
      id: this.id('txn'), created: at, amount: -amount, available_on: at, net: -amount, reporting_category: 'refund', source: id,
      type: 'refund', description: null,
    }) as unknown as Obj);
    return this.add(stripe.refund({
      id, created: at, amount, charge: charge.id, payment_intent: charge.payment_intent, status, balance_transaction: null,
    }) as unknown as Obj);
  }

  /** An automatic payout at `at`, sweeping what became available before it; `status` at creation. */
  payout(at: number, amount: number, status = 'paid'): Obj {
    const id = this.id('po');
    this.add(stripe.balanceTransaction({
      id: this.id('txn'), created: at, amount: -amount, available_on: at, net: -amount, reporting_category: 'payout', source: id,
      type: 'payout', description: 'STRIPE PAYOUT',
    }) as unknown as Obj);
    return this.add(stripe.payout({ id, created: at, amount, arrival_date: at + DAY, status, balance_transaction: null, destination: null }) as unknown as Obj);
  }
}
