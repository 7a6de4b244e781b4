// What the connector knows about one Stripe object type, in one place. Extraction (how to read it, which events
// carry it, when it stops changing, what it refers to), the ledger (what the plan does not read) and the plan
// (which map it is read into, which partition it belongs to) all derive from these descriptions (catalog.ts).
// This folder sits below extract, ledger and plan: it imports none of them.
import type Stripe from 'stripe';

/** Every Stripe `object` type the connector stores. Adding one: a file here, a line in catalog.ts. */
export type StripeObjectType =
  | 'customer'
  | 'invoice'
  | 'invoice_payment'
  | 'charge'
  | 'payment_intent'
  | 'refund'
  | 'dispute'
  | 'credit_note'
  | 'payout'
  | 'balance_transaction'
  | 'price'
  | 'product'
  | 'coupon';

export type ApiParams = Record<string, unknown>;
/** A Stripe object as the API returns it (before normalizing). */
export type ApiObject = { id: string; object: string } & Record<string, unknown>;

export interface ApiCalls {
  /** Lists objects (a page): by `created` window, or with other filters. Absent: only retrieved by id. */
  list?: (sdk: Stripe, params: ApiParams) => Promise<unknown>;
  retrieve: (sdk: Stripe, id: string, params: ApiParams) => Promise<unknown>;
  /** References expanded in the same request (a retrieve; a list uses the same paths under `data.`). */
  expand: readonly string[];
  /** Lists an object's line items, when its `lines` has more than the first page (`expand` for that listing). */
  lines?: { list: (sdk: Stripe, id: string, params: ApiParams) => Promise<unknown>; expand: readonly string[] };
}

/** How extraction fetches objects of the type that stored objects refer to and the ledger lacks. */
export interface LazyFetch {
  /** More missing than this, and listing them all (100 a request) beats retrieving each. */
  listAllWhenMoreThan?: number;
  /** Retrieved before other types (what it expands then comes along). */
  beforeOthers?: boolean;
}

/** The type can be deleted in Stripe, in one status: the stored snapshot is then final, never re-read. */
export interface Deletion {
  /** The event that says so. */
  event: string;
  /** The only status a deletable object has; a stored one in it that Stripe no longer finds (404) was deleted. */
  status: string;
}

/**
 * When a snapshot is final: no later change to it can matter to the books, so the sweep stops re-reading it.
 * `always`: fetched when first referenced and never updated in NetSuite afterwards (never swept).
 */
export type Finality =
  | { kind: 'always' }
  | { kind: 'status'; final: readonly string[] }
  | { kind: 'rule'; isFinal: (object: ApiObject, now: number) => boolean };

/** What a reference is used for. */
export type ReferenceUse =
  /** Extraction fetches the referenced object when the ledger lacks it; an expanded one is stored on its own. */
  | 'fetch'
  /** The plan's customer-side passes read the two objects together: they share a partition. */
  | 'partition'
  /** The deposits pass reads the referenced object for this one (a balance transaction's source, its charge). */
  | 'deposit-source'
  /** A balance transaction this object points at, which the deposits pass resolves back to this object. */
  | 'deposit-referrer';

/**
 * One reference field. `path` is dotted from the object; a segment ending in `[]` is a list (every element).
 * The field holds an id or, expanded, the object.
 */
export interface Reference {
  path: string;
  /** The referenced type; `any` for a polymorphic field (a balance transaction's `source`). */
  to: StripeObjectType | 'any';
  for: readonly ReferenceUse[];
}

/** A list of discounts (ids, or discount objects kept expanded: Stripe cannot retrieve a discount) whose coupons are fetched. */
export interface DiscountList {
  discounts: string;
}

/** References inside each element of a list (an invoice's lines), walked element by element. */
export interface EachElement {
  each: string;
  references: readonly ReferenceSpec[];
}

export type ReferenceSpec = Reference | DiscountList | EachElement;

/** How the plan reads the type. */
export interface PlanReading {
  /** The `StripeSnapshots` map it is read into (plan/plan-input.ts). */
  bucket: string;
  /**
   * Which partitions hold it (run/plan-partitions.ts): `linked` objects go with what they refer to, `shared` ones
   * are read whole by every partition (small, looked up by id from anywhere), `deposit` ones only by the deposits
   * pass as its own subject.
   */
  partition: 'linked' | 'shared' | 'deposit';
}

export interface ObjectTypeDescription<T extends StripeObjectType = StripeObjectType> {
  object: T;
  api: ApiCalls;
  /** Listed by `created` window every run (otherwise read only when referenced, or swept). */
  windowed: boolean;
  /** The event types whose `data.object` is this type (the events feed; see EVENT_FEED in catalog.ts). */
  events: readonly string[];
  finality: Finality;
  /**
   * How the sweep re-reads open objects: `list` lists their created range when that is denser than retrieving
   * each; `retrieve` always retrieves each (a created-range listing of this type would read far more than the open ones).
   */
  sweep: 'list' | 'retrieve';
  /** Reference fields, in the order extraction fetches them. */
  references: readonly ReferenceSpec[];
  lazyFetch?: LazyFetch;
  deletion?: Deletion;
  plan: PlanReading;
  /**
   * Top-level fields no plan pass reads, dropped when the plan loads the ledger (ledger/slim-snapshot.ts; the
   * stored snapshot stays whole).
   */
  unusedByPlan: readonly string[];
}
