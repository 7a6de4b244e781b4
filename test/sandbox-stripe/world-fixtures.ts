// Small Stripe worlds for the Stripe sandbox tests: objects from the test factory (test/support/stripe-objects.ts)
// with the ids, times and amounts these tests name, linked to each other.
import * as stripe from '../support/stripe-objects.js';

export const T0 = 1767225600; // 2026-01-01T00:00:00Z
export const DAY = 86400;

export function customer(id: string, created: number, extra: object = {}): object {
  return stripe.customer({ id, created, email: `${id}@example.com`, invoice_prefix: id.slice(4, 12).toUpperCase(), name: `Customer ${id}`, ...extra });
}

export function lineItem(id: string, invoice: string, amount: number, price = 'price_basic'): object {
  return stripe.invoiceLineItem({
    id, amount, description: `Line ${id}`, invoice, subtotal: amount,
    parent: {
      type: 'subscription_item_details', invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: 'sub_1', subscription_item: 'si_1' },
    },
    period: { start: T0, end: T0 + 31 * DAY },
    pricing: { type: 'price_details', price_details: { price, product: 'prod_basic' }, unit_amount_decimal: String(amount) },
  });
}

export function invoice(id: string, created: number, cust: string, opts: { status?: string; lines?: object[]; amount?: number; subscription?: string } = {}): object {
  const amount = opts.amount ?? 1000;
  const lines = opts.lines ?? [lineItem(`il_${id.slice(3)}`, id, amount)];
  return stripe.invoice({
    id, amount_due: amount, amount_paid: opts.status === 'paid' ? amount : 0, amount_remaining: opts.status === 'paid' ? 0 : amount,
    billing_reason: 'subscription_cycle', created, customer: cust, customer_email: `${cust}@example.com`, customer_name: `Customer ${cust}`,
    effective_at: created, ending_balance: 0, number: `INV-${id.slice(3)}`,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    parent: opts.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: opts.subscription } }
      : null,
    period_end: created, period_start: created - 31 * DAY,
    status: opts.status ?? 'open',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: opts.status === 'paid' ? created : null, voided_at: null },
    subtotal: amount, subtotal_excluding_tax: amount, total: amount, total_excluding_tax: amount,
  });
}

export function paymentIntent(id: string, created: number, cust: string, amount: number, charge: string): object {
  return stripe.paymentIntent({ id, amount, amount_received: amount, created, customer: cust, latest_charge: charge, payment_method: 'pm_card' });
}

export function charge(id: string, created: number, cust: string, amount: number, pi: string, txn: string): object {
  return stripe.charge({
    id, amount, amount_captured: amount, balance_transaction: txn, created, customer: cust, description: null, payment_intent: pi,
    payment_method: 'pm_card', refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
  });
}

export function invoicePayment(id: string, created: number, inv: string, pi: string, amount: number, status = 'paid'): object {
  return stripe.invoicePayment({
    id, amount_paid: status === 'paid' ? amount : null, amount_requested: amount, created, invoice: inv,
    payment: { type: 'payment_intent', payment_intent: pi }, status,
    status_transitions: { canceled_at: null, paid_at: status === 'paid' ? created : null },
  });
}

export function balanceTransaction(id: string, created: number, amount: number, source: string, opts: { type?: string; availableOn?: number; fee?: number; currency?: string } = {}): object {
  const fee = opts.fee ?? 0;
  return stripe.balanceTransaction({
    id, amount, available_on: opts.availableOn ?? created + 2 * DAY, created, currency: opts.currency ?? 'usd', description: null, fee,
    fee_details: fee ? [{ amount: fee, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: amount - fee, reporting_category: opts.type ?? 'charge', source, type: opts.type ?? 'charge',
  });
}

export function payout(id: string, created: number, amount: number, txn: string | null, status = 'paid'): object {
  return stripe.payout({ id, amount, arrival_date: created + DAY, balance_transaction: txn, created, destination: 'ba_bank', status });
}

export function refund(id: string, created: number, ch: string, pi: string, amount: number, txn: string): object {
  return stripe.refund({ id, amount, balance_transaction: txn, charge: ch, created, payment_intent: pi, reason: 'requested_by_customer' });
}

export function subscription(id: string, created: number, cust: string, status: string): object {
  return stripe.subscription({
    id, billing_cycle_anchor: created, canceled_at: status === 'canceled' ? created + DAY : null, created, customer: cust,
    items: { object: 'list', data: [], has_more: false, url: `/v1/subscription_items?subscription=${id}` }, start_date: created, status,
  });
}

export function event(id: string, created: number, type: string, object: object, previous?: object): object {
  return stripe.event({ id, api_version: '2026-10-28.endive', created, data: { object, ...(previous ? { previous_attributes: previous } : {}) }, type });
}

/** A payment reported outside Stripe (a custom processor) and the invoice payment attaching it to an invoice. */
export function paymentRecord(id: string, created: number, cust: string, amount: number, currency = 'usd'): object {
  const money = (value: number) => ({ currency, value });
  return stripe.paymentRecord({
    id, created, amount: money(amount), amount_authorized: money(amount), amount_guaranteed: money(amount), amount_requested: money(amount),
    customer_details: { customer: cust, email: null, name: null, phone: null },
    processor_details: { type: 'custom', custom: { payment_reference: `cheque ${id}` } },
  });
}

export function outsideInvoicePayment(id: string, created: number, inv: string, record: string, amount: number): object {
  return stripe.invoicePayment({
    id, amount_paid: amount, amount_requested: amount, created, invoice: inv, is_default: false,
    payment: { type: 'payment_record', payment_record: record }, status: 'paid',
    status_transitions: { canceled_at: null, paid_at: created },
  });
}
