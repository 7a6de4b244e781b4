// The fixed change set of the scaling benches: what changed in Stripe between two syncs, written through the
// ledger's own write path (upsertSnapshots), so the incremental-planning index records it as extraction would.
import type { Ledger } from '../ledger/open-ledger.js';
import { upsertSnapshots, type StripeObjectLike } from '../ledger/snapshots.js';

/**
 * The same change set on any ledger: 4 invoices copied as new ones, 3 customers' balances, 3 charges changed, the
 * first of each type in (created, id) order among the objects `among` accepts (a tiled ledger's base tile, so the
 * change is the same as on the base ledger itself).
 */
export function applyChangeSet(ledger: Ledger, now: number, among: (id: string) => boolean = () => true): string[] {
  const first = (type: string, n: number) => {
    const rows: Array<{ id: string; json: string; final: number; payout: string | null }> = [];
    const all = ledger.sqlite
      .prepare('SELECT id, json, final, payout FROM stripe_objects WHERE type = ? ORDER BY created, id')
      .iterate(type) as IterableIterator<{ id: string; json: string; final: number; payout: string | null }>;
    for (const r of all) {
      if (!among(r.id)) continue;
      rows.push(r);
      if (rows.length === n) break;
    }
    return rows;
  };
  const changes: string[] = [];
  const items: Array<{ object: StripeObjectLike; options: { final: boolean; payout: string | null; now: number } }> = [];
  for (const r of first('invoice', 4)) {
    const o = JSON.parse(r.json) as StripeObjectLike;
    items.push({ object: { ...o, id: `${o.id}_bench`, number: `BENCH-${o.id}` }, options: { final: r.final === 1, payout: null, now } });
    changes.push(`new invoice ${o.id}_bench`);
  }
  for (const r of first('customer', 3)) {
    items.push({ object: { ...(JSON.parse(r.json) as StripeObjectLike), balance: -1234 }, options: { final: false, payout: null, now } });
    changes.push(`balance of ${r.id}`);
  }
  for (const r of first('charge', 3)) {
    items.push({ object: { ...(JSON.parse(r.json) as StripeObjectLike), description: 'bench change' }, options: { final: r.final === 1, payout: r.payout, now } });
    changes.push(`charge ${r.id}`);
  }
  upsertSnapshots(ledger, items);
  return changes;
}
