// link: find an existing NetSuite record and link it; by the internal id Stripe metadata gives (it must exist), or
// by the configured match field (#8), creating it from the body when nothing matches and the plan says so.
import type { LinkOperation } from '../../plan/operation.js';
import { findMatchingCustomer } from '../customer-match.js';
import { NetSuiteError } from '../../netsuite/errors.js';
import type { ExecutorContext, Executed } from './executor.js';

export async function executeLink(op: LinkOperation, body: Record<string, unknown>, ctx: ExecutorContext): Promise<Executed> {
  const { link } = op;
  if (link.internalId) {
    try {
      await ctx.client.get(op.recordType, link.internalId, { fields: ['id'] });
    } catch (err) {
      // Only NetSuite saying there is no such record is about the metadata; a refused login or an outage is
      // reported as what it is (apply stops the run without spending attempts).
      if (!(err instanceof NetSuiteError && err.kind === 'not_found')) throw err;
      throw new Error(
        `${op.stripeId}: metadata netsuite_customer_id ${link.internalId} does not name a NetSuite ${op.recordType} (${(err as Error).message})`,
      );
    }
    return { internalId: link.internalId, created: false };
  }
  if (link.match) {
    const found = await findMatchingCustomer(ctx.client, link.match.field, link.match.value);
    if (found) return { internalId: found, created: false };
  }
  if (!link.createIfMissing) throw new Error(`${op.key}: no matching NetSuite ${op.recordType}`);
  return ctx.client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
}
