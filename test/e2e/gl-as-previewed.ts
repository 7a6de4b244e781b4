// The books' impact proved against the NetSuite sandbox: what the plan previewed for each applied record is what
// the sandbox posted to its GL (read back over HTTP from /_sandbox/gl).
import { buildBooks } from '../../src/books/books-model.js';
import { checkGlImpact } from '../../src/check/check-gl-impact.js';
import type { InvariantReport } from '../../src/check/invariant-report.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { readLinks } from '../../src/ledger/links.js';
import type { Operation } from '../../src/plan/operation.js';
import type { OperationGl } from '../../src/books/gl-impact.js';
import type { Sandboxes } from '../support/sandboxes.js';

/** `alter` changes the previews before the comparison (a test proves the comparison can fail). */
export async function glAsPreviewed(
  h: Sandboxes,
  operations: readonly Operation[],
  alter: (previews: OperationGl[]) => OperationGl[] = (p) => p,
): Promise<InvariantReport & { compared: number }> {
  const books = buildBooks(operations, h.config.settings.netsuite);
  const ledger = openLedger(h.config.secrets.ledgerPath);
  let links: Map<string, string>;
  try {
    links = readLinks(ledger);
  } finally {
    await ledger.close();
  }
  // Only records this run made can be compared; the scenario asserts which operations failed.
  const previews = alter(books.glImpact.operations).filter((p) => links.has(p.key.split('#')[0]));
  const report = await checkGlImpact({
    previews,
    links,
    netsuite: h.config.settings.netsuite,
    readGl: async (id) => {
      const res = await fetch(`${h.netsuite.url}/_sandbox/gl/${id}`);
      if (!res.ok) throw new Error(`GET /_sandbox/gl/${id}: ${res.status}`);
      return (await res.json()) as Array<{ account: string; currency: string; debit: number; credit: number }>;
    },
  });
  return { ...report, compared: report.results.length };
}
