// The account's metadata catalog per record type, as last read (schema.sql `netsuite_record_schemas`).
import type { Ledger } from './open-ledger.js';

export interface CachedRecordSchema {
  recordType: string;
  document: unknown;
  fetchedAt: number;
}

export async function readRecordSchemas(ledger: Ledger): Promise<Map<string, CachedRecordSchema>> {
  const rows = await ledger.db.selectFrom('netsuite_record_schemas').selectAll().execute();
  return new Map(
    rows.map((r) => [r.record_type, { recordType: r.record_type, document: JSON.parse(r.schema_json) as unknown, fetchedAt: r.fetched_at }]),
  );
}

export async function writeRecordSchema(ledger: Ledger, recordType: string, document: unknown, now: number): Promise<void> {
  const schema_json = JSON.stringify(document);
  await ledger.db
    .insertInto('netsuite_record_schemas')
    .values({ record_type: recordType, schema_json, fetched_at: now })
    .onConflict((oc) => oc.column('record_type').doUpdateSet({ schema_json, fetched_at: now }))
    .execute();
}

/** Forgets a record type's schema, so the next run reads it again (NetSuite refused a field of it). */
export function forgetRecordSchema(ledger: Ledger, recordType: string): void {
  ledger.sqlite.prepare('DELETE FROM netsuite_record_schemas WHERE record_type = ?').run(recordType);
}
