// Turns one object as the API returned it into what the ledger stores: expanded references become ids
// again (the expanded object is stored on its own), and the references the plan will need are named so
// extraction can fetch the ones the ledger lacks. Discounts stay expanded (see resources.ts).
import type { StripeObjectLike } from '../ledger/snapshots.js';

export interface Ref {
  type: string;
  id: string;
}

export interface Normalized {
  object: StripeObjectLike;
  /** Objects that came expanded inside it. */
  embedded: StripeObjectLike[];
  /** Objects it refers to by id only. */
  refs: Ref[];
  /** Discount ids not expanded (the object must be completed before it is stored). */
  discountIds: string[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStripeObject = (v: unknown): v is StripeObjectLike =>
  isObj(v) && typeof v.id === 'string' && typeof v.object === 'string';

export function normalize(input: StripeObjectLike): Normalized {
  const object = structuredClone(input) as StripeObjectLike;
  const embedded: StripeObjectLike[] = [];
  const refs: Ref[] = [];
  const discountIds: string[] = [];

  /** A reference field: an id is noted, an expanded object is stored separately and replaced by its id. */
  const ref = (holder: Obj | undefined, field: string, type: string): void => {
    if (!holder) return;
    const v = holder[field];
    if (typeof v === 'string' && v !== '') {
      refs.push({ type, id: v });
    } else if (isStripeObject(v)) {
      const inner = normalize(v);
      embedded.push(inner.object, ...inner.embedded);
      refs.push(...inner.refs);
      holder[field] = v.id;
    }
  };

  const discounts = (holder: Obj): void => {
    const list = holder.discounts;
    if (!Array.isArray(list)) return;
    for (const d of list) {
      if (typeof d === 'string') discountIds.push(d);
      else if (isObj(d) && isObj(d.source)) ref(d.source, 'coupon', 'coupon');
    }
  };

  const lines = (): Obj[] => {
    const l = object.lines;
    return isObj(l) && Array.isArray(l.data) ? (l.data as Obj[]) : [];
  };

  switch (object.object) {
    case 'invoice':
      ref(object, 'customer', 'customer');
      discounts(object);
      for (const line of lines()) {
        const details = isObj(line.pricing) && isObj(line.pricing.price_details) ? line.pricing.price_details : undefined;
        ref(details, 'price', 'price');
        ref(details, 'product', 'product');
        discounts(line);
      }
      break;
    case 'credit_note':
      ref(object, 'customer', 'customer');
      ref(object, 'invoice', 'invoice');
      break;
    case 'charge':
      ref(object, 'customer', 'customer');
      // A failed bank debit's refund is dated on its failure transaction, which no payout may have swept yet.
      ref(object, 'failure_balance_transaction', 'balance_transaction');
      break;
    case 'invoice_payment': {
      ref(object, 'invoice', 'invoice');
      const payment = isObj(object.payment) ? object.payment : undefined;
      ref(payment, 'payment_intent', 'payment_intent');
      ref(payment, 'charge', 'charge');
      break;
    }
    case 'payment_intent':
      ref(object, 'customer', 'customer');
      ref(object, 'latest_charge', 'charge');
      break;
    case 'refund':
    case 'dispute':
      ref(object, 'charge', 'charge');
      break;
    case 'price':
      ref(object, 'product', 'product');
      break;
    default:
      break;
  }
  return { object, embedded, refs, discountIds };
}

/** Whether the object's `lines` list stops short of its last line. */
export function linesIncomplete(object: StripeObjectLike): boolean {
  const l = object.lines;
  return isObj(l) && l.has_more === true;
}

/**
 * Puts expanded discount objects in place of discount ids, from `known` (discounts seen expanded
 * elsewhere: a stored snapshot, another object of this run). Returns the ids it could not resolve.
 */
export function resolveDiscounts(object: StripeObjectLike, known: Map<string, Obj>): string[] {
  const missing: string[] = [];
  const fill = (holder: Obj): void => {
    if (!Array.isArray(holder.discounts)) return;
    holder.discounts = holder.discounts.map((d: unknown) => {
      if (typeof d !== 'string') return d;
      const found = known.get(d);
      if (!found) missing.push(d);
      return found ?? d;
    });
  };
  fill(object);
  const l = object.lines;
  if (isObj(l) && Array.isArray(l.data)) for (const line of l.data) if (isObj(line)) fill(line);
  return missing;
}

/** Every expanded discount inside an invoice, by id (to fill in other snapshots of the same invoice). */
export function expandedDiscounts(object: StripeObjectLike): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const take = (holder: Obj): void => {
    if (!Array.isArray(holder.discounts)) return;
    for (const d of holder.discounts) if (isObj(d) && typeof d.id === 'string') out.set(d.id, d);
  };
  take(object);
  const l = object.lines;
  if (isObj(l) && Array.isArray(l.data)) for (const line of l.data) if (isObj(line)) take(line);
  return out;
}
