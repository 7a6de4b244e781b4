// `expand[]`: replaces id strings with the objects they name, as the world holds them at the
// clock, along dotted paths (`customer`, `data.charge`, `data.payment.payment_intent.customer`).
// Copies only the containers along each path; stored objects are shared and never mutated.
import { invalidRequest } from './stripe-error.js';
import type { JsonObject } from './world-source.js';

/** Stripe allows expansions up to four levels deep (not counting a list's `data`). */
const MAX_DEPTH = 4;
const LOOKS_LIKE_ID = /^[a-z][a-z0-9]*_[A-Za-z0-9_]+$/;

export type Resolve = (id: string) => JsonObject | undefined;

export function expandAll(root: JsonObject, paths: string[], resolve: Resolve, paramName = 'expand'): JsonObject {
  let out = root;
  // Shorter paths first, so `data.charge` is in place before `data.charge.customer` walks into it.
  const ordered = paths.map((p, i) => ({ p, i })).sort((a, b) => a.p.split('.').length - b.p.split('.').length);
  for (const { p, i } of ordered) {
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

function expandPath(node: unknown, segs: string[], resolve: Resolve, full: string, param: string): unknown {
  if (segs.length === 0 || node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((el) => expandPath(el, segs, resolve, full, param));
  const obj = node as JsonObject;
  const [seg, ...rest] = segs;
  if (!(seg in obj)) throw invalidRequest(`This property cannot be expanded (${full}).`, param);
  const value = obj[seg];
  let next: unknown = value;
  if (typeof value === 'string') {
    const found = resolve(value);
    if (found) next = expandPath(found, rest, resolve, full, param);
    else if (!LOOKS_LIKE_ID.test(value)) throw invalidRequest(`This property cannot be expanded (${full}).`, param);
  } else if (value !== null && typeof value === 'object') {
    next = expandPath(value, rest, resolve, full, param);
  }
  return next === value ? obj : { ...obj, [seg]: next };
}
