// Reads everything the pure plan needs out of the ledger: snapshots bucketed by type, and the links.
import type { Ledger } from '../ledger/open-ledger.js';
import type { Settings } from '../config/settings.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PlanInput, type StripeSnapshots } from '../plan/plan-input.js';
import { readLinks } from '../ledger/links.js';
import { slimForPlan } from '../ledger/slim-snapshot.js';
import { iterateRowsOfTypes, type PlanRow } from '../ledger/plan-rows.js';

/** A ledger row as the plan reads it. */
export interface Snapshot {
  type: string;
  object: { id: string } & Record<string, unknown>;
}

/**
 * Parses a ledger row (slimmed unless `slim` is false); a balance transaction carries the payout it was seen in.
 * `whole` sees the object as stored, before it is slimmed.
 */
export function parseSnapshot(
  row: Pick<PlanRow, 'type' | 'json' | 'payout'>,
  slim = true,
  whole?: (object: Snapshot['object']) => void,
): Snapshot {
  const parsed = JSON.parse(row.json) as Snapshot['object'];
  whole?.(parsed);
  const object = slim ? slimForPlan(parsed) : parsed;
  if (row.type === 'balance_transaction') object.payout = row.payout;
  return { type: row.type, object };
}

/** Puts a snapshot into its map (types the plan does not read are left out). */
export function putSnapshot(stripe: StripeSnapshots, s: Snapshot): void {
  const bucket = SNAPSHOT_BUCKETS[s.type];
  if (bucket) (stripe[bucket] as Map<string, unknown>).set(s.object.id, s.object);
}

/** The whole ledger as one plan input (the plan of a run reads it a partition at a time instead). */
export async function planInputFromLedger(
  ledger: Ledger,
  settings: Settings,
  o: { slim: boolean } = { slim: true },
): Promise<PlanInput> {
  const stripe = emptySnapshots();
  // Only the types the plan reads (subscriptions and the like stay on disk), one row parsed at a time.
  for (const row of iterateRowsOfTypes(ledger, Object.keys(SNAPSHOT_BUCKETS))) putSnapshot(stripe, parseSnapshot(row, o.slim));
  return { stripe, links: readLinks(ledger), settings };
}
