// SDK responses as plain JSON. stripe@23 turns `*_decimal` strings into Decimal objects (and would
// carry `lastResponse` along); the ledger stores JSON, so decimals go back to their string form.
// Event payloads are not coerced by the SDK: the same canonical form is applied to them, so one
// object hashes the same whichever way it was read.
import Stripe from 'stripe';

export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Rewrites every `…_decimal` string the way the SDK renders a Decimal ("12.50" → "12.5"). */
export function canonicalDecimals<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => canonicalDecimals(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string' && k.endsWith('_decimal')) {
      try {
        out[k] = Stripe.Decimal.from(v).toString();
      } catch {
        out[k] = v;
      }
    } else out[k] = canonicalDecimals(v);
  }
  return out as T;
}
