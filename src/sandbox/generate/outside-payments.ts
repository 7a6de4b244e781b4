/**
 * Payments made outside Stripe (a cheque, a bank wire to the merchant): Stripe's "report a payment" flow,
 * `POST /v1/payment_records/report_payment` then `POST /v1/invoices/:id/attach_payment` with `payment_record`
 * (node_modules/stripe/cjs/resources/PaymentRecords.d.ts, Invoices.d.ts `InvoiceAttachPaymentParams`). The
 * invoice gains an invoice payment of type `payment_record`, counted in `amount_paid`; no charge and no balance
 * transaction exist, so nothing reaches a payout. The invoice's `amount_paid_off_stripe` is computed by the
 * sandbox when asked for, never stored.
 */
import type { GenContext } from './context.js';
import type { InvoiceState } from './invoices.js';
import type { InvoicePayment } from './payments.js';
import type { StripeObject } from './world-items.js';

export interface PaymentRecord extends StripeObject {
  object: 'payment_record';
}

const money = (currency: string, value: number) => ({ currency, value });

/** Records `amount` of the invoice as paid outside Stripe at `at`; the invoice is paid once nothing remains. */
export function payOutsideStripe(ctx: GenContext, inv: InvoiceState, amount: number, at: number): void {
  const { rng, items } = ctx;
  const cur = inv.current.currency;
  if (inv.current.status !== 'open' || amount <= 0 || amount > inv.current.amount_remaining) {
    throw new Error(`generator bug: cannot pay ${amount} of ${inv.current.id} outside Stripe (status ${inv.current.status}, remaining ${inv.current.amount_remaining})`);
  }
  const zero = money(cur, 0);
  const record: PaymentRecord = items.object({
    id: rng.id('pr_'),
    object: 'payment_record',
    amount: money(cur, amount),
    amount_authorized: money(cur, amount),
    amount_canceled: zero,
    amount_failed: zero,
    amount_guaranteed: money(cur, amount),
    amount_refunded: zero,
    amount_requested: money(cur, amount),
    application: null,
    created: at,
    customer_details: { customer: inv.customer.id, email: null, name: null, phone: null },
    customer_presence: 'not_present',
    description: `Cheque for invoice ${inv.current.number}`,
    latest_payment_attempt_record: null,
    livemode: false,
    metadata: {},
    payment_method_details: { billing_details: null, custom: { display_name: 'Cheque', type: null }, payment_method: null, type: 'custom' },
    processor_details: { custom: { payment_reference: rng.digits(6) }, type: 'custom' },
    reported_by: 'self',
    shipping_details: null,
  });
  const ip: InvoicePayment = items.object({
    id: rng.id('inpay_'),
    object: 'invoice_payment',
    amount_paid: amount,
    amount_requested: amount,
    created: at,
    currency: cur,
    invoice: inv.current.id,
    is_default: false,
    livemode: false,
    payment: { type: 'payment_record', payment_record: record.id },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: at },
  });
  items.event('invoice_payment.paid', ip, at);
  const remaining = inv.current.amount_remaining - amount;
  inv.current = {
    ...inv.current,
    amount_paid: inv.current.amount_paid + amount,
    amount_remaining: remaining,
    ...(remaining === 0
      ? { status: 'paid' as const, next_payment_attempt: null, status_transitions: { ...inv.current.status_transitions, paid_at: at } }
      : {}),
  };
  items.event(remaining === 0 ? 'invoice.paid' : 'invoice.updated', inv.current, at);
}
