// Pass: refunds — credit notes (#22–#26), refunds (#33–#37) and disputes (#38, #39), in that order so a refund
// a credit note covers uses the credit note's memo. See docs/accounting-payments.md.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { refundMemoExternalId } from '../../keys.js';
import { createdBeforeStartDate } from '../start-date.js';
import { planCreditNotes, creditNotesForRefund } from './credit-note-memos.js';
import { planCustomerRefund, planRefundOfMissingCharge } from './refund-records.js';
import { planDisputes } from './dispute-refunds.js';
import { deniedByMetadata } from '../payments/payment-record-fields.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

/** Refunds that moved money: succeeded, or pending (already taken from the Stripe balance). */
const SYNCED_REFUND = new Set(['succeeded', 'pending']);

export function planRefunds(ctx: PassContext): void {
  planCreditNotes(ctx);
  for (const refund of inCreatedOrder(ctx.input.stripe.refunds.values())) planRefund(ctx, refund);
  planDisputes(ctx);
}

function planRefund(ctx: PassContext, refund: Stripe.Refund): void {
  if (!refund.status || !SYNCED_REFUND.has(refund.status)) return;
  if (createdBeforeStartDate(ctx.input.settings, refund.created)) return;
  const chargeId = idOf(refund.charge as string | { id: string } | null);
  const charge = chargeId ? ctx.input.stripe.charges.get(chargeId) : undefined;
  if (!charge) {
    planRefundOfMissingCharge(ctx, { stripeId: refund.id, kind: 'refund', currency: refund.currency, amount: refund.amount, chargeId });
    return;
  }
  // #3: a refund of a charge from before the start date is recorded by hand.
  if (createdBeforeStartDate(ctx.input.settings, charge.created)) return;
  const notes = creditNotesForRefund(ctx, refund.id);
  planCustomerRefund(ctx, {
    stripeId: refund.id,
    charge,
    amount: refund.amount,
    currency: refund.currency,
    at: refund.created,
    note: refund.reason ? `(${refund.reason.replace(/_/g, ' ')})` : '',
    memoExternalId: refundMemoExternalId(refund.id),
    items: {
      configured: ctx.input.settings.features.useRefundItem ? 'refund' : null,
      fallback: 'partialRefund',
      description: `Refund ${refund.id} of ${charge.id}`,
    },
    creditNotes: notes.map((n) => ({ noteId: n.note.id, amount: n.amount })),
    ...(refund.metadata?.netsuite_credit_memo_id ? { creditMemoId: refund.metadata.netsuite_credit_memo_id } : {}),
    balanceTransaction: refund.balance_transaction as string | { id: string } | null,
    blocked: deniedByMetadata(refund, refund.id),
  });
}
