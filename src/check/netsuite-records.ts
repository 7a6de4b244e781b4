// How the checker reads NetSuite: records by externalId (reference/netsuite-rest.md §3.3, expanded sublists §3.7),
// each read once, and SuiteQL counts of records sharing an externalId (§2.2).
import type { NetSuiteClient } from '../netsuite/netsuite-client.js';

export type NsRecord = Record<string, unknown>;

export interface NetSuiteRecords {
  byExternalId(recordType: string, externalId: string): Promise<NsRecord | undefined>;
  countWithExternalId(table: 'transaction' | 'customer', externalId: string): Promise<number>;
}

export function netSuiteRecords(client: NetSuiteClient): NetSuiteRecords {
  const cache = new Map<string, Promise<NsRecord | undefined>>();
  return {
    byExternalId(recordType, externalId) {
      const key = `${recordType}:${externalId}`;
      let p = cache.get(key);
      if (!p) {
        p = client.getByExternalId(recordType, externalId, { expandSubResources: true });
        cache.set(key, p);
      }
      return p;
    },
    async countWithExternalId(table, externalId) {
      return (await client.suiteql(`SELECT id FROM ${table} WHERE externalid = ?`, [externalId])).length;
    },
  };
}

/** The id of a reference field (`{id, refName, links}`, §3.13) or a bare id. */
export function refId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return undefined;
}

/** An expanded sublist's lines (§3.7). */
export function lines(rec: NsRecord, name: string): NsRecord[] {
  return (rec[name] as { items?: NsRecord[] } | undefined)?.items ?? [];
}
