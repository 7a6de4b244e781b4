// Which Stripe invoices become NetSuite invoices (reference #13, #15; invariants I4, I5; DESIGN decision 5).
import type Stripe from 'stripe';
import type { Settings } from '../../../config/settings.js';
import type { PlanContext } from '../../plan-context.js';
import { createdBeforeStartDate } from '../start-date.js';

/** Finalized statuses. Draft invoices never sync; `deleted` ones do not exist any more. */
const FINALIZED = new Set(['open', 'paid', 'uncollectible', 'void']);

export type InvoiceDecision = { sync: true } | { sync: false; reason: string };

/** A trial invoice: every line 0 and total 0. One that nets to 0 with non-zero lines is not a trial. */
export function isTrialInvoice(invoice: Stripe.Invoice): boolean {
  return invoice.total === 0 && (invoice.lines?.data ?? []).every((l) => l.amount === 0);
}

export function invoiceSyncDecision(ctx: PlanContext, invoice: Stripe.Invoice): InvoiceDecision {
  return invoiceDecisionFor(ctx.input.settings, invoice);
}

export function invoiceDecisionFor(settings: Settings, invoice: Stripe.Invoice): InvoiceDecision {
  if (!invoice.status || !FINALIZED.has(invoice.status)) {
    return { sync: false, reason: `invoice ${invoice.id} is ${invoice.status ?? 'without status'} (not finalized)` };
  }
  if (createdBeforeStartDate(settings, invoice.created)) {
    return { sync: false, reason: `invoice ${invoice.id} was created before the start date` };
  }
  if (isTrialInvoice(invoice) && !settings.features.syncTrialInvoices) {
    return { sync: false, reason: `invoice ${invoice.id} is a trial invoice (every line 0) and syncTrialInvoices is off` };
  }
  return { sync: true };
}

export function invoiceInScope(ctx: PlanContext, invoice: Stripe.Invoice): boolean {
  return invoiceSyncDecision(ctx, invoice).sync;
}

/** Invoices in a stable order: by creation time, then id (the plan must not depend on Map insertion order). */
export function invoicesInOrder(ctx: PlanContext): Stripe.Invoice[] {
  return [...ctx.input.stripe.invoices.values()].sort(byCreatedThenId);
}

export function byCreatedThenId(a: { created: number; id: string }, b: { created: number; id: string }): number {
  return a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function stripeCustomerId(customer: string | { id: string } | null | undefined): string | null {
  if (!customer) return null;
  return typeof customer === 'string' ? customer : customer.id;
}
