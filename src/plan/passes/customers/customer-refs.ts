// The NetSuite customer a transaction is booked to, so the later passes never need the linking rules.
import type { PassContext } from '../../plan-context.js';
import { ensureCustomer } from './customers.js';

/**
 * `{ $ref }` to the customer op for a Stripe customer id: the global `Stripe Unallocated Charges` when the id is
 * null (a charge without customer) or the global-customer workflow is on. Plans the customer if the customers
 * pass did not (e.g. a customer referenced only by a refund's charge); a missing snapshot gives a blocked op.
 */
export function customerRef(ctx: PassContext, customerId: string | null): { $ref: string } {
  return { $ref: ensureCustomer(ctx, customerId) };
}
