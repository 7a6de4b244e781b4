// How much of a NetSuite invoice this connector has left open, computed purely from the plan's input.
//
// open = NetSuite invoice total (`netsuiteInvoiceTotal`: max(total, 0) + consumed balance debit)
//        − Σ amounts applied to the invoice by operations PLANNED in this run: every non-blocked operation whose
//          body has an `apply` sublist line with `doc` = { $ref: invoice key } (or the invoice's internal id) and
//          `apply` ≠ false (payments, credit memos, `#apply` patches of held credit memos, closing memos).
//          A line with `apply: false` and an `amount` is an un-application (failed async payment) and adds back.
//        − Σ amounts applied by operations DONE in earlier runs (their bodies are not in the ledger, so the
//          amount is re-derived from Stripe the way the passes derive it):
//            · each `invoice_payment` of the invoice with status `paid` whose charge's `customerPayment:ch_…` is
//              done and whose `customerRefund:ch_…-failed` is not: its `amount_paid`;
//            · `creditMemo:in_…-balance` done: the customer balance credit the invoice consumed;
//            · `creditMemo:inpay_…-outside` done: that payment outside Stripe's `amount_paid`;
//            · `creditMemo:cn_…#apply` done: the credit note's `pre_payment_amount` (else `total`);
//            · `creditMemo:in_…-close` done: everything (the invoice is closed).
// Never below 0. Refund and dispute memos are applied to their customer refunds, not to the invoice, so they
// do not count.
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import { netSuiteToMinor } from '../../../accounting/money.js';
import {
  invoiceKey,
  invoiceBalanceKey,
  invoiceCloseKey,
  paymentKey,
  failedPaymentKey,
  creditNoteApplyKey,
  outsidePaymentKey,
} from '../../keys.js';
import { invoiceBalanceCredit, netsuiteInvoiceTotal } from './invoice-lines.js';

interface ApplyLine {
  doc?: { $ref?: string; id?: string } | string;
  apply?: boolean;
  amount?: number | string;
}

function docMatches(doc: ApplyLine['doc'], key: string, internalId: string | undefined): boolean {
  if (!doc) return false;
  if (typeof doc === 'string') return !!internalId && doc === internalId;
  if (doc.$ref === key) return true;
  return !!internalId && doc.id === internalId;
}

/** Σ applied to the invoice by operations planned so far in this run (minor units). */
export function plannedApplications(ctx: PassContext, invoiceId: string, currency: string): number {
  const key = invoiceKey(invoiceId);
  const internalId = ctx.input.links.get(key);
  let applied = 0;
  for (const op of ctx.plan.operations) {
    if (op.blocked) continue;
    const lines = (op.body.apply as { items?: ApplyLine[] } | undefined)?.items;
    if (!Array.isArray(lines)) continue;
    for (const l of lines) {
      if (!docMatches(l.doc, key, internalId) || l.amount === undefined) continue;
      const minor = netSuiteToMinor(l.amount, currency);
      applied += l.apply === false ? -minor : minor;
    }
  }
  return applied;
}

/** The charge behind an invoice payment (a PaymentIntent's latest charge, or a direct charge). */
export function invoicePaymentChargeId(ctx: PassContext, ip: Stripe.InvoicePayment): string | undefined {
  const p = ip.payment as { type?: string; charge?: string | { id: string }; payment_intent?: string | { id: string } };
  if (p.charge) return typeof p.charge === 'string' ? p.charge : p.charge.id;
  const piId = p.payment_intent ? (typeof p.payment_intent === 'string' ? p.payment_intent : p.payment_intent.id) : undefined;
  if (!piId) return undefined;
  const latest = ctx.input.stripe.paymentIntents.get(piId)?.latest_charge;
  if (latest) return typeof latest === 'string' ? latest : latest.id;
  for (const ch of ctx.input.stripe.charges.values()) {
    const pi = ch.payment_intent;
    if (pi && (typeof pi === 'string' ? pi : pi.id) === piId && ch.status !== 'failed') return ch.id;
  }
  return undefined;
}

/** Σ applied to the invoice by operations done in earlier runs, re-derived from Stripe (minor units). */
export function doneApplications(ctx: PassContext, invoice: Stripe.Invoice): number {
  const links = ctx.input.links;
  let applied = 0;
  for (const ip of ctx.input.stripe.invoicePayments.values()) {
    const inv = typeof ip.invoice === 'string' ? ip.invoice : ip.invoice?.id;
    if (inv !== invoice.id || ip.status !== 'paid') continue;
    if (ip.payment?.type === 'payment_record') {
      if (links.has(outsidePaymentKey(ip.id))) applied += ip.amount_paid ?? 0;
      continue;
    }
    const charge = invoicePaymentChargeId(ctx, ip);
    if (charge && links.has(paymentKey(charge)) && !links.has(failedPaymentKey(charge))) applied += ip.amount_paid ?? 0;
  }
  if (links.has(invoiceBalanceKey(invoice.id))) applied += invoiceBalanceCredit(invoice);
  for (const cn of ctx.input.stripe.creditNotes.values()) {
    const inv = typeof cn.invoice === 'string' ? cn.invoice : cn.invoice?.id;
    if (inv !== invoice.id || !links.has(creditNoteApplyKey(cn.id))) continue;
    applied += cn.pre_payment_amount ?? cn.total;
  }
  return applied;
}

/**
 * What the NetSuite invoice of a Stripe invoice still has open after everything this connector made or plans
 * (minor units, ≥ 0). 0 when the invoice is unknown to the ledger or already closed by `-close`.
 */
export function netsuiteOpenAmount(ctx: PassContext, invoiceId: string): number {
  const invoice = ctx.input.stripe.invoices.get(invoiceId);
  if (!invoice) return 0;
  if (ctx.input.links.has(invoiceCloseKey(invoiceId))) return 0;
  const open =
    netsuiteInvoiceTotal(invoice) - doneApplications(ctx, invoice) - plannedApplications(ctx, invoiceId, invoice.currency);
  return Math.max(0, open);
}
