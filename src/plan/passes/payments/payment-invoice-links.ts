// The invoice ↔ charge link of the pinned API version: charges have no `invoice` field, so an invoice's
// payments are its `invoice_payment` objects, whose `payment` names a PaymentIntent (or a charge).
import type Stripe from 'stripe';
import type { PassContext, PlanContext } from '../../plan-context.js';
import { idOf } from '../../../stripe-objects/id-of.js';

interface LinkIndex {
  byPaymentIntent: Map<string, Stripe.InvoicePayment[]>;
  byCharge: Map<string, Stripe.InvoicePayment[]>;
  byInvoice: Map<string, Stripe.InvoicePayment[]>;
}

const indexes = new WeakMap<PlanContext, LinkIndex>();

function push(map: Map<string, Stripe.InvoicePayment[]>, key: string | null, ip: Stripe.InvoicePayment): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(ip);
  else map.set(key, [ip]);
}

function linkIndex(ctx: PassContext): LinkIndex {
  let index = indexes.get(ctx.plan);
  if (index) return index;
  index = { byPaymentIntent: new Map(), byCharge: new Map(), byInvoice: new Map() };
  const sorted = [...ctx.input.stripe.invoicePayments.values()].sort((a, b) =>
    a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const ip of sorted) {
    push(index.byPaymentIntent, idOf(ip.payment?.payment_intent as string | { id: string } | undefined), ip);
    push(index.byCharge, idOf(ip.payment?.charge as string | { id: string } | undefined), ip);
    push(index.byInvoice, idOf(ip.invoice as string | { id: string }), ip);
  }
  indexes.set(ctx.plan, index);
  return index;
}

export interface ChargeInvoiceLink {
  invoiceId: string;
  /** What Stripe applied of this charge to the invoice (`amount_paid`, else `amount_requested`). */
  amount: number;
  invoicePaymentId: string;
  status: string;
}

/**
 * The invoices a charge pays. `statuses` says which invoice_payment states count: `paid` for a succeeded
 * charge; a pending asynchronous charge's link is still `open`; a failed one's may have any state.
 */
export function invoiceLinksOfCharge(
  ctx: PassContext,
  charge: Stripe.Charge,
  statuses: ReadonlySet<string> | 'any',
): ChargeInvoiceLink[] {
  const index = linkIndex(ctx);
  const pi = idOf(charge.payment_intent as string | { id: string } | null);
  const candidates = [...(index.byCharge.get(charge.id) ?? []), ...(pi ? (index.byPaymentIntent.get(pi) ?? []) : [])];
  const seen = new Set<string>();
  const links: ChargeInvoiceLink[] = [];
  for (const ip of candidates) {
    if (seen.has(ip.id)) continue;
    seen.add(ip.id);
    if (statuses !== 'any' && !statuses.has(ip.status)) continue;
    const invoiceId = idOf(ip.invoice as string | { id: string });
    if (!invoiceId) continue;
    links.push({
      invoiceId,
      amount: ip.amount_paid ?? ip.amount_requested,
      invoicePaymentId: ip.id,
      status: ip.status,
    });
  }
  return links.sort((a, b) => (a.invoiceId < b.invoiceId ? -1 : a.invoiceId > b.invoiceId ? 1 : 0));
}

/** The invoice_payment objects of one invoice, oldest first. */
export function invoicePaymentsOfInvoice(ctx: PassContext, invoiceId: string): Stripe.InvoicePayment[] {
  return linkIndex(ctx).byInvoice.get(invoiceId) ?? [];
}

/** A paid invoice payment made outside Stripe: its `payment` is a payment record (#21). */
export function isOutsidePayment(ip: Stripe.InvoicePayment): boolean {
  return ip.status === 'paid' && ip.payment?.type === 'payment_record' && (ip.amount_paid ?? 0) > 0;
}
