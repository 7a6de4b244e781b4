/**
 * Disputes (chargebacks): the funds and the dispute fee are withdrawn when the dispute opens; a won
 * dispute reinstates both, a lost one keeps them withdrawn.
 */
import { DAY } from './calendar.js';
import type { GenContext } from './context.js';
import { updateCharge, type ChargeState } from './payments.js';
import type { StripeObject } from './world-items.js';

export interface Dispute extends StripeObject {
  object: 'dispute';
  status: string;
  balance_transactions: object[];
}

/** All evidence fields of this API version, empty; shared by every dispute because it never changes here. */
const EMPTY_EVIDENCE = Object.freeze({
  access_activity_log: null, billing_address: null, cancellation_policy: null, cancellation_policy_disclosure: null,
  cancellation_rebuttal: null, customer_communication: null, customer_email_address: null, customer_name: null,
  customer_purchase_ip: null, customer_signature: null, duplicate_charge_documentation: null,
  duplicate_charge_explanation: null, duplicate_charge_id: null, enhanced_evidence: {}, product_description: null,
  receipt: null, refund_policy: null, refund_policy_disclosure: null, refund_refusal_explanation: null,
  service_date: null, service_documentation: null, shipping_address: null, shipping_carrier: null,
  shipping_date: null, shipping_documentation: null, shipping_tracking_number: null, uncategorized_file: null,
  uncategorized_text: null,
});

/**
 * Opens a dispute on a succeeded, unrefunded charge at `at` and closes it `closeAfterDays` later
 * with `outcome` (evidence is submitted in between). Returns the dispute's final snapshot.
 */
export function disputeCharge(ctx: GenContext, ch: ChargeState, at: number, outcome: 'won' | 'lost', closeAfterDays = 21): Dispute {
  const charge = ch.current;
  if (charge.status !== 'succeeded' || charge.amount_refunded !== 0) throw new Error(`generator bug: dispute of ${charge.id} that is not a plain succeeded charge`);
  const id = ctx.rng.id('du_');
  const withdrawal = ctx.book.disputeWithdrawal({ id, charge: charge.id, created: at });
  const reason = ctx.rng.pick(['fraudulent', 'product_not_received', 'subscription_canceled', 'duplicate'] as const);
  const opened: Dispute = {
    id,
    object: 'dispute',
    amount: charge.amount,
    balance_transactions: [withdrawal],
    charge: charge.id,
    created: at,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: EMPTY_EVIDENCE,
    evidence_details: { due_by: at + 14 * DAY, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    network_reason_code: '10.4',
    payment_intent: charge.payment_intent,
    payment_method_details: { card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
    reason,
    status: 'needs_response',
  };
  ctx.items.object(opened);
  ctx.items.event('charge.dispute.created', opened, at);
  ctx.items.event('charge.dispute.funds_withdrawn', opened, at);
  updateCharge(ctx, ch, { disputed: true }, at, 'charge.updated');

  const submitted = at + 5 * DAY;
  const underReview: Dispute = {
    ...opened,
    evidence_details: { ...(opened.evidence_details as object), has_evidence: true, submission_count: 1 },
    status: 'under_review',
  };
  ctx.items.event('charge.dispute.updated', underReview, submitted);

  const closedAt = at + closeAfterDays * DAY;
  if (outcome === 'won') {
    const reinstatement = ctx.book.disputeReinstatement({ id, charge: charge.id }, withdrawal, closedAt);
    const won: Dispute = { ...underReview, balance_transactions: [withdrawal, reinstatement], status: 'won' };
    ctx.items.event('charge.dispute.closed', won, closedAt);
    ctx.items.event('charge.dispute.funds_reinstated', won, closedAt);
    return won;
  }
  const lost: Dispute = { ...underReview, status: 'lost' };
  ctx.items.event('charge.dispute.closed', lost, closedAt);
  return lost;
}
