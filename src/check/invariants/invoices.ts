// Invoices, reference/stripe-connector.md §2.2 (I5–I9), one function per invariant.
import type Stripe from 'stripe';
import { stripeId, type InvariantContext } from '../invariant-context.js';
import { stripeUnits, sumUnits } from '../minor-units.js';
import { lines, refId, type NsRecord } from '../netsuite-records.js';
import { checkI1UniqueExternalId } from './i1-unique-external-id.js';

const FINALIZED = new Set(['open', 'paid', 'uncollectible', 'void']);

export async function checkInvoices(ctx: InvariantContext): Promise<void> {
  for (const inv of ctx.stripe.invoices.values()) {
    if (!inScope(ctx, inv)) continue;
    const rec = await ctx.ns.byExternalId('invoice', inv.id);
    if (!rec) {
      ctx.record('I5', inv.id, false, `no NetSuite invoice with externalId ${inv.id} (Stripe status ${inv.status})`);
      continue;
    }
    await checkI1UniqueExternalId(ctx, 'transaction', inv.id);
    await checkI5Invoice(ctx, inv, rec);
    const remaining = stripeUnits(rec.amountRemaining ?? 0, inv.currency);
    if (inv.status === 'paid') checkI6Paid(ctx, inv, remaining);
    if (inv.status === 'open') checkI7Open(ctx, inv, remaining);
    if (inv.status === 'uncollectible') checkI8Uncollectible(ctx, inv, remaining);
    if (inv.status === 'void') checkI9Void(ctx, inv, remaining);
  }
}

/** I5 and I4: finalized, created after the start date, and not a trial-only invoice while trial sync is off. */
function inScope(ctx: InvariantContext, inv: Stripe.Invoice): boolean {
  if (!inv.status || !FINALIZED.has(inv.status) || inv.created < ctx.start) return false;
  const trial = inv.total === 0 && (inv.lines?.data ?? []).every((l) => l.amount === 0);
  return !trial || ctx.settings.features.syncTrialInvoices;
}

/** I5: the linked customer, the same currency, total = max(invoice.total, 0), and the lines sum to it. */
export async function checkI5Invoice(ctx: InvariantContext, inv: Stripe.Invoice, rec: NsRecord): Promise<void> {
  const s = ctx.settings;
  const total = stripeUnits(rec.total, inv.currency);
  const lineSum = sumUnits(lines(rec, 'item').map((l) => stripeUnits(l.amount ?? 0, inv.currency)));
  const expected = Math.max(inv.total, 0);
  const currencyOk = refId(rec.currency) === s.netsuite.currencies[inv.currency];
  const customerId = stripeId(inv.customer);
  const nsCustomer = customerId && !s.features.globalCustomer ? await ctx.ns.byExternalId('customer', customerId) : undefined;
  const entityOk = !nsCustomer || refId(rec.entity) === String(nsCustomer.id);
  ctx.record(
    'I5',
    inv.id,
    total === expected && lineSum === expected && currencyOk && entityOk,
    `total ${total} / lines ${lineSum} vs expected ${expected} (minor units); currency ok ${currencyOk}; customer ok ${entityOk}`,
  );
}

/** What stays open in NetSuite while the Stripe invoice is unpaid: I7's amount_remaining + pre-payment credit notes, at most the total. */
function openAmount(inv: Stripe.Invoice): number {
  return Math.min(inv.amount_remaining + (inv.pre_payment_credit_notes_amount ?? 0), Math.max(inv.total, 0));
}

/** I6: paid in Stripe ⇒ amountRemaining 0 (what paid it is applied to it). */
export function checkI6Paid(ctx: InvariantContext, inv: Stripe.Invoice, remaining: number): void {
  ctx.record('I6', inv.id, remaining === 0, `paid in Stripe, amountRemaining ${remaining}`);
}

/** I7: open in Stripe ⇒ amountRemaining = amount_remaining + pre_payment_credit_notes_amount. */
export function checkI7Open(ctx: InvariantContext, inv: Stripe.Invoice, remaining: number): void {
  const want = openAmount(inv);
  ctx.record('I7', inv.id, remaining === want, `amountRemaining ${remaining}, expected ${want}`);
}

/** I8: uncollectible ⇒ closed, unless `Keep unpaid invoices open` keeps the remaining amount open. */
export function checkI8Uncollectible(ctx: InvariantContext, inv: Stripe.Invoice, remaining: number): void {
  const want = ctx.settings.features.keepUnpaidInvoicesOpen ? openAmount(inv) : 0;
  ctx.record('I8', inv.id, remaining === want, `amountRemaining ${remaining}, expected ${want}`);
}

/** I9: void ⇒ amountRemaining 0 through a credit memo. */
export function checkI9Void(ctx: InvariantContext, inv: Stripe.Invoice, remaining: number): void {
  ctx.record('I9', inv.id, remaining === 0, `void in Stripe, amountRemaining ${remaining}`);
}
