// The Stripe objects the checker compares NetSuite with, read straight from the ledger's `stripe_objects` table
// (whole snapshots, as Stripe returned them). Deliberately not the plan's input: nothing the plan derives is reused.
import type Stripe from 'stripe';
import { openLedger } from '../ledger/open-ledger.js';

export interface StripeWorld {
  invoices: Map<string, Stripe.Invoice>;
  invoicePayments: Map<string, Stripe.InvoicePayment>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  creditNotes: Map<string, Stripe.CreditNote>;
  disputes: Map<string, Stripe.Dispute>;
  payouts: Map<string, Stripe.Payout>;
  /** Balance transactions, each carrying the payout whose listing it was seen in (the ledger's `payout` column). */
  balanceTransactions: Map<string, SweptBalanceTransaction>;
}

export type SweptBalanceTransaction = Stripe.BalanceTransaction & { payout: string | null };

const BUCKET: Record<string, keyof StripeWorld> = {
  invoice: 'invoices',
  invoice_payment: 'invoicePayments',
  charge: 'charges',
  refund: 'refunds',
  credit_note: 'creditNotes',
  dispute: 'disputes',
  payout: 'payouts',
  balance_transaction: 'balanceTransactions',
};

export async function readStripeWorld(ledgerPath: string): Promise<StripeWorld> {
  const world: StripeWorld = {
    invoices: new Map(),
    invoicePayments: new Map(),
    charges: new Map(),
    refunds: new Map(),
    creditNotes: new Map(),
    disputes: new Map(),
    payouts: new Map(),
    balanceTransactions: new Map(),
  };
  const ledger = openLedger(ledgerPath);
  try {
    const types = Object.keys(BUCKET);
    const rows = ledger.sqlite
      .prepare(`SELECT type, json, payout FROM stripe_objects WHERE type IN (${types.map(() => '?').join(', ')}) ORDER BY created, id`)
      .iterate(...types) as IterableIterator<{ type: string; json: string; payout: string | null }>;
    for (const row of rows) {
      const object = JSON.parse(row.json) as { id: string } & Record<string, unknown>;
      if (row.type === 'balance_transaction') object.payout = row.payout;
      (world[BUCKET[row.type]!] as Map<string, unknown>).set(object.id, object);
    }
  } finally {
    await ledger.close();
  }
  return world;
}
