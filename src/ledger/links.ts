// Links from completed operations to the NetSuite records they made.
import type { Ledger } from './open-ledger.js';
import type { LinkedRecord } from '../plan/plan-input.js';

export async function readLinks(ledger: Ledger): Promise<Map<string, LinkedRecord>> {
  const rows = await ledger.db
    .selectFrom('links')
    .select(['op_key', 'record_type', 'external_id', 'internal_id', 'body_hash'])
    .execute();
  return new Map(
    rows.map((r) => [
      r.op_key,
      { recordType: r.record_type, externalId: r.external_id, internalId: r.internal_id, bodyHash: r.body_hash },
    ]),
  );
}

export async function linksForStripeId(ledger: Ledger, stripeId: string) {
  return ledger.db.selectFrom('links').selectAll().where('stripe_id', '=', stripeId).orderBy('created_at').execute();
}
