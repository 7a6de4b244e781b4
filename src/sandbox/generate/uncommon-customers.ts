/**
 * Customers whose invoices take the rarer shapes a finance team's account holds (issue 13): drafts (one never
 * finalized, one finalized later), an invoice of 12 lines (more than the 10 Stripe embeds), partial payments
 * (several card payments on one invoice), a credit note voided while its invoice is open, inclusive tax, and a
 * three-decimal currency (KWD, amounts in fils ending in 0 as Stripe requires:
 * https://docs.stripe.com/currencies#three-decimal). They draw from their own Rng, so the customers before
 * them keep their ids; worlds with a few random customers beyond the scripted ones end with them (generate-world.ts).
 */
import { DAY, HOUR } from './calendar.js';
import type { Catalog, OneTimeKind, Price, TaxRate } from './catalog.js';
import type { GenContext } from './context.js';
import { issueCreditNote, voidCreditNote } from './credit-notes.js';
import { createCustomer, type CustomerState } from './customers.js';
import { collectInvoice, finalizeInvoice, payInvoicePart, type InvoiceSpec, type LineSpec } from './invoices.js';
import { Rng } from './prng.js';

/** KWD unit amounts in fils (three decimals), each ending in 0. */
const KWD_AMOUNTS: Record<OneTimeKind, number> = { onboarding: 153750, hardware: 61230, consulting: 46150 };

/** How many customers `simulateUncommonCustomers` makes. */
export const UNCOMMON_CUSTOMERS = 3;

export function simulateUncommonCustomers(base: GenContext, seed: number, start: number): CustomerState[] {
  const ctx: GenContext = { ...base, rng: new Rng((seed * 2654435761 + 0x13) >>> 0) };
  const { rng, catalog, items } = ctx;
  const line = (price: Price, quantity: number, at: number, description?: string): LineSpec => ({
    price,
    quantity,
    description: description ?? String(price.nickname ?? ''),
    period: { start: at, end: at },
  });
  const spec = (customer: CustomerState, at: number, lines: LineSpec[], collection: InvoiceSpec['collection'], extra: Partial<InvoiceSpec> = {}): InvoiceSpec => ({
    customer, at, lines, billingReason: 'manual', collection, daysUntilDue: 30, ...extra,
  });
  const usdPrice = (kind: OneTimeKind): Price => catalog.oneTime(kind, 'usd');

  // USD: drafts, 12 lines, partial payments, a voided credit note.
  const t1 = start + DAY + rng.int(0, HOUR - 1);
  const us = createCustomer(ctx, { created: t1, currency: 'usd', identity: 'company', withShipping: false, withPhone: true });
  finalizeInvoice(ctx, spec(us, t1 + DAY, [line(usdPrice('consulting'), 2, t1 + DAY)], 'send_invoice', { draft: { finalizeAt: null } }));
  const later = finalizeInvoice(ctx, spec(us, t1 + DAY + HOUR, [line(usdPrice('onboarding'), 1, t1 + DAY)], 'send_invoice', { draft: { finalizeAt: t1 + 3 * DAY } }));
  collectInvoice(ctx, later, t1 + 5 * DAY, 'card_ok');
  const kinds: OneTimeKind[] = ['consulting', 'hardware', 'onboarding'];
  const long = finalizeInvoice(ctx, spec(us, t1 + 2 * DAY, Array.from({ length: 12 }, (_, i) => line(usdPrice(kinds[i % 3]), 1 + (i % 2), t1 + 2 * DAY, `Item ${i + 1}: ${usdPrice(kinds[i % 3]).nickname}`)), 'charge_automatically'));
  collectInvoice(ctx, long, t1 + 2 * DAY + 300, 'card_ok');
  const parts = finalizeInvoice(ctx, spec(us, t1 + 4 * DAY, [line(usdPrice('consulting'), 4, t1 + 4 * DAY)], 'send_invoice'));
  payInvoicePart(ctx, parts, t1 + 6 * DAY, 20000);
  payInvoicePart(ctx, parts, t1 + 8 * DAY, 15000);
  payInvoicePart(ctx, parts, t1 + 11 * DAY, parts.current.amount_remaining);
  const credited = finalizeInvoice(ctx, spec(us, t1 + 5 * DAY, [line(usdPrice('onboarding'), 1, t1 + 5 * DAY)], 'send_invoice'));
  const note = issueCreditNote(ctx, credited, t1 + 6 * DAY, 'pre_payment', [{ kind: 'invoice_line', line: credited.lines[0], amount: 10000, quantity: 1 }], 'order_change');
  voidCreditNote(ctx, credited, note, t1 + 7 * DAY);
  collectInvoice(ctx, credited, t1 + 9 * DAY, 'card_ok');

  // EUR with tax included in the prices (Stripe `tax_behavior: inclusive`).
  const t2 = start + DAY + rng.int(HOUR, 2 * HOUR);
  const eu = createCustomer(ctx, { created: t2, currency: 'eur', identity: 'company', withShipping: false, withPhone: false });
  const inclusiveRate = publishInclusiveRate(ctx, catalog, t2);
  const eurPrice = (kind: OneTimeKind): Price => catalog.oneTime(kind, 'eur');
  const taxed = finalizeInvoice(ctx, spec(eu, t2 + 3 * DAY, [line(eurPrice('hardware'), 2, t2 + 3 * DAY), line(eurPrice('consulting'), 1, t2 + 3 * DAY)], 'charge_automatically', { taxRate: inclusiveRate }));
  collectInvoice(ctx, taxed, t2 + 3 * DAY + 300, 'card_ok');

  // KWD: three decimals; an invoice paid at once and one paid in two parts.
  const t3 = start + DAY + rng.int(2 * HOUR, 3 * HOUR);
  const kw = createCustomer(ctx, { created: t3, currency: 'kwd', identity: 'company', withShipping: false, withPhone: false });
  const kwd = (kind: OneTimeKind): Price => {
    const usd = usdPrice(kind);
    const price: Price = { ...usd, id: rng.id('price_'), created: t3, currency: 'kwd', unit_amount: KWD_AMOUNTS[kind], unit_amount_decimal: String(KWD_AMOUNTS[kind]), nickname: String(usd.nickname).replace('(USD)', '(KWD)') };
    items.object(price);
    items.event('price.created', price, t3);
    return price;
  };
  const kwdConsulting = kwd('consulting');
  const kwdHardware = kwd('hardware');
  const paidKwd = finalizeInvoice(ctx, spec(kw, t3 + 2 * DAY, [line(kwdConsulting, 3, t3 + 2 * DAY), line(kwdHardware, 1, t3 + 2 * DAY)], 'charge_automatically'));
  collectInvoice(ctx, paidKwd, t3 + 2 * DAY + 300, 'card_ok');
  const partKwd = finalizeInvoice(ctx, spec(kw, t3 + 4 * DAY, [line(kwdConsulting, 2, t3 + 4 * DAY)], 'send_invoice'));
  payInvoicePart(ctx, partKwd, t3 + 6 * DAY, 40000);
  payInvoicePart(ctx, partKwd, t3 + 9 * DAY, partKwd.current.amount_remaining);
  return [us, eu, kw];
}

/** The German VAT rate of the catalog, but included in the prices. */
function publishInclusiveRate(ctx: GenContext, catalog: Catalog, at: number): TaxRate {
  const rate: TaxRate = { ...catalog.taxRate('de'), id: ctx.rng.id('txr_'), created: at, inclusive: true, display_name: 'MwSt. (inkl.)' };
  ctx.items.object(rate);
  ctx.items.event('tax_rate.created', rate, at);
  return rate;
}
