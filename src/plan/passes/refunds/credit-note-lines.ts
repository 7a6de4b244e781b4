// A Stripe credit note's lines as credit memo lines (#24, #25): invoice lines on the invoice line's item (with
// its revenue dates), custom lines on `Stripe Custom Credit Note Line Item`, tax as separate `Stripe Tax` lines.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { minorToDecimalString, sumMinor } from '../../../accounting/money.js';
import { invoiceLines, type NetSuiteLine } from '../invoices/invoice-lines.js';
import { ensureGlobalItem } from '../items/item-refs.js';

function taxRateId(t: { tax_rate_details: { tax_rate: string | { id: string } } | null }): string {
  const r = t.tax_rate_details?.tax_rate;
  return r ? (typeof r === 'string' ? r : r.id) : '';
}

/**
 * Each credit-note line net of its discounts and billing credits (credit-note lines cannot carry a discount
 * line of their own, #12), with inclusive tax taken out into the tax lines as the invoice does.
 */
export function creditNoteLines(ctx: PassContext, note: Stripe.CreditNote, invoice: Stripe.Invoice): NetSuiteLine[] {
  const invLines = invoiceLines(ctx, invoice);
  const lines: NetSuiteLine[] = [];
  const taxByRate = new Map<string, number>();
  for (const line of note.lines?.data ?? []) {
    let inclusive = 0;
    for (const t of line.taxes ?? []) {
      if (t.tax_behavior === 'inclusive') inclusive += t.amount;
      taxByRate.set(taxRateId(t), (taxByRate.get(taxRateId(t)) ?? 0) + t.amount);
    }
    const credits = sumMinor((line.pretax_credit_amounts ?? []).filter((p) => p.type !== 'discount').map((p) => p.amount));
    const amount = line.amount - (line.discount_amount ?? 0) - credits - inclusive;
    const source =
      line.type === 'invoice_line_item' && line.invoice_line_item
        ? invLines.find((l) => l.stripeLineId === line.invoice_line_item)
        : undefined;
    if (source) {
      lines.push({
        item: source.item,
        amount,
        ...(line.quantity != null ? { quantity: line.quantity } : {}),
        description: line.description ?? source.description,
        ...(source.revRecStartDate ? { revRecStartDate: source.revRecStartDate } : {}),
        ...(source.revRecEndDate ? { revRecEndDate: source.revRecEndDate } : {}),
      });
    } else {
      const item = line.type === 'invoice_line_item' ? 'unallocatedInvoice' : 'customCreditNoteLine';
      lines.push({ item: ensureGlobalItem(ctx, item), amount, description: line.description ?? '' });
    }
  }
  for (const rate of [...taxByRate.keys()].sort()) {
    const amount = taxByRate.get(rate) ?? 0;
    if (amount) lines.push({ item: ensureGlobalItem(ctx, 'tax'), amount, description: rate ? `Tax (${rate})` : 'Tax' });
  }
  const ship = note.shipping_cost;
  if (ship && ship.amount_total) {
    const shipTax = ship.amount_tax ?? 0;
    lines.push({ item: ensureGlobalItem(ctx, 'shipping'), amount: ship.amount_total - shipTax, description: 'Shipping' });
    if (shipTax) lines.push({ item: ensureGlobalItem(ctx, 'tax'), amount: shipTax, description: 'Shipping tax' });
  }
  if (lines.length === 0) {
    // An amount-only credit note: one line on the global credit-note item.
    lines.push({ item: ensureGlobalItem(ctx, 'customCreditNoteLine'), amount: note.total, description: 'Credit note' });
  }
  return lines;
}

/** Why the lines cannot be the credit memo (they do not sum to the credit note's total), else undefined. */
export function creditNoteLinesProblem(note: Stripe.CreditNote, lines: NetSuiteLine[]): string | undefined {
  if (note.lines?.has_more) return `credit note ${note.id}.lines has more pages than the ledger holds (has_more)`;
  const sum = sumMinor(lines.map((l) => l.amount));
  if (sum === note.total) return undefined;
  const cur = note.currency;
  return (
    `credit note ${note.id}: lines sum to ${minorToDecimalString(sum, cur)} ${cur.toUpperCase()} ` +
    `but its total is ${minorToDecimalString(note.total, cur)} ${cur.toUpperCase()}`
  );
}
