// Turns one object as the API returned it into what the ledger stores: expanded references become ids
// again (the expanded object is stored on its own), and the references the plan will need are named so
// extraction can fetch the ones the ledger lacks. Discounts stay expanded (see stripe-types/invoice.ts).
import type { StripeObjectLike } from '../ledger/snapshots.js';
import { isObj, walkReferences } from '../stripe-types/references.js';

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

const isStripeObject = (v: unknown): v is StripeObjectLike =>
  isObj(v) && typeof v.id === 'string' && typeof v.object === 'string';

export function normalize(input: StripeObjectLike): Normalized {
  const object = structuredClone(input) as StripeObjectLike;
  const embedded: StripeObjectLike[] = [];
  const refs: Ref[] = [];
  const discountIds: string[] = [];

  /** A reference field: an id is noted, an expanded object is stored separately and replaced by its id. */
  const ref = (holder: Obj, field: string, type: string): void => {
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

  // The fields to fetch are those the type's description (stripe-types/) marks `fetch`.
  walkReferences(object.object, object, 'fetch', {
    reference: ({ holder, field, to }) => ref(holder, field, to),
    discount: (d) => {
      if (typeof d === 'string') discountIds.push(d);
      else if (isObj(d) && isObj(d.source)) ref(d.source, 'coupon', 'coupon');
    },
  });
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
