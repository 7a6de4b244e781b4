// A comparable picture of everything in the NetSuite account, read over REST: per record type, each record's
// externalId with its amounts and status. Internal ids differ between accounts, so records are keyed by externalId;
// duplicates show up as a count above one.
import type { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';

const RECORD_TYPES = [
  'customer',
  'serviceSaleItem',
  'nonInventorySaleItem',
  'discountItem',
  'invoice',
  'customerPayment',
  'creditMemo',
  'customerRefund',
  'deposit',
];

export type NetSuiteState = Record<string, Record<string, { count: number; summary: string }>>;

export async function readNetSuiteState(client: NetSuiteClient): Promise<NetSuiteState> {
  const state: NetSuiteState = {};
  for (const type of RECORD_TYPES) {
    const records: Record<string, { count: number; summary: string }> = {};
    for (let offset = 0; ; offset += 1000) {
      const page = await client.list(type, { limit: 1000, offset });
      for (const { id } of page.items) {
        const r = await client.get(type, id, { expandSubResources: true });
        const eid = String(r.externalId ?? `(no externalId ${id})`);
        const lines = (name: string) =>
          ((r[name] as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [])
            .map((l) => String(l.amount ?? l.paymentAmount ?? ''))
            .join(',');
        const summary = [
          r.total ?? r.payment ?? '',
          r.amountRemaining ?? '',
          (r.status as { id?: string } | undefined)?.id ?? '',
          lines('item'),
          lines('apply'),
          lines('payment'),
          lines('cashback'),
          lines('other'),
        ].join('|');
        const prev = records[eid];
        records[eid] = { count: (prev?.count ?? 0) + 1, summary };
      }
      if (!page.hasMore) break;
    }
    state[type] = records;
  }
  return state;
}
