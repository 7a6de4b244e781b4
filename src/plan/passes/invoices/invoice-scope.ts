// Which Stripe invoices become NetSuite invoices (reference #13, #15; invariants I4, I5; DESIGN decision 5).
import type Stripe from 'stripe';
import type { Settings } from '../../../config/settings.js';
import type { PassContext } from '../../plan-context.js';
import { createdBeforeStartDate } from '../start-date.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

/** Finalized statuses. Draft invoices never sync; `deleted` ones do not exist any more. */
const FINALIZED = new Set(['open', 'paid', 'uncollectible', 'void']);

export type InvoiceDecision = { sync: true } | { sync: false; reason: string };

/** A trial invoice: every line 0 and total 0. One that nets to 0 with non-zero lines is not a trial. */
export function isTrialInvoice(invoice: Stripe.Invoice): boolean {
  return invoice.total === 0 && (invoice.lines?.data ?? []).every((l) => l.amount === 0);
}

export function invoiceSyncDecision(ctx: PassContext, invoice: Stripe.Invoice): InvoiceDecision {
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

export function invoiceInScope(ctx: PassContext, invoice: Stripe.Invoice): boolean {
  return invoiceSyncDecision(ctx, invoice).sync;
}

/** Invoices in a stable order: by creation time, then id (the plan must not depend on Map insertion order). */
export function invoicesInOrder(ctx: PassContext): Stripe.Invoice[] {
  return inCreatedOrder(ctx.input.stripe.invoices.values());
}

