// I1 (reference/stripe-connector.md §2.1): at most one NetSuite record has a given externalId. SuiteQL sees every
// record, whatever made it, so a duplicate keyed by another integration or by hand shows up too.
import type { InvariantContext } from '../invariant-context.js';

export async function checkI1UniqueExternalId(ctx: InvariantContext, table: 'transaction' | 'customer', externalId: string): Promise<void> {
  try {
    const n = await ctx.ns.countWithExternalId(table, externalId);
    ctx.record('I1', externalId, n === 1, `${n} ${table} records have externalId ${externalId}`);
  } catch (err) {
    ctx.record('I1', externalId, false, `SuiteQL lookup failed: ${(err as Error).message}`);
  }
}
