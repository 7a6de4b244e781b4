// Pass: payments (#27–#32, #30, #19; I6, I12, I16). One customerPayment per charge that has a balance
// transaction, applied to its invoice (or unapplied); a failed asynchronous payment is unapplied and refunded;
// then the credit memos for invoices paid from the customer balance and for payments made outside Stripe (#21). See docs/accounting-payments.md.
import type { PassContext } from '../../plan-context.js';
import { failedPaymentExternalId, invoiceKey, paymentKey, paymentUnapplyKey } from '../../keys.js';
import { minorToNetSuite } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { chargePlans, type ChargePlan } from './payment-applications.js';
import {
  chargeCustomer,
  currencyField,
  deniedByMetadata,
  exchangeRateField,
  refundFromUndepositedFundsFields,
  undepositedFundsFields,
} from './payment-record-fields.js';
import { planCustomerBalanceMemos } from './customer-balance-memos.js';
import { planOutsidePaymentMemos } from './outside-payment-memos.js';
import { idOf } from '../../../stripe-objects/id-of.js';

export function planPayments(ctx: PassContext): void {
  for (const plan of chargePlans(ctx).values()) planPayment(ctx, plan);
  planCustomerBalanceMemos(ctx);
  planOutsidePaymentMemos(ctx);
}

function planPayment(ctx: PassContext, plan: ChargePlan): void {
  const { charge } = plan;
  const cur = charge.currency;
  const tz = ctx.input.settings.netsuite.timeZone;
  const date = netsuiteDate(charge.created, tz);
  const customer = chargeCustomer(ctx, charge);
  const currency = currencyField(ctx, cur, charge.id);
  // A payment that failed before it reached NetSuite is created unapplied; one already in NetSuite is
  // unapplied from its invoice by a PATCH (NetSuite's `apply: false`), so the invoice is open again (I16).
  const blocked = plan.blocked ?? currency.blocked ?? deniedByMetadata(charge, charge.id);

  /** The create body; `failedFirst` = the charge had already failed when the payment was created. */
  const bodyFor = (failedFirst: boolean): Record<string, unknown> => {
    const applied = failedFirst ? [] : plan.applied;
    const memo = [`Stripe: ${charge.id}`, charge.description ?? '', plan.memoNote ?? '', failedFirst ? failureText(charge) : '']
      .filter(Boolean)
      .join(' ');
    return {
      customer: customer.ref,
      ...currency.fields,
      payment: minorToNetSuite(charge.amount, cur),
      ...undepositedFundsFields(ctx),
      tranDate: date,
      memo,
      ...exchangeRateField(ctx, charge.balance_transaction as string | { id: string } | null, cur),
      ...(applied.length
        ? { apply: { items: applied.map((a) => ({ doc: a.doc, apply: true, amount: minorToNetSuite(a.amount, cur) })) } }
        : {}),
    };
  };
  const applied = plan.failed ? [] : plan.applied;

  ctx.add({
    action: 'create',
    recordType: 'customerPayment',
    externalId: charge.id,
    stripeId: charge.id,
    body: bodyFor(plan.failed),
    dependsOn: plan.dependsOn,
    summary: {
      customer: customer.label,
      date,
      currency: cur,
      amount: charge.amount,
      description: applied.length
        ? `payment ${charge.id} applied to ${applied.map((a) => a.invoiceId ?? `NetSuite invoice ${'id' in a.doc ? a.doc.id : ''}`).join(', ')}`
        : `unapplied payment ${charge.id}${plan.memoNote ? ` (${plan.memoNote})` : ''}`,
    },
    ...(blocked ? { blocked } : {}),
  });

  if (plan.failed) planFailedPayment(ctx, plan, blocked);
}

function failureText(charge: ChargePlan['charge']): string {
  const reason = charge.failure_message ?? charge.failure_code ?? 'no reason given';
  return `Payment failed: ${reason}${charge.failure_code && charge.failure_message ? ` (${charge.failure_code})` : ''}.`;
}

/** #30: the failed payment's customerRefund, for the full amount, applied to the payment. */
function planFailedPayment(ctx: PassContext, plan: ChargePlan, paymentBlocked?: string): void {
  const { charge } = plan;
  const cur = charge.currency;
  const tz = ctx.input.settings.netsuite.timeZone;
  const pKey = paymentKey(charge.id);
  const dependsOn: string[] = [];

  // Always planned, so later payments of the invoice can wait for it whatever the history: for a payment
  // created after the failure (already unapplied) the PATCH changes nothing, once.
  if (plan.unapplyFrom.length > 0) {
    const unapply = paymentUnapplyKey(charge.id);
    ctx.add({
      action: 'apply',
      recordType: 'customerPayment',
      externalId: charge.id,
      stripeId: charge.id,
      keySuffix: 'unapply',
      target: pKey,
      body: { apply: { items: plan.unapplyFrom.map((id) => ({ doc: { $ref: invoiceKey(id) }, apply: false })) } },
      dependsOn: [pKey],
      summary: {
        currency: cur,
        amount: charge.amount,
        description: `unapply failed payment ${charge.id} from ${plan.unapplyFrom.join(', ')} (invoice open again)`,
      },
    });
    dependsOn.push(unapply);
  }

  const failureBtId = idOf(charge.failure_balance_transaction as string | { id: string } | null);
  const failureBt = failureBtId ? ctx.input.stripe.balanceTransactions.get(failureBtId) : undefined;
  const date = netsuiteDate(failureBt?.created ?? charge.created, tz);
  const customer = chargeCustomer(ctx, charge);
  const currency = currencyField(ctx, cur, charge.id);
  const blocked = paymentBlocked ? `payment ${pKey} is blocked (${paymentBlocked})` : currency.blocked;
  ctx.add({
    action: 'create',
    recordType: 'customerRefund',
    externalId: failedPaymentExternalId(charge.id),
    stripeId: charge.id,
    body: {
      customer: customer.ref,
      ...currency.fields,
      ...refundFromUndepositedFundsFields(ctx),
      tranDate: date,
      memo: `Stripe: ${charge.id} ${failureText(charge)}`,
      ...exchangeRateField(ctx, failureBtId, cur),
      apply: { items: [{ doc: { $ref: pKey }, apply: true, amount: minorToNetSuite(charge.amount, cur) }] },
    },
    dependsOn,
    summary: {
      customer: customer.label,
      date,
      currency: cur,
      amount: charge.amount,
      description: `refund of failed payment ${charge.id}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}
