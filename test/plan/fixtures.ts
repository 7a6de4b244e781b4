// Small Stripe objects in the pinned API shape (from the test factory, test/support/stripe-objects.ts), and a
// PlanInput around them, for plain plan-pass tests. Invoice totals are computed the way Stripe computes them, so a
// test states lines and gets consistent totals.
import type Stripe from 'stripe';
import * as stripe from '../support/stripe-objects.js';
import type { Settings } from '../../src/config/settings.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PlanInput } from '../../src/plan/plan-input.js';

/** 2025-03-01T12:00:00Z, a time that is 2025-03-01 in America/Los_Angeles too. */
export const T0 = 1740830400;
export const DAY = 86400;

export function testSettings(): Settings {
  return {
    netsuite: {
      subsidiaryId: '1',
      timeZone: 'America/Los_Angeles',
      concurrency: 5,
      currencies: { usd: '1', gbp: '2', cad: '3', eur: '4', jpy: '5', aud: '6', kwd: '7' },
      bankAccounts: { usd: '1', eur: '2', gbp: '3' },
      accounts: {
        undepositedFunds: '4',
        receivables: '5',
        income: '6',
        processingFees: '7',
        stripeFees: '7',
        applicationFees: '7',
        disputeFees: '7',
        taxPayable: '8',
        badDebt: '9',
        refunds: '10',
        disputeReversals: '11',
        feeRefunds: '7',
        discounts: '12',
        customerBalance: '13',
        fxRounding: '14',
        paidOutsideStripe: '15',
      },
      paymentMethodId: '1',
    },
    features: {
      syncTrialInvoices: false,
      keepUnpaidInvoicesOpen: false,
      globalCustomer: false,
      globalItem: false,
      globalDiscountItem: false,
      useRefundItem: false,
      useDisputeItem: false,
      useBadDebtItem: false,
      allowDuplicatePayments: false,
      customerMatch: null,
    },
    items: { mapping: {} },
    extract: { startDate: null, overlapSeconds: 600, settleDelaySeconds: 60, requestsPerSecond: 20, requestTimeoutSeconds: 8, backfillChunkDays: 7 },
    apply: { maxAttempts: 6, partitionObjects: 2000 },
    schedule: { cron: '*/15 * * * *' },
    log: { format: 'text' },
  };
}

export interface World extends PlanInput {
  links: Map<string, string>;
  put(...objects: Array<{ id: string; object: string }>): World;
  link(key: string, internalId?: string): World;
}

export function world(configure?: (s: Settings) => void): World {
  const settings = testSettings();
  configure?.(settings);
  const w: World = {
    stripe: emptySnapshots(),
    links: new Map<string, string>(),
    settings,
    put(...objects) {
      for (const o of objects) {
        const bucket = SNAPSHOT_BUCKETS[o.object];
        if (!bucket) throw new Error(`no snapshot bucket for ${o.object}`);
        (w.stripe[bucket] as Map<string, unknown>).set(o.id, o);
      }
      return w;
    },
    link(key, internalId = String(100 + w.links.size)) {
      w.links.set(key, internalId);
      return w;
    },
  };
  return w;
}

export function customer(id: string, fields: Partial<Stripe.Customer> = {}): Stripe.Customer {
  return stripe.customer({ id, created: T0 - 30 * DAY, ...fields });
}

export function product(id: string, name: string): Stripe.Product {
  return stripe.product({ id, name, created: T0 - 60 * DAY });
}

export function price(
  id: string,
  productId: string,
  fields: { type?: 'recurring' | 'one_time'; nickname?: string | null; interval?: 'month' | 'year'; metadata?: Record<string, string> } = {},
): Stripe.Price {
  const type = fields.type ?? 'recurring';
  return stripe.price({
    id,
    product: productId,
    type,
    nickname: fields.nickname ?? null,
    recurring: type === 'recurring' ? { interval: fields.interval ?? 'month', interval_count: 1 } : null,
    created: T0 - 60 * DAY,
    metadata: fields.metadata ?? {},
  });
}

export function coupon(id: string, fields: { name?: string; percent_off?: number; amount_off?: number } = {}): Stripe.Coupon {
  return stripe.coupon({
    id,
    name: fields.name ?? null,
    percent_off: fields.percent_off ?? null,
    amount_off: fields.amount_off ?? null,
    created: T0 - 60 * DAY,
  });
}

export interface LineSpec {
  id?: string;
  price?: string | null;
  product?: string;
  amount: number;
  quantity?: number;
  description?: string;
  period?: { start: number; end: number };
  proration?: boolean;
  /** [discount id, amount] pairs; the discount must be in the invoice's `discounts` with its coupon. */
  discounts?: Array<[string, number]>;
  /** Tax on the line: [tax rate id, amount, behavior]. */
  taxes?: Array<[string, number, 'exclusive' | 'inclusive']>;
}

export interface InvoiceSpec {
  id: string;
  customer: string | null;
  currency?: string;
  status?: Stripe.Invoice.Status;
  created?: number;
  finalizedAt?: number | null;
  dueDate?: number | null;
  lines: LineSpec[];
  /** discount id → coupon id, expanded on the invoice as Stripe's `discounts` would be. */
  discounts?: Record<string, string>;
  shipping?: { total: number; tax?: number };
  startingBalance?: number;
  amountPaid?: number;
  transitions?: Partial<Stripe.Invoice.StatusTransitions>;
  fromInvoice?: string;
  number?: string;
}

let lineSeq = 0;

export function invoice(spec: InvoiceSpec): Stripe.Invoice {
  const currency = spec.currency ?? 'usd';
  const created = spec.created ?? T0;
  const status = spec.status ?? 'open';
  const lines = spec.lines.map((l) => stripe.invoiceLineItem({
    id: l.id ?? `il_${spec.id}_${++lineSeq}`,
    amount: l.amount,
    currency,
    description: l.description ?? null,
    discount_amounts: (l.discounts ?? []).map(([discount, amount]) => ({ amount, discount })),
    discounts: (l.discounts ?? []).map(([d]) => d),
    invoice: spec.id,
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: l.proration ?? false, proration_details: { credited_items: null }, subscription: 'sub_1', subscription_item: 'si_1' },
    },
    period: l.period ?? { start: created, end: created },
    pricing: l.price === null ? null : { type: 'price_details', price_details: { price: l.price ?? 'price_basic', product: l.product ?? 'prod_basic' }, unit_amount_decimal: null },
    quantity: l.quantity ?? 1,
    quantity_decimal: String(l.quantity ?? 1),
    subscription: 'sub_1',
    subtotal: l.amount,
    taxes: taxAmounts(l.taxes),
  }));
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const discountTotal = lines.reduce((s, l) => s + (l.discount_amounts ?? []).reduce((a, d) => a + d.amount, 0), 0);
  const exclusiveTax = lines.reduce((s, l) => s + (l.taxes ?? []).filter((t) => t.tax_behavior === 'exclusive').reduce((a, t) => a + t.amount, 0), 0);
  const shipping = spec.shipping?.total ?? 0;
  const total = subtotal - discountTotal + exclusiveTax + shipping;
  const starting = spec.startingBalance ?? 0;
  const amountDue = Math.max(0, total + starting);
  const ending = starting + total - amountDue;
  const amountPaid = spec.amountPaid ?? (status === 'paid' ? amountDue : 0);
  const finalizedAt = spec.finalizedAt === undefined ? created : spec.finalizedAt;
  return stripe.invoice({
    id: spec.id,
    created,
    currency,
    customer: spec.customer,
    status,
    number: spec.number ?? null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${spec.id}/lines` },
    discounts: Object.entries(spec.discounts ?? {}).map(([id, c]) => ({ id, object: 'discount', source: { coupon: c, type: 'coupon' } })),
    subtotal,
    total,
    total_taxes: [],
    total_discount_amounts: [],
    shipping_cost: shipping ? { amount_subtotal: shipping - (spec.shipping?.tax ?? 0), amount_tax: spec.shipping?.tax ?? 0, amount_total: shipping, shipping_rate: 'shr_1' } : null,
    amount_shipping: shipping,
    starting_balance: starting,
    ending_balance: status === 'draft' ? null : ending,
    amount_due: amountDue,
    amount_paid: amountPaid,
    amount_remaining: amountDue - amountPaid,
    pre_payment_credit_notes_amount: 0,
    post_payment_credit_notes_amount: 0,
    due_date: spec.dueDate ?? null,
    from_invoice: spec.fromInvoice ? { action: 'revision', invoice: spec.fromInvoice } : null,
    status_transitions: {
      finalized_at: status === 'draft' ? null : finalizedAt,
      marked_uncollectible_at: null,
      paid_at: status === 'paid' ? created : null,
      voided_at: null,
      ...spec.transitions,
    },
  });
}

export function charge(
  id: string,
  fields: { customer?: string | null; amount?: number; currency?: string; created?: number; status?: string; payment_intent?: string | null } = {},
): Stripe.Charge {
  return stripe.charge({
    id,
    amount: fields.amount ?? 1000,
    currency: fields.currency ?? 'usd',
    created: fields.created ?? T0,
    customer: fields.customer === undefined ? null : fields.customer,
    status: fields.status ?? 'succeeded',
    paid: (fields.status ?? 'succeeded') === 'succeeded',
    // A card decline never gets a balance transaction (an async failure would have one).
    balance_transaction: (fields.status ?? 'succeeded') === 'failed' ? null : `txn_${id}`,
    payment_intent: fields.payment_intent ?? null,
  });
}

export function paymentIntent(id: string, latestCharge: string): Stripe.PaymentIntent {
  return stripe.paymentIntent({ id, latest_charge: latestCharge, created: T0 });
}

export function invoicePayment(id: string, invoiceId: string, paymentIntentId: string, amountPaid: number): Stripe.InvoicePayment {
  return stripe.invoicePayment({
    id,
    invoice: invoiceId,
    amount_paid: amountPaid,
    amount_requested: amountPaid,
    status: 'paid',
    payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    created: T0,
  });
}

export function creditNote(
  id: string,
  fields: { customer: string; invoice: string; total: number; currency?: string; created?: number; status?: string },
): Stripe.CreditNote {
  return stripe.creditNote({
    id,
    customer: fields.customer,
    invoice: fields.invoice,
    total: fields.total,
    amount: fields.total,
    currency: fields.currency ?? 'usd',
    created: fields.created ?? T0,
    status: fields.status ?? 'issued',
    pre_payment_amount: fields.total,
    post_payment_amount: 0,
    lines: { object: 'list', data: [], has_more: false },
  });
}

/** Tax amounts of an invoice or credit-note line, from `[tax rate id, amount, behaviour]` triples. */
export function taxAmounts(taxes: Array<[string, number, 'exclusive' | 'inclusive']> = []) {
  return taxes.map(([rate, amount, behavior]) => ({
    amount,
    tax_behavior: behavior,
    tax_rate_details: { tax_rate: rate },
    taxability_reason: 'standard_rated',
    taxable_amount: null,
    type: 'tax_rate_details',
  }));
}
