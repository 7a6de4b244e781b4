// #21: an invoice paid outside Stripe. In the pinned API such a payment is an invoice payment of type
// `payment_record` (a PaymentRecord whose processor is not Stripe: PaymentRecords.d.ts `processor_details.type`
// is `custom` only), counted in the invoice's `amount_paid`. No charge and no balance transaction exist, so no
// customer payment and no deposit line can carry it: each such payment becomes a credit memo (`inpay_…-outside`)
// for its `amount_paid`, on `Stripe Paid Outside Item` (account `netsuite.accounts.paidOutsideStripe`), applied to
// the invoice, so NetSuite's amount remaining is Stripe's `amount_remaining` (S4: "an invoice marked as paid gets
// a credit memo for the amount"). One memo per payment, so a later payment outside Stripe adds a memo and never
// changes one already posted.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { invoiceKey, outsidePaymentExternalId } from '../../keys.js';
import { minorToNetSuite } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { blockedReason } from '../../blocked-reason.js';
import { customerRef } from '../customers/customer-refs.js';
import { customerLabel } from '../customers/customers.js';
import { ensureGlobalItem } from '../items/item-refs.js';
import { invoiceInScope } from '../invoices/invoice-scope.js';
import { netsuiteLineItems } from '../invoices/invoice-lines.js';
import { blockedDependency, currencyField } from './payment-record-fields.js';
import { isOutsidePayment } from './payment-invoice-links.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { byCreatedThenId } from '../../../stripe-objects/created-order.js';

export function planOutsidePaymentMemos(ctx: PassContext): void {
  const payments = [...ctx.input.stripe.invoicePayments.values()].filter(isOutsidePayment).sort(byCreatedThenId);
  for (const ip of payments) {
    const invoice = ctx.input.stripe.invoices.get(idOf(ip.invoice as string | { id: string }) ?? '');
    if (!invoice || !invoiceInScope(ctx, invoice)) continue;
    planOutsideMemo(ctx, ip, invoice);
  }
}

function planOutsideMemo(ctx: PassContext, ip: Stripe.InvoicePayment, invoice: Stripe.Invoice): void {
  const cur = invoice.currency;
  const amount = ip.amount_paid ?? 0;
  const date = netsuiteDate(ip.status_transitions?.paid_at ?? ip.created, ctx.input.settings.netsuite.timeZone);
  const customerId = idOf(invoice.customer as string | { id: string } | null);
  const currency = currencyField(ctx, cur, ip.id);
  const invKey = invoiceKey(invoice.id);
  const record = idOf(ip.payment.payment_record as string | { id: string } | undefined);
  const account = ctx.input.settings.netsuite.accounts.paidOutsideStripe;
  const noAccount = account
    ? undefined
    : blockedReason(
        `credit memo for ${ip.id}`,
        'an invoice paid outside Stripe needs the account such payments are received in',
        'set netsuite.accounts.paidOutsideStripe (a bank or clearing account)',
      );
  const blocked =
    noAccount ??
    currency.blocked ??
    (ctx.has(invKey) ? blockedDependency(ctx, invKey) : `invoice ${invoice.id} has no NetSuite invoice in this plan`);
  const description = `Paid outside Stripe${record ? ` (payment record ${record})` : ''}`;
  // Without the account the item cannot be made: the held memo has no line until the setting exists.
  const lines = account ? [{ item: ensureGlobalItem(ctx, 'paidOutsideStripe'), amount, description }] : [];
  ctx.add({
    action: 'create',
    recordType: 'creditMemo',
    externalId: outsidePaymentExternalId(ip.id),
    stripeId: ip.id,
    body: {
      entity: customerRef(ctx, customerId),
      ...currency.fields,
      tranDate: date,
      memo: `Stripe: ${invoice.id}. Paid outside Stripe (${ip.id}${record ? `, payment record ${record}` : ''}).`,
      ...(lines.length ? { item: netsuiteLineItems(lines, cur) } : {}),
      apply: { items: [{ doc: { $ref: invKey }, apply: true, amount: minorToNetSuite(amount, cur) }] },
    },
    summary: {
      customer: customerLabel(ctx, customerId),
      date,
      currency: cur,
      amount,
      description: `paid outside Stripe: ${ip.id} on ${invoice.id}`,
    },
    ...(blocked ? { blocked } : {}),
  });
}
