// Totals of GL lines per account and currency, and the proof that each currency balances. Debits and credits are
// summed per account, never amounts across record types.
import { minorToDecimalString } from '../accounting/money.js';
import type { GlLine } from './gl-impact.js';

export interface GlAccountTotal {
  account: string;
  accountName: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
  /** Decimal strings in the currency's exponent. */
  debit: string;
  credit: string;
}

export interface GlCurrencyBalance {
  currency: string;
  debitMinor: number;
  creditMinor: number;
  debit: string;
  credit: string;
  /** Debits equal credits. */
  balanced: boolean;
}

export interface GlTotals {
  /** Sorted by currency, then account id. */
  accounts: GlAccountTotal[];
  /** One row per currency. */
  currencies: GlCurrencyBalance[];
}

function add(a: number, b: number, what: string): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new Error(`GL total of ${what} exceeds the safe integer range`);
  return s;
}

export function glTotals(lines: Iterable<GlLine>): GlTotals {
  const byAccount = new Map<string, { account: string; accountName: string; currency: string; debitMinor: number; creditMinor: number }>();
  const byCurrency = new Map<string, { debitMinor: number; creditMinor: number }>();
  for (const l of lines) {
    const k = `${l.currency}\u0000${l.account}`;
    const t = byAccount.get(k) ?? { account: l.account, accountName: l.accountName, currency: l.currency, debitMinor: 0, creditMinor: 0 };
    t.debitMinor = add(t.debitMinor, l.debitMinor, l.account);
    t.creditMinor = add(t.creditMinor, l.creditMinor, l.account);
    byAccount.set(k, t);
    const c = byCurrency.get(l.currency) ?? { debitMinor: 0, creditMinor: 0 };
    c.debitMinor = add(c.debitMinor, l.debitMinor, l.currency);
    c.creditMinor = add(c.creditMinor, l.creditMinor, l.currency);
    byCurrency.set(l.currency, c);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byId = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : cmp(a, b));
  return {
    accounts: [...byAccount.values()]
      .sort((a, b) => cmp(a.currency, b.currency) || byId(a.account, b.account))
      .map((t) => ({ ...t, debit: minorToDecimalString(t.debitMinor, t.currency), credit: minorToDecimalString(t.creditMinor, t.currency) })),
    currencies: [...byCurrency.keys()].sort(cmp).map((currency) => {
      const c = byCurrency.get(currency)!;
      return {
        currency,
        ...c,
        debit: minorToDecimalString(c.debitMinor, currency),
        credit: minorToDecimalString(c.creditMinor, currency),
        balanced: c.debitMinor === c.creditMinor,
      };
    }),
  };
}
