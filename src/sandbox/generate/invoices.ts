/**
 * Invoices: lines (subscription, proration and one-time), discounts spread over lines, exclusive tax
 * per line, shipping, the customer's credit balance, and every later state (paid, payment failed,
 * uncollectible, void, credited) as a new snapshot.
 *
 * Amounts, all integers in the invoice currency's minor unit:
 *   subtotal       = Σ line.amount                          (line.amount = line.subtotal, before discounts)
 *   total          = subtotal − Σ total_discount_amounts + Σ total_taxes + shipping_cost.amount_total
 *   amount_due     = max(0, total + starting_balance) − pre_payment_credit_notes_amount
 *   ending_balance = starting_balance + total − max(0, total + starting_balance)
 *   amount_remaining = amount_due − amount_paid
 * A negative starting balance is credit: it pays the invoice first; a negative total adds credit.
 * An invoice whose amount_due is 0 at finalization is paid at once without a charge.
 */
import type { Coupon, Price, TaxRate } from './catalog.js';
import type { GenContext } from './context.js';
import { changeBalance, nextInvoiceNumber, type CustomerState } from './customers.js';
import { attempt, startPayment, type AttemptKind, type ChargeState, type Payment } from './payments.js';
import type { StripeObject } from './world-items.js';
import { HOUR } from './calendar.js';

export interface Discount {
  id: string;
  object: 'discount';
  checkout_session: null;
  customer: string;
  customer_account: null;
  end: number | null;
  invoice: string | null;
  invoice_item: null;
  promotion_code: null;
  source: { coupon: string; type: 'coupon' };
  start: number;
  subscription: string | null;
  subscription_item: null;
}

export interface LineSpec {
  price: Price;
  quantity: number;
  /** Overrides unit × quantity (prorations, trials). */
  amount?: number;
  description: string;
  period: { start: number; end: number };
  proration?: boolean;
  subscription?: { id: string; item: string };
}

export interface InvoiceSpec {
  customer: CustomerState;
  at: number;
  lines: LineSpec[];
  billingReason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  collection: 'charge_automatically' | 'send_invoice';
  daysUntilDue?: number;
  discount?: { coupon: Coupon; discount: Discount } | null;
  /** A coupon applied to this invoice alone (its discount names the invoice). */
  invoiceCoupon?: Coupon | null;
  taxRate?: TaxRate | null;
  shipping?: number;
  subscription?: string | null;
  fromInvoice?: string;
  periodStart?: number;
  description?: string | null;
}

export interface InvoiceLine {
  id: string;
  object: 'line_item';
  amount: number;
  discount_amounts: { amount: number; discount: string }[];
  taxes: { amount: number; taxable_amount: number }[];
  quantity: number;
  pricing: { price_details: { price: string; product: string } };
  [field: string]: unknown;
}

export interface Invoice extends StripeObject {
  object: 'invoice';
  customer: string;
  currency: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  number: string;
  total: number;
  subtotal: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  starting_balance: number;
  ending_balance: number | null;
  pre_payment_credit_notes_amount: number;
  post_payment_credit_notes_amount: number;
  lines: { object: 'list'; data: InvoiceLine[]; has_more: false; url: string };
  status_transitions: { finalized_at: number | null; marked_uncollectible_at: number | null; paid_at: number | null; voided_at: number | null };
  attempt_count: number;
}

export interface InvoiceState {
  current: Invoice;
  customer: CustomerState;
  payment: Payment | null;
  /** The charge that paid it, for refunds and disputes. */
  paidBy: ChargeState | null;
  /** Whether the customer's balance paid part of it (such invoices are never voided). */
  usedBalance: boolean;
  lines: InvoiceLine[];
  creditNoteCount: number;
}

/** What Stripe writes on a subscription invoice's PaymentIntent and charge. */
const PAYMENT_DESCRIPTION: Record<string, string> = {
  subscription_create: 'Subscription creation',
  subscription_cycle: 'Subscription update',
  subscription_update: 'Subscription update',
};

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

export function makeDiscount(ctx: GenContext, coupon: Coupon, p: { customer: string; subscription?: string; invoice?: string; start: number; end: number | null }): Discount {
  return {
    id: ctx.rng.id('di_'),
    object: 'discount',
    checkout_session: null,
    customer: p.customer,
    customer_account: null,
    end: p.end,
    invoice: p.invoice ?? null,
    invoice_item: null,
    promotion_code: null,
    source: { coupon: coupon.id, type: 'coupon' },
    start: p.start,
    subscription: p.subscription ?? null,
    subscription_item: null,
  };
}

/** Per-line discount: a percentage of each line, or a fixed amount spread over positive lines by weight. */
function lineDiscounts(amounts: number[], coupon: Coupon | undefined): number[] {
  if (!coupon) return amounts.map(() => 0);
  if (coupon.percent_off !== null) return amounts.map((a) => roundHalfAway((a * coupon.percent_off!) / 100));
  const positive = amounts.reduce((s, a) => s + Math.max(a, 0), 0);
  const total = Math.min(coupon.amount_off ?? 0, positive);
  const out = amounts.map((a) => (a > 0 && positive > 0 ? Math.floor((total * a) / positive) : 0));
  const lastPositive = amounts.map((a) => a > 0).lastIndexOf(true);
  if (lastPositive >= 0) out[lastPositive] += total - out.reduce((s, d) => s + d, 0);
  return out;
}

/** Creates and finalizes an invoice at `spec.at`; one with nothing to collect is paid at once. */
export function finalizeInvoice(ctx: GenContext, spec: InvoiceSpec): InvoiceState {
  const { rng } = ctx;
  const cust = spec.customer;
  const id = rng.id('in_');
  const currency = cust.currency;
  const discount = spec.discount ?? (spec.invoiceCoupon ? { coupon: spec.invoiceCoupon, discount: makeDiscount(ctx, spec.invoiceCoupon, { customer: cust.id, invoice: id, start: spec.at, end: null }) } : null);
  const amounts = spec.lines.map((l) => l.amount ?? l.price.unit_amount * l.quantity);
  const discounts = lineDiscounts(amounts, discount?.coupon);
  const taxBasisPoints = spec.taxRate ? Math.round(spec.taxRate.percentage * 100) : 0;
  const lines: InvoiceLine[] = spec.lines.map((l, i) => {
    const taxable = amounts[i] - discounts[i];
    return {
      id: rng.id('il_'),
      object: 'line_item',
      amount: amounts[i],
      currency,
      description: l.description,
      discount_amounts: discount ? [{ amount: discounts[i], discount: discount.discount.id }] : [],
      discountable: true,
      discounts: discount ? [discount.discount.id] : [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: l.subscription
        ? {
            invoice_item_details: null,
            subscription_item_details: { invoice_item: null, proration: l.proration ?? false, proration_details: { credited_items: null }, subscription: l.subscription.id, subscription_item: l.subscription.item },
            type: 'subscription_item_details',
          }
        : {
            invoice_item_details: { invoice_item: rng.id('ii_'), proration: false, proration_details: { credited_items: null }, subscription: null },
            subscription_item_details: null,
            type: 'invoice_item_details',
          },
      period: l.period,
      pretax_credit_amounts: [],
      pricing: { price_details: { price: l.price.id, product: l.price.product }, type: 'price_details', unit_amount_decimal: String(l.amount !== undefined ? l.amount / l.quantity : l.price.unit_amount) },
      quantity: l.quantity,
      quantity_decimal: String(l.quantity),
      subscription: l.subscription?.id ?? null,
      subtotal: amounts[i],
      taxes: spec.taxRate
        ? [{ amount: roundHalfAway((taxable * taxBasisPoints) / 10000), tax_behavior: 'exclusive', tax_rate_details: { tax_rate: spec.taxRate.id }, taxability_reason: 'standard_rated', taxable_amount: taxable, type: 'tax_rate_details' }]
        : [],
    };
  });
  const subtotal = amounts.reduce((s, a) => s + a, 0);
  const discountTotal = discounts.reduce((s, d) => s + d, 0);
  const taxTotal = lines.reduce((s, l) => s + (l.taxes[0]?.amount ?? 0), 0);
  const taxableTotal = subtotal - discountTotal;
  const shipping = spec.shipping ?? 0;
  const total = subtotal - discountTotal + taxTotal + shipping;
  const startingBalance = cust.balance;
  const amountDue = Math.max(0, total + startingBalance);
  const endingBalance = startingBalance + total - amountDue;
  const c = cust.current;
  const sendInvoice = spec.collection === 'send_invoice';
  const at = spec.at;
  const invoice: Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Sandbox SaaS Inc.',
    account_tax_ids: null,
    amount_due: amountDue,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: amountDue,
    amount_shipping: shipping,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: amountDue > 0,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: spec.billingReason,
    collection_method: spec.collection,
    created: at,
    currency,
    custom_fields: null,
    customer: cust.id,
    customer_account: null,
    customer_address: c.address,
    customer_email: c.email,
    customer_name: c.name,
    customer_phone: c.phone,
    customer_shipping: c.shipping,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: spec.description ?? null,
    discounts: discount ? [discount.discount] : [],
    due_date: sendInvoice ? at + (spec.daysUntilDue ?? 30) * 86400 : null,
    effective_at: at,
    ending_balance: endingBalance,
    footer: null,
    from_invoice: spec.fromInvoice ? { action: 'revision', invoice: spec.fromInvoice } : null,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_sandbox/test_${id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_sandbox/test_${id}/pdf`,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: !sendInvoice && amountDue > 0 ? at + HOUR : null,
    number: nextInvoiceNumber(cust),
    on_behalf_of: null,
    parent: spec.subscription ? { quote_details: null, subscription_details: { metadata: {}, subscription: spec.subscription }, type: 'subscription_details' } : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: at,
    period_start: spec.periodStart ?? at,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: shipping ? { amount_subtotal: shipping, amount_tax: 0, amount_total: shipping, shipping_rate: null } : null,
    shipping_details: shipping ? c.shipping : null,
    starting_balance: startingBalance,
    statement_descriptor: null,
    status: 'open',
    status_transitions: { finalized_at: at, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal,
    subtotal_excluding_tax: subtotal,
    test_clock: null,
    total,
    total_discount_amounts: discount ? [{ amount: discountTotal, discount: discount.discount.id }] : [],
    total_excluding_tax: total - taxTotal,
    total_pretax_credit_amounts: [],
    total_taxes: spec.taxRate
      ? [{ amount: taxTotal, tax_behavior: 'exclusive', tax_rate_details: { tax_rate: spec.taxRate.id }, taxability_reason: 'standard_rated', taxable_amount: taxableTotal, type: 'tax_rate_details' }]
      : [],
    webhooks_delivered_at: at,
  };
  const state: InvoiceState = { current: invoice, customer: cust, payment: null, paidBy: null, usedBalance: endingBalance !== startingBalance, lines, creditNoteCount: 0 };
  if (amountDue === 0) {
    // Nothing to collect (trial, 100% coupon, credit balance, negative total): paid on finalization.
    state.current = { ...invoice, status: 'paid', status_transitions: { ...invoice.status_transitions, paid_at: at } };
    ctx.items.object(state.current);
    ctx.items.event('invoice.finalized', state.current, at);
    ctx.items.event('invoice.paid', state.current, at);
  } else {
    ctx.items.object(invoice);
    ctx.items.event('invoice.finalized', invoice, at);
  }
  if (endingBalance !== startingBalance) changeBalance(ctx, cust, endingBalance - startingBalance, at, 'applied_to_invoice', { invoice: id });
  return state;
}

export function updateInvoice(ctx: GenContext, inv: InvoiceState, changes: Partial<Invoice>, at: number, eventType: string): void {
  inv.current = { ...inv.current, ...changes };
  ctx.items.event(eventType, inv.current, at);
}

/**
 * One collection attempt for what the invoice still owes. A card approval pays the invoice; a
 * decline records a failed attempt (`nextAttempt` or null when retries are over); a bank debit
 * leaves it open while processing.
 */
export function collectInvoice(ctx: GenContext, inv: InvoiceState, at: number, kind: AttemptKind, nextAttempt: number | null = null): ChargeState {
  if (inv.current.status !== 'open') throw new Error(`cannot collect ${inv.current.id} in status ${inv.current.status}`);
  if (!inv.payment) {
    inv.payment = startPayment(ctx, {
      amount: inv.current.amount_remaining,
      currency: inv.current.currency,
      customer: inv.customer,
      description: PAYMENT_DESCRIPTION[inv.current.billing_reason as string] ?? `Payment for Invoice ${inv.current.number}`,
      invoice: inv.current.id,
      at,
      applicationFee: ctx.rng.chance(0.05),
    });
  }
  const ch = attempt(ctx, inv.payment, at, kind);
  const attempts = inv.current.attempt_count + 1;
  if (kind === 'card_ok') {
    inv.paidBy = ch;
    updateInvoice(ctx, inv, {
      // What was paid before (outside Stripe) stays paid.
      amount_paid: inv.current.amount_paid + inv.current.amount_remaining,
      amount_remaining: 0,
      attempt_count: attempts,
      attempted: true,
      next_payment_attempt: null,
      status: 'paid',
      status_transitions: { ...inv.current.status_transitions, paid_at: at },
    }, at, 'invoice.paid');
  } else if (kind === 'card_declined') {
    updateInvoice(ctx, inv, { attempt_count: attempts, attempted: true, next_payment_attempt: nextAttempt }, at, 'invoice.payment_failed');
  } else {
    updateInvoice(ctx, inv, { attempt_count: attempts, attempted: true, next_payment_attempt: null }, at, 'invoice.updated');
  }
  return ch;
}

export function markUncollectible(ctx: GenContext, inv: InvoiceState, at: number): void {
  updateInvoice(ctx, inv, {
    status: 'uncollectible',
    next_payment_attempt: null,
    auto_advance: false,
    status_transitions: { ...inv.current.status_transitions, marked_uncollectible_at: at },
  }, at, 'invoice.marked_uncollectible');
}

export function voidInvoice(ctx: GenContext, inv: InvoiceState, at: number, latestRevision: string | null = null): void {
  if (inv.usedBalance) throw new Error(`generator bug: ${inv.current.id} used customer credit and must not be voided`);
  updateInvoice(ctx, inv, {
    status: 'void',
    next_payment_attempt: null,
    auto_advance: false,
    latest_revision: latestRevision,
    status_transitions: { ...inv.current.status_transitions, voided_at: at },
  }, at, 'invoice.voided');
}
