// Reads everything the pure plan needs out of the ledger: snapshots bucketed by type, and the links.
import type { Ledger } from './open-ledger.js';
import type { Settings } from '../config/settings.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PlanInput } from '../plan/plan-input.js';
import { readLinks } from './links.js';
import { slimForPlan } from './slim-snapshot.js';

export async function planInputFromLedger(
  ledger: Ledger,
  settings: Settings,
  o: { slim: boolean } = { slim: true },
): Promise<PlanInput> {
  const stripe = emptySnapshots();
  const types = Object.keys(SNAPSHOT_BUCKETS);
  // Only the types the plan reads (subscriptions and the like stay on disk), one row parsed at a time.
  const rows = ledger.sqlite
    .prepare(`SELECT type, json, payout FROM stripe_objects WHERE type IN (${types.map(() => '?').join(', ')}) ORDER BY created, id`)
    .iterate(...types) as IterableIterator<{ type: string; json: string; payout: string | null }>;
  for (const row of rows) {
    const bucket = SNAPSHOT_BUCKETS[row.type];
    const parsed = JSON.parse(row.json) as Record<string, unknown>;
    const object = (o.slim ? slimForPlan(parsed) : parsed) as { id: string; payout?: string | null };
    if (row.type === 'balance_transaction') object.payout = row.payout;
    (stripe[bucket] as Map<string, unknown>).set(object.id, object);
  }
  return { stripe, links: await readLinks(ledger), settings };
}
