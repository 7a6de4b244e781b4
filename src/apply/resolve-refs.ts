// Replaces the plan's `$ref`/`$refId` placeholders with the internal ids of records already made.
import { ExactDecimal } from '../accounting/exact-decimal.js';

export class UnresolvedReferenceError extends Error {
  constructor(readonly key: string) {
    super(`references ${key}, which has no NetSuite record yet`);
    this.name = 'UnresolvedReferenceError';
  }
}

export function resolveRefs(value: unknown, internalIdOf: (key: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, internalIdOf));
  // An exact amount is a value, not a structure to copy (exact-decimal.ts).
  if (value instanceof ExactDecimal) return value;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$ref === 'string' || typeof o.$refId === 'string') {
      const key = (o.$ref ?? o.$refId) as string;
      const id = internalIdOf(key);
      if (id === undefined) throw new UnresolvedReferenceError(key);
      if (typeof o.$ref === 'string') return { id };
      // A bare id field is int64 in the schema (deposit.md, deposit-paymentElement `id`): a JSON integer.
      const n = Number(id);
      if (!Number.isSafeInteger(n)) throw new Error(`internal id ${JSON.stringify(id)} of ${key} is not an integer`);
      return n;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = resolveRefs(v, internalIdOf);
    return out;
  }
  return value;
}
