// Writes test/support/stripe-examples.json: Stripe's own example object of each type the tests build (from the
// fixtures of Stripe's OpenAPI spec, fixtures3.json), as the defaults of test/support/stripe-objects.ts.
// Usage: node scripts/generate-stripe-examples.mjs <path to fixtures3.json>
// The examples fill every field with a placeholder; the fields whose placeholder would mean something to the sync
// (a revision, a finalization error, a quote parent, nine-digit amounts, a customer discount) are reset below to
// what a plain object of that type has, so a test states only what it is about.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = [
  'customer', 'product', 'price', 'coupon', 'discount', 'invoice', 'line_item', 'invoice_payment', 'payment_intent',
  'charge', 'refund', 'dispute', 'payout', 'balance_transaction', 'credit_note', 'credit_note_line_item',
  'subscription', 'event', 'payment_record',
];

const noAddress = null;
const NEUTRAL = {
  customer: { address: noAddress, shipping: null, discount: null },
  product: { package_dimensions: null, default_price: null, description: null, type: 'service' },
  price: { custom_unit_amount: null, transform_quantity: null },
  coupon: { duration_in_months: null, redeem_by: null, name: null, percent_off: null },
  invoice: {
    customer_address: null, customer_shipping: null, due_date: null, from_invoice: null, last_finalization_error: null,
    next_payment_attempt: null, shipping_cost: null, shipping_details: null, webhooks_delivered_at: null,
    amount_overpaid: 0, parent: null, total_taxes: [], total_pretax_credit_amounts: [],
    lines: { object: 'list', data: [], has_more: false, url: '/v1/invoices/in_1Pgc6tB7WZ01zgkWu9fdqL6I/lines' },
  },
  line_item: {
    parent: null, pretax_credit_amounts: [], taxes: [], subtotal: 1000, quantity_decimal: '1',
    pricing: { type: 'price_details', price_details: { price: 'price_1PgafmB7WZ01zgkW6dKueIc5', product: 'prod_QXg1hqf4jFNsqG' }, unit_amount_decimal: '1000' },
  },
  invoice_payment: {
    amount_paid: 1000, amount_requested: 1000, created: 1234567890, currency: 'usd', invoice: 'in_1Pgc6tB7WZ01zgkWu9fdqL6I',
    livemode: false, payment: { type: 'payment_intent', payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' }, status: 'paid',
    status_transitions: { canceled_at: null, paid_at: 1234567890 },
  },
  payment_intent: {
    canceled_at: null, last_payment_error: null, next_action: null, processing: null, transfer_data: null,
    client_secret: null, status: 'succeeded', amount_received: 1099, shipping: null,
  },
  charge: { outcome: null, transfer_data: null, source: null, shipping: null, receipt_url: null, captured: true, amount_captured: 100 },
  refund: {},
  dispute: { status: 'needs_response' },
  payout: { trace_id: null, status: 'paid' },
  balance_transaction: {},
  credit_note: {
    shipping_cost: null, voided_at: null, pretax_credit_amounts: [], total_taxes: [], refunds: [], pdf: null,
    post_payment_amount: 0, pre_payment_amount: 1690, total_excluding_tax: 1690,
    lines: { object: 'list', data: [], has_more: false, url: '/v1/credit_notes/cn_1Pgc75B7WZ01zgkWJMPt5riP/lines' },
  },
  credit_note_line_item: { pretax_credit_amounts: [], taxes: [] },
  subscription: {
    billing_cycle_anchor_config: null, cancel_at: null, canceled_at: null, ended_at: null, next_pending_invoice_item_invoice: null,
    pause_collection: null, pending_invoice_item_interval: null, pending_update: null, transfer_data: null, trial_end: null,
    trial_start: null, cancel_at_period_end: false, billing_thresholds: null, billing_schedules: [],
    items: { object: 'list', data: [], has_more: false, url: '/v1/subscription_items?subscription=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw' },
  },
  event: { data: { object: {} }, type: 'customer.updated' },
  payment_record: {
    amount: { currency: 'usd', value: 1000 }, amount_authorized: { currency: 'usd', value: 1000 },
    amount_canceled: { currency: 'usd', value: 0 }, amount_failed: { currency: 'usd', value: 0 },
    amount_guaranteed: { currency: 'usd', value: 1000 }, amount_refunded: { currency: 'usd', value: 0 },
    amount_requested: { currency: 'usd', value: 1000 }, created: 1234567890, livemode: false, metadata: {},
    reported_by: 'self',
  },
};

// Fields the pinned API version (2026-10-28) no longer has, which the fixtures still carry: since 2025-03-31.basil
// an invoice and its lines name their subscription under `parent` (src/sandbox/stripe/api-versions.ts).
const REMOVED = { invoice: ['subscription'], line_item: ['subscription'] };

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/generate-stripe-examples.mjs <fixtures3.json>');
  process.exit(2);
}
const resources = JSON.parse(fs.readFileSync(source, 'utf8')).resources;
const out = {};
for (const type of TYPES) {
  const example = resources[type];
  if (!example) throw new Error(`${source}: no example for ${type}`);
  const object = { ...example, ...NEUTRAL[type] };
  for (const field of REMOVED[type] ?? []) delete object[field];
  out[type] = object;
}
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/support/stripe-examples.json');
fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
console.log(`wrote ${file} (${TYPES.length} types)`);
