// Which ledger objects the passes read together. The plan can be built one partition of the ledger at a time
// (run/plan-partitions.ts) only if every object a pass looks up from another one is in the same partition: these
// are those lookups, as edges. Prices, products and coupons are read by every partition, payouts only by the
// deposits pass, which gets its own partitions (see `depositSourceReferences`). The edges are the reference
// fields each type's description (stripe-types/) marks for `partition` and the deposits pass.
import { typesWhere } from '../stripe-types/catalog.js';
import { referencedIds } from '../stripe-types/references.js';

/** Types every partition holds whole (small, read by id from anywhere). */
export const SHARED_TYPES = typesWhere((d) => d.plan.partition === 'shared');
/** Types only the deposits pass reads as its own subject. */
export const DEPOSIT_TYPES = typesWhere((d) => d.plan.partition === 'deposit');

/** Types the partitions are made of (the rest are shared by every partition or are the deposits pass's own). */
export function partitionedType(type: string): boolean {
  return PARTITIONED.has(type);
}
const PARTITIONED = new Set<string>(typesWhere((d) => d.plan.partition === 'linked'));

/** The ids an object of the customer-side passes (customers … closures) is read together with. */
export function objectReferences(type: string, object: Record<string, unknown>): string[] {
  return referencedIds(type, object, 'partition');
}

/**
 * The ids the deposits pass reads for one of a payout's balance transactions besides the transaction itself: its
 * source (charge, refund, dispute), and for a refund or dispute source its charge (checked against the start date).
 * Objects that point at the transaction (a charge's `failure_balance_transaction`, a dispute's
 * `balance_transactions`) are found from the other side: see `balanceTransactionReferrers`.
 */
export function depositSourceReferences(type: string, object: Record<string, unknown>): string[] {
  return referencedIds(type, object, 'deposit-source');
}

/** Balance transactions an object points at that the deposits pass resolves back to the object. */
export function balanceTransactionReferrers(type: string, object: Record<string, unknown>): string[] {
  return referencedIds(type, object, 'deposit-referrer');
}
