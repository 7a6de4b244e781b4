// Pass: invoices (reference #13–#15, #19–#21; invariants I4, I5, I25). One NetSuite invoice per finalized,
// in-scope Stripe invoice; synced invoices are never edited. See docs/accounting.md "Invoices".
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { invoiceKey } from '../../keys.js';
import { minorToDecimalString } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { invoiceSyncDecision, invoicesInOrder } from './invoice-scope.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { invoiceLines, invoiceLinesProblem, netsuiteInvoiceTotal, netsuiteLineItems } from './invoice-lines.js';
import { customerRef } from '../customers/customer-refs.js';
import { customerLabel } from '../customers/customers.js';

/** Invoice date: when Stripe finalized it (DESIGN, Dates), else its creation. */
export function invoiceTranDate(ctx: PassContext, invoice: Stripe.Invoice): string {
  const at = invoice.status_transitions?.finalized_at ?? invoice.created;
  return netsuiteDate(at, ctx.input.settings.netsuite.timeZone);
}

export function invoiceMemo(invoice: Stripe.Invoice): string {
  let memo = `Stripe: ${invoice.id}`;
  if (invoice.from_invoice?.action === 'revision') {
    const from = typeof invoice.from_invoice.invoice === 'string' ? invoice.from_invoice.invoice : invoice.from_invoice.invoice.id;
    memo += ` (revision of ${from})`;
  }
  if (invoice.total < 0) {
    memo += ` Customer balance increased by ${minorToDecimalString(-invoice.total, invoice.currency)} ${invoice.currency.toUpperCase()}`;
  }
  return memo;
}

/** Plans the NetSuite invoice for one Stripe invoice (if in scope and not done); returns its key or undefined. */
export function planInvoice(ctx: PassContext, invoice: Stripe.Invoice): string | undefined {
  const key = invoiceKey(invoice.id);
  if (ctx.has(key)) return key;
  if (!invoiceSyncDecision(ctx, invoice).sync) return undefined;
  const s = ctx.input.settings.netsuite;
  const customerId = idOf(invoice.customer);
  const currencyId = s.currencies[invoice.currency];
  const lines = invoiceLines(ctx, invoice);
  const tranDate = invoiceTranDate(ctx, invoice);
  const blocked = !currencyId
    ? `no NetSuite currency is configured for ${invoice.currency.toUpperCase()} (invoice ${invoice.id}.currency; netsuite.currencies)`
    : invoiceLinesProblem(invoice, lines);
  return ctx.add({
    action: 'create',
    recordType: 'invoice',
    externalId: invoice.id,
    stripeId: invoice.id,
    body: {
      entity: customerRef(ctx, customerId),
      tranDate,
      ...(invoice.due_date ? { dueDate: netsuiteDate(invoice.due_date, s.timeZone) } : {}),
      ...(currencyId ? { currency: { id: currencyId } } : {}),
      memo: invoiceMemo(invoice),
      externalId: invoice.id,
      account: { id: s.accounts.receivables },
      subsidiary: { id: s.subsidiaryId },
      item: netsuiteLineItems(lines, invoice.currency),
    },
    summary: {
      customer: customerLabel(ctx, customerId),
      date: tranDate,
      currency: invoice.currency,
      amount: netsuiteInvoiceTotal(invoice),
      description: `invoice ${invoice.id}${invoice.number ? ` (${invoice.number})` : ''}, ${invoice.status}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}

export function planInvoices(ctx: PassContext): void {
  for (const invoice of invoicesInOrder(ctx)) planInvoice(ctx, invoice);
}
