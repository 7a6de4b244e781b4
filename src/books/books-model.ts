// The books' impact and tie-outs of a whole plan, as the report model carries them: every operation's GL lines,
// totals per account and currency (overall, per record type, per pass), each deposit against its payout, and each
// customer's A/R before and after. Blocked operations are never sent, so their lines are totalled apart.
import { minorToDecimalString } from '../accounting/money.js';
import type { NetSuiteSettings } from '../config/settings.js';
import { PASSES, type Operation, type PassName, type RecordType } from '../plan/operation.js';
import { GlImpact, type GlLine, type OperationGl } from './gl-impact.js';
import { glTotals, type GlTotals } from './gl-totals.js';
import { depositTieOut, type DepositTieOut } from './deposit-tie-out.js';
import { arOf } from './customer-ar.js';

export interface GlImpactModel {
  /** Operations that post, in plan order. */
  operations: OperationGl[];
  /** What will post (blocked operations left out). */
  total: GlTotals;
  /** What blocked operations would post once unblocked. */
  blocked: GlTotals;
  byRecordType: Array<{ recordType: RecordType; totals: GlTotals }>;
  byPass: Array<{ pass: PassName; totals: GlTotals }>;
  /** Lines the plan cannot state (an existing NetSuite item's own account), so the totals leave them out. */
  unknown: string[];
}

export interface CustomerAr {
  customer: string;
  currency: string;
  /** Null when no earlier run's postings were given. */
  beforeMinor: number | null;
  changeMinor: number;
  afterMinor: number | null;
  before: string | null;
  change: string;
  after: string | null;
}

export interface TieOuts {
  deposits: DepositTieOut[];
  customers: CustomerAr[];
}

export interface Books {
  linesOf: Map<string, GlLine[]>;
  glImpact: GlImpactModel;
  tieOuts: TieOuts;
}

export function buildBooks(
  operations: readonly Operation[],
  ns: NetSuiteSettings,
  arBefore?: ReadonlyMap<string, ReadonlyMap<string, number>>,
  netsuiteNames?: ReadonlyMap<string, string>,
): Books {
  const impact = new GlImpact(ns, operations, netsuiteNames);
  const all = operations.map((op) => impact.of(op));
  const posting = all.filter((g) => g.lines.length > 0 || g.unknown.length > 0);
  const sent = all.filter((g) => !g.blocked);
  const recordTypes = [...new Set(sent.filter((g) => g.lines.length > 0).map((g) => g.recordType))];
  const ar = arOf(operations, ns, impact);
  const customers: CustomerAr[] = [];
  for (const customer of [...ar.keys()].sort()) {
    for (const [currency, changeMinor] of [...ar.get(customer)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const beforeMinor = arBefore ? (arBefore.get(customer)?.get(currency) ?? 0) : null;
      const afterMinor = beforeMinor === null ? null : beforeMinor + changeMinor;
      customers.push({
        customer,
        currency,
        beforeMinor,
        changeMinor,
        afterMinor,
        before: beforeMinor === null ? null : minorToDecimalString(beforeMinor, currency),
        change: minorToDecimalString(changeMinor, currency),
        after: afterMinor === null ? null : minorToDecimalString(afterMinor, currency),
      });
    }
  }
  return {
    linesOf: new Map(all.map((g) => [g.key, g.lines])),
    glImpact: {
      operations: posting,
      total: glTotals(sent.flatMap((g) => g.lines)),
      blocked: glTotals(all.filter((g) => g.blocked).flatMap((g) => g.lines)),
      byRecordType: recordTypes.sort().map((recordType) => ({
        recordType,
        totals: glTotals(sent.filter((g) => g.recordType === recordType).flatMap((g) => g.lines)),
      })),
      byPass: PASSES.filter((p) => sent.some((g) => g.pass === p && g.lines.length > 0)).map((pass) => ({
        pass,
        totals: glTotals(sent.filter((g) => g.pass === pass).flatMap((g) => g.lines)),
      })),
      unknown: all.flatMap((g) => g.unknown),
    },
    tieOuts: {
      deposits: operations.filter((op) => op.recordType === 'deposit' && op.action === 'create').map((op) => depositTieOut(op, impact)),
      customers,
    },
  };
}
