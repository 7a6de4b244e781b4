// Each customer's A/R movement from a set of operations: the debits less credits they post to the receivables
// account, per customer label and currency, in minor units. Blocked operations post nothing.
import type { NetSuiteSettings } from '../config/settings.js';
import type { Operation } from '../plan/operation.js';
import { GlImpact } from './gl-impact.js';

export type ArByCustomer = Map<string, Map<string, number>>;

/** `only`: the customers to keep (an earlier runs' history need not be held for everyone). */
export function arOf(operations: Iterable<Operation>, ns: NetSuiteSettings, impact?: GlImpact, only?: ReadonlySet<string>): ArByCustomer {
  const ar: ArByCustomer = new Map();
  const gl = impact ?? new GlImpact(ns, []);
  for (const op of operations) {
    const customer = op.summary.customer;
    if (op.blocked || customer === undefined || (only && !only.has(customer))) continue;
    for (const l of gl.of(op).lines) {
      if (l.account !== ns.accounts.receivables) continue;
      const byCur = ar.get(customer) ?? new Map<string, number>();
      const next = (byCur.get(l.currency) ?? 0) + l.debitMinor - l.creditMinor;
      if (!Number.isSafeInteger(next)) throw new Error(`A/R of ${customer} in ${l.currency} exceeds the safe integer range`);
      byCur.set(l.currency, next);
      ar.set(customer, byCur);
    }
  }
  return ar;
}
