// Names for the GL accounts a plan posts to. The configuration knows each account by the role it plays
// (`accounts.receivables`, `bankAccounts.usd`); the account's own NetSuite number and name, read with the account
// profile, come first when known: "4000 Sales (accounts.income)".
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

/** Every GL account internal id the configuration names. */
export function configuredAccountIds(ns: NetSuiteSettings): string[] {
  const ids = [...Object.values(ns.bankAccounts), ...Object.values(ns.accounts)].filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)].sort();
}

/**
 * Account internal id → "NetSuite name (config key)", or "Role (config key)" without the NetSuite name; an id
 * configured for several roles is named by them all.
 */
export function accountNames(ns: NetSuiteSettings, netsuiteNames?: ReadonlyMap<string, string>): Map<string, string> {
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
    [...roles].map(([id, rs]) => {
      const named = netsuiteNames?.get(id);
      const keys = rs.map((r) => r.key).join(', ');
      if (named && named !== '?') return [id, `${named} (${keys})`];
      return [id, rs.length === 1 ? `${rs[0].name} (${rs[0].key})` : rs.map((r) => r.name).join(' / ')];
    }),
  );
}
