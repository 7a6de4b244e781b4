// Reads everything the pure plan needs out of the ledger: snapshots bucketed by type, and the links.
import type { Ledger } from './open-ledger.js';
import type { Settings } from '../config/settings.js';
import { emptySnapshots, SNAPSHOT_BUCKETS, type PlanInput } from '../plan/plan-input.js';
import { readLinks } from './links.js';

export async function planInputFromLedger(ledger: Ledger, settings: Settings): Promise<PlanInput> {
  const stripe = emptySnapshots();
  const rows = ledger.sqlite.prepare('SELECT type, json, payout FROM stripe_objects ORDER BY created, id').iterate() as
    IterableIterator<{ type: string; json: string; payout: string | null }>;
  for (const row of rows) {
    const bucket = SNAPSHOT_BUCKETS[row.type];
    if (!bucket) continue;
    const object = JSON.parse(row.json) as { id: string; payout?: string | null };
    if (row.type === 'balance_transaction') object.payout = row.payout;
    (stripe[bucket] as Map<string, unknown>).set(object.id, object);
  }
  return { stripe, links: await readLinks(ledger), settings };
}
