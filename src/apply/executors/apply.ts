// apply: PATCH a record this connector made earlier (its `target`), e.g. apply a held credit memo once its invoice
// is paid. A PATCH of the same fields twice changes nothing (scalar fields, and sublist lines keyed by `doc`), so
// an unsure attempt of an earlier run is simply sent again. A response lost in this run is resolved here, not
// left to the next run: the record is read back, and the PATCH is sent again only if the record does not carry it.
import type { ApplyOperation } from '../../plan/operation.js';
import { NetSuiteError } from '../../netsuite/errors.js';
import { ExactDecimal } from '../../accounting/exact-decimal.js';
import { UnresolvedReferenceError } from '../resolve-refs.js';
import type { ExecutorContext, Executed } from './executor.js';

export async function executeApply(op: ApplyOperation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  const targetId = ctx.internalIdOf(op.target);
  if (!targetId) throw new UnresolvedReferenceError(op.target);
  for (let round = 1; ; round++) {
    try {
      await ctx.client.update(op.recordType, targetId, body);
      return { internalId: targetId, created: false };
    } catch (err) {
      if (!(err instanceof NetSuiteError && err.outcomeUnknown) || round >= MAX_ROUNDS) throw err;
      const record = await ctx.client.get(op.recordType, targetId, { expandSubResources: true });
      if (carries(record, body)) return { internalId: targetId, created: false };
    }
  }
}

/** PATCHes sent in all when responses keep getting lost (each followed by a read-back). */
const MAX_ROUNDS = 3;

/** Whether the record as read back has every field of the PATCH body (sublist lines matched by `doc`). */
export function carries(record: Record<string, unknown>, body: Record<string, unknown>): boolean {
  return Object.entries(body).every(([field, value]) => {
    const items = (value as { items?: unknown } | null)?.items;
    if (Array.isArray(items)) return items.every((line) => hasLine(record[field], line as Record<string, unknown>));
    return sameValue(record[field], value);
  });
}

function hasLine(sublist: unknown, want: Record<string, unknown>): boolean {
  const lines = (sublist as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [];
  const doc = idOf(want.doc);
  const line = lines.find((l) => doc !== undefined && idOf(l.doc) === doc);
  // No line for the document says nothing sure (a read may list only the open documents): send it again, which
  // sets the same fields on the same keyed line.
  if (!line) return false;
  return Object.entries(want).every(([k, v]) => k === 'doc' || sameValue(line[k], v));
}

function idOf(ref: unknown): string | undefined {
  if (ref && typeof ref === 'object' && 'id' in ref) return String((ref as { id: unknown }).id);
  return ref === undefined || ref === null ? undefined : String(ref);
}

function sameValue(actual: unknown, wanted: unknown): boolean {
  // Read back exactly (exact-json.ts), an amount beyond a double's digits is its text.
  if (wanted instanceof ExactDecimal) return String(actual) === wanted.value;
  if (wanted && typeof wanted === 'object' && 'id' in wanted) return idOf(actual) === idOf(wanted);
  if (typeof wanted === 'number') return Number(actual) === wanted;
  return actual === wanted;
}
