// What the pure plan reads: the ledger's Stripe snapshots, grouped by type, and the links to NetSuite.
import type Stripe from 'stripe';
import type { Settings } from '../config/settings.js';

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

export interface LinkedRecord {
  recordType: string;
  externalId: string;
  internalId: string;
  bodyHash: string;
}

export interface PlanInput {
  stripe: StripeSnapshots;
  /** Completed operations, by operation key. */
  links: Map<string, LinkedRecord>;
  settings: Settings;
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

/** Stripe `object` value → the map it belongs in. */
export const SNAPSHOT_BUCKETS: Record<string, keyof StripeSnapshots> = {
  customer: 'customers',
  invoice: 'invoices',
  invoice_payment: 'invoicePayments',
  charge: 'charges',
  payment_intent: 'paymentIntents',
  refund: 'refunds',
  dispute: 'disputes',
  credit_note: 'creditNotes',
  payout: 'payouts',
  balance_transaction: 'balanceTransactions',
  price: 'prices',
  product: 'products',
  coupon: 'coupons',
};
