// The passes, in the order they run (DESIGN.md: customers → items → invoices → payments → refunds and
// disputes → closures → deposits).
import type { PassName } from '../operation.js';
import type { PlanContext } from '../plan-context.js';
import { planCustomers } from './customers/customers.js';
import { planItems } from './items/items.js';
import { planInvoices } from './invoices/invoices.js';
import { planPayments } from './payments/payments.js';
import { planRefunds } from './refunds/refunds.js';
import { planClosures } from './closures.js';
import { planDeposits } from './deposits/deposits.js';

export const PASS_FUNCTIONS: Array<[PassName, (ctx: PlanContext) => void]> = [
  ['customers', planCustomers],
  ['items', planItems],
  ['invoices', planInvoices],
  ['payments', planPayments],
  ['refunds', planRefunds],
  ['closures', planClosures],
  ['deposits', planDeposits],
];

/**
 * A plan built a partition at a time (run/plan-partitions.ts) runs the customer-side passes over each group of
 * related objects, then the deposits pass over the payouts, which span every group.
 */
export const CUSTOMER_SIDE_PASSES = PASS_FUNCTIONS.filter(([name]) => name !== 'deposits');
export const DEPOSIT_PASSES = PASS_FUNCTIONS.filter(([name]) => name === 'deposits');
