// Reads what the NetSuite account takes: each written record type's metadata catalog, its base currency without
// Multiple Currencies, and its accounting periods with Accounting Periods. The plan fits every body to the result
// (plan/fit-to-account.ts). All of it is kept in the ledger: catalogs for a day, periods and base currency for an
// hour, each forgotten as soon as NetSuite refuses a write for a field or a closed period, so a run with nothing
// to do sends no request at all.
import {
  featuresOf,
  type AccountingPeriod,
  type AccountProfile,
  type RecordShape,
} from '../account/account-profile.js';
import { parseMetadataCatalog } from '../account/parse-metadata-catalog.js';
import { WRITTEN_RECORD_TYPES } from '../account/required-fields.js';
import type { Ledger } from '../ledger/open-ledger.js';
import {
  type AccountExtras,
  readAccountExtras,
  readRecordSchemas,
  writeAccountExtras,
  writeRecordSchema,
} from '../ledger/netsuite-schema-cache.js';
import { NetSuiteError } from '../netsuite/errors.js';
import type { NetSuiteClient } from '../netsuite/netsuite-client.js';

/** A cached catalog older than this is read again (a feature switched on shows up within a day). */
const SCHEMA_MAX_AGE_SECONDS = 24 * 3600;
/** Periods close at month end; a posting refused for a closed period forgets them at once. */
const PERIODS_MAX_AGE_SECONDS = 3600;

export interface LoadAccountProfileOptions {
  now: number;
  /** Read everything again whatever the ledger holds (preflight). */
  refresh?: boolean;
  /** The GL accounts the configuration names, whose NetSuite names the books' impact shows. */
  accountIds?: readonly string[];
}

type AccountReader = Pick<NetSuiteClient, 'metadataCatalog' | 'suiteql'>;

export async function loadAccountProfile(ledger: Ledger, client: AccountReader, o: LoadAccountProfileOptions): Promise<AccountProfile> {
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
  let extras = readAccountExtras(ledger);
  const stale =
    o.refresh ||
    !extras ||
    o.now - extras.fetchedAt >= PERIODS_MAX_AGE_SECONDS ||
    (!features.has('MULTICURRENCY') && !extras.baseCurrencyId) ||
    (features.has('ACCOUNTINGPERIODS') && extras.periods.length === 0);
  if (stale) {
    extras = {
      fetchedAt: o.now,
      ...(features.has('MULTICURRENCY') ? {} : { baseCurrencyId: await readBaseCurrency(client) }),
      periods: features.has('ACCOUNTINGPERIODS') ? await readPeriods(client) : [],
      accountNames: await readAccountNames(client, o.accountIds ?? []),
    };
    writeAccountExtras(ledger, extras);
  } else if ((o.accountIds ?? []).some((id) => extras!.accountNames?.[id] === undefined)) {
    // A newly configured account (or a ledger from before names were kept): its name only, the rest is fresh.
    extras = { ...extras!, accountNames: { ...extras!.accountNames, ...(await readAccountNames(client, o.accountIds ?? [])) } };
    writeAccountExtras(ledger, extras);
  }
  return profileOf(records, extras!);
}

/** The profile as the ledger last saw it, without any request (explain, and a dry run NetSuite cannot answer). */
export async function cachedAccountProfile(ledger: Ledger): Promise<AccountProfile | undefined> {
  const cached = await readRecordSchemas(ledger);
  const extras = readAccountExtras(ledger);
  if (!cached.size || !extras) return undefined;
  const records = new Map([...cached.values()].map((c) => [c.recordType, parseMetadataCatalog(c.recordType, c.document)]));
  return profileOf(records, extras);
}

function profileOf(records: Map<string, RecordShape>, extras: AccountExtras): AccountProfile {
  const features = featuresOf(records);
  return {
    records,
    features,
    ...(extras.baseCurrencyId && !features.has('MULTICURRENCY') ? { baseCurrencyId: extras.baseCurrencyId } : {}),
    periods: features.has('ACCOUNTINGPERIODS') ? extras.periods : [],
    accountNames: new Map(Object.entries(extras.accountNames ?? {})),
  };
}

/** "4000 Sales" per configured account id; an id NetSuite does not know is named by the id alone (`?`), so it is
 *  not read again every run (preflight says what is wrong with it). */
async function readAccountNames(client: AccountReader, ids: readonly string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = Object.fromEntries([...new Set(ids)].map((id) => [id, '?']));
  const wanted = Object.keys(names).filter((id) => /^\d+$/.test(id));
  if (wanted.length === 0) return names;
  const rows = await client.suiteql(`SELECT id, acctnumber, fullname FROM account WHERE id IN (${wanted.map(() => '?').join(', ')})`, wanted);
  for (const r of rows) names[r.id] = [r.acctnumber, r.fullname].filter(Boolean).join(' ');
  return names;
}

async function readBaseCurrency(client: AccountReader): Promise<string | undefined> {
  const rows = await client.suiteql(`SELECT id FROM currency WHERE isbasecurrency = 'T'`);
  return rows[0]?.id;
}

/** Monthly posting periods (not quarters, years or adjustment periods), oldest first. */
async function readPeriods(client: AccountReader): Promise<AccountingPeriod[]> {
  const rows = await client.suiteql(
    `SELECT id, periodname, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, TO_CHAR(enddate, 'YYYY-MM-DD') AS enddate, closed ` +
      `FROM accountingperiod WHERE isquarter = 'F' AND isyear = 'F' ORDER BY startdate`,
  );
  return rows.map((r) => ({ id: r.id, name: r.periodname, start: r.startdate, end: r.enddate, closed: r.closed === 'T' }));
}
