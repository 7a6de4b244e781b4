// Fields of Stripe objects that no pass reads. Dropping them when the plan loads the ledger keeps a 100,000-object
// plan's memory down (charges carry payment_method_details, invoices customer_address, and so on); the snapshot in
// the ledger stays whole. A test plans generated worlds both ways and requires identical operations, so a pass
// that starts reading one of these fields fails loudly instead of silently seeing undefined.
// Each type's description (stripe-types/) lists its own `unusedByPlan`; every snapshot drops all of them (a field
// named for one type is dropped wherever it appears, as a field like `statement_descriptor` is unread on all).
import { CATALOG, OBJECT_TYPES } from '../stripe-types/catalog.js';

const UNUSED_BY_PLAN: readonly string[] = [...new Set(OBJECT_TYPES.flatMap((t) => CATALOG[t].unusedByPlan))];

export function slimForPlan<T extends Record<string, unknown>>(object: T): T {
  // Overwritten rather than deleted: `delete` would turn every object into a slower, larger dictionary.
  for (const field of UNUSED_BY_PLAN) if (field in object) (object as Record<string, unknown>)[field] = undefined;
  return object;
}
