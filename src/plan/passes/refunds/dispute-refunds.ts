// Disputes (#38, #39; I15): funds withdrawn → a customerRefund for the dispute amount (with a credit memo
// reversing the invoice when the payment was applied to one). Inquiries withdraw nothing and sync nothing;
// a won dispute adds no AR record: its reinstatement is an Other Deposit line on the payout (deposits pass).
import type Stripe from 'stripe';
import type { PassContext, PlanContext } from '../../plan-context.js';
import { disputeMemoExternalId } from '../../keys.js';
import { createdBeforeStartDate } from '../start-date.js';
import { planCustomerRefund, planRefundOfMissingCharge } from './refund-records.js';
import { deniedByMetadata } from '../payments/payment-record-fields.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

const bySourceCache = new WeakMap<PlanContext, Map<string, Stripe.BalanceTransaction[]>>();

/** Ledger balance transactions by their source id, built once per plan (disputes × transactions would be slow). */
function transactionsBySource(ctx: PassContext): Map<string, Stripe.BalanceTransaction[]> {
  let index = bySourceCache.get(ctx.plan);
  if (index) return index;
  index = new Map();
  for (const bt of ctx.input.stripe.balanceTransactions.values()) {
    const source = idOf(bt.source as string | { id: string } | null);
    if (!source) continue;
    const list = index.get(source) ?? [];
    list.push(bt);
    index.set(source, list);
  }
  bySourceCache.set(ctx.plan, index);
  return index;
}

/** The balance transaction that took the disputed funds (negative amount), if Stripe withdrew them. */
export function disputeWithdrawal(ctx: PassContext, dispute: Stripe.Dispute): Stripe.BalanceTransaction | undefined {
  const fromDispute = (dispute.balance_transactions ?? []).filter((bt) => typeof bt === 'object' && bt.amount < 0);
  const fromLedger = (transactionsBySource(ctx).get(dispute.id) ?? []).filter((bt) => bt.amount < 0);
  return inCreatedOrder([...fromDispute, ...fromLedger])[0];
}

export function planDisputes(ctx: PassContext): void {
  for (const dispute of inCreatedOrder(ctx.input.stripe.disputes.values())) {
    const withdrawal = disputeWithdrawal(ctx, dispute);
    // An inquiry (`warning_*`) or a dispute whose funds were never withdrawn has no accounting effect.
    if (!withdrawal || dispute.status.startsWith('warning_')) continue;
    if (createdBeforeStartDate(ctx.input.settings, dispute.created)) continue;
    const chargeId = idOf(dispute.charge as string | { id: string });
    const charge = chargeId ? ctx.input.stripe.charges.get(chargeId) : undefined;
    if (!charge) {
      planRefundOfMissingCharge(ctx, { stripeId: dispute.id, kind: 'dispute', currency: dispute.currency, amount: dispute.amount, chargeId });
      continue;
    }
    if (createdBeforeStartDate(ctx.input.settings, charge.created)) continue;
    planCustomerRefund(ctx, {
        stripeId: dispute.id,
      charge,
      amount: dispute.amount,
      currency: dispute.currency,
      at: withdrawal.created,
      note: `Dispute (${dispute.reason.replace(/_/g, ' ')}): funds withdrawn.`,
      memoExternalId: disputeMemoExternalId(dispute.id),
      items: {
        configured: ctx.input.settings.features.useDisputeItem ? 'dispute' : null,
        fallback: 'dispute',
        description: `Dispute ${dispute.id} of ${charge.id}`,
      },
      balanceTransaction: withdrawal.id,
      blocked: deniedByMetadata(dispute, dispute.id),
    });
  }
}
