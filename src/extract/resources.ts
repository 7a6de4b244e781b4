// The Stripe resources extraction reads: how each is listed and retrieved, and which references are
// expanded in the same request (an expanded customer or payment intent costs no extra request). The calls and
// expansions of each type are in its description (stripe-types/); this wraps them into plain JSON.
import type Stripe from 'stripe';
import type { StripeObjectLike } from '../ledger/snapshots.js';
import { toPlain } from './plain-json.js';
import { CATALOG, OBJECT_TYPES, descriptionOf, typesWhere, type ObjectTypeDescription, type StripeObjectType } from '../stripe-types/catalog.js';

export interface Page {
  data: StripeObjectLike[];
  has_more: boolean;
}

export type ListParams = Record<string, unknown>;

export interface ResourceApi {
  type: string;
  list?: (sdk: Stripe, params: ListParams) => Promise<Page>;
  retrieve?: (sdk: Stripe, id: string, params: ListParams) => Promise<StripeObjectLike>;
  /** Expansions for a retrieve; a list uses the same paths under `data.`. */
  expand: string[];
}

// The SDK's param types are per resource; the calls below are generic over them, hence the casts.
/* eslint-disable @typescript-eslint/no-explicit-any */
const asPage = (p: Promise<unknown>): Promise<Page> => p.then((v) => toPlain(v as Page));
const asObject = (p: Promise<unknown>): Promise<StripeObjectLike> => p.then((v) => toPlain(v as StripeObjectLike));

function resourceOf(type: StripeObjectType): ResourceApi {
  const { list, retrieve, expand } = CATALOG[type].api as ObjectTypeDescription['api'];
  return {
    type,
    ...(list ? { list: (s: Stripe, p: ListParams) => asPage(list(s, p)) } : {}),
    retrieve: (s, id, p) => asObject(retrieve(s, id, p)),
    expand: [...expand],
  };
}

/** Every type of the catalog (stripe-types/), by type. */
export const RESOURCES: Record<string, ResourceApi> = Object.fromEntries(OBJECT_TYPES.map((t) => [t, resourceOf(t)]));

/** Resources read by `created` window, in the order a run lists them. */
export const WINDOWED_TYPES: readonly StripeObjectType[] = typesWhere((d) => d.windowed);

export const listExpand = (type: string): string[] => (RESOURCES[type]?.expand ?? []).map((p) => `data.${p}`);

export function listEvents(sdk: Stripe, params: ListParams): Promise<Page> {
  return asPage(sdk.events.list(params as any));
}

/** The line items of an object whose type lists them (its description's `api.lines`); undefined otherwise. */
export function linesOf(type: string): { list: (sdk: Stripe, id: string, params: ListParams) => Promise<Page>; params: ListParams } | undefined {
  const lines = descriptionOf(type)?.api.lines;
  if (!lines) return undefined;
  return {
    list: (sdk, id, params) => asPage(lines.list(sdk, id, params)),
    params: lines.expand.length ? { expand: [...lines.expand] } : {},
  };
}
