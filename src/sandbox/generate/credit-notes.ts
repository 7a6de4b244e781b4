/**
 * Credit notes: before payment (lowers what the open invoice asks for) or after payment, settled by a
 * refund, out of band, or as credit on the customer's balance. Credit notes are only issued here on
 * invoices without tax or discounts, so a credit note's total is the sum of its lines.
 */
import type { GenContext } from './context.js';
import { changeBalance } from './customers.js';
import { updateInvoice, type InvoiceLine, type InvoiceState } from './invoices.js';
import { refundCharge } from './refunds.js';
import type { StripeObject } from './world-items.js';

export type CreditNoteSettlement = 'pre_payment' | 'refund' | 'out_of_band' | 'customer_balance';

export type CreditNoteLineSpec =
  | { kind: 'invoice_line'; line: InvoiceLine; amount: number; quantity: number }
  | { kind: 'custom'; description: string; amount: number };

export interface CreditNote extends StripeObject {
  object: 'credit_note';
  amount: number;
  invoice: string;
  type: 'pre_payment' | 'post_payment';
  status: 'issued' | 'void';
  pre_payment_amount: number;
  voided_at: number | null;
}

export function issueCreditNote(ctx: GenContext, inv: InvoiceState, at: number, settlement: CreditNoteSettlement, lineSpecs: CreditNoteLineSpec[], reason: 'duplicate' | 'order_change' | 'product_unsatisfactory' | null): CreditNote {
  const invoice = inv.current;
  if ((invoice.total_taxes as unknown[]).length || (invoice.total_discount_amounts as unknown[]).length) {
    throw new Error(`generator bug: credit note on ${invoice.id}, which has tax or discounts`);
  }
  const { rng } = ctx;
  const id = rng.id('cn_');
  const amount = lineSpecs.reduce((s, l) => s + l.amount, 0);
  if (settlement === 'pre_payment') {
    if (invoice.status !== 'open' || amount > invoice.amount_remaining) throw new Error(`generator bug: pre-payment credit note too large for ${invoice.id}`);
  } else if (invoice.status !== 'paid' || amount + invoice.pre_payment_credit_notes_amount + invoice.post_payment_credit_notes_amount > invoice.total) {
    throw new Error(`generator bug: post-payment credit note too large for ${invoice.id}`);
  }
  const lines = lineSpecs.map((l) => ({
    id: rng.id('cnli_'),
    object: 'credit_note_line_item',
    amount: l.amount,
    description: l.kind === 'custom' ? l.description : (l.line.description as string),
    discount_amount: 0,
    discount_amounts: [],
    ...(l.kind === 'invoice_line' ? { invoice_line_item: l.line.id } : {}),
    livemode: false,
    metadata: {},
    pretax_credit_amounts: [],
    quantity: l.kind === 'invoice_line' ? l.quantity : 1,
    tax_rates: [],
    taxes: [],
    type: l.kind === 'invoice_line' ? 'invoice_line_item' : 'custom_line_item',
    unit_amount: l.kind === 'custom' ? l.amount : null,
    unit_amount_decimal: l.kind === 'custom' ? String(l.amount) : null,
  }));

  let refunds: { amount_refunded: number; payment_record_refund: null; refund: string; type: 'refund' }[] = [];
  let balanceTxn: string | null = null;
  if (settlement === 'refund') {
    if (!inv.paidBy) throw new Error(`generator bug: refund credit note on ${invoice.id}, which no charge paid`);
    const refund = refundCharge(ctx, inv.paidBy, amount, at, { reason: reason === 'duplicate' ? 'duplicate' : 'requested_by_customer' });
    refunds = [{ amount_refunded: amount, payment_record_refund: null, refund: refund.id, type: 'refund' }];
  } else if (settlement === 'customer_balance') {
    balanceTxn = changeBalance(ctx, inv.customer, -amount, at, 'credit_note', { credit_note: id, invoice: invoice.id });
  }
  const pre = settlement === 'pre_payment';
  const creditNote: CreditNote = {
    id,
    object: 'credit_note',
    amount,
    amount_shipping: 0,
    created: at,
    currency: invoice.currency,
    customer: invoice.customer,
    customer_account: null,
    customer_balance_transaction: balanceTxn,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: at,
    invoice: invoice.id,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: reason === 'order_change' ? 'Adjusted order' : null,
    metadata: {},
    number: `${invoice.number}-CN-${String(++inv.creditNoteCount).padStart(2, '0')}`,
    out_of_band_amount: settlement === 'out_of_band' ? amount : null,
    pdf: `https://pay.stripe.com/credit_notes/acct_sandbox/test_${id}/pdf`,
    post_payment_amount: pre ? 0 : amount,
    pre_payment_amount: pre ? amount : 0,
    pretax_credit_amounts: [],
    reason,
    refunds,
    shipping_cost: null,
    status: 'issued',
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    total_taxes: [],
    type: pre ? 'pre_payment' : 'post_payment',
    voided_at: null,
  };
  ctx.items.object(creditNote);
  ctx.items.event('credit_note.created', creditNote, at);
  if (pre) {
    updateInvoice(ctx, inv, {
      pre_payment_credit_notes_amount: invoice.pre_payment_credit_notes_amount + amount,
      amount_due: invoice.amount_due - amount,
      amount_remaining: invoice.amount_remaining - amount,
    }, at, 'invoice.updated');
  } else {
    updateInvoice(ctx, inv, { post_payment_credit_notes_amount: invoice.post_payment_credit_notes_amount + amount }, at, 'invoice.updated');
  }
  return creditNote;
}

/**
 * Voids a credit note, which Stripe allows only while its invoice is open
 * (https://docs.stripe.com/api/credit_notes/void): the invoice asks for the pre-payment amount again.
 */
export function voidCreditNote(ctx: GenContext, inv: InvoiceState, note: CreditNote, at: number): CreditNote {
  if (inv.current.status !== 'open' || note.status !== 'issued') throw new Error(`generator bug: cannot void ${note.id} (invoice ${inv.current.status}, note ${note.status})`);
  const voided: CreditNote = { ...note, status: 'void', voided_at: at };
  ctx.items.event('credit_note.voided', voided, at);
  const pre = note.pre_payment_amount;
  updateInvoice(ctx, inv, {
    pre_payment_credit_notes_amount: inv.current.pre_payment_credit_notes_amount - pre,
    amount_due: inv.current.amount_due + pre,
    amount_remaining: inv.current.amount_remaining + pre,
  }, at, 'invoice.updated');
  return voided;
}
