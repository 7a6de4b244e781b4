// Stripe API versions the sandbox knows, and how it renders an object in an older one.
//
// Known versions: every version some release of the official SDK pinned, as its CHANGELOG names
// them (node_modules/stripe/CHANGELOG.md, "This release changes the pinned API version to …"),
// plus the versions stripe-node v8–v10 pinned (2020-08-27, 2022-08-01, 2022-11-15). Stripe has
// more (any dated version since 2011); a version not listed here is refused with a 400 rather
// than guessed at, because this sandbox cannot say how Stripe would render it.
import Stripe from 'stripe';
import type { JsonObject } from './world-source.js';

/** The version the sandbox's world is written in: the SDK's pinned one (the generator's API_VERSION). */
export const CURRENT_API_VERSION: string = Stripe.API_VERSION;

export const KNOWN_API_VERSIONS: readonly string[] = [
  '2020-08-27', '2022-08-01', '2022-11-15', '2023-08-16', '2023-10-16', '2024-04-10', '2024-06-20',
  '2024-09-30.acacia', '2024-10-28.acacia', '2024-11-20.acacia', '2024-12-18.acacia', '2025-01-27.acacia',
  '2025-02-24.acacia', '2025-03-31.basil', '2025-04-30.basil', '2025-05-28.basil', '2025-06-30.basil',
  '2025-07-30.basil', '2025-08-27.basil', '2025-09-30.clover', '2025-10-29.clover', '2025-11-17.clover',
  '2025-12-15.clover', '2026-01-28.clover', '2026-02-25.clover', '2026-03-25.dahlia', '2026-04-22.dahlia',
  '2026-05-27.dahlia', '2026-06-24.dahlia', '2026-07-29.dahlia', '2026-08-26.dahlia', '2026-09-30.endive',
  '2026-10-28.endive',
];
const KNOWN = new Set(KNOWN_API_VERSIONS);
if (!KNOWN.has(CURRENT_API_VERSION)) throw new Error(`Stripe sandbox: the SDK's pinned version ${CURRENT_API_VERSION} is not listed`);

export function isKnownApiVersion(v: string): boolean {
  return KNOWN.has(v);
}

/** The date part, comparable as a string: `2024-06-20` < `2025-03-31.basil`. */
const datePart = (v: string): string => v.slice(0, 10);

/** 2025-03-31.basil moved invoices to `parent` / `pricing` / `taxes` (Stripe changelog, basil). */
const BASIL = '2025-03-31';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The object as an event rendered in `version` would carry it. Only changes this sandbox can name
 * are made: before 2025-03-31.basil an invoice has a top-level `subscription` instead of `parent`,
 * `total_tax_amounts` instead of `total_taxes`, and its lines have `price` / `proration` /
 * `subscription` / `tax_amounts` instead of `pricing` / `parent` / `taxes`. Any other difference
 * between versions is not reproduced: the payload is then marked only by the event's `api_version`.
 * Never mutates `obj`.
 */
export function renderInVersion(obj: JsonObject, version: string): JsonObject {
  if (datePart(version) >= BASIL || obj.object !== 'invoice') return obj;
  const { parent, total_taxes: totalTaxes, ...rest } = obj;
  const sub = isObj(parent) && isObj(parent.subscription_details) ? parent.subscription_details.subscription : null;
  const out: Obj = { ...rest, subscription: sub ?? null, total_tax_amounts: totalTaxes ?? [] };
  const lines = obj.lines;
  if (isObj(lines) && Array.isArray(lines.data)) {
    out.lines = { ...lines, data: lines.data.map((l) => (isObj(l) ? lineBeforeBasil(l) : l)) };
  }
  return out;
}

function lineBeforeBasil(line: Obj): Obj {
  const { parent, pricing, taxes, ...rest } = line;
  const p = isObj(parent) ? parent : {};
  const details = (isObj(p.subscription_item_details) ? p.subscription_item_details : isObj(p.invoice_item_details) ? p.invoice_item_details : {}) as Obj;
  const price = isObj(pricing) && isObj(pricing.price_details) ? pricing.price_details.price : null;
  return {
    ...rest,
    price: price ?? null,
    proration: details.proration === true,
    subscription: details.subscription ?? null,
    subscription_item: (details.subscription_item as unknown) ?? null,
    invoice_item: (details.invoice_item as unknown) ?? null,
    type: p.type === 'invoice_item_details' ? 'invoiceitem' : 'subscription',
    tax_amounts: taxes ?? [],
  };
}
