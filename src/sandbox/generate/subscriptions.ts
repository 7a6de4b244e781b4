/** Subscriptions with one item: created (possibly trialing), renewed, re-priced, past due or canceled. */
import type { Price, TaxRate } from './catalog.js';
import type { GenContext } from './context.js';
import type { CustomerState } from './customers.js';
import { makeDiscount, type Discount } from './invoices.js';
import type { Coupon } from './catalog.js';
import { addMonthsUtc } from './calendar.js';
import type { StripeObject } from './world-items.js';

export interface Subscription extends StripeObject {
  object: 'subscription';
  status: 'trialing' | 'active' | 'past_due' | 'canceled';
  created: number;
}

/** The subscription's discount if it still applies at `at` (repeating coupons end). */
export function activeDiscount(sub: SubscriptionState, at: number): { coupon: Coupon; discount: Discount } | null {
  const d = sub.discount;
  return d && (d.discount.end === null || at < d.discount.end) ? d : null;
}

export interface SubscriptionState {
  id: string;
  itemId: string;
  current: Subscription;
  customer: CustomerState;
  price: Price;
  discount: { coupon: Coupon; discount: Discount } | null;
  taxRate: TaxRate | null;
}

/** The legacy `plan` view of a price; one per price, shared by every snapshot that shows it. */
const plans = new WeakMap<Price, object>();
function planOf(price: Price): object {
  let plan = plans.get(price);
  if (!plan) {
    plan = legacyPlan(price);
    plans.set(price, plan);
  }
  return plan;
}

function legacyPlan(price: Price): object {
  return {
    id: price.id,
    object: 'plan',
    active: true,
    amount: price.unit_amount,
    amount_decimal: String(price.unit_amount),
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring!.interval,
    interval_count: 1,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

function itemsList(sub: SubscriptionState, created: number, periodStart: number, periodEnd: number): object {
  return {
    object: 'list',
    data: [{
      id: sub.itemId,
      object: 'subscription_item',
      billing_thresholds: null,
      created,
      current_period_end: periodEnd,
      current_period_start: periodStart,
      discounts: [],
      metadata: {},
      plan: planOf(sub.price),
      price: sub.price,
      quantity: 1,
      subscription: sub.id,
      tax_rates: [],
    }],
    has_more: false,
    url: `/v1/subscription_items?subscription=${sub.id}`,
  };
}

export function createSubscription(
  ctx: GenContext,
  cust: CustomerState,
  price: Price,
  at: number,
  periodEnd: number,
  opts: { trialEnd: number | null; coupon: Coupon | null; taxRate: TaxRate | null },
): SubscriptionState {
  const state: SubscriptionState = {
    id: ctx.rng.id('sub_'),
    itemId: ctx.rng.id('si_', 14),
    current: undefined as unknown as Subscription,
    customer: cust,
    price,
    discount: null,
    taxRate: opts.taxRate,
  };
  if (opts.coupon) {
    const end = opts.coupon.duration === 'repeating' ? addMonthsUtc(at, opts.coupon.duration_in_months ?? 1) : null;
    state.discount = { coupon: opts.coupon, discount: makeDiscount(ctx, opts.coupon, { customer: cust.id, subscription: state.id, start: at, end }) };
  }
  state.current = {
    id: state.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: opts.trialEnd ?? at,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: at,
    currency: price.currency,
    customer: cust.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: opts.taxRate ? [opts.taxRate] : [],
    description: null,
    discounts: state.discount ? [state.discount.discount.id] : [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: itemsList(state, at, at, periodEnd),
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: at,
    status: opts.trialEnd ? 'trialing' : 'active',
    test_clock: null,
    transfer_data: null,
    trial_end: opts.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: opts.trialEnd ? at : null,
  };
  ctx.items.object(state.current);
  ctx.items.event('customer.subscription.created', state.current, at);
  return state;
}

/** A new period (renewal) or price (plan change): the item and latest invoice change. */
export function advanceSubscription(ctx: GenContext, sub: SubscriptionState, at: number, p: { periodStart: number; periodEnd: number; latestInvoice: string; price?: Price; status?: Subscription['status'] }): void {
  if (p.price) sub.price = p.price;
  sub.current = {
    ...sub.current,
    items: itemsList(sub, sub.current.created, p.periodStart, p.periodEnd),
    latest_invoice: p.latestInvoice,
    status: p.status ?? sub.current.status,
  };
  ctx.items.event('customer.subscription.updated', sub.current, at);
}

export function setSubscriptionStatus(ctx: GenContext, sub: SubscriptionState, at: number, status: Subscription['status']): void {
  if (status === 'canceled') {
    sub.current = { ...sub.current, status, canceled_at: at, ended_at: at, cancellation_details: { comment: null, feedback: null, reason: 'payment_failed' } };
    ctx.items.event('customer.subscription.deleted', sub.current, at);
    return;
  }
  sub.current = { ...sub.current, status };
  ctx.items.event('customer.subscription.updated', sub.current, at);
}
