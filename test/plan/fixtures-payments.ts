// Stripe cash objects in the pinned API shape (from the test factory, test/support/stripe-objects.ts) for the
// payments, refunds and deposits pass tests: charges with their balance transactions, refunds, disputes, credit
// notes with lines, payouts.
import type Stripe from 'stripe';
import * as stripe from '../support/stripe-objects.js';
import type { LedgerBalanceTransaction } from '../../src/plan/plan-input.js';
import { T0, taxAmounts } from './fixtures.js';

export interface ChargeSpec {
  customer?: string | null;
  amount?: number;
  currency?: string;
  created?: number;
  status?: 'succeeded' | 'pending' | 'failed';
  paymentIntent?: string | null;
  description?: string | null;
  metadata?: Record<string, string>;
  balanceTransaction?: string | null;
  failureBalanceTransaction?: string | null;
  failureMessage?: string | null;
  failureCode?: string | null;
}

export function stripeCharge(id: string, spec: ChargeSpec = {}): Stripe.Charge {
  const status = spec.status ?? 'succeeded';
  return stripe.charge({
    id,
    amount: spec.amount ?? 1000,
    currency: spec.currency ?? 'usd',
    created: spec.created ?? T0,
    customer: spec.customer === undefined ? 'cus_1' : spec.customer,
    status,
    paid: status !== 'failed',
    captured: true,
    description: spec.description ?? null,
    balance_transaction: spec.balanceTransaction === undefined ? `txn_${id}` : spec.balanceTransaction,
    failure_balance_transaction: spec.failureBalanceTransaction ?? null,
    failure_message: spec.failureMessage ?? null,
    failure_code: spec.failureCode ?? null,
    payment_intent: spec.paymentIntent === undefined ? `pi_${id}` : spec.paymentIntent,
    refunded: false,
    amount_refunded: 0,
    metadata: spec.metadata ?? {},
  });
}

export function paidInvoicePayment(
  id: string,
  invoiceId: string,
  paymentIntentId: string,
  amountPaid: number,
  status = 'paid',
): Stripe.InvoicePayment {
  return stripe.invoicePayment({
    id,
    invoice: invoiceId,
    amount_paid: status === 'paid' ? amountPaid : null,
    amount_requested: amountPaid,
    currency: 'usd',
    status,
    is_default: true,
    payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    created: T0,
    status_transitions: { canceled_at: null, paid_at: status === 'paid' ? T0 : null },
  });
}

/** An invoice payment reported outside Stripe: `payment` is a payment record (no charge, no balance transaction). */
export function outsideInvoicePayment(id: string, invoiceId: string, recordId: string, amountPaid: number, paidAt = T0): Stripe.InvoicePayment {
  return stripe.invoicePayment({
    id,
    invoice: invoiceId,
    amount_paid: amountPaid,
    amount_requested: amountPaid,
    currency: 'usd',
    status: 'paid',
    is_default: false,
    payment: { type: 'payment_record', payment_record: recordId },
    created: paidAt,
    status_transitions: { canceled_at: null, paid_at: paidAt },
  });
}

export function stripeRefund(
  id: string,
  chargeId: string,
  amount: number,
  fields: { created?: number; currency?: string; status?: string; reason?: string | null; metadata?: Record<string, string> } = {},
): Stripe.Refund {
  return stripe.refund({
    id,
    amount,
    charge: chargeId,
    currency: fields.currency ?? 'usd',
    created: fields.created ?? T0,
    status: fields.status ?? 'succeeded',
    reason: fields.reason ?? null,
    balance_transaction: `txn_${id}`,
    payment_intent: null,
    metadata: fields.metadata ?? {},
  });
}

export interface BtSpec {
  amount: number;
  fee?: number;
  feeDetails?: Array<{ amount: number; type: string; description?: string }>;
  type: string;
  source: string | null;
  payout?: string | null;
  currency?: string;
  created?: number;
  exchangeRate?: number | null;
  reportingCategory?: string;
}

export function bt(id: string, spec: BtSpec): LedgerBalanceTransaction {
  const feeDetails = spec.feeDetails ?? (spec.fee ? [{ amount: spec.fee, type: 'stripe_fee' }] : []);
  const fee = spec.fee ?? feeDetails.reduce((s, d) => s + d.amount, 0);
  const currency = spec.currency ?? 'usd';
  return stripe.balanceTransaction({
    id,
    amount: spec.amount,
    fee,
    net: spec.amount - fee,
    currency,
    fee_details: feeDetails.map((d) => ({ amount: d.amount, type: d.type, currency, application: null, description: d.description ?? null })),
    type: spec.type,
    source: spec.source,
    reporting_category: spec.reportingCategory ?? spec.type,
    exchange_rate: spec.exchangeRate ?? null,
    created: spec.created ?? T0,
    available_on: (spec.created ?? T0) + 2 * 86400,
    status: 'available',
    payout: spec.payout ?? null,
  }) as unknown as LedgerBalanceTransaction;
}

export function stripeDispute(
  id: string,
  chargeId: string,
  amount: number,
  fields: { status?: string; created?: number; currency?: string; balanceTransactions?: Stripe.BalanceTransaction[]; reason?: string } = {},
): Stripe.Dispute {
  return stripe.dispute({
    id,
    amount,
    charge: chargeId,
    currency: fields.currency ?? 'usd',
    created: fields.created ?? T0,
    status: fields.status ?? 'needs_response',
    reason: fields.reason ?? 'fraudulent',
    balance_transactions: fields.balanceTransactions ?? [],
    payment_intent: null,
    is_charge_refundable: false,
  });
}

export function stripePayout(
  id: string,
  amount: number,
  fields: { currency?: string; status?: string; automatic?: boolean; created?: number; arrival?: number } = {},
): Stripe.Payout {
  return stripe.payout({
    id,
    amount,
    currency: fields.currency ?? 'usd',
    status: fields.status ?? 'paid',
    automatic: fields.automatic ?? true,
    created: fields.created ?? T0 + 3 * 86400,
    arrival_date: fields.arrival ?? T0 + 4 * 86400,
    balance_transaction: `txn_${id}`,
  });
}

export interface CreditNoteLineSpec {
  invoiceLine?: string;
  amount: number;
  description?: string;
  quantity?: number;
  discount?: number;
  taxes?: Array<[string, number, 'exclusive' | 'inclusive']>;
}

export function stripeCreditNote(
  id: string,
  fields: {
    customer?: string;
    invoice: string;
    lines: CreditNoteLineSpec[];
    pre?: number;
    post?: number;
    refunds?: Array<[string, number]>;
    outOfBand?: number | null;
    status?: string;
    created?: number;
    memo?: string | null;
    currency?: string;
  },
): Stripe.CreditNote {
  const lines = fields.lines.map((l, i) => stripe.creditNoteLineItem({
    id: `cnli_${id}_${i}`,
    amount: l.amount,
    description: l.description ?? null,
    discount_amount: l.discount ?? 0,
    discount_amounts: [],
    invoice_line_item: l.invoiceLine,
    quantity: l.quantity ?? 1,
    type: l.invoiceLine ? 'invoice_line_item' : 'custom_line_item',
    pretax_credit_amounts: [],
    tax_rates: [],
    taxes: taxAmounts(l.taxes),
    metadata: null,
  }));
  const total = fields.lines.reduce(
    (s, l) => s + l.amount - (l.discount ?? 0) + (l.taxes ?? []).filter((t) => t[2] === 'exclusive').reduce((a, t) => a + t[1], 0),
    0,
  );
  const pre = fields.pre ?? (fields.post === undefined ? total : total - fields.post);
  return stripe.creditNote({
    id,
    customer: fields.customer ?? 'cus_1',
    invoice: fields.invoice,
    currency: fields.currency ?? 'usd',
    created: fields.created ?? T0 + 86400,
    effective_at: fields.created ?? T0 + 86400,
    status: fields.status ?? 'issued',
    memo: fields.memo ?? null,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    amount: total,
    subtotal: total,
    total,
    pre_payment_amount: pre,
    post_payment_amount: total - pre,
    out_of_band_amount: fields.outOfBand ?? null,
    refunds: (fields.refunds ?? []).map(([refund, amount]) => ({ refund, amount_refunded: amount, type: 'refund', payment_record_refund: null })),
    shipping_cost: null,
    customer_balance_transaction: null,
    type: pre === total ? 'pre_payment' : pre === 0 ? 'post_payment' : 'mixed',
  });
}
