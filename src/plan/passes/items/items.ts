// Pass: items (reference #11, #12). Plans, before any invoice, the item of every price and coupon the in-scope
// invoices use, so the plan report lists items first. The invoices pass asks `item-refs` again and gets the
// same references (items are added once); credit-note lines of later passes may add more, still as 'items'.
import type { PassContext } from '../../plan-context.js';
import { invoiceKey } from '../../keys.js';
import { invoiceInScope, invoicesInOrder } from '../invoices/invoice-scope.js';
import { invoiceLines } from '../invoices/invoice-lines.js';

export function planItems(ctx: PassContext): void {
  for (const invoice of invoicesInOrder(ctx)) {
    // A synced invoice's items exist already; asking again could plan an item it never used (e.g. a mapping
    // changed since).
    if (ctx.has(invoiceKey(invoice.id)) || !invoiceInScope(ctx, invoice)) continue;
    invoiceLines(ctx, invoice);
  }
}
