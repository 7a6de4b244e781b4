// Payments, reference/stripe-connector.md §2.4 (I12, I16), one function per invariant.
import type Stripe from 'stripe';
import type { InvariantContext } from '../invariant-context.js';
import { dayInTimeZone } from '../calendar-dates.js';
import { stripeUnits } from '../minor-units.js';
import { refId, type NsRecord } from '../netsuite-records.js';
import { checkI1UniqueExternalId } from './i1-unique-external-id.js';

/** A charge whose funds moved: succeeded, or an asynchronous payment that failed after moving them (I16). */
export function failedAfterFunds(ch: Stripe.Charge): boolean {
  return ch.status === 'failed' && Boolean(ch.failure_balance_transaction);
}

export async function checkPayments(ctx: InvariantContext): Promise<void> {
  for (const ch of ctx.stripe.charges.values()) {
    // I12's scope: with a balance transaction, after the start date.
    if (ch.created < ctx.start || !ch.balance_transaction) continue;
    if (ch.status !== 'succeeded' && !failedAfterFunds(ch)) continue;
    const rec = await ctx.ns.byExternalId('customerPayment', ch.id);
    if (!rec) {
      ctx.record('I12', ch.id, false, `no customer payment with externalId ${ch.id}`);
      continue;
    }
    await checkI1UniqueExternalId(ctx, 'transaction', ch.id);
    checkI12Payment(ctx, ch, rec);
    if (failedAfterFunds(ch)) await checkI16FailedPayment(ctx, ch);
  }
}

/** I12: amount and currency of the charge, in Undeposited Funds, dated on the charge's day in the account's time zone. */
export function checkI12Payment(ctx: InvariantContext, ch: Stripe.Charge, rec: NsRecord): void {
  const s = ctx.settings;
  const problems: string[] = [];
  const amount = stripeUnits(rec.payment, ch.currency);
  if (amount !== ch.amount) problems.push(`amount ${amount} ≠ ${ch.amount}`);
  if (refId(rec.currency) !== s.netsuite.currencies[ch.currency]) problems.push('currency differs');
  const account = refId(rec.account);
  if (account && account !== s.netsuite.accounts.undepositedFunds) problems.push(`account ${account} is not undeposited funds`);
  const day = dayInTimeZone(ch.created, s.netsuite.timeZone);
  if (String(rec.tranDate) !== day) problems.push(`tranDate ${String(rec.tranDate)}, charged on ${day}`);
  ctx.record('I12', ch.id, problems.length === 0, problems.join('; '));
}

/** I16: a failed asynchronous payment is refunded for the payment amount. */
export async function checkI16FailedPayment(ctx: InvariantContext, ch: Stripe.Charge): Promise<void> {
  const refund = await ctx.ns.byExternalId('customerRefund', `${ch.id}-failed`);
  const refunded = refund ? stripeUnits(refund.total, ch.currency) : null;
  ctx.record('I16', ch.id, refunded === ch.amount, `failed-payment refund ${refunded ?? 'missing'}, expected ${ch.amount}`);
}
