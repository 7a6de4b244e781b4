// The Stripe resources extraction reads: how each is listed and retrieved, and which references are
// expanded in the same request (an expanded customer or payment intent costs no extra request).
import type Stripe from 'stripe';
import type { StripeObjectLike } from '../ledger/snapshots.js';
import { toPlain } from './plain-json.js';

export interface Page {
  data: StripeObjectLike[];
  has_more: boolean;
}

export type ListParams = Record<string, unknown>;

export interface ResourceApi {
  type: string;
  list?: (sdk: Stripe, params: ListParams) => Promise<Page>;
  retrieve?: (sdk: Stripe, id: string, params: ListParams) => Promise<StripeObjectLike>;
  /** Expansions for a retrieve; a list uses the same paths under `data.`. */
  expand: string[];
}

// The SDK's param types are per resource; the table is generic over them, hence the casts.
/* eslint-disable @typescript-eslint/no-explicit-any */
const asPage = (p: Promise<unknown>): Promise<Page> => p.then((v) => toPlain(v as Page));
const asObject = (p: Promise<unknown>): Promise<StripeObjectLike> => p.then((v) => toPlain(v as StripeObjectLike));

export const RESOURCES: Record<string, ResourceApi> = {
  invoice: {
    type: 'invoice',
    list: (s, p) => asPage(s.invoices.list(p as any)),
    retrieve: (s, id, p) => asObject(s.invoices.retrieve(id, p as any)),
    // Discounts are kept expanded in the stored invoice: a discount id alone does not name its coupon,
    // and Stripe has no endpoint to retrieve a discount.
    expand: ['customer', 'discounts', 'lines.data.discounts'],
  },
  invoice_payment: {
    type: 'invoice_payment',
    list: (s, p) => asPage(s.invoicePayments.list(p as any)),
    retrieve: (s, id, p) => asObject(s.invoicePayments.retrieve(id, p as any)),
    expand: ['payment.payment_intent'],
  },
  charge: {
    type: 'charge',
    list: (s, p) => asPage(s.charges.list(p as any)),
    retrieve: (s, id, p) => asObject(s.charges.retrieve(id, p as any)),
    expand: ['customer'],
  },
  refund: {
    type: 'refund',
    list: (s, p) => asPage(s.refunds.list(p as any)),
    retrieve: (s, id, p) => asObject(s.refunds.retrieve(id, p as any)),
    expand: [],
  },
  dispute: {
    type: 'dispute',
    list: (s, p) => asPage(s.disputes.list(p as any)),
    retrieve: (s, id, p) => asObject(s.disputes.retrieve(id, p as any)),
    expand: [],
  },
  credit_note: {
    type: 'credit_note',
    list: (s, p) => asPage(s.creditNotes.list(p as any)),
    retrieve: (s, id, p) => asObject(s.creditNotes.retrieve(id, p as any)),
    expand: ['customer'],
  },
  payout: {
    type: 'payout',
    list: (s, p) => asPage(s.payouts.list(p as any)),
    retrieve: (s, id, p) => asObject(s.payouts.retrieve(id, p as any)),
    expand: [],
  },
  payment_intent: {
    type: 'payment_intent',
    list: (s, p) => asPage(s.paymentIntents.list(p as any)),
    retrieve: (s, id, p) => asObject(s.paymentIntents.retrieve(id, p as any)),
    expand: [],
  },
  balance_transaction: {
    type: 'balance_transaction',
    list: (s, p) => asPage(s.balanceTransactions.list(p as any)),
    retrieve: (s, id, p) => asObject(s.balanceTransactions.retrieve(id, p as any)),
    expand: [],
  },
  customer: {
    type: 'customer',
    retrieve: (s, id, p) => asObject(s.customers.retrieve(id, p as any)),
    expand: [],
  },
  price: {
    type: 'price',
    list: (s, p) => asPage(s.prices.list(p as any)),
    retrieve: (s, id, p) => asObject(s.prices.retrieve(id, p as any)),
    expand: ['product'],
  },
  product: {
    type: 'product',
    retrieve: (s, id, p) => asObject(s.products.retrieve(id, p as any)),
    expand: [],
  },
  coupon: {
    type: 'coupon',
    retrieve: (s, id, p) => asObject(s.coupons.retrieve(id, p as any)),
    expand: [],
  },
};

/** Resources read by `created` window, in the order a run lists them. */
export const WINDOWED_TYPES = ['invoice', 'invoice_payment', 'charge', 'refund', 'dispute', 'credit_note', 'payout'] as const;

export const listExpand = (type: string): string[] => (RESOURCES[type]?.expand ?? []).map((p) => `data.${p}`);

export function listEvents(sdk: Stripe, params: ListParams): Promise<Page> {
  return asPage(sdk.events.list(params as any));
}

export function listInvoiceLines(sdk: Stripe, invoiceId: string, params: ListParams): Promise<Page> {
  return asPage(sdk.invoices.listLineItems(invoiceId, params as any));
}

export function listCreditNoteLines(sdk: Stripe, creditNoteId: string, params: ListParams): Promise<Page> {
  return asPage(sdk.creditNotes.listLineItems(creditNoteId, params as any));
}
