// Which ledger objects the passes read together. The plan can be built one partition of the ledger at a time
// (run/plan-partitions.ts) only if every object a pass looks up from another one is in the same partition: these
// are those lookups, as edges. Prices, products and coupons are read by every partition, payouts only by the
// deposits pass, which gets its own partitions (see `depositSourceReferences`).
import type { LedgerBalanceTransaction } from './plan-input.js';

type Ref = string | { id: string } | null | undefined;

const idOf = (v: Ref): string | undefined => (!v ? undefined : typeof v === 'string' ? v : v.id);

/** Types every partition holds whole (small, read by id from anywhere). */
export const SHARED_TYPES = ['price', 'product', 'coupon'] as const;
/** Types only the deposits pass reads as its own subject. */
export const DEPOSIT_TYPES = ['payout'] as const;

/** The ids an object of the customer-side passes (customers … closures) is read together with. */
export function objectReferences(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref> & Record<string, unknown>;
  const out: Array<string | undefined> = [];
  switch (type) {
    case 'invoice': {
      const from = o.from_invoice as { invoice?: Ref } | null | undefined;
      out.push(idOf(o.customer), idOf(from?.invoice));
      break;
    }
    case 'invoice_payment': {
      const payment = o.payment as { payment_intent?: Ref; charge?: Ref } | undefined;
      out.push(idOf(o.invoice), idOf(payment?.payment_intent), idOf(payment?.charge));
      break;
    }
    case 'payment_intent':
      out.push(idOf(o.customer), idOf(o.latest_charge));
      break;
    case 'charge':
      out.push(idOf(o.customer), idOf(o.payment_intent), idOf(o.balance_transaction), idOf(o.failure_balance_transaction));
      break;
    case 'refund':
      out.push(idOf(o.charge), idOf(o.payment_intent), idOf(o.balance_transaction));
      break;
    case 'dispute':
      out.push(idOf(o.charge), ...((o.balance_transactions as Ref[] | undefined) ?? []).map(idOf));
      break;
    case 'credit_note':
      out.push(
        idOf(o.invoice),
        idOf(o.customer),
        ...((o.refunds as Array<{ refund?: Ref }> | undefined) ?? []).map((r) => idOf(r.refund)),
      );
      break;
    case 'balance_transaction':
      out.push(idOf((o as unknown as LedgerBalanceTransaction).source as Ref));
      break;
  }
  return out.filter((id): id is string => !!id);
}

/**
 * The ids the deposits pass reads for one of a payout's balance transactions besides the transaction itself: its
 * source (charge, refund, dispute), and for a refund or dispute source its charge (checked against the start date).
 * Objects that point at the transaction (a charge's `failure_balance_transaction`, a dispute's
 * `balance_transactions`) are found from the other side: see `balanceTransactionReferrers`.
 */
export function depositSourceReferences(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref>;
  if (type === 'balance_transaction') return [idOf(o.source)].filter((id): id is string => !!id);
  if (type === 'refund' || type === 'dispute') return [idOf(o.charge)].filter((id): id is string => !!id);
  return [];
}

/** Balance transactions an object points at that the deposits pass resolves back to the object. */
export function balanceTransactionReferrers(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref>;
  if (type === 'charge') return [idOf(o.failure_balance_transaction)].filter((id): id is string => !!id);
  if (type === 'dispute') {
    return ((o.balance_transactions as Ref[] | undefined) ?? []).map(idOf).filter((id): id is string => !!id);
  }
  return [];
}
