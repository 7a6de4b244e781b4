// Pass: closures (reference #16–#18; invariants I8, I9; DESIGN decision 8). An uncollectible or void invoice
// that the connector synced (or plans) is closed by a credit memo `in_…-close`, dated when Stripe recorded the
// status and applied to the invoice for what it still has open. See docs/accounting.md "Closures".
import type Stripe from 'stripe';
import type { PassContext } from '../plan-context.js';
import { invoiceKey, invoiceCloseExternalId, invoiceCloseKey } from '../keys.js';
import { minorToNetSuite } from '../../accounting/money.js';
import { netsuiteDate } from '../../accounting/dates.js';
import { invoicesInOrder } from './invoices/invoice-scope.js';
import { idOf } from '../../stripe-objects/id-of.js';
import { invoiceLines, netsuiteInvoiceTotal, netsuiteLineItems, type NetSuiteLine } from './invoices/invoice-lines.js';
import { netsuiteOpenAmount } from './invoices/invoice-open-amount.js';
import { ensureGlobalItem } from './items/item-refs.js';
import { customerRef } from './customers/customer-refs.js';
import { customerLabel } from './customers/customers.js';

type CloseReason = 'uncollectible' | 'void';

function closeReason(ctx: PassContext, invoice: Stripe.Invoice): CloseReason | undefined {
  if (invoice.status === 'void') return 'void';
  if (invoice.status === 'uncollectible' && !ctx.input.settings.features.keepUnpaidInvoicesOpen) return 'uncollectible';
  return undefined;
}

/** Original invoice id → the revision that replaced it (the revision's `from_invoice` points back). */
function revisions(invoices: Stripe.Invoice[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const other of invoices) {
    const from = other.from_invoice;
    if (from?.action !== 'revision') continue;
    const original = typeof from.invoice === 'string' ? from.invoice : from.invoice.id;
    if (!out.has(original)) out.set(original, other.id);
  }
  return out;
}

/**
 * The closing memo's lines:
 * - uncollectible with `useBadDebtItem`: one `Stripe Bad Debt Item` line (no revenue schedule, #17);
 * - the whole invoice still open: a copy of the invoice's lines, so the reversal lands on the original items
 *   with their revenue dates (I26);
 * - part of it open and the invoice has a single non-zero line: that line's item and dates for the open amount;
 * - part of it open across several lines: one `Stripe Bad Debt Item` line, since the remainder cannot be
 *   attributed to items without guessing (as #34 does for partial refunds).
 */
export function closeLines(ctx: PassContext, invoice: Stripe.Invoice, reason: CloseReason, open: number): NetSuiteLine[] {
  const badDebt = (): NetSuiteLine[] => [
    { item: ensureGlobalItem(ctx, 'badDebt'), amount: open, description: `Closes ${invoice.id} (${reason})` },
  ];
  if (reason === 'uncollectible' && ctx.input.settings.features.useBadDebtItem) return badDebt();
  const lines = invoiceLines(ctx, invoice);
  if (open === netsuiteInvoiceTotal(invoice)) return lines.map((l) => ({ ...l }));
  const nonZero = lines.filter((l) => l.amount !== 0);
  if (nonZero.length === 1) return [{ ...nonZero[0], amount: open, quantity: undefined }].map(dropUndefined);
  return badDebt();
}

function dropUndefined(l: NetSuiteLine): NetSuiteLine {
  const out = { ...l };
  if (out.quantity === undefined) delete out.quantity;
  return out;
}

export function planClosures(ctx: PassContext): void {
  const s = ctx.input.settings.netsuite;
  const invoices = invoicesInOrder(ctx);
  const revisedBy = revisions(invoices);
  for (const invoice of invoices) {
    const reason = closeReason(ctx, invoice);
    if (!reason) continue;
    // Only invoices the connector made (or is making) are closed; a skipped trial or pre-go-live invoice has
    // nothing in NetSuite to close.
    if (!ctx.has(invoiceKey(invoice.id)) || ctx.has(invoiceCloseKey(invoice.id))) continue;
    const open = netsuiteOpenAmount(ctx, invoice.id);
    if (open <= 0) continue;

    const at = reason === 'void' ? invoice.status_transitions?.voided_at : invoice.status_transitions?.marked_uncollectible_at;
    const field = reason === 'void' ? 'voided_at' : 'marked_uncollectible_at';
    const currencyId = s.currencies[invoice.currency];
    const blocked = !at
      ? `invoice ${invoice.id} is ${reason} but status_transitions.${field} is missing, so the closing date is unknown`
      : !currencyId
        ? `no NetSuite currency is configured for ${invoice.currency.toUpperCase()} (invoice ${invoice.id}.currency; netsuite.currencies)`
        : undefined;
    const tranDate = at ? netsuiteDate(at, s.timeZone) : undefined;
    const revision = reason === 'void' ? revisedBy.get(invoice.id) : undefined;
    const what = reason === 'void' ? (revision ? `voided, revised by ${revision}` : 'voided') : 'marked uncollectible';
    const customerId = idOf(invoice.customer);
    const lines = closeLines(ctx, invoice, reason, open);

    ctx.add({
      action: 'close',
      recordType: 'creditMemo',
      externalId: invoiceCloseExternalId(invoice.id),
      stripeId: invoice.id,
      body: {
        entity: customerRef(ctx, customerId),
        ...(tranDate ? { tranDate } : {}),
        ...(currencyId ? { currency: { id: currencyId } } : {}),
        memo: `Stripe: ${invoice.id} ${what}`,
        externalId: invoiceCloseExternalId(invoice.id),
        account: { id: s.accounts.receivables },
        subsidiary: { id: s.subsidiaryId },
        item: netsuiteLineItems(lines, invoice.currency),
        apply: {
          items: [{ doc: { $ref: invoiceKey(invoice.id) }, apply: true, amount: minorToNetSuite(open, invoice.currency) }],
        },
      },
      summary: {
        customer: customerLabel(ctx, customerId),
        ...(tranDate ? { date: tranDate } : {}),
        currency: invoice.currency,
        amount: open,
        description: `close invoice ${invoice.id} (${what})`,
      },
      ...(blocked ? { blocked } : {}),
    });
  }
}
