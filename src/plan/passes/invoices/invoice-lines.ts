// A Stripe invoice's lines as NetSuite invoice lines (reference #12, #13, #19, #20, #45, #46; I5, I25, I27).
// Shared by the invoices pass, the closures pass and the credit-memo passes, so every record derived from an
// invoice carries the same items, amounts and revenue dates.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { minorToNetSuite, minorToDecimalString, sumMinor } from '../../../accounting/money.js';
import { netsuiteDate, revenueEndDate } from '../../../accounting/dates.js';
import { ensureGlobalItem, itemForCoupon, itemForPrice, type ItemRef } from '../items/item-refs.js';

export { customerRef } from '../customers/customer-refs.js';

export interface NetSuiteLine {
  item: ItemRef;
  /** Minor units; negative for discounts and proration credits. */
  amount: number;
  quantity?: number;
  description: string;
  revRecStartDate?: string;
  revRecEndDate?: string;
  /** The Stripe line (`il_…`) this NetSuite line comes from, when it comes from one. */
  stripeLineId?: string;
}

/**
 * The part of a positive starting customer balance (a debit the customer owed) that this invoice collects:
 * Stripe adds it to `amount_due`, so NetSuite carries it as a `Stripe Customer Balance Debit Item` line (#19).
 * Balance change across finalization = starting − ending; only a consumed debit counts.
 */
export function invoiceBalanceDebit(invoice: Stripe.Invoice): number {
  if (invoice.total < 0 || invoice.starting_balance <= 0 || invoice.ending_balance == null) return 0;
  const consumed = invoice.starting_balance - invoice.ending_balance;
  return Math.max(0, Math.min(consumed, invoice.starting_balance));
}

/**
 * The Stripe credit balance (negative starting balance) this invoice consumed: the part of `total` paid from the
 * customer balance, which the connector records as the `creditMemo:in_…-balance` memo (#19).
 */
export function invoiceBalanceCredit(invoice: Stripe.Invoice): number {
  if (invoice.total <= 0 || invoice.starting_balance >= 0 || invoice.ending_balance == null) return 0;
  const consumed = invoice.ending_balance - invoice.starting_balance;
  return Math.max(0, Math.min(consumed, -invoice.starting_balance, invoice.total));
}

/** What the NetSuite invoice totals: 0 for a negative invoice (#20), else `total` + a consumed balance debit. */
export function netsuiteInvoiceTotal(invoice: Stripe.Invoice): number {
  return invoice.total < 0 ? 0 : invoice.total + invoiceBalanceDebit(invoice);
}

type DiscountRef = string | Stripe.Discount | Stripe.DeletedDiscount;

function couponIdOf(d: Stripe.Discount | Stripe.DeletedDiscount): string | null {
  const src = (d as { source?: { coupon?: string | { id: string } | null } }).source;
  // Older API versions kept the coupon on the discount itself.
  const legacy = (d as unknown as { coupon?: string | { id: string } | null }).coupon;
  const c = src?.coupon ?? legacy ?? null;
  return c ? (typeof c === 'string' ? c : c.id) : null;
}

/** The coupon behind a line's discount: from the expanded discount, or the invoice's/line's expanded discounts. */
function couponFor(invoice: Stripe.Invoice, line: Stripe.InvoiceLineItem, discount: DiscountRef): string | null {
  if (typeof discount !== 'string') return couponIdOf(discount);
  for (const d of [...(line.discounts ?? []), ...(invoice.discounts ?? [])]) {
    if (typeof d !== 'string' && d.id === discount) return couponIdOf(d);
  }
  return null;
}

function lineQuantity(line: Stripe.InvoiceLineItem): number | undefined {
  if (typeof line.quantity === 'number') return line.quantity;
  if (line.quantity_decimal != null) {
    const q = Number(line.quantity_decimal);
    if (Number.isFinite(q)) return q;
  }
  return undefined;
}

function lineTaxes(line: Stripe.InvoiceLineItem): Stripe.InvoiceLineItem.Tax[] {
  return line.taxes ?? [];
}

function taxRateId(t: { tax_rate_details: { tax_rate: string | { id: string } } | null }): string {
  const r = t.tax_rate_details?.tax_rate;
  return r ? (typeof r === 'string' ? r : r.id) : '';
}

/**
 * Every Stripe line (zero and proration lines included) on its item, with its revenue dates; each discount as
 * its own negative line right after the line it discounts; tax (inclusive tax taken out of the line it is in)
 * as lines on `Stripe Tax` per tax rate; shipping on `Stripe Shipping`; a consumed balance debit on
 * `Stripe Customer Balance Debit Item`. For a negative invoice every amount is 0 (lines kept, #20).
 * The amounts sum to `netsuiteInvoiceTotal(invoice)` unless Stripe's numbers are inconsistent — check with
 * `invoiceLinesProblem`.
 */
export function invoiceLines(ctx: PassContext, invoice: Stripe.Invoice): NetSuiteLine[] {
  const tz = ctx.input.settings.netsuite.timeZone;
  const lines: NetSuiteLine[] = [];
  const stripeLines = invoice.lines?.data ?? [];
  const anyLineTaxes = stripeLines.some((l) => lineTaxes(l).length > 0);
  const taxByRate = new Map<string, number>();
  const addTax = (rate: string, amount: number): void => {
    taxByRate.set(rate, (taxByRate.get(rate) ?? 0) + amount);
  };

  for (const line of stripeLines) {
    const details = line.pricing?.price_details;
    const price = (details?.price ?? null) as string | Stripe.Price | null;
    const item = itemForPrice(ctx, price, details?.product ?? undefined);
    let inclusive = 0;
    for (const t of lineTaxes(line)) {
      if (t.tax_behavior === 'inclusive') inclusive += t.amount;
      addTax(taxRateId(t), t.amount);
    }
    const dates = line.period
      ? {
          revRecStartDate: netsuiteDate(line.period.start, tz),
          revRecEndDate: revenueEndDate(line.period.start, line.period.end, tz),
        }
      : {};
    const quantity = lineQuantity(line);
    lines.push({
      item,
      amount: line.amount - inclusive,
      ...(quantity !== undefined ? { quantity } : {}),
      description: line.description ?? '',
      ...dates,
      stripeLineId: line.id,
    });
    for (const d of line.discount_amounts ?? []) {
      if (!d.amount) continue;
      const coupon = couponFor(invoice, line, d.discount);
      const name = coupon ? (ctx.input.stripe.coupons.get(coupon)?.name ?? coupon) : 'discount';
      lines.push({
        item: itemForCoupon(ctx, coupon),
        amount: -d.amount,
        description: `Discount: ${name}`,
        ...dates,
        stripeLineId: line.id,
      });
    }
    // Billing credits (credit grants) also reduce the line; discounts are already in discount_amounts.
    for (const p of line.pretax_credit_amounts ?? []) {
      if (p.type === 'discount' || !p.amount) continue;
      lines.push({
        item: ensureGlobalItem(ctx, 'customerBalance'),
        amount: -p.amount,
        description: 'Billing credit',
        ...dates,
        stripeLineId: line.id,
      });
    }
  }

  // Older shapes put tax only on the invoice; inclusive tax there cannot be taken out of a line, so only
  // exclusive tax is added (inclusive tax stays inside the line amounts).
  if (!anyLineTaxes) {
    for (const t of invoice.total_taxes ?? []) if (t.tax_behavior !== 'inclusive') addTax(taxRateId(t), t.amount);
  }
  const ship = invoice.shipping_cost;
  const shippingTax = ship?.amount_tax ?? 0;
  for (const rate of [...taxByRate.keys()].sort()) {
    const amount = taxByRate.get(rate) ?? 0;
    if (!amount) continue;
    lines.push({ item: ensureGlobalItem(ctx, 'tax'), amount, description: rate ? `Tax (${rate})` : 'Tax' });
  }
  if (ship && ship.amount_total) {
    const rate = typeof ship.shipping_rate === 'string' ? ship.shipping_rate : ship.shipping_rate?.id;
    lines.push({
      item: ensureGlobalItem(ctx, 'shipping'),
      amount: ship.amount_total - shippingTax,
      description: rate ? `Shipping (${rate})` : 'Shipping',
    });
    if (shippingTax) lines.push({ item: ensureGlobalItem(ctx, 'tax'), amount: shippingTax, description: 'Shipping tax' });
  }
  const debit = invoiceBalanceDebit(invoice);
  if (debit) {
    lines.push({
      item: ensureGlobalItem(ctx, 'customerBalanceDebit'),
      amount: debit,
      description: 'Customer balance owed from earlier invoices',
    });
  }
  if (lines.length === 0) {
    // NetSuite rejects an invoice without lines; an empty (synced trial) invoice gets one zero line.
    lines.push({ item: ensureGlobalItem(ctx, 'item'), amount: 0, description: 'No lines' });
  }
  if (invoice.total < 0) for (const l of lines) l.amount = 0;
  return lines;
}

/** Why these lines cannot be the NetSuite invoice, or undefined when they sum to what NetSuite must total. */
export function invoiceLinesProblem(invoice: Stripe.Invoice, lines: NetSuiteLine[]): string | undefined {
  if (invoice.lines?.has_more) {
    return `invoice ${invoice.id}.lines has more pages than the ledger holds (has_more); the lines are incomplete`;
  }
  const sum = sumMinor(lines.map((l) => l.amount));
  const expected = netsuiteInvoiceTotal(invoice);
  if (sum !== expected) {
    const cur = invoice.currency;
    return (
      `invoice ${invoice.id}: lines (items, discounts, tax, shipping) sum to ${minorToDecimalString(sum, cur)} ` +
      `${cur.toUpperCase()} but the invoice total is ${minorToDecimalString(expected, cur)} ${cur.toUpperCase()}`
    );
  }
  return undefined;
}

/** The NetSuite `item` sublist JSON for these lines. */
export function netsuiteLineItems(lines: NetSuiteLine[], currency: string): { items: Array<Record<string, unknown>> } {
  return {
    items: lines.map((l) => ({
      item: l.item,
      amount: minorToNetSuite(l.amount, currency),
      ...(l.quantity !== undefined ? { quantity: l.quantity } : {}),
      description: l.description,
      ...(l.revRecStartDate ? { revRecStartDate: l.revRecStartDate } : {}),
      ...(l.revRecEndDate ? { revRecEndDate: l.revRecEndDate } : {}),
    })),
  };
}
