// Reads what the NetSuite account takes: each written record type's metadata catalog (cached in the ledger for a
// day, or until NetSuite refuses a field), its base currency without Multiple Currencies, and its accounting
// periods with Accounting Periods. The plan fits every body to the result (plan/fit-to-account.ts).
import {
  featuresOf,
  type AccountingPeriod,
  type AccountProfile,
  type RecordShape,
} from '../account/account-profile.js';
import { parseMetadataCatalog } from '../account/parse-metadata-catalog.js';
import { WRITTEN_RECORD_TYPES } from '../account/required-fields.js';
import type { Ledger } from '../ledger/open-ledger.js';
import { readRecordSchemas, writeRecordSchema } from '../ledger/netsuite-schema-cache.js';
import { NetSuiteError } from '../netsuite/errors.js';
import type { NetSuiteClient } from '../netsuite/netsuite-client.js';

/** A cached catalog older than this is read again (a feature switched on shows up within a day). */
export const SCHEMA_MAX_AGE_SECONDS = 24 * 3600;

export interface LoadAccountProfileOptions {
  now: number;
  /** Read every catalog again whatever the cache holds (preflight). */
  refresh?: boolean;
}

type CatalogReader = Pick<NetSuiteClient, 'metadataCatalog' | 'suiteql'>;

export async function loadAccountProfile(ledger: Ledger, client: CatalogReader, o: LoadAccountProfileOptions): Promise<AccountProfile> {
  const cached = await readRecordSchemas(ledger);
  const records = new Map<string, RecordShape>();
  await Promise.all(
    WRITTEN_RECORD_TYPES.map(async (type) => {
      const hit = cached.get(type);
      let document = !o.refresh && hit && o.now - hit.fetchedAt < SCHEMA_MAX_AGE_SECONDS ? hit.document : undefined;
      if (document === undefined) {
        try {
          document = await client.metadataCatalog(type);
        } catch (err) {
          // Not exposed to this role (or not in this account): the plan blocks what would need it, by name.
          if (err instanceof NetSuiteError && err.kind === 'not_found') return;
          throw err;
        }
        await writeRecordSchema(ledger, type, document, o.now);
      }
      records.set(type, parseMetadataCatalog(type, document));
    }),
  );
  const features = featuresOf(records);
  const baseCurrencyId = features.has('MULTICURRENCY') ? undefined : await readBaseCurrency(client);
  const periods = features.has('ACCOUNTINGPERIODS') ? await readPeriods(client) : [];
  return { records, features, ...(baseCurrencyId ? { baseCurrencyId } : {}), periods };
}

async function readBaseCurrency(client: CatalogReader): Promise<string | undefined> {
  const rows = await client.suiteql(`SELECT id FROM currency WHERE isbasecurrency = 'T'`);
  return rows[0]?.id;
}

/** Monthly posting periods (not quarters, years or adjustment periods), oldest first. */
export async function readPeriods(client: Pick<NetSuiteClient, 'suiteql'>): Promise<AccountingPeriod[]> {
  const rows = await client.suiteql(
    `SELECT id, periodname, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate, closed ` +
      `FROM accountingperiod WHERE isquarter = 'F' AND isyear = 'F' ORDER BY startdate`,
  );
  return rows.map((r) => ({ id: r.id, name: r.periodname, start: r.startdate, end: r.enddate, closed: r.closed === 'T' }));
}
