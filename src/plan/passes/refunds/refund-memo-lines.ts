// The lines of the credit memo that reverses part of an invoice for a refund (#33–#35, I14) or a dispute
// (#38, I15): the global refund/dispute item when configured; the invoice's own lines when the whole invoice is
// reversed; the invoice's only item for part of a one-line invoice; otherwise one line on the fallback item
// (`Stripe Partial Refund Item` for refunds, `Stripe Dispute Item` for disputes).
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { sumMinor } from '../../../accounting/money.js';
import { invoiceLines, type NetSuiteLine } from '../invoices/invoice-lines.js';
import { ensureGlobalItem } from '../items/item-refs.js';
import { chargePlans } from '../payments/payment-applications.js';

export interface ReversalItems {
  /** Global item used for every reversal when the feature flag is on (`useRefundItem` / `useDisputeItem`). */
  configured: 'refund' | 'dispute' | null;
  /** Item for a partial reversal of a multi-line invoice. */
  fallback: 'partialRefund' | 'dispute';
  description: string;
}

export function reversalLines(
  ctx: PassContext,
  invoice: Stripe.Invoice | undefined,
  amount: number,
  items: ReversalItems,
): NetSuiteLine[] {
  const single = (item: NetSuiteLine['item'], from?: NetSuiteLine): NetSuiteLine[] => [
    {
      item,
      amount,
      description: items.description,
      ...(from?.revRecStartDate ? { revRecStartDate: from.revRecStartDate } : {}),
      ...(from?.revRecEndDate ? { revRecEndDate: from.revRecEndDate } : {}),
    },
  ];
  if (items.configured) return single(ensureGlobalItem(ctx, items.configured));
  if (!invoice) return single(ensureGlobalItem(ctx, items.fallback));
  const stripeLines = invoice.lines?.data ?? [];
  const lines = invoiceLines(ctx, invoice);
  // A full reversal copies the invoice's lines, so every item's revenue is reversed as it was booked. This comes
  // before the one-line rule: a one-line invoice still has tax and discount lines (#46, #12), and putting the
  // whole amount on the income item would reverse tax as income.
  if (lines.length > 0 && sumMinor(lines.map((l) => l.amount)) === amount) return lines.map((l) => ({ ...l }));
  if (stripeLines.length === 1) {
    const own = lines.find((l) => l.stripeLineId === stripeLines[0].id);
    if (own) return single(own.item, own);
  }
  return single(ensureGlobalItem(ctx, items.fallback));
}

/** The reversal lines for a charge's invoice: the first invoice its payment was applied to. */
export function refundMemoLinesFor(
  ctx: PassContext,
  charge: Stripe.Charge,
  amount: number,
  items: ReversalItems,
): NetSuiteLine[] {
  const applied = chargePlans(ctx).get(charge.id)?.applied ?? [];
  const invoiceId = applied.find((a) => a.invoiceId)?.invoiceId;
  // A payment spread over several invoices cannot be attributed to one invoice's items.
  const invoice = invoiceId && applied.length === 1 ? ctx.input.stripe.invoices.get(invoiceId) : undefined;
  return reversalLines(ctx, invoice, amount, items);
}
