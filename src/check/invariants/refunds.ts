// Refunds and disputes, reference/stripe-connector.md §2.4 (I13–I15), one function per invariant.
import type Stripe from 'stripe';
import { stripeId, type InvariantContext } from '../invariant-context.js';
import { stripeUnits } from '../minor-units.js';
import { lines } from '../netsuite-records.js';
import type { StripeWorld } from '../stripe-world.js';
import { checkI1UniqueExternalId } from './i1-unique-external-id.js';

/** The invoice each charge paid, from Stripe's invoice payments (paid ones; by PaymentIntent or by charge). */
export function invoiceOfCharge(stripe: StripeWorld): Map<string, string> {
  const chargesOfIntent = new Map<string, string[]>();
  for (const ch of stripe.charges.values()) {
    const pi = stripeId(ch.payment_intent);
    if (pi) chargesOfIntent.set(pi, [...(chargesOfIntent.get(pi) ?? []), ch.id]);
  }
  const out = new Map<string, string>();
  for (const ip of stripe.invoicePayments.values()) {
    const invoiceId = stripeId(ip.invoice);
    if (ip.status !== 'paid' || !invoiceId) continue;
    const pi = stripeId(ip.payment?.payment_intent);
    for (const chargeId of pi ? (chargesOfIntent.get(pi) ?? []) : []) out.set(chargeId, invoiceId);
    const direct = stripeId(ip.payment?.charge);
    if (direct) out.set(direct, invoiceId);
  }
  return out;
}

/** Refunds a credit note made (`credit_note.refunds[]`): their credit memo is the credit note's, not the refund's. */
function refundsOfCreditNotes(stripe: StripeWorld): Set<string> {
  const out = new Set<string>();
  for (const cn of stripe.creditNotes.values()) {
    for (const r of (cn as unknown as { refunds?: Array<{ refund: unknown }> }).refunds ?? []) {
      const id = stripeId(r.refund);
      if (id) out.add(id);
    }
  }
  return out;
}

export async function checkRefunds(ctx: InvariantContext): Promise<void> {
  const invoiceOf = invoiceOfCharge(ctx.stripe);
  const byCreditNote = refundsOfCreditNotes(ctx.stripe);
  for (const re of ctx.stripe.refunds.values()) {
    if (re.created < ctx.start || re.status !== 'succeeded') continue;
    const rec = await ctx.ns.byExternalId('customerRefund', re.id);
    if (!rec) {
      ctx.record('I13', re.id, false, `no customer refund with externalId ${re.id}`);
      continue;
    }
    await checkI1UniqueExternalId(ctx, 'transaction', re.id);
    const chargeId = stripeId(re.charge);
    const invoiceId = chargeId ? invoiceOf.get(chargeId) : undefined;
    await checkI13Refund(ctx, re, rec.total, invoiceId && !byCreditNote.has(re.id) ? invoiceId : undefined);
  }
}

/**
 * I13: one customer refund of `refund.amount`; when the charge paid an invoice (and no credit note made the refund),
 * a credit memo of equal total, checked for I14 when the invoice has several lines.
 */
export async function checkI13Refund(ctx: InvariantContext, re: Stripe.Refund, nsTotal: unknown, invoiceId: string | undefined): Promise<void> {
  const total = stripeUnits(nsTotal, re.currency);
  let memoOk = true;
  let memoDetail = '';
  if (invoiceId) {
    const memo = await ctx.ns.byExternalId('creditMemo', `${re.id}-memo`);
    const memoTotal = memo ? stripeUnits(memo.total, re.currency) : null;
    memoOk = memoTotal === re.amount;
    memoDetail = `; credit memo ${memoTotal ?? 'missing'}`;
    const inv = ctx.stripe.invoices.get(invoiceId);
    if (memo && inv) checkI14PartialRefundMemo(ctx, re, inv, lines(memo, 'item').length);
  }
  ctx.record('I13', re.id, total === re.amount && memoOk, `refund ${total}, expected ${re.amount}${memoDetail}`);
}

/** I14: a partial refund of a multi-line invoice is one line on the partial refund item (unless a refund item is configured). */
export function checkI14PartialRefundMemo(ctx: InvariantContext, re: Stripe.Refund, inv: Stripe.Invoice, memoLines: number): void {
  const partialOfMultiLine = (inv.lines?.data ?? []).length > 1 && re.amount < inv.total;
  if (!partialOfMultiLine || ctx.settings.features.useRefundItem) return;
  ctx.record('I14', re.id, memoLines === 1, `partial refund memo has ${memoLines} lines`);
}

/** I15: each dispute whose funds were withdrawn is one customer refund of the dispute amount. */
export async function checkDisputes(ctx: InvariantContext): Promise<void> {
  for (const du of ctx.stripe.disputes.values()) {
    if (du.created < ctx.start) continue;
    const withdrawn = (du.balance_transactions ?? []).some((bt) => typeof bt === 'object' && bt.amount < 0);
    if (withdrawn) await checkI15Dispute(ctx, du);
  }
}

export async function checkI15Dispute(ctx: InvariantContext, du: Stripe.Dispute): Promise<void> {
  const rec = await ctx.ns.byExternalId('customerRefund', du.id);
  const total = rec ? stripeUnits(rec.total, du.currency) : null;
  ctx.record('I15', du.id, total === du.amount, `dispute refund ${total ?? 'missing'}, expected ${du.amount}`);
}
