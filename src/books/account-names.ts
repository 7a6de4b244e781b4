// Names for the GL accounts a plan posts to. The configuration knows each account by the role it plays
// (`accounts.receivables`, `bankAccounts.usd`), not by its NetSuite name, so the role is the name shown.
import type { NetSuiteSettings } from '../config/settings.js';

const ROLE_NAMES: Record<keyof NetSuiteSettings['accounts'], string> = {
  undepositedFunds: 'Undeposited Funds',
  receivables: 'Accounts Receivable',
  income: 'Income',
  processingFees: 'Processing fees',
  stripeFees: 'Stripe fees',
  applicationFees: 'Application fees',
  disputeFees: 'Dispute fees',
  taxPayable: 'Tax payable',
  badDebt: 'Bad debt',
  refunds: 'Refunds',
  disputeReversals: 'Dispute reversals',
  feeRefunds: 'Fee refunds',
  discounts: 'Discounts',
  customerBalance: 'Customer balance',
  fxRounding: 'FX rounding',
  paidOutsideStripe: 'Paid outside Stripe',
};

/** Account internal id → "Role (config key)"; an id configured for several roles is named by them all. */
export function accountNames(ns: NetSuiteSettings): Map<string, string> {
  const roles = new Map<string, Array<{ name: string; key: string }>>();
  const add = (id: string, name: string, key: string) => roles.set(id, [...(roles.get(id) ?? []), { name, key }]);
  for (const [cur, id] of Object.entries(ns.bankAccounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    add(id, `Bank ${cur.toUpperCase()}`, `bankAccounts.${cur}`);
  }
  for (const key of Object.keys(ROLE_NAMES) as Array<keyof typeof ROLE_NAMES>) {
    const id = ns.accounts[key];
    if (id !== undefined) add(id, ROLE_NAMES[key], `accounts.${key}`);
  }
  return new Map(
    [...roles].map(([id, rs]) => [id, rs.length === 1 ? `${rs[0].name} (${rs[0].key})` : rs.map((r) => r.name).join(' / ')]),
  );
}
