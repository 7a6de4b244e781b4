// The catalog of Stripe object types: one description per type (one file each, in this folder). Everything the
// engines hold per type derives from it: extraction (resources, windows, events, finality, references to fetch),
// ledger slimming, plan buckets and partitions. A type added to `StripeObjectType` and not here fails to compile.
import type { ObjectTypeDescription, StripeObjectType } from './object-type.js';
import { balanceTransaction } from './balance-transaction.js';
import { charge } from './charge.js';
import { coupon } from './coupon.js';
import { creditNote } from './credit-note.js';
import { customer } from './customer.js';
import { dispute } from './dispute.js';
import { invoice } from './invoice.js';
import { invoicePayment } from './invoice-payment.js';
import { paymentIntent } from './payment-intent.js';
import { payout } from './payout.js';
import { price } from './price.js';
import { product } from './product.js';
import { refund } from './refund.js';

export type { ObjectTypeDescription, StripeObjectType } from './object-type.js';

/**
 * In the order the engines go through types: `created` windows are listed, the sweep re-reads and the plan's
 * maps are declared in this order.
 */
export const CATALOG = {
  customer,
  invoice,
  invoice_payment: invoicePayment,
  charge,
  payment_intent: paymentIntent,
  refund,
  dispute,
  credit_note: creditNote,
  payout,
  balance_transaction: balanceTransaction,
  price,
  product,
  coupon,
} satisfies { [T in StripeObjectType]: ObjectTypeDescription<T> };

export type Catalog = typeof CATALOG;

export const OBJECT_TYPES = Object.keys(CATALOG) as StripeObjectType[];

export function isStripeObjectType(type: string): type is StripeObjectType {
  return Object.prototype.hasOwnProperty.call(CATALOG, type);
}

/** The description of a type, or undefined for a type the connector does not store. */
export function descriptionOf(type: string): ObjectTypeDescription | undefined {
  return isStripeObjectType(type) ? CATALOG[type] : undefined;
}

/** The types whose descriptions pass `test`, in catalog order. */
export function typesWhere(test: (d: ObjectTypeDescription) => boolean): StripeObjectType[] {
  return OBJECT_TYPES.filter((t) => test(CATALOG[t]));
}

/**
 * How the events feed is read: `types[]` takes up to 20 event types, so the feed is one listing per group. A
 * type's events are all in one listing (the newest event of an object is picked within a listing). A type with
 * events must be in exactly one group (checked when this module loads).
 */
export const EVENT_FEED: readonly (readonly StripeObjectType[])[] = [
  ['invoice', 'invoice_payment', 'charge'],
  ['dispute', 'refund', 'credit_note', 'payout'],
];

const MAX_EVENT_TYPES_PER_LISTING = 20;

function checkEventFeed(): void {
  const seen = new Set<StripeObjectType>();
  for (const group of EVENT_FEED) {
    let n = 0;
    for (const t of group) {
      if (seen.has(t)) throw new Error(`catalog: ${t} is in two EVENT_FEED listings`);
      seen.add(t);
      n += CATALOG[t].events.length;
    }
    if (n > MAX_EVENT_TYPES_PER_LISTING) throw new Error(`catalog: an EVENT_FEED listing has ${n} event types (max 20)`);
  }
  for (const t of OBJECT_TYPES) {
    if (CATALOG[t].events.length > 0 && !seen.has(t)) throw new Error(`catalog: ${t} has events but no EVENT_FEED listing`);
  }
}
checkEventFeed();
