// /_sandbox/… (no auth): what a test or a demo reads back about the books, plus the fault knobs.
import type { ApiResponse } from './api-types.js';
import { minorToNumber } from './decimal.js';
import type { LosslessNumber } from './exact-json.js';
import type { RecordRules } from './record-rules.js';
import type { SandboxStore } from './sandbox-store.js';

export interface LoginAuditEntry {
  time: string;
  method: string;
  path: string;
  scheme: 'tba' | 'oauth2' | 'none';
  result: 'success' | 'failure';
  reason?: string;
}

interface Side {
  debit: number | LosslessNumber;
  credit: number | LosslessNumber;
  balance: number | LosslessNumber;
  debitMinor: number;
  creditMinor: number;
}

/** Minor units of different precisions summed exactly as thousandths (the finest precision seeded). */
const THOUSANDTHS = 3;
const toThousandths = (minor: number, precision: number): number => minor * 10 ** (THOUSANDTHS - precision);

export class SandboxRoutes {
  constructor(
    private readonly store: SandboxStore,
    private readonly rules: RecordRules,
    private readonly stats: () => unknown,
    private readonly setFaults: (f: { serverErrorRate?: number; lostResponseRate?: number; seed?: number }) => void,
    private readonly audit: () => LoginAuditEntry[],
  ) {}

  private symbol(currency: string): string {
    return String(this.store.get('currency', currency)?.f.symbol ?? currency);
  }

  private side(debitMinor: number, creditMinor: number, precision: number): Side {
    return {
      debit: minorToNumber(debitMinor, precision),
      credit: minorToNumber(creditMinor, precision),
      balance: minorToNumber(debitMinor - creditMinor, precision),
      debitMinor,
      creditMinor,
    };
  }

  trialBalance(): unknown {
    const accounts = new Map<string, { debit: number; credit: number; currencies: Record<string, Side> }>();
    const byCurrency: Record<string, { debit: number; credit: number; precision: number }> = {};
    for (const row of this.store.trialBalanceRows()) {
      const p = this.rules.precision(row.currency);
      const sym = this.symbol(row.currency);
      const a = accounts.get(row.account) ?? { debit: 0, credit: 0, currencies: {} };
      a.debit += toThousandths(row.debit, p);
      a.credit += toThousandths(row.credit, p);
      a.currencies[sym] = this.side(row.debit, row.credit, p);
      accounts.set(row.account, a);
      const c = (byCurrency[sym] ??= { debit: 0, credit: 0, precision: p });
      c.debit += row.debit;
      c.credit += row.credit;
    }
    let debit = 0;
    let credit = 0;
    const list = [...accounts].map(([id, a]) => {
      const acct = this.store.get('account', id);
      debit += a.debit;
      credit += a.credit;
      return {
        id,
        name: acct ? this.rules.refName(acct) : id,
        acctType: acct?.f.acctType,
        debit: minorToNumber(a.debit, THOUSANDTHS),
        credit: minorToNumber(a.credit, THOUSANDTHS),
        balance: minorToNumber(a.debit - a.credit, THOUSANDTHS),
        currencies: a.currencies,
      };
    });
    return {
      accounts: list,
      totals: { debit: minorToNumber(debit, THOUSANDTHS), credit: minorToNumber(credit, THOUSANDTHS) },
      byCurrency: Object.fromEntries(Object.entries(byCurrency).map(([sym, c]) => [sym, this.side(c.debit, c.credit, c.precision)])),
      balanced: debit === credit && Object.values(byCurrency).every((c) => c.debit === c.credit),
    };
  }

  customerBalance(customer: string): unknown {
    const balances: Record<string, number | LosslessNumber> = {};
    const balancesMinor: Record<string, number> = {};
    for (const row of this.store.customerArRows(customer)) {
      const sym = this.symbol(row.currency);
      balancesMinor[sym] = (balancesMinor[sym] ?? 0) + row.debit - row.credit;
    }
    for (const [sym, minor] of Object.entries(balancesMinor)) {
      const id = this.store.allOfFamily('currency').find((c) => c.f.symbol === sym)?.id ?? '1';
      balances[sym] = minorToNumber(minor, this.rules.precision(id));
    }
    return { customer, balances, balancesMinor };
  }

  /** POST /_sandbox/accounting-periods/close|reopen {"period":"2026-03"}: closes or reopens that month. */
  private setPeriodClosed(body: unknown, closed: boolean): ApiResponse {
    if (!this.rules.features.has('ACCOUNTINGPERIODS')) return { status: 409, body: { error: 'accounting periods are off (feature ACCOUNTINGPERIODS)' } };
    const period = (body as { period?: unknown } | undefined)?.period;
    const m = typeof period === 'string' ? /^(\d{4})-(\d{2})$/.exec(period) : null;
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return { status: 400, body: { error: 'body must be {"period":"YYYY-MM"}' } };
    const rec = this.store.periodOf(`${period as string}-01`);
    if (!rec) return { status: 404, body: { error: `no accounting period for ${period as string}` } };
    rec.f.closed = closed;
    if (closed) rec.f.closedOnDate = this.rules.today();
    else delete rec.f.closedOnDate;
    rec.f.lastModifiedDate = this.rules.nowIso();
    this.store.update(rec);
    return { status: 200, body: { id: rec.id, periodName: rec.f.periodName, startDate: rec.f.startDate, endDate: rec.f.endDate, closed } };
  }

  handle(method: string, segments: string[], body: unknown): ApiResponse {
    const [what, arg] = segments;
    if (method === 'GET' && what === 'trial-balance') return { status: 200, body: this.trialBalance() };
    if (method === 'GET' && what === 'customer-balance' && arg) {
      if (!this.store.get('entity', arg)) return { status: 404, body: { error: `no customer ${arg}` } };
      return { status: 200, body: this.customerBalance(arg) };
    }
    if (method === 'GET' && what === 'stats') return { status: 200, body: this.stats() };
    if (method === 'GET' && what === 'login-audit') return { status: 200, body: this.audit() };
    if (method === 'GET' && what === 'gl' && arg) return { status: 200, body: this.store.glOf(arg) };
    if (method === 'POST' && what === 'accounting-periods' && (arg === 'close' || arg === 'reopen')) return this.setPeriodClosed(body, arg === 'close');
    if (method === 'POST' && what === 'faults') {
      const b = (body ?? {}) as Record<string, unknown>;
      const f: { serverErrorRate?: number; lostResponseRate?: number; seed?: number } = {};
      for (const k of ['serverErrorRate', 'lostResponseRate', 'seed'] as const) {
        if (b[k] !== undefined) {
          const n = Number(b[k]);
          if (!Number.isFinite(n) || (k !== 'seed' && (n < 0 || n > 1))) return { status: 400, body: { error: `bad ${k}` } };
          f[k] = n;
        }
      }
      this.setFaults(f);
      return { status: 204 };
    }
    return { status: 404, body: { error: 'unknown sandbox endpoint' } };
  }
}
