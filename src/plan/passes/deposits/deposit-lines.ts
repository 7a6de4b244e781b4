// What one balance transaction of a payout puts on the NetSuite deposit (#40–#42, #36, #39; I18, I21):
// its amount as a payment-list line of the record it settles (payment +, refund/dispute −) or as a fee /
// other line, and each fee detail as a Cash Back line (a fee) or an Other Deposit line (a fee refund).
import type Stripe from 'stripe';
import type { PassContext, PlanContext } from '../../plan-context.js';
import type { LedgerBalanceTransaction } from '../../plan-input.js';
import { disputeKey, failedPaymentKey, paymentKey, refundKey } from '../../keys.js';
import { idOf } from '../../../stripe-objects/id-of.js';

/** Cash Back line kinds, one line per kind per payout. */
export type FeeKind = 'processing' | 'passthrough' | 'feeTax' | 'application' | 'dispute' | 'stripe';
/** Other Deposit line kinds: fee refunds (aggregated), dispute reversals (one per dispute), application fees. */
export type OtherKind = 'feeRefund' | 'disputeReversal' | 'applicationFee';

export type DepositContribution =
  | { kind: 'payment'; key: string; amount: number; stripeId: string; what: string }
  | { kind: 'cashback'; fee: FeeKind; amount: number }
  | { kind: 'other'; other: OtherKind; amount: number; group: string };

export interface BalanceTransactionLines {
  contributions: DepositContribution[];
  problems: string[];
}

const FEE_TRANSACTION_TYPES = new Set(['stripe_fee', 'stripe_fx_fee', 'tax_fee']);

interface SourceIndex {
  chargeByFailureBt: Map<string, Stripe.Charge>;
  disputeByBt: Map<string, string>;
}
const indexes = new WeakMap<PlanContext, SourceIndex>();

function sourceIndex(ctx: PassContext): SourceIndex {
  let index = indexes.get(ctx.plan);
  if (index) return index;
  index = { chargeByFailureBt: new Map(), disputeByBt: new Map() };
  for (const c of ctx.input.stripe.charges.values()) {
    const f = idOf(c.failure_balance_transaction as string | { id: string } | null);
    if (f) index.chargeByFailureBt.set(f, c);
  }
  for (const d of ctx.input.stripe.disputes.values()) {
    for (const bt of d.balance_transactions ?? []) index.disputeByBt.set(typeof bt === 'string' ? bt : bt.id, d.id);
  }
  indexes.set(ctx.plan, index);
  return index;
}

function disputeOf(ctx: PassContext, bt: LedgerBalanceTransaction, source: string | null): string | null {
  const byBt = sourceIndex(ctx).disputeByBt.get(bt.id);
  if (byBt) return byBt;
  if (source && (ctx.input.stripe.disputes.has(source) || /^(du|dp)_/.test(source))) return source;
  return null;
}

export function balanceTransactionLines(ctx: PassContext, bt: LedgerBalanceTransaction): BalanceTransactionLines {
  const contributions: DepositContribution[] = [];
  const problems: string[] = [];
  const source = idOf(bt.source as string | { id: string } | null);
  const dispute = disputeOf(ctx, bt, source);
  const failedCharge =
    sourceIndex(ctx).chargeByFailureBt.get(bt.id) ??
    (bt.type === 'payment_failure_refund' ? failureChargeOf(ctx, source) : undefined);

  if (failedCharge) {
    contributions.push({
      kind: 'payment',
      key: failedPaymentKey(failedCharge.id),
      amount: bt.amount,
      stripeId: failedCharge.id,
      what: `failed payment ${failedCharge.id}`,
    });
  } else if (bt.type === 'charge' || bt.type === 'payment') {
    if (source) contributions.push({ kind: 'payment', key: paymentKey(source), amount: bt.amount, stripeId: source, what: `charge ${source}` });
    else problems.push(`${bt.id} (${bt.type}): no source charge`);
  } else if (bt.type === 'refund' || bt.type === 'payment_refund') {
    if (source) contributions.push({ kind: 'payment', key: refundKey(source), amount: bt.amount, stripeId: source, what: `refund ${source}` });
    else problems.push(`${bt.id} (${bt.type}): no source refund`);
  } else if (dispute) {
    if (bt.amount < 0) {
      contributions.push({ kind: 'payment', key: disputeKey(dispute), amount: bt.amount, stripeId: dispute, what: `dispute ${dispute}` });
    } else if (bt.amount > 0) {
      // DESIGN decision 3: a won dispute's reinstated funds are an Other Deposit line (Dispute reversals account).
      contributions.push({ kind: 'other', other: 'disputeReversal', amount: bt.amount, group: dispute });
    }
  } else if (FEE_TRANSACTION_TYPES.has(bt.type)) {
    // A Stripe fee billed as its own transaction (Billing, Radar, FX...): negative amount = a fee.
    if (bt.amount < 0) contributions.push({ kind: 'cashback', fee: 'stripe', amount: -bt.amount });
    else if (bt.amount > 0) contributions.push({ kind: 'other', other: 'feeRefund', amount: bt.amount, group: 'feeRefund' });
  } else if (bt.type === 'application_fee' || bt.type === 'application_fee_refund') {
    if (bt.amount > 0) contributions.push({ kind: 'other', other: 'applicationFee', amount: bt.amount, group: 'applicationFee' });
    else if (bt.amount < 0) contributions.push({ kind: 'cashback', fee: 'application', amount: -bt.amount });
  } else {
    problems.push(
      `${bt.id} (type ${bt.type}${source ? `, source ${source}` : ''}): this kind of balance transaction has no account mapping; record it by hand`,
    );
  }

  const details =
    bt.fee_details && bt.fee_details.length > 0
      ? bt.fee_details
      : bt.fee
        ? [{ amount: bt.fee, type: 'stripe_fee', currency: bt.currency, application: null, description: null }]
        : [];
  for (const d of details) {
    if (!d.amount) continue;
    const fee = feeKind(d.type, dispute !== null);
    if (!fee) {
      problems.push(`${bt.id}: fee type "${d.type}" (${d.description ?? 'no description'}) has no account mapping`);
      continue;
    }
    if (d.amount > 0) contributions.push({ kind: 'cashback', fee, amount: d.amount });
    else contributions.push({ kind: 'other', other: 'feeRefund', amount: -d.amount, group: 'feeRefund' });
  }
  return { contributions, problems };
}

function failureChargeOf(ctx: PassContext, source: string | null): Stripe.Charge | undefined {
  if (!source) return undefined;
  const direct = ctx.input.stripe.charges.get(source);
  if (direct) return direct;
  const refund = ctx.input.stripe.refunds.get(source);
  const chargeId = refund ? idOf(refund.charge as string | { id: string } | null) : null;
  return chargeId ? ctx.input.stripe.charges.get(chargeId) : undefined;
}

function feeKind(type: string, onDispute: boolean): FeeKind | undefined {
  switch (type) {
    case 'stripe_fee':
      return onDispute ? 'dispute' : 'processing';
    case 'payment_method_passthrough_fee':
      return 'passthrough';
    case 'application_fee':
      return 'application';
    case 'tax':
      // Tax Stripe charges on its own fees (e.g. VAT): part of the cost of the fee.
      return 'feeTax';
    default:
      return undefined;
  }
}

export function feeAccount(ctx: PassContext, fee: FeeKind): string {
  const a = ctx.input.settings.netsuite.accounts;
  switch (fee) {
    case 'dispute':
      return a.disputeFees;
    case 'application':
      return a.applicationFees;
    case 'stripe':
      return a.stripeFees;
    default:
      return a.processingFees;
  }
}

export function otherAccount(ctx: PassContext, other: OtherKind): string {
  const a = ctx.input.settings.netsuite.accounts;
  switch (other) {
    case 'disputeReversal':
      return a.disputeReversals;
    case 'applicationFee':
      return a.applicationFees;
    default:
      return a.feeRefunds;
  }
}

export const FEE_LABELS: Record<FeeKind, string> = {
  processing: 'processing fees',
  passthrough: 'payment method pass-through fees',
  feeTax: 'tax on Stripe fees',
  application: 'application fees',
  dispute: 'dispute fees',
  stripe: 'Stripe fees',
};
