// Links from completed operations to the NetSuite records they made.
import type { Ledger } from './open-ledger.js';

/** Operation key → internal id of the NetSuite record it made, for every completed operation. */
export function readLinks(ledger: Ledger): Map<string, string> {
  const links = new Map<string, string>();
  const rows = ledger.sqlite.prepare('SELECT op_key, internal_id FROM links').iterate() as IterableIterator<{
    op_key: string;
    internal_id: string;
  }>;
  for (const r of rows) links.set(r.op_key, r.internal_id);
  return links;
}

export async function linksForStripeId(ledger: Ledger, stripeId: string) {
  return ledger.db.selectFrom('links').selectAll().where('stripe_id', '=', stripeId).orderBy('created_at').execute();
}
