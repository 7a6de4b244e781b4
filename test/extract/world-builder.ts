// Small hand-written Stripe worlds for the extraction tests, in the pinned API version's shape
// (invoice ↔ payment through invoice_payment objects; lines with pricing.price_details).
import Stripe from 'stripe';

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
    return this.add({
      id: this.id('evt'),
      object: 'event',
      api_version: apiVersion,
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 0,
      request: { id: null, idempotency_key: null },
      type,
    });
  }

  customer(created: number, id = this.id('cus')): Obj {
    return this.add({
      id, object: 'customer', created, email: `${id}@example.com`, name: `Customer ${id}`, currency: 'usd',
      balance: 0, metadata: {}, livemode: false,
    });
  }

  product(created: number): Obj {
    return this.add({ id: this.id('prod'), object: 'product', created, name: 'Plan', active: true, metadata: {}, livemode: false });
  }

  price(created: number, product: string, unitAmount = 1000): Obj {
    return this.add({
      id: this.id('price'), object: 'price', created, product, active: true, currency: 'usd', unit_amount: unitAmount,
      type: 'recurring', recurring: { interval: 'month', interval_count: 1 }, metadata: {}, livemode: false,
    });
  }

  coupon(created: number): Obj {
    return this.add({ id: this.id('co'), object: 'coupon', created, percent_off: 20, amount_off: null, duration: 'once', metadata: {}, livemode: false });
  }

  /** An open (finalized) invoice with `lineCount` lines of `price`. Not added: callers add/evolve it. */
  invoiceObject(o: { created: number; customer: string; price: Obj; lineCount?: number; status?: string; discount?: Obj }): Obj {
    const id = this.id('in');
    const n = o.lineCount ?? 1;
    const unit = o.price.unit_amount as number;
    const discount = o.discount
      ? {
          id: this.id('di'), object: 'discount', customer: o.customer, invoice: id, start: o.created, end: null,
          source: { type: 'coupon', coupon: o.discount.id }, subscription: null, subscription_item: null,
          promotion_code: null, checkout_session: null, invoice_item: null, customer_account: null,
        }
      : undefined;
    const lines = Array.from({ length: n }, (_, i) => ({
      id: `il_${id.slice(3)}_${i}`,
      object: 'line_item',
      amount: unit,
      currency: 'usd',
      description: `Line ${i}`,
      discount_amounts: discount ? [{ amount: unit / 5, discount: discount.id }] : [],
      discountable: true,
      discounts: discount ? [discount.id] : [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: null,
      period: { start: o.created, end: o.created + 30 * DAY },
      pricing: { type: 'price_details', price_details: { price: o.price.id, product: o.price.product }, unit_amount_decimal: String(unit) },
      quantity: 1,
      taxes: [],
    }));
    const total = lines.reduce((s, l) => s + l.amount, 0) - (discount ? (unit / 5) * n : 0);
    return {
      id, object: 'invoice', created: o.created, customer: o.customer, currency: 'usd', status: o.status ?? 'open',
      amount_due: total, amount_paid: 0, amount_remaining: total, total, subtotal: n * unit,
      discounts: discount ? [discount] : [],
      total_discount_amounts: discount ? [{ amount: (unit / 5) * n, discount: discount.id }] : [],
      lines: { object: 'list', data: lines, has_more: false, total_count: n, url: `/v1/invoices/${id}/lines` },
      status_transitions: { finalized_at: o.created, paid_at: null, voided_at: null, marked_uncollectible_at: null },
      parent: null, livemode: false, metadata: {},
    };
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
    const txn = this.add({
      id: txnId, object: 'balance_transaction', created: at, amount, available_on: at + 2 * DAY, currency: 'usd',
      fee, fee_details: [{ amount: fee, currency: 'usd', type: 'stripe_fee', description: 'Stripe processing fees', application: null }],
      net: amount - fee, reporting_category: 'charge', source: chargeId, status: 'available', type: 'charge',
      description: null, exchange_rate: null, balance_type: 'payments',
    });
    const pi = this.add({
      id: this.id('pi'), object: 'payment_intent', created: at, amount, amount_received: amount, currency: 'usd',
      customer: invoice.customer, latest_charge: chargeId, status: 'succeeded', metadata: {}, livemode: false,
    });
    const charge = this.add({
      id: chargeId, object: 'charge', created: at, amount, amount_captured: amount, amount_refunded: 0, captured: true,
      currency: 'usd', customer: invoice.customer, paid: true, refunded: false, disputed: false, status: 'succeeded',
      payment_intent: pi.id, balance_transaction: txnId, metadata: {}, livemode: false,
    });
    const ip = this.add({
      id: this.id('inpay'), object: 'invoice_payment', created: at, amount_paid: amount, amount_requested: amount,
      currency: 'usd', invoice: invoice.id, is_default: true, livemode: false,
      payment: { type: 'payment_intent', payment_intent: pi.id }, status: 'paid',
      status_transitions: { canceled_at: null, paid_at: at },
    });
    return { pi, charge, ip, txn };
  }

  refund(charge: Obj, at: number, amount = charge.amount as number, status = 'succeeded'): Obj {
    const id = this.id('re');
    this.add({
      id: this.id('txn'), object: 'balance_transaction', created: at, amount: -amount, available_on: at, currency: 'usd',
      fee: 0, fee_details: [], net: -amount, reporting_category: 'refund', source: id, status: 'available', type: 'refund',
      description: null, exchange_rate: null, balance_type: 'payments',
    });
    return this.add({
      id, object: 'refund', created: at, amount, charge: charge.id, currency: 'usd', payment_intent: charge.payment_intent,
      status, reason: null, metadata: {}, balance_transaction: null,
    });
  }

  /** An automatic payout at `at`, sweeping what became available before it; `status` at creation. */
  payout(at: number, amount: number, status = 'paid'): Obj {
    const id = this.id('po');
    this.add({
      id: this.id('txn'), object: 'balance_transaction', created: at, amount: -amount, available_on: at, currency: 'usd',
      fee: 0, fee_details: [], net: -amount, reporting_category: 'payout', source: id, status: 'available', type: 'payout',
      description: 'STRIPE PAYOUT', exchange_rate: null, balance_type: 'payments',
    });
    return this.add({
      id, object: 'payout', created: at, amount, arrival_date: at + DAY, automatic: true, currency: 'usd',
      status, method: 'standard', type: 'bank_account', metadata: {}, livemode: false, balance_transaction: null,
      reconciliation_status: 'completed', failure_code: null, failure_message: null,
    });
  }
}
