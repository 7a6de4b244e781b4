// #19: the part of a paid invoice that the Stripe customer balance paid becomes a credit memo applied to the
// invoice (`creditMemo:in_…-balance`). Unused balance has no NetSuite record until it is consumed (I10).
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { invoiceBalanceExternalId, invoiceKey } from '../../keys.js';
import { minorToNetSuite } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { invoiceBalanceCredit, invoiceLines, netsuiteLineItems, type NetSuiteLine } from '../invoices/invoice-lines.js';
import { customerRef } from '../customers/customer-refs.js';
import { customerLabel } from '../customers/customers.js';
import { ensureGlobalItem } from '../items/item-refs.js';
import { invoiceInScope } from '../invoices/invoice-scope.js';
import { invoicePaymentsOfInvoice } from './payment-invoice-links.js';
import { blockedDependency, currencyField } from './payment-record-fields.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

export function planCustomerBalanceMemos(ctx: PassContext): void {
  for (const invoice of inCreatedOrder(ctx.input.stripe.invoices.values())) {
    if (invoice.status !== 'paid' || !invoiceInScope(ctx, invoice)) continue;
    const credit = invoiceBalanceCredit(invoice);
    if (credit <= 0) continue;
    // Partly paid from the balance: only once a payment for the rest exists (an open invoice gets no memo).
    const paidByCharge = invoicePaymentsOfInvoice(ctx, invoice.id).some((ip) => ip.status === 'paid');
    if (invoice.amount_due > 0 && !paidByCharge) continue;
    planBalanceMemo(ctx, invoice, credit);
  }
}

function planBalanceMemo(ctx: PassContext, invoice: Stripe.Invoice, credit: number): void {
  const cur = invoice.currency;
  const tz = ctx.input.settings.netsuite.timeZone;
  // The balance is consumed when the invoice is finalized, so that is the memo's date.
  const date = netsuiteDate(invoice.status_transitions?.finalized_at ?? invoice.created, tz);
  const customerId = idOf(invoice.customer as string | { id: string } | null);
  const currency = currencyField(ctx, cur, invoice.id);
  const invKey = invoiceKey(invoice.id);
  const line = balanceLine(ctx, invoice, credit);
  const blocked =
    currency.blocked ??
    (ctx.has(invKey) ? blockedDependency(ctx, invKey) : `invoice ${invoice.id} has no NetSuite invoice in this plan`);
  ctx.add({
    action: 'create',
    recordType: 'creditMemo',
    externalId: invoiceBalanceExternalId(invoice.id),
    stripeId: invoice.id,
    body: {
      entity: customerRef(ctx, customerId),
      ...currency.fields,
      tranDate: date,
      memo: `Stripe: ${invoice.id}. This credit memo was created by a Stripe customer's balance.`,
      item: netsuiteLineItems([line], cur),
      apply: { items: [{ doc: { $ref: invKey }, apply: true, amount: minorToNetSuite(credit, cur) }] },
    },
    summary: {
      customer: customerLabel(ctx, customerId),
      date,
      currency: cur,
      amount: credit,
      description: `customer balance applied to ${invoice.id}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}

/**
 * One line: the invoice's own item when it has a single Stripe line (the memo copies its revenue dates),
 * else `Stripe Customer Balance Item`, since a balance cannot be split across items.
 */
function balanceLine(ctx: PassContext, invoice: Stripe.Invoice, credit: number): NetSuiteLine {
  const stripeLines = invoice.lines?.data ?? [];
  if (stripeLines.length === 1) {
    const own = invoiceLines(ctx, invoice).find((l) => l.stripeLineId === stripeLines[0].id);
    if (own) {
      return {
        item: own.item,
        amount: credit,
        description: `Customer balance applied: ${own.description}`.trim(),
        ...(own.revRecStartDate ? { revRecStartDate: own.revRecStartDate } : {}),
        ...(own.revRecEndDate ? { revRecEndDate: own.revRecEndDate } : {}),
      };
    }
  }
  return { item: ensureGlobalItem(ctx, 'customerBalance'), amount: credit, description: 'Customer balance applied' };
}
