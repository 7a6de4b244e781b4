// Credit notes → credit memos (#22–#26). The memo is created unapplied: the part issued while the invoice was
// open (`pre_payment_amount`) is applied to the invoice by a later `apply` op once the invoice is paid (or
// closed); the part refunded is consumed by the customerRefund of each refund (refunds pass); an out-of-band
// part stays unapplied for manual application; a part credited to the customer balance is not AR yet (#23).
// A voided credit note has no memo; one voided after its memo was made is reversed by an invoice (see docs).
import { absence } from '../../absent-object.js';
import type Stripe from 'stripe';
import type { PassContext, PlanContext } from '../../plan-context.js';
import { creditNoteApplyKey, creditNoteKey, creditNoteVoidExternalId, creditNoteVoidKey, invoiceKey } from '../../keys.js';
import { minorToDecimalString, minorToNetSuite, sumMinor } from '../../../accounting/money.js';
import { netsuiteDate } from '../../../accounting/dates.js';
import { netsuiteLineItems, type NetSuiteLine } from '../invoices/invoice-lines.js';
import { customerRef } from '../customers/customer-refs.js';
import { customerLabel } from '../customers/customers.js';
import { ensureGlobalItem } from '../items/item-refs.js';
import { invoiceSyncDecision } from '../invoices/invoice-scope.js';
import { createdBeforeStartDate } from '../start-date.js';
import { creditNoteLines, creditNoteLinesProblem } from './credit-note-lines.js';
import { blockedDependency, currencyField } from '../payments/payment-record-fields.js';
import { prerequisiteBlocked } from '../../blocked-reason.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';

/** Invoice states in which a held pre-payment credit memo is applied: paid, and the closed ones (see docs). */
const APPLY_WHEN = new Set(['paid', 'uncollectible', 'void']);

/** The part of a credit note Stripe credited to the customer balance (not refunded, not out of band). */
export function creditNoteBalancePart(note: Stripe.CreditNote): number {
  const refunded = sumMinor((note.refunds ?? []).map((r) => r.amount_refunded));
  return Math.max(0, (note.post_payment_amount ?? 0) - refunded - (note.out_of_band_amount ?? 0));
}

const refundIndexCache = new WeakMap<PlanContext, Map<string, Array<{ note: Stripe.CreditNote; amount: number }>>>();

/** The issued credit notes that cover a refund (credit note `refunds[].refund`), with the amount each covers. */
export function creditNotesForRefund(ctx: PassContext, refundId: string): Array<{ note: Stripe.CreditNote; amount: number }> {
  let index = refundIndexCache.get(ctx.plan);
  if (!index) {
    index = new Map();
    for (const note of inCreatedOrder(ctx.input.stripe.creditNotes.values())) {
      if (note.status !== 'issued') continue;
      for (const r of note.refunds ?? []) {
        const id = idOf(r.refund as string | { id: string } | null);
        if (!id) continue;
        const list = index.get(id) ?? [];
        list.push({ note, amount: r.amount_refunded });
        index.set(id, list);
      }
    }
    refundIndexCache.set(ctx.plan, index);
  }
  return index.get(refundId) ?? [];
}

/** The credit memo's lines: the credit note's, and the part credited to the customer balance taken back out. */
function memoLines(ctx: PassContext, note: Stripe.CreditNote, invoice: Stripe.Invoice, balancePart: number): NetSuiteLine[] {
  const lines = creditNoteLines(ctx, note, invoice);
  if (balancePart <= 0) return lines;
  // The customer-balance part is a liability to the customer, not a reduction of AR: a negative line on the
  // customer-balance item keeps the contra-revenue lines whole and nets the memo to what is AR credit.
  return [
    ...lines,
    { item: ensureGlobalItem(ctx, 'customerBalance'), amount: -balancePart, description: 'Credited to the Stripe customer balance' },
  ];
}

export function planCreditNotes(ctx: PassContext): void {
  for (const note of inCreatedOrder(ctx.input.stripe.creditNotes.values())) planCreditNote(ctx, note);
}

function planCreditNote(ctx: PassContext, note: Stripe.CreditNote): void {
  if (note.status === 'void') return planVoidedCreditNote(ctx, note);
  if (note.status !== 'issued') return;
  if (createdBeforeStartDate(ctx.input.settings, note.created)) return;
  const cur = note.currency;
  const tz = ctx.input.settings.netsuite.timeZone;
  const date = netsuiteDate(note.effective_at ?? note.created, tz);
  const invoiceId = idOf(note.invoice as string | { id: string });
  const invoice = invoiceId ? ctx.input.stripe.invoices.get(invoiceId) : undefined;
  const customerId = idOf(note.customer as string | { id: string });
  const currency = currencyField(ctx, cur, note.id);

  const balancePart = creditNoteBalancePart(note);
  const memoAmount = note.total - balancePart;
  // Wholly credited to the customer balance: no record now; the balance memo comes when it is used (#23, #19).
  if (memoAmount <= 0) return;

  let blocked: string | undefined = currency.blocked;
  const lines = invoice ? memoLines(ctx, note, invoice, balancePart) : [];
  if (!invoice) {
    blocked ??= `credit note ${note.id}: its invoice ${invoiceId ?? '(none)'} ${absence(ctx.input, invoiceId)}`;
  } else {
    const decision = invoiceSyncDecision(ctx, invoice);
    if (!decision.sync) {
      // #26: a credit note on an invoice from before the start date is handled by hand.
      if (createdBeforeStartDate(ctx.input.settings, invoice.created)) return;
      blocked ??= `credit note ${note.id}: ${decision.reason}`;
    }
    blocked ??= creditNoteLinesProblem(note, lines);
  }

  const oob = note.out_of_band_amount ?? 0;
  const money = (n: number): string => `${minorToDecimalString(n, cur)} ${cur.toUpperCase()}`;
  const memo = [
    `Stripe: ${note.id}`,
    note.memo ?? '',
    oob > 0 ? `Out of band credit of ${money(oob)}: not applied, apply it manually.` : '',
    balancePart > 0 ? `${money(balancePart)} credited to the Stripe customer balance.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const key = creditNoteKey(note.id);
  ctx.add({
    action: 'create',
    recordType: 'creditMemo',
    externalId: note.id,
    stripeId: note.id,
    body: {
      entity: customerRef(ctx, customerId),
      ...currency.fields,
      tranDate: date,
      memo,
      item: netsuiteLineItems(lines, cur),
    },
    summary: {
      customer: customerLabel(ctx, customerId),
      date,
      currency: cur,
      amount: memoAmount,
      description: `credit note ${note.id} on ${invoiceId ?? '?'}${oob > 0 ? ' (out of band part unapplied)' : ''}`,
    },
    ...(blocked ? { blocked } : {}),
  });

  const pre = note.pre_payment_amount ?? 0;
  if (!invoice || pre <= 0 || !invoice.status || !APPLY_WHEN.has(invoice.status)) return;
  const invKey = invoiceKey(invoice.id);
  const applyBlocked =
    (blocked ? prerequisiteBlocked(key, blocked) : undefined) ??
    (ctx.has(invKey) ? blockedDependency(ctx, invKey) : `invoice ${invoice.id} has no NetSuite invoice in this plan`);
  ctx.add({
    action: 'apply',
    recordType: 'creditMemo',
    externalId: note.id,
    stripeId: note.id,
    keySuffix: 'apply',
    target: key,
    body: { apply: { items: [{ doc: { $ref: invKey }, apply: true, amount: minorToNetSuite(pre, cur) }] } },
    dependsOn: [key],
    summary: {
      customer: customerLabel(ctx, customerId),
      date,
      currency: cur,
      amount: pre,
      description: `apply credit note ${note.id} to ${invoice.id} (invoice ${invoice.status})`,
    },
    ...(applyBlocked ? { blocked: applyBlocked } : {}),
  });
}

/**
 * A voided credit note (open question 11 of the reference, decided in docs/accounting.md). Stripe voids only a
 * credit note whose invoice is open (https://docs.stripe.com/api/credit_notes/void), so its memo, held until the
 * invoice is paid or closed, was never applied. Voided before its memo was made: nothing. After: the memo is
 * reversed the way a void invoice is closed, by the opposite document: an invoice `cn_…-void` with the memo's
 * lines, dated `voided_at`, to which the memo is then applied, so both are closed and AR and revenue are back.
 */
function planVoidedCreditNote(ctx: PassContext, note: Stripe.CreditNote): void {
  const key = creditNoteKey(note.id);
  if (!ctx.isLinked(key)) return;
  const cur = note.currency;
  const s = ctx.input.settings.netsuite;
  const invoiceId = idOf(note.invoice as string | { id: string });
  const invoice = invoiceId ? ctx.input.stripe.invoices.get(invoiceId) : undefined;
  const customerId = idOf(note.customer as string | { id: string });
  const currency = currencyField(ctx, cur, note.id);
  const amount = note.total - creditNoteBalancePart(note);
  const tranDate = note.voided_at ? netsuiteDate(note.voided_at, s.timeZone) : undefined;
  const blocked =
    currency.blocked ??
    (!note.voided_at ? `credit note ${note.id} is void but voided_at is missing, so the reversal's date is unknown` : undefined) ??
    (!invoice ? `credit note ${note.id}: its invoice ${invoiceId ?? '(none)'} is not in the ledger` : undefined) ??
    // Stripe voids only notes on open invoices, so the memo is never applied yet; if it is, nothing is left to reverse.
    (ctx.isLinked(creditNoteApplyKey(note.id))
      ? `credit note ${note.id} is void but its credit memo was already applied to ${invoiceId ?? '?'}; fix: reverse it by hand`
      : undefined);
  const lines = invoice ? memoLines(ctx, note, invoice, creditNoteBalancePart(note)) : [];
  const summary = {
    customer: customerLabel(ctx, customerId),
    ...(tranDate ? { date: tranDate } : {}),
    currency: cur,
    amount,
  };
  const voidKey = ctx.add({
    action: 'close',
    recordType: 'invoice',
    externalId: creditNoteVoidExternalId(note.id),
    stripeId: note.id,
    body: {
      entity: customerRef(ctx, customerId),
      ...(tranDate ? { tranDate } : {}),
      ...currency.fields,
      memo: `Stripe: ${note.id} voided`,
      externalId: creditNoteVoidExternalId(note.id),
      account: { id: s.accounts.receivables },
      subsidiary: { id: s.subsidiaryId },
      item: netsuiteLineItems(lines, cur),
    },
    summary: { ...summary, description: `reverse the credit memo of ${note.id} (credit note voided)` },
    ...(blocked ? { blocked } : {}),
  });
  ctx.add({
    action: 'apply',
    recordType: 'creditMemo',
    externalId: note.id,
    stripeId: note.id,
    keySuffix: 'void',
    target: key,
    body: { apply: { items: [{ doc: { $ref: creditNoteVoidKey(note.id) }, apply: true, amount: minorToNetSuite(amount, cur) }] } },
    dependsOn: [key, voidKey],
    summary: { ...summary, description: `apply the credit memo of ${note.id} to its reversal` },
    ...(blocked ? { blocked: `${voidKey} is blocked (${blocked})` } : {}),
  });
}
