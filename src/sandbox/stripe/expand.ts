// `expand[]`: replaces id strings with the objects they name, as the world holds them at the
// clock, along dotted paths (`customer`, `data.charge`, `data.payment.payment_intent.customer`).
// Copies only the containers along each path; stored objects are shared and never mutated.
import { invalidRequest } from './stripe-error.js';
import type { JsonObject } from './world-source.js';

/** Stripe allows expansions up to four levels deep (not counting a list's `data`). */
const MAX_DEPTH = 4;
const LOOKS_LIKE_ID = /^[a-z][a-z0-9]*_[A-Za-z0-9_]+$/;

export type Resolve = (id: string) => JsonObject | undefined;

/** `skip` names paths the caller serves itself (includable properties, see stripe-api.ts). */
export function expandAll(
  root: JsonObject,
  paths: string[],
  resolve: Resolve,
  paramName = 'expand',
  skip: (path: string) => boolean = () => false,
): JsonObject {
  let out = root;
  // Shorter paths first, so `data.charge` is in place before `data.charge.customer` walks into it.
  const ordered = paths.map((p, i) => ({ p, i })).sort((a, b) => a.p.split('.').length - b.p.split('.').length);
  for (const { p, i } of ordered) {
    if (skip(p)) continue;
    const segs = p.split('.');
    if (segs.some((s) => s === '') || segs.filter((s) => s !== 'data').length > MAX_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property, and each level needs a name: ${p}`,
        `${paramName}[${i}]`,
      );
    }
    out = expandPath(out, segs, resolve, p, `${paramName}[${i}]`) as JsonObject;
  }
  return out;
}

/**
 * Whether a value can be what an expandable property holds: a reference is an object id (or null,
 * or already an object with an id), or a list of them (`discounts`). Anything else (an amount, a
 * status, a plain hash like `status_transitions`, the object's own `id`) is a property Stripe
 * refuses to expand with "This property cannot be expanded (<path>)."
 */
function referenceLike(value: unknown, seg: string): boolean {
  if (seg === 'id' || seg === 'object') return false;
  if (value === null) return true;
  if (typeof value === 'string') return LOOKS_LIKE_ID.test(value);
  if (Array.isArray(value)) return value.every((v) => v === null || referenceLike(v, ''));
  if (typeof value === 'object') return typeof (value as JsonObject).id === 'string';
  return false;
}

/**
 * An invoice payment's `payment` hash holds only the reference its `type` names, yet Stripe's schema
 * declares all three expandable (node_modules/stripe/cjs/resources/InvoicePayments.d.ts, `Payment`:
 * `charge?`, `payment_intent?`, `payment_record?`, each `string | <Object>`), so expanding an absent
 * one on a list of mixed payments is accepted and leaves it absent.
 */
const PAYMENT_REFERENCES = new Set(['charge', 'payment_intent', 'payment_record']);
function optionalReference(obj: JsonObject, seg: string): boolean {
  return PAYMENT_REFERENCES.has(seg) && typeof obj.type === 'string' && PAYMENT_REFERENCES.has(obj.type) && !('id' in obj);
}

function expandPath(node: unknown, segs: string[], resolve: Resolve, full: string, param: string): unknown {
  if (segs.length === 0 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((el) => expandPath(el, segs, resolve, full, param));
  const obj = node as JsonObject;
  const [seg, ...rest] = segs;
  const refuse = (): never => {
    throw invalidRequest(`This property cannot be expanded (${full}).`, param);
  };
  if (!(seg in obj)) {
    if (optionalReference(obj, seg)) return obj;
    refuse();
  }
  const value = obj[seg];
  // The last segment names the property to expand; earlier ones may also walk through plain hashes.
  if (rest.length === 0 && !referenceLike(value, seg)) refuse();
  if (rest.length > 0 && (typeof value === 'number' || typeof value === 'boolean')) refuse();
  let next: unknown = value;
  if (typeof value === 'string') {
    const found = resolve(value);
    if (found) next = expandPath(found, rest, resolve, full, param);
    else if (!LOOKS_LIKE_ID.test(value)) refuse();
  } else if (Array.isArray(value)) {
    next = value.map((el) => {
      if (typeof el !== 'string') return expandPath(el, rest, resolve, full, param);
      const found = resolve(el);
      return found ? expandPath(found, rest, resolve, full, param) : el;
    });
  } else if (value !== null && typeof value === 'object') {
    next = expandPath(value, rest, resolve, full, param);
  }
  return next === value ? obj : { ...obj, [seg]: next };
}
