// Extraction cursors. A cursor is written in the same transaction as the snapshots it covers, or after.
import type { Ledger } from './open-ledger.js';

export async function readCursor(ledger: Ledger, name: string): Promise<string | undefined> {
  const row = await ledger.db.selectFrom('cursors').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value;
}

export async function writeCursor(ledger: Ledger, name: string, value: string, now: number): Promise<void> {
  await ledger.db
    .insertInto('cursors')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}
