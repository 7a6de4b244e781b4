// `POST /v1/credit_notes/{id}/void` (https://docs.stripe.com/api/credit_notes/void): "You can only void a credit
// note if the associated invoice is open" (the API reference of the Stripe SDKs, e.g. async-stripe's
// `CreditNote::void`). The note becomes `status: void` with `voided_at`; the open invoice asks for its
// pre-payment amount again (`pre_payment_credit_notes_amount` down, `amount_due` and `amount_remaining` up).
// Both changes are written as the events Stripe sends: `credit_note.voided` and `invoice.updated`.
import { invalidRequest } from './stripe-error.js';
import type { JsonObject } from './world-source.js';

export interface VoidedCreditNote {
  creditNote: JsonObject;
  invoice: JsonObject;
}

/** The voided note and its invoice as they are after the void, or the error Stripe answers with. */
export function voidCreditNote(note: JsonObject, invoice: JsonObject | undefined, clock: number): VoidedCreditNote {
  if (note.status === 'void') throw invalidRequest(`The credit note ${String(note.id)} has already been voided.`);
  if (!invoice || invoice.status !== 'open') {
    throw invalidRequest(
      `You can only void a credit note if the associated invoice is open; invoice ${String(invoice?.id ?? note.invoice)} is ${String(invoice?.status ?? 'missing')}.`,
    );
  }
  const pre = Number(note.pre_payment_amount ?? 0);
  const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return {
    creditNote: { ...note, status: 'void', voided_at: clock },
    invoice: {
      ...invoice,
      pre_payment_credit_notes_amount: num(invoice.pre_payment_credit_notes_amount) - pre,
      amount_due: num(invoice.amount_due) + pre,
      amount_remaining: num(invoice.amount_remaining) + pre,
    },
  };
}
