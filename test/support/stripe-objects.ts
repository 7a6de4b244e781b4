// The one Stripe object factory of the tests: one function per object type, each Stripe's own example object of
// that type (stripe-examples.json, written by scripts/generate-stripe-examples.mjs from Stripe's API fixtures) with
// the fields a test states laid over it. A test names what it is about; every other field is there, as Stripe
// would send it. Builders that keep Stripe's arithmetic (invoice totals, payout sweeps) build through these.
import type Stripe from 'stripe';
import EXAMPLES from './stripe-examples.json' with { type: 'json' };

/** What a test states about an object: any of the type's fields (loosely typed: tests also build odd shapes). */
export type Fields<T> = { [K in keyof T]?: unknown } & { [field: string]: unknown };

type ExampleType = keyof typeof EXAMPLES;

function make<T>(type: ExampleType, fields: object): T {
  // A deep copy: tests change the objects they get, and the examples are shared.
  return { ...(structuredClone(EXAMPLES[type]) as object), ...fields } as T;
}

/** A Stripe object as open JSON, for builders that read their objects back loosely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseObject = { id: string; object: string; created: number; [field: string]: any };

/** Stripe's example of `type` with `fields` over it, as open JSON (test/e2e/scenario-world.ts builds with it). */
export function stripeObject(type: ExampleType, fields: Record<string, unknown>): LooseObject {
  return make<LooseObject>(type, fields);
}

export const customer = (f: Fields<Stripe.Customer>): Stripe.Customer => make('customer', f);
export const product = (f: Fields<Stripe.Product>): Stripe.Product => make('product', f);
export const price = (f: Fields<Stripe.Price>): Stripe.Price => make('price', f);
export const coupon = (f: Fields<Stripe.Coupon>): Stripe.Coupon => make('coupon', f);
export const discount = (f: Fields<Stripe.Discount>): Stripe.Discount => make('discount', f);
export const invoice = (f: Fields<Stripe.Invoice>): Stripe.Invoice => make('invoice', f);
export const invoiceLineItem = (f: Fields<Stripe.InvoiceLineItem>): Stripe.InvoiceLineItem => make('line_item', f);
export const invoicePayment = (f: Fields<Stripe.InvoicePayment>): Stripe.InvoicePayment => make('invoice_payment', f);
export const paymentRecord = (f: Fields<Stripe.PaymentRecord>): Stripe.PaymentRecord => make('payment_record', f);
export const paymentIntent = (f: Fields<Stripe.PaymentIntent>): Stripe.PaymentIntent => make('payment_intent', f);
export const charge = (f: Fields<Stripe.Charge>): Stripe.Charge => make('charge', f);
export const refund = (f: Fields<Stripe.Refund>): Stripe.Refund => make('refund', f);
export const dispute = (f: Fields<Stripe.Dispute>): Stripe.Dispute => make('dispute', f);
export const payout = (f: Fields<Stripe.Payout>): Stripe.Payout => make('payout', f);
export const balanceTransaction = (f: Fields<Stripe.BalanceTransaction>): Stripe.BalanceTransaction => make('balance_transaction', f);
export const creditNote = (f: Fields<Stripe.CreditNote>): Stripe.CreditNote => make('credit_note', f);
export const creditNoteLineItem = (f: Fields<Stripe.CreditNoteLineItem>): Stripe.CreditNoteLineItem => make('credit_note_line_item', f);
export const subscription = (f: Fields<Stripe.Subscription>): Stripe.Subscription => make('subscription', f);
export const event = (f: Fields<Stripe.Event>): Stripe.Event => make('event', f);
