// What the pure plan reads: the ledger's Stripe snapshots, grouped by type, and the links to NetSuite.
import type Stripe from 'stripe';
import type { Settings } from '../config/settings.js';
import type { AccountProfile } from '../account/account-profile.js';
import { CATALOG, OBJECT_TYPES, type Catalog, type StripeObjectType } from '../stripe-types/catalog.js';

/** A balance transaction as stored, with the payout the ledger saw it in (`?payout=` listing). */
export type LedgerBalanceTransaction = Stripe.BalanceTransaction & { payout?: string | null };

export interface StripeSnapshots {
  customers: Map<string, Stripe.Customer>;
  invoices: Map<string, Stripe.Invoice>;
  /** invoice ↔ payment links of the pinned API version (invoice_payment objects). */
  invoicePayments: Map<string, Stripe.InvoicePayment>;
  charges: Map<string, Stripe.Charge>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  refunds: Map<string, Stripe.Refund>;
  disputes: Map<string, Stripe.Dispute>;
  creditNotes: Map<string, Stripe.CreditNote>;
  payouts: Map<string, Stripe.Payout>;
  balanceTransactions: Map<string, LedgerBalanceTransaction>;
  prices: Map<string, Stripe.Price>;
  products: Map<string, Stripe.Product>;
  coupons: Map<string, Stripe.Coupon>;
}

/** How a Stripe customer (or the global customer) transacts: decides its currencies and its place in the plan. */
export interface CustomerUsage {
  /** (created, id) of the first transaction, to order customers and pick the primary currency. */
  firstCreated: number;
  firstId: string;
  /** Currencies in the order first seen (transactions are scanned in (created, id) order). */
  currencies: string[];
}

/**
 * A plan can be built one partition of the ledger at a time (run/plan-partitions.ts): the objects that refer to
 * each other are always in the same partition, and this is what a partition needs to know about the others.
 */
export interface PartitionContext {
  /** Operations earlier partitions planned: key → the reason it is blocked, or null. */
  planned: ReadonlyMap<string, string | null>;
  /** The global customer's usage over the whole ledger (its transactions span every partition). */
  globalCustomerUsage?: CustomerUsage;
}

export interface PlanInput {
  stripe: StripeSnapshots;
  /** Completed operations: operation key → internal id of the NetSuite record. */
  links: ReadonlyMap<string, string>;
  settings: Settings;
  /** What the NetSuite account takes (its metadata catalog, features, periods); absent = every field is sent. */
  account?: AccountProfile;
  partition?: PartitionContext;
  /** Objects of the ledger the plan cannot use (invalid-input.ts), by id: what refers to one says so, not "missing". */
  setAside?: ReadonlyMap<string, { problem: string }>;
}

export function emptySnapshots(): StripeSnapshots {
  return {
    customers: new Map(),
    invoices: new Map(),
    invoicePayments: new Map(),
    charges: new Map(),
    paymentIntents: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    creditNotes: new Map(),
    payouts: new Map(),
    balanceTransactions: new Map(),
    prices: new Map(),
    products: new Map(),
    coupons: new Map(),
  };
}

/** Stripe `object` value → the map it belongs in (each type's description names it: stripe-types/). */
export const SNAPSHOT_BUCKETS: Record<string, keyof StripeSnapshots> = Object.fromEntries(
  OBJECT_TYPES.map((t) => [t, CATALOG[t].plan.bucket]),
);

// The catalog's buckets and the maps above are the same names: a type added to the catalog needs its map here.
type CatalogBucket = Catalog[StripeObjectType]['plan']['bucket'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const bucketsMatch: Same<CatalogBucket, keyof StripeSnapshots> = true;
void bucketsMatch;
