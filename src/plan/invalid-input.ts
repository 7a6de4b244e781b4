// Stripe objects the plan cannot use. Money is integer minor units held in JavaScript numbers, exact only up to
// Number.MAX_SAFE_INTEGER (2^53−1): an integer beyond that has already lost digits in parsing, so the object is
// bad input, named (object, field, value), never rounded. Pure: the caller drops such objects and blocks what
// refers to them (run/plan-partitions.ts).
import { isObj, referencedId, referencedIds, walkReferences } from '../stripe-types/references.js';

/** The shared objects (prices, products, coupons) an object names: its lines' prices and products, its discounts' coupons. */
export function sharedReferences(type: string, object: Record<string, unknown>): string[] {
  const out: string[] = [];
  walkReferences(type, object, 'fetch', {
    reference: ({ holder, field, to }) => {
      const id = to === 'price' || to === 'product' || to === 'coupon' ? referencedId(holder[field]) : null;
      if (id) out.push(id);
    },
    // A discount names its coupon in `source.coupon` (an id or the expanded coupon).
    discount: (d) => {
      const id = isObj(d) && isObj(d.source) ? referencedId(d.source.coupon) : null;
      if (id) out.push(id);
    },
  });
  return out;
}


export interface InvalidObject {
  id: string;
  type: string;
  /** Names the field and value, or what the plan failed on. */
  problem: string;
}

/** The first number in `object` that is not a safe integer and not an ordinary fraction (e.g. an exchange rate). */
export function unsafeNumber(object: unknown, path = ''): { field: string; value: number } | undefined {
  if (typeof object === 'number') {
    const bad = !Number.isFinite(object) || (Number.isInteger(object) && !Number.isSafeInteger(object));
    return bad ? { field: path, value: object } : undefined;
  }
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      const found = unsafeNumber(object[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (object && typeof object === 'object') {
    for (const [k, v] of Object.entries(object)) {
      const found = unsafeNumber(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

/** Why the plan cannot use this object, when a number in it is outside the safe-integer range. */
export function invalidInput(type: string, object: { id: string } & Record<string, unknown>): InvalidObject | undefined {
  const bad = unsafeNumber(object);
  if (!bad) return undefined;
  return {
    id: object.id,
    type,
    problem: `${type} ${object.id}: field ${bad.field} = ${String(bad.value)} is outside the range of exact amounts (±${Number.MAX_SAFE_INTEGER}); not rounded, not synced`,
  };
}

/**
 * The objects among `snapshots` that refer, directly or through each other, to an invalid object, each with the
 * invalid object it leads to. A balance transaction leads its payout to it: the deposit would miss a line.
 */
export function dependentsOfInvalid(
  snapshots: ReadonlyArray<{ type: string; object: { id: string } & Record<string, unknown> }>,
  invalid: ReadonlyMap<string, InvalidObject>,
): Map<string, InvalidObject> {
  if (invalid.size === 0) return new Map();
  const edges = snapshots.map((s) => {
    const refs = new Set([
      ...referencedIds(s.type, s.object, 'partition'),
      ...referencedIds(s.type, s.object, 'deposit-source'),
      ...referencedIds(s.type, s.object, 'deposit-referrer'),
      // Shared objects are in no partition: an invoice whose price is invalid cannot be synced either.
      ...sharedReferences(s.type, s.object),
    ]);
    return { id: s.object.id, refs };
  });
  // A payout's deposit is made of its balance transactions: the payout depends on each of them.
  const payoutOf = new Map<string, string[]>();
  for (const s of snapshots) {
    if (s.type === 'balance_transaction' && typeof s.object.payout === 'string') {
      const list = payoutOf.get(s.object.payout) ?? [];
      list.push(s.object.id);
      payoutOf.set(s.object.payout, list);
    }
  }
  for (const e of edges) for (const bt of payoutOf.get(e.id) ?? []) e.refs.add(bt);
  const tainted = new Map<string, InvalidObject>();
  const cause = (id: string) => invalid.get(id) ?? tainted.get(id);
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      if (tainted.has(e.id) || invalid.has(e.id)) continue;
      for (const r of e.refs) {
        const c = cause(r);
        if (c) {
          tainted.set(e.id, c);
          changed = true;
          break;
        }
      }
    }
  }
  return tainted;
}
