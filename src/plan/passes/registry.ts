// The pass registry: each pass's function and partition role, in the order of PASSES (plan/operation.ts:
// customers → items → invoices → payments → refunds and disputes → closures → deposits, DESIGN.md). The
// compiler holds it complete: a name added to PASSES fails here until its pass is registered.
import { PASSES, type PassName } from '../operation.js';
import type { Pass, PartitionRole } from '../pass.js';
import { planCustomers } from './customers/customers.js';
import { globalCustomerUsageSurvey } from './customers/customer-usage.js';
import { planItems } from './items/items.js';
import { planInvoices } from './invoices/invoices.js';
import { planPayments } from './payments/payments.js';
import { planRefunds } from './refunds/refunds.js';
import { planClosures } from './closures.js';
import { planDeposits } from './deposits/deposits.js';

const REGISTRY: { [N in PassName]: Omit<Pass, 'name'> } = {
  customers: { run: planCustomers, partition: 'related-objects', survey: globalCustomerUsageSurvey },
  items: { run: planItems, partition: 'related-objects' },
  invoices: { run: planInvoices, partition: 'related-objects' },
  payments: { run: planPayments, partition: 'related-objects' },
  refunds: { run: planRefunds, partition: 'related-objects' },
  closures: { run: planClosures, partition: 'related-objects' },
  deposits: { run: planDeposits, partition: 'payouts' },
};

/** Every pass, in the order passes run and apply. */
export const ALL_PASSES: readonly Pass[] = PASSES.map((name) => ({ name, ...REGISTRY[name] }));

/** The passes of one partition role, in order. */
export function passesFor(role: PartitionRole): readonly Pass[] {
  return ALL_PASSES.filter((p) => p.partition === role);
}
