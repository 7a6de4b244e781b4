// Invoices paid outside Stripe, reference/stripe-connector.md #21 and S4 ("an invoice marked as paid gets a credit
// memo for the amount"); in the pinned API such a payment is an invoice payment of type `payment_record`
// (InvoicePayments.d.ts), counted in the invoice's `amount_paid`. The spec numbers no invariant for it (its I21 is
// about fee lines), so these two continue its numbering. Restated here, not imported from the plan:
//   I28: each paid one has a NetSuite credit memo `<invoice payment id>-outside` whose total is its `amount_paid`,
//         applied to the invoice for that amount;
//   I29: the invoice's NetSuite amount remaining equals Stripe's `amount_remaining` (plus what pre-payment credit
//         notes keep open, #22), at most its total.
import type Stripe from 'stripe';
import { stripeId, type InvariantContext } from '../invariant-context.js';
import { stripeUnits } from '../minor-units.js';
import { lines, refId } from '../netsuite-records.js';

export async function checkPaidOutsideStripe(ctx: InvariantContext): Promise<void> {
  const checked = new Set<string>();
  for (const ip of ctx.stripe.invoicePayments.values()) {
    if (ip.status !== 'paid' || ip.payment?.type !== 'payment_record' || !(ip.amount_paid && ip.amount_paid > 0)) continue;
    const invoiceId = stripeId(ip.invoice);
    const inv = invoiceId ? ctx.stripe.invoices.get(invoiceId) : undefined;
    if (!inv || inv.created < ctx.start) continue;
    const nsInvoice = await ctx.ns.byExternalId('invoice', inv.id);
    if (!nsInvoice) continue; // I5 reports a missing invoice
    await checkMemo(ctx, ip, inv, String(nsInvoice.id));
    if (checked.has(inv.id)) continue;
    checked.add(inv.id);
    const remaining = stripeUnits(nsInvoice.amountRemaining ?? 0, inv.currency);
    const want = Math.min(inv.amount_remaining + (inv.pre_payment_credit_notes_amount ?? 0), Math.max(inv.total, 0));
    ctx.record('I29', inv.id, remaining === want, `paid outside Stripe in part or whole: amountRemaining ${remaining}, Stripe amount_remaining ${inv.amount_remaining} → expected ${want}`);
  }
}

async function checkMemo(ctx: InvariantContext, ip: Stripe.InvoicePayment, inv: Stripe.Invoice, nsInvoiceId: string): Promise<void> {
  const memo = await ctx.ns.byExternalId('creditMemo', `${ip.id}-outside`);
  if (!memo) {
    ctx.record('I28', ip.id, false, `no credit memo with externalId ${ip.id}-outside for ${inv.id}`);
    return;
  }
  const total = stripeUnits(memo.total ?? 0, inv.currency);
  const applied = lines(memo, 'apply')
    .filter((l) => (refId(l.doc) ?? refId(l.id)) === nsInvoiceId && l.apply !== false)
    .reduce((s, l) => s + stripeUnits((l.amount ?? 0) as number, inv.currency), 0);
  ctx.record(
    'I28',
    ip.id,
    total === ip.amount_paid && applied === ip.amount_paid,
    `memo total ${total}, applied to ${inv.id} ${applied}, expected ${ip.amount_paid} (minor units)`,
  );
}
