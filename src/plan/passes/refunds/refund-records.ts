// The records money going back to a customer makes, for refunds and disputes alike (#33, #28, #38; I13, I15):
// a customerRefund, applied to what gives the customer credit — the credit memos of credit notes that cover
// it, a credit memo reversing the invoice when the payment was applied to one, or else the (unapplied) payment.
import { absence } from '../../absent-object.js';
import type { PassContext } from '../../plan-context.js';
import { creditNoteKey, paymentKey } from '../../keys.js';
import { minorToNetSuite } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { netsuiteLineItems } from '../invoices/invoice-lines.js';
import { appliedTotal, chargePlans } from '../payments/payment-applications.js';
import { refundMemoLinesFor, type ReversalItems } from './refund-memo-lines.js';
import {
  blockedDependency,
  chargeCustomer,
  currencyField,
  exchangeRateField,
  refundFromUndepositedFundsFields,
  type RecordRef,
} from '../payments/payment-record-fields.js';
import type Stripe from 'stripe';

export interface CustomerRefundSpec {
  /** The refund or dispute id; the customerRefund's externalId. */
  stripeId: string;
  charge: Stripe.Charge;
  amount: number;
  currency: string;
  /** Unix time of the refund / the funds withdrawal. */
  at: number;
  /** Memo text after `Stripe: <id>`. */
  note: string;
  /** externalId of the reversing credit memo (`re_…-memo`, `du_…-memo`). */
  memoExternalId: string;
  items: ReversalItems;
  /** Credit notes that cover (part of) this refund, whose memos the refund consumes (#23). */
  creditNotes?: Array<{ noteId: string; amount: number }>;
  /** Refund metadata `netsuite_credit_memo_id` (#32): apply the refund to that NetSuite credit memo. */
  creditMemoId?: string;
  balanceTransaction: string | { id: string } | null;
  /** A reason the records cannot be written, found by the caller (denylist, ...). */
  blocked?: string;
}

export function planCustomerRefund(ctx: PassContext, spec: CustomerRefundSpec): void {
  const { charge, amount, stripeId } = spec;
  const cur = spec.currency;
  const date = netsuiteDate(spec.at, ctx.input.settings.netsuite.timeZone);
  const customer = chargeCustomer(ctx, charge);
  const currency = currencyField(ctx, cur, stripeId);
  const chargePlan = chargePlans(ctx).get(charge.id);
  const pKey = paymentKey(charge.id);
  const blocked =
    spec.blocked ??
    currency.blocked ??
    (chargePlan ? undefined : `${stripeId}: charge ${charge.id} has no customerPayment (no balance transaction)`) ??
    blockedDependency(ctx, pKey);

  const applies: Array<{ doc: RecordRef; amount: number }> = [];
  let rest = amount;
  for (const cn of spec.creditNotes ?? []) {
    const cnKey = creditNoteKey(cn.noteId);
    if (!ctx.has(cnKey) || rest <= 0) continue;
    const part = Math.min(cn.amount, rest);
    applies.push({ doc: { $ref: cnKey }, amount: part });
    rest -= part;
  }
  if (rest > 0 && spec.creditMemoId) {
    applies.push({ doc: { id: spec.creditMemoId }, amount: rest });
    rest = 0;
  }
  if (rest > 0) {
    if (!chargePlan || chargePlan.failed || appliedTotal(chargePlan) === 0) {
      // The payment holds unapplied credit (no invoice, duplicate): the refund takes it back directly (#28).
      applies.push({ doc: { $ref: pKey }, amount: rest });
    } else {
      const memoKey = planReversalMemo(ctx, spec, rest, date, customer, currency.fields, blocked);
      applies.push({ doc: { $ref: memoKey }, amount: rest });
    }
  }

  ctx.add({
    action: 'create',
    recordType: 'customerRefund',
    externalId: stripeId,
    stripeId,
    body: {
      customer: customer.ref,
      ...currency.fields,
      ...refundFromUndepositedFundsFields(ctx),
      tranDate: date,
      memo: `Stripe: ${stripeId}${spec.note ? ` ${spec.note}` : ''}`,
      ...exchangeRateField(ctx, spec.balanceTransaction, cur),
      apply: { items: applies.map((a) => ({ doc: a.doc, apply: true, amount: minorToNetSuite(a.amount, cur) })) },
    },
    dependsOn: [pKey],
    summary: {
      customer: customer.label,
      date,
      currency: cur,
      amount,
      description: `${spec.items.fallback === 'dispute' ? 'dispute' : 'refund'} ${stripeId} of ${charge.id}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}

function planReversalMemo(
  ctx: PassContext,
  spec: CustomerRefundSpec,
  amount: number,
  date: string,
  customer: { ref: RecordRef; label: string },
  currencyFields: Record<string, unknown>,
  blocked: string | undefined,
): string {
  const lines = refundMemoLinesFor(ctx, spec.charge, amount, spec.items);
  return ctx.add({
    action: 'create',
    recordType: 'creditMemo',
    externalId: spec.memoExternalId,
    stripeId: spec.stripeId,
    body: {
      entity: customer.ref,
      ...currencyFields,
      tranDate: date,
      memo: `Stripe: ${spec.stripeId}${spec.note ? ` ${spec.note}` : ''}`,
      item: netsuiteLineItems(lines, spec.currency),
    },
    summary: {
      customer: customer.label,
      date,
      currency: spec.currency,
      amount,
      description: `credit memo reversing ${spec.charge.id}'s invoice for ${spec.stripeId}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}

/**
 * A refund or dispute whose charge is not in the ledger has nothing to attach to: its customer refund is planned
 * blocked, and the deposit that contains it explains the missing record.
 */
export function planRefundOfMissingCharge(
  ctx: PassContext,
  o: { stripeId: string; kind: 'refund' | 'dispute'; currency: string; amount: number; chargeId: string | null },
): void {
  ctx.add({
    action: 'create',
    recordType: 'customerRefund',
    externalId: o.stripeId,
    stripeId: o.stripeId,
    body: {},
    summary: { currency: o.currency, amount: o.amount, description: `${o.kind} ${o.stripeId}` },
    blocked: `${o.kind} ${o.stripeId}: its charge ${o.chargeId ?? '(none)'} ${absence(ctx.input, o.chargeId)}`,
  });
}
