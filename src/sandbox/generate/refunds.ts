/** Refunds of charges, invoiced or not, with their (negative) balance transactions. */
import type { GenContext } from './context.js';
import { updateCharge, type ChargeState } from './payments.js';
import type { StripeObject } from './world-items.js';

export interface Refund extends StripeObject {
  object: 'refund';
  amount: number;
  charge: string;
  balance_transaction: string;
}

export function refundCharge(
  ctx: GenContext,
  ch: ChargeState,
  amount: number,
  at: number,
  opts: { refundFee?: boolean; reason?: 'requested_by_customer' | 'duplicate' | 'fraudulent' | null } = {},
): Refund {
  const charge = ch.current;
  if (charge.status !== 'succeeded') throw new Error(`generator bug: refund of ${charge.id} in status ${charge.status}`);
  if (amount <= 0 || charge.amount_refunded + amount > charge.amount) throw new Error(`generator bug: refund ${amount} exceeds what is left of ${charge.id}`);
  const id = ctx.rng.id('re_');
  const txn = ctx.book.refund({ id, amount, created: at, charge: charge.id }, opts.refundFee ?? false);
  const refund: Refund = {
    id,
    object: 'refund',
    amount,
    balance_transaction: txn.id,
    charge: charge.id,
    created: at,
    currency: charge.currency,
    customer: charge.customer,
    customer_account: null,
    destination_details: { card: { reference: null, reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: opts.reason === undefined ? 'requested_by_customer' : opts.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  ctx.items.object(refund);
  ctx.items.event('refund.created', refund, at);
  const refunded = charge.amount_refunded + amount;
  updateCharge(ctx, ch, { amount_refunded: refunded, refunded: refunded === charge.amount }, at, 'charge.refunded');
  return refund;
}
