// What was last read of the NetSuite account: its metadata catalog per record type (schema.sql
// `netsuite_record_schemas`), and its base currency and accounting periods (one `meta` row).
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

/**
 * Forgets everything read of the account, so the next run reads it again: NetSuite refused a field the catalog
 * listed. A feature switched off shows on several record types at once, so all of them are read again.
 */
export function forgetAccountProfile(ledger: Ledger): void {
  ledger.sqlite.prepare('DELETE FROM netsuite_record_schemas').run();
  forgetAccountExtras(ledger);
}

const EXTRAS_KEY = 'netsuite_account_extras';

/** The account facts read besides the catalogs: not schema, but what the plan fits currencies and dates to. */
export interface AccountExtras {
  fetchedAt: number;
  baseCurrencyId?: string;
  periods: Array<{ id: string; name: string; start: string; end: string; closed: boolean }>;
  /** Configured GL account internal id → its number and name in NetSuite. */
  accountNames?: Record<string, string>;
}

export function readAccountExtras(ledger: Ledger): AccountExtras | undefined {
  const row = ledger.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(EXTRAS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as AccountExtras) : undefined;
}

export function writeAccountExtras(ledger: Ledger, extras: AccountExtras): void {
  ledger.sqlite
    .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(EXTRAS_KEY, JSON.stringify(extras));
}

/** Forgets the periods and base currency, so the next run reads them again (NetSuite refused a closed period). */
export function forgetAccountExtras(ledger: Ledger): void {
  ledger.sqlite.prepare('DELETE FROM meta WHERE key = ?').run(EXTRAS_KEY);
}
