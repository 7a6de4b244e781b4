// Which ledger objects the passes read together. The plan can be built one partition of the ledger at a time
// (run/plan-partitions.ts) only if every object a pass looks up from another one is in the same partition: these
// are those lookups, as edges. Prices, products and coupons are read by every partition, payouts only by the
// deposits pass, which gets its own partitions (see `depositSourceReferences`).
import { idOf } from './passes/payment-record-fields.js';

type Ref = string | { id: string } | null | undefined;

const present = (ids: Array<string | null>): string[] => ids.filter((id): id is string => !!id);

/** Types every partition holds whole (small, read by id from anywhere). */
export const SHARED_TYPES = ['price', 'product', 'coupon'] as const;
/** Types only the deposits pass reads as its own subject. */
export const DEPOSIT_TYPES = ['payout'] as const;

/** The ids an object of the customer-side passes (customers … closures) is read together with. */
export function objectReferences(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref> & Record<string, unknown>;
  const out: Array<string | null> = [];
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
      out.push(idOf(o.source));
      break;
  }
  return present(out);
}

/**
 * The ids the deposits pass reads for one of a payout's balance transactions besides the transaction itself: its
 * source (charge, refund, dispute), and for a refund or dispute source its charge (checked against the start date).
 * Objects that point at the transaction (a charge's `failure_balance_transaction`, a dispute's
 * `balance_transactions`) are found from the other side: see `balanceTransactionReferrers`.
 */
export function depositSourceReferences(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref>;
  if (type === 'balance_transaction') return present([idOf(o.source)]);
  if (type === 'refund' || type === 'dispute') return present([idOf(o.charge)]);
  return [];
}

/** Balance transactions an object points at that the deposits pass resolves back to the object. */
export function balanceTransactionReferrers(type: string, object: Record<string, unknown>): string[] {
  const o = object as Record<string, Ref>;
  if (type === 'charge') return present([idOf(o.failure_balance_transaction)]);
  if (type === 'dispute') return present(((o.balance_transactions as Ref[] | undefined) ?? []).map(idOf));
  return [];
}
