// Reads everything the pure plan needs out of the ledger: snapshots bucketed by type, and the links.
import type { Ledger } from './open-ledger.js';
import type { Settings } from '../config/settings.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PlanInput, type StripeSnapshots } from '../plan/plan-input.js';
import { readLinks } from './links.js';
import { slimForPlan } from './slim-snapshot.js';
import { iterateRowsOfTypes, type PlanRow } from './plan-rows.js';

/** Parses a ledger row into its snapshot map (slimmed unless `slim` is false). */
export function addSnapshot(stripe: StripeSnapshots, row: Pick<PlanRow, 'type' | 'json' | 'payout'>, slim = true): void {
  const bucket = SNAPSHOT_BUCKETS[row.type];
  if (!bucket) return;
  const parsed = JSON.parse(row.json) as Record<string, unknown>;
  const object = (slim ? slimForPlan(parsed) : parsed) as { id: string; payout?: string | null };
  if (row.type === 'balance_transaction') object.payout = row.payout;
  (stripe[bucket] as Map<string, unknown>).set(object.id, object);
}

/** The whole ledger as one plan input (the plan of a run reads it a partition at a time instead). */
export async function planInputFromLedger(
  ledger: Ledger,
  settings: Settings,
  o: { slim: boolean } = { slim: true },
): Promise<PlanInput> {
  const stripe = emptySnapshots();
  // Only the types the plan reads (subscriptions and the like stay on disk), one row parsed at a time.
  for (const row of iterateRowsOfTypes(ledger, Object.keys(SNAPSHOT_BUCKETS))) addSnapshot(stripe, row, o.slim);
  return { stripe, links: readLinks(ledger), settings };
}
