// Hand-written Stripe objects in the pinned API shape (2026-10-28), small but with the fields
// the sync reads, for building sandbox worlds in tests.

export const T0 = 1767225600; // 2026-01-01T00:00:00Z
export const DAY = 86400;

export function customer(id: string, created: number, extra: object = {}): object {
  return {
    id, object: 'customer', address: null, balance: 0, created, currency: 'usd', default_source: null,
    delinquent: false, description: null, email: `${id}@example.com`, invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false, metadata: {}, name: `Customer ${id}`, phone: null, preferred_locales: [], shipping: null,
    tax_exempt: 'none', test_clock: null, ...extra,
  };
}

export function lineItem(id: string, invoice: string, amount: number, price = 'price_basic'): object {
  return {
    id, object: 'line_item', amount, currency: 'usd', description: `Line ${id}`, discount_amounts: [],
    discountable: true, discounts: [], invoice, livemode: false, metadata: {},
    parent: {
      type: 'subscription_item_details', invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: 'sub_1', subscription_item: 'si_1' },
    },
    period: { start: T0, end: T0 + 31 * DAY },
    pretax_credit_amounts: [],
    pricing: { type: 'price_details', price_details: { price, product: 'prod_basic' }, unit_amount_decimal: String(amount) },
    quantity: 1, taxes: [],
  };
}

export function invoice(id: string, created: number, cust: string, opts: { status?: string; lines?: object[]; amount?: number; subscription?: string } = {}): object {
  const amount = opts.amount ?? 1000;
  const lines = opts.lines ?? [lineItem(`il_${id.slice(3)}`, id, amount)];
  return {
    id, object: 'invoice', account_country: 'US', amount_due: amount, amount_paid: opts.status === 'paid' ? amount : 0,
    amount_remaining: opts.status === 'paid' ? 0 : amount, amount_shipping: 0, attempt_count: 0, attempted: false,
    auto_advance: false, billing_reason: 'subscription_cycle', collection_method: 'charge_automatically', created,
    currency: 'usd', customer: cust, customer_email: `${cust}@example.com`, customer_name: `Customer ${cust}`,
    default_payment_method: null, description: null, discounts: [], due_date: null, effective_at: created,
    ending_balance: 0, livemode: false, metadata: {}, number: `INV-${id.slice(3)}`,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    parent: opts.subscription
      ? { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: opts.subscription } }
      : null,
    period_end: created, period_start: created - 31 * DAY, starting_balance: 0,
    status: opts.status ?? 'open',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: opts.status === 'paid' ? created : null, voided_at: null },
    subtotal: amount, subtotal_excluding_tax: amount, total: amount, total_discount_amounts: [], total_excluding_tax: amount,
    total_taxes: [],
  };
}

export function paymentIntent(id: string, created: number, cust: string, amount: number, charge: string): object {
  return {
    id, object: 'payment_intent', amount, amount_received: amount, capture_method: 'automatic', created,
    currency: 'usd', customer: cust, latest_charge: charge, livemode: false, metadata: {}, payment_method: 'pm_card',
    payment_method_types: ['card'], status: 'succeeded',
  };
}

export function charge(id: string, created: number, cust: string, amount: number, pi: string, txn: string): object {
  return {
    id, object: 'charge', amount, amount_captured: amount, amount_refunded: 0, balance_transaction: txn,
    captured: true, created, currency: 'usd', customer: cust, disputed: false, livemode: false, metadata: {},
    paid: true, payment_intent: pi, payment_method: 'pm_card', refunded: false, status: 'succeeded',
  };
}

export function invoicePayment(id: string, created: number, inv: string, pi: string, amount: number, status = 'paid'): object {
  return {
    id, object: 'invoice_payment', amount_paid: status === 'paid' ? amount : null, amount_requested: amount, created,
    currency: 'usd', invoice: inv, is_default: true, livemode: false,
    payment: { type: 'payment_intent', payment_intent: pi }, status,
    status_transitions: { canceled_at: null, paid_at: status === 'paid' ? created : null },
  };
}

export function balanceTransaction(id: string, created: number, amount: number, source: string, opts: { type?: string; availableOn?: number; fee?: number; currency?: string } = {}): object {
  const fee = opts.fee ?? 0;
  return {
    id, object: 'balance_transaction', amount, available_on: opts.availableOn ?? created + 2 * DAY, balance_type: 'payments',
    created, currency: opts.currency ?? 'usd', description: null, exchange_rate: null, fee,
    fee_details: fee ? [{ amount: fee, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' }] : [],
    net: amount - fee, reporting_category: opts.type ?? 'charge', source, status: 'available', type: opts.type ?? 'charge',
  };
}

export function payout(id: string, created: number, amount: number, txn: string | null, status = 'paid'): object {
  return {
    id, object: 'payout', amount, application_fee: null, application_fee_amount: null, arrival_date: created + DAY,
    automatic: true, balance_transaction: txn, created, currency: 'usd', description: 'STRIPE PAYOUT',
    destination: 'ba_bank', failure_balance_transaction: null, failure_code: null, failure_message: null,
    livemode: false, metadata: {}, method: 'standard', original_payout: null, reconciliation_status: 'completed',
    reversed_by: null, source_type: 'card', statement_descriptor: null, status, type: 'bank_account',
  };
}

export function refund(id: string, created: number, ch: string, pi: string, amount: number, txn: string): object {
  return {
    id, object: 'refund', amount, balance_transaction: txn, charge: ch, created, currency: 'usd', metadata: {},
    payment_intent: pi, reason: 'requested_by_customer', status: 'succeeded',
  };
}

export function subscription(id: string, created: number, cust: string, status: string): object {
  return {
    id, object: 'subscription', billing_cycle_anchor: created, cancel_at: null, cancel_at_period_end: false,
    canceled_at: status === 'canceled' ? created + DAY : null, collection_method: 'charge_automatically', created,
    currency: 'usd', customer: cust, items: { object: 'list', data: [], has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    livemode: false, metadata: {}, start_date: created, status,
  };
}

export function event(id: string, created: number, type: string, object: object, previous?: object): object {
  return {
    id, object: 'event', api_version: '2026-10-28.endive', created,
    data: { object, ...(previous ? { previous_attributes: previous } : {}) },
    livemode: false, pending_webhooks: 0, request: { id: null, idempotency_key: null }, type,
  };
}
