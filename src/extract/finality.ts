// Which snapshots are final: no later change to them can matter to the books, so the sweep stops
// re-reading them. Anything that can still move money or change an accounting state is not final.
import type { StripeObjectLike } from '../ledger/snapshots.js';

/** How long a succeeded charge can still be refunded or disputed in practice (card networks: ~120 days). */
export const CHARGE_OPEN_SECONDS = 120 * 86_400;

const FINAL_STATUS: Record<string, ReadonlySet<string>> = {
  // uncollectible can still be paid, draft/open can still be anything.
  invoice: new Set(['paid', 'void']),
  invoice_payment: new Set(['paid', 'canceled']),
  payment_intent: new Set(['succeeded', 'canceled']),
  refund: new Set(['succeeded', 'failed', 'canceled']),
  // warning_closed: an inquiry closed without becoming a chargeback; prevented: resolved before it was filed.
  dispute: new Set(['won', 'lost', 'warning_closed', 'prevented']),
  payout: new Set(['paid', 'failed', 'canceled']),
  balance_transaction: new Set(['available']),
};

/** Fetched when first referenced and never updated in NetSuite afterwards. */
const ALWAYS_FINAL = new Set(['customer', 'price', 'product', 'coupon', 'credit_note']);

export function isFinal(object: StripeObjectLike, now: number): boolean {
  if (object.deleted === true) return true;
  const type = object.object;
  if (ALWAYS_FINAL.has(type)) return true;
  const status = typeof object.status === 'string' ? object.status : '';
  if (type === 'charge') {
    // A failed charge moved no money; a succeeded one can be refunded or disputed for months.
    if (status === 'failed') return true;
    const created = typeof object.created === 'number' ? object.created : 0;
    return now - created >= CHARGE_OPEN_SECONDS;
  }
  const finals = FINAL_STATUS[type];
  // Types we do not track changes for are not swept: they have no retrieve in the sweep.
  if (!finals) return true;
  return finals.has(status);
}

/** The types the sweep re-reads (everything that can be non-final). */
export const SWEPT_TYPES = ['invoice', 'invoice_payment', 'charge', 'payment_intent', 'refund', 'dispute', 'payout', 'balance_transaction'] as const;
