// The books' impact proved: after apply, each record's GL as NetSuite posted it equals the lines the plan previewed
// for it (src/books/gl-impact.ts), per account and currency. NetSuite's REST API has no GL read in our reference
// (netsuite-rest.md), so the caller supplies how to read a transaction's GL lines (the sandbox's /_sandbox/gl).
import type { NetSuiteSettings } from '../config/settings.js';
import type { OperationGl } from '../books/gl-impact.js';
import { summarize, type InvariantReport, type InvariantResult } from './invariant-report.js';

/** One GL line as NetSuite posted it: account and currency internal ids, amounts in minor units. */
export interface PostedGlLine {
  account: string;
  currency: string;
  debit: number;
  credit: number;
}

export type ReadPostedGl = (internalId: string) => Promise<PostedGlLine[]>;

export const GL_INVARIANT = 'GL';

/** `invoice:in_1#apply` → `invoice:in_1`: every operation on one record previews part of that record's GL. */
function recordKey(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

function netByAccount(lines: Array<{ account: string; currency: string; debit: number; credit: number }>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.currency} ${l.account}`;
    out.set(k, (out.get(k) ?? 0) + l.debit - l.credit);
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}

function describe(m: Map<string, number>): string {
  return [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k} ${v > 0 ? 'Dr' : 'Cr'} ${Math.abs(v)}`).join(', ') || 'nothing';
}

/**
 * Compares the previewed lines of every sent operation that posts with the GL of the record it made.
 * `previews` are the plan's `glImpact.operations`; `links` maps operation keys to NetSuite internal ids.
 */
export async function checkGlImpact(o: {
  previews: readonly OperationGl[];
  links: ReadonlyMap<string, string>;
  readGl: ReadPostedGl;
  netsuite: NetSuiteSettings;
}): Promise<InvariantReport> {
  const currencyCode = new Map(Object.entries(o.netsuite.currencies).map(([code, id]) => [id, code.toLowerCase()]));
  const byRecord = new Map<string, OperationGl[]>();
  for (const p of o.previews) {
    if (p.blocked) continue;
    const k = recordKey(p.key);
    byRecord.set(k, [...(byRecord.get(k) ?? []), p]);
  }
  const results: InvariantResult[] = [];
  for (const [key, previews] of [...byRecord].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const unknown = previews.flatMap((p) => p.unknown);
    if (unknown.length > 0) {
      results.push({ invariant: GL_INVARIANT, subject: key, ok: false, detail: `the preview could not state every line: ${unknown.join('; ')}` });
      continue;
    }
    const id = o.links.get(key);
    if (!id) {
      results.push({ invariant: GL_INVARIANT, subject: key, ok: false, detail: 'no NetSuite record was made for it' });
      continue;
    }
    const expected = netByAccount(
      previews.flatMap((p) => p.lines).map((l) => ({ account: l.account, currency: l.currency, debit: l.debitMinor, credit: l.creditMinor })),
    );
    const posted = netByAccount(
      (await o.readGl(id)).map((l) => ({ ...l, currency: currencyCode.get(l.currency) ?? `currency ${l.currency}` })),
    );
    const same = expected.size === posted.size && [...expected].every(([k, v]) => posted.get(k) === v);
    results.push({
      invariant: GL_INVARIANT,
      subject: key,
      ok: same,
      ...(same ? {} : { detail: `previewed ${describe(expected)}; NetSuite posted ${describe(posted)}` }),
    });
  }
  return summarize(results);
}
