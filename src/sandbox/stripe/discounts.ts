// Discounts as Stripe serves them: `discounts` on invoices, invoice line items, subscriptions and
// invoice items are a list of discount ids unless the request expands them (`expand[]=discounts`,
// `data.discounts` on lists, `lines.data.discounts` for an invoice's embedded lines), when each id
// becomes the Discount object. Stripe has no endpoint that retrieves a discount, so a world holds
// discount objects only inside other objects (the generator writes them expanded on invoices, and as
// ids on lines and subscriptions); the world index keeps every one it finds for expansions.
import type { JsonObject } from './world-source.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Object types whose `discounts` list is ids unless expanded. */
const HOLDERS = new Set(['invoice', 'line_item', 'subscription', 'invoiceitem']);

function idsOf(list: unknown[]): { ids: unknown[]; changed: boolean } {
  let changed = false;
  const ids = list.map((d) => {
    if (isObj(d) && typeof d.id === 'string') {
      changed = true;
      return d.id;
    }
    return d;
  });
  return { ids, changed };
}

function collapseOne(obj: Obj): Obj {
  if (!HOLDERS.has(obj.object as string)) return obj;
  let out = obj;
  if (Array.isArray(obj.discounts)) {
    const { ids, changed } = idsOf(obj.discounts);
    if (changed) out = { ...out, discounts: ids };
  }
  const lines = obj.lines;
  if (obj.object === 'invoice' && isObj(lines) && Array.isArray(lines.data)) {
    let linesChanged = false;
    const data = lines.data.map((l) => {
      const c = isObj(l) ? collapseOne(l) : l;
      if (c !== l) linesChanged = true;
      return c;
    });
    if (linesChanged) out = { ...out, lines: { ...lines, data } };
  }
  return out;
}

/** The object with its discount lists (and its embedded lines' ones) as ids. Never mutates `obj`. */
export function collapseDiscounts(obj: JsonObject): JsonObject {
  return collapseOne(obj);
}

/** Every expanded Discount object an object carries where Stripe puts them. */
export function discountsIn(obj: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const take = (v: unknown): void => {
    if (isObj(v) && v.object === 'discount' && typeof v.id === 'string') out.push(v);
  };
  if (HOLDERS.has(obj.object as string) && Array.isArray(obj.discounts)) obj.discounts.forEach(take);
  if (obj.object === 'customer') take(obj.discount);
  const lines = obj.lines;
  if (obj.object === 'invoice' && isObj(lines) && Array.isArray(lines.data)) {
    for (const l of lines.data) if (isObj(l) && Array.isArray(l.discounts)) l.discounts.forEach(take);
  }
  return out;
}
