// Walks the reference fields a type's description names (object-type.ts `references`). The reference graph is
// written once, in the descriptions; extraction (what to fetch, what to un-expand), the plan's partitions and
// the deposits pass read it through these functions.
import { descriptionOf } from './catalog.js';
import type { ReferenceSpec, ReferenceUse, StripeObjectType } from './object-type.js';

type Obj = Record<string, unknown>;

/** Paths split once (the plan walks every object of the ledger). */
const stepsCache = new Map<string, readonly string[]>();
const stepsOf = (path: string): readonly string[] => {
  let steps = stepsCache.get(path);
  if (!steps) stepsCache.set(path, (steps = path.split('.')));
  return steps;
};

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A reference field found in an object: the object holding it, the field, and what it refers to. */
export interface FoundReference {
  holder: Obj;
  field: string;
  to: StripeObjectType | 'any';
}

/** What a walk meets, in the order the description lists it. */
export interface ReferenceVisitor {
  reference?(found: FoundReference): void;
  /** A discount list's element: an id, or a discount object (kept expanded). */
  discount?(discount: unknown): void;
}

/**
 * Visits the references of `object` (of `type`) used for `use`, in description order; a list (`each`, `[]`) is
 * walked element by element. Holders that are missing or not objects are skipped.
 */
export function walkReferences(type: string, object: Obj, use: ReferenceUse, visit: ReferenceVisitor): void {
  const d = descriptionOf(type);
  if (d) walkSpecs(d.references, object, use, visit);
}

function walkSpecs(specs: readonly ReferenceSpec[], object: Obj, use: ReferenceUse, visit: ReferenceVisitor): void {
  for (const spec of specs) {
    if ('each' in spec) {
      for (const element of elementsAt(object, spec.each)) if (isObj(element)) walkSpecs(spec.references, element, use, visit);
    } else if ('discounts' in spec) {
      // Discounts are walked for fetching only: their coupons.
      if (use !== 'fetch' || !visit.discount) continue;
      const list = object[spec.discounts];
      if (Array.isArray(list)) for (const discount of list) visit.discount(discount);
    } else if (spec.for.includes(use)) {
      for (const found of fieldsAt(object, spec.path)) visit.reference?.({ ...found, to: spec.to });
    }
  }
}

/** The elements of the list at a dotted path (none when any step is missing). */
function elementsAt(object: Obj, path: string): unknown[] {
  let at: unknown = object;
  for (const step of stepsOf(path)) at = isObj(at) ? at[step] : undefined;
  return Array.isArray(at) ? at : [];
}

/** The (holder, field) pairs a dotted path names; a step ending in `[]` fans out over a list. */
function fieldsAt(object: Obj, path: string): Array<{ holder: Obj; field: string }> {
  let holders: unknown[] = [object];
  const steps = stepsOf(path);
  const last = steps[steps.length - 1];
  for (const step of steps.slice(0, -1)) holders = holders.flatMap((h) => stepInto(h, step));
  if (last.endsWith('[]')) {
    // A list of references: each element is a field, the list its holder (indexed by position).
    const out: Array<{ holder: Obj; field: string }> = [];
    for (const h of holders) {
      const list = isObj(h) ? h[last.slice(0, -2)] : undefined;
      if (Array.isArray(list)) list.forEach((_, i) => out.push({ holder: list as unknown as Obj, field: String(i) }));
    }
    return out;
  }
  return holders.filter(isObj).map((holder) => ({ holder, field: last }));
}

function stepInto(holder: unknown, step: string): unknown[] {
  if (!isObj(holder)) return [];
  if (step.endsWith('[]')) {
    const list = holder[step.slice(0, -2)];
    return Array.isArray(list) ? list : [];
  }
  return [holder[step]];
}

/** The id a reference field holds: the id, or the expanded object's id. */
export function referencedId(v: unknown): string | null {
  if (typeof v === 'string') return v || null;
  if (isObj(v) && typeof v.id === 'string') return v.id || null;
  return null;
}

/** The ids `object` refers to for `use`, in description order. */
export function referencedIds(type: string, object: Obj, use: ReferenceUse): string[] {
  const out: string[] = [];
  walkReferences(type, object, use, {
    reference: ({ holder, field }) => {
      const id = referencedId(holder[field]);
      if (id) out.push(id);
    },
  });
  return out;
}
