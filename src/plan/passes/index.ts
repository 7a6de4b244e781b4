// The passes, in the order they run (DESIGN.md: customers → items → invoices → payments → refunds and
// disputes → closures → deposits).
import type { PassName } from '../operation.js';
import type { PlanContext } from '../plan-context.js';
import { planCustomers } from './customers.js';
import { planItems } from './items.js';
import { planInvoices } from './invoices.js';
import { planPayments } from './payments.js';
import { planRefunds } from './refunds.js';
import { planClosures } from './closures.js';
import { planDeposits } from './deposits.js';

export const PASS_FUNCTIONS: Array<[PassName, (ctx: PlanContext) => void]> = [
  ['customers', planCustomers],
  ['items', planItems],
  ['invoices', planInvoices],
  ['payments', planPayments],
  ['refunds', planRefunds],
  ['closures', planClosures],
  ['deposits', planDeposits],
];
