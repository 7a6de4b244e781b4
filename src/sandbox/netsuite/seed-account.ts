// What a fresh NetSuite account holds before the connector runs. These internal ids are the ones
// config/stripe-netsuite.json refers to; keep them in step.
import type { Features } from './features.js';
import type { SandboxStore, StoredRecord } from './sandbox-store.js';

const CURRENCIES: Array<[string, string, string, number, number]> = [
  // id, ISO code, display symbol, precision, default exchange rate to USD
  ['1', 'USD', '$', 2, 1],
  ['2', 'GBP', '£', 2, 1.27],
  ['3', 'CAD', 'CA$', 2, 0.73],
  ['4', 'EUR', '€', 2, 1.08],
  ['5', 'JPY', '¥', 0, 0.0067],
  ['6', 'AUD', 'A$', 2, 0.66],
  ['7', 'KWD', 'KD', 3, 3.25],
];

const ACCOUNTS: Array<[string, string, string, string?, string?]> = [
  // id, name, acctType, currency id, sSpecAcct
  ['1', 'Checking USD', 'Bank', '1'],
  ['2', 'Checking EUR', 'Bank', '4'],
  ['3', 'Checking GBP', 'Bank', '2'],
  ['4', 'Undeposited Funds', 'OthCurrAsset', undefined, 'UndepFunds'],
  ['5', 'Accounts Receivable', 'AcctRec', undefined, 'AcctRec'],
  ['6', 'Sales', 'Income'],
  ['7', 'Stripe Fees', 'Expense'],
  ['8', 'Sales Tax Payable', 'OthCurrLiab'],
  ['9', 'Bad Debt', 'Expense'],
  ['10', 'Refunds and Allowances', 'Income'],
  ['11', 'Dispute Reversals', 'OthIncome'],
  ['12', 'Discounts', 'Income'],
  ['13', 'Customer Credits', 'OthCurrLiab'],
  ['14', 'FX Rounding', 'OthExpense'],
  ['15', 'Cheques Received', 'OthCurrAsset'],
];

export const UNDEPOSITED_FUNDS_ACCOUNT = '4';
export const RECEIVABLES_ACCOUNT = '5';
/** The company's (subsidiary 1's) currency; the only currency without MULTICURRENCY. */
export const BASE_CURRENCY = '1';
/** The one company; without SUBSIDIARIES it is implicit (kept internally, never shown or served). */
export const COMPANY_SUBSIDIARY = '1';
/** Monthly accounting periods seeded when ACCOUNTINGPERIODS is on. */
export const PERIOD_YEARS = { first: 2020, last: 2030 };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03" → the month's first and last date and NetSuite's period name ("Mar 2026"). */
export function monthPeriod(year: number, month: number): { periodName: string; startDate: string; endDate: string } {
  const mm = String(month).padStart(2, '0');
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { periodName: `${MONTHS[month - 1]} ${year}`, startDate: `${year}-${mm}-01`, endDate: `${year}-${mm}-${String(last).padStart(2, '0')}` };
}

function seedPeriods(store: SandboxStore, put: (rec: StoredRecord) => void): void {
  for (let y = PERIOD_YEARS.first; y <= PERIOD_YEARS.last; y++) {
    for (let m = 1; m <= 12; m++) {
      const id = String((y - PERIOD_YEARS.first) * 12 + m);
      if (store.get('accountingPeriod', id)) continue;
      put({
        family: 'accountingPeriod',
        id,
        type: 'accountingPeriod',
        f: { ...monthPeriod(y, m), closed: false, isQuarter: false, isYear: false, isAdjust: false, isPosting: true, isInactive: false },
      });
    }
  }
}

export function seedAccount(store: SandboxStore, createdAt: string, features: Features): void {
  const putIn = (rec: StoredRecord): void => {
    store.insert({ ...rec, f: { id: rec.id, dateCreated: createdAt, lastModifiedDate: createdAt, ...rec.f } });
    store.reserveId(rec.family, rec.id);
  };
  if (store.getMeta('seeded')) {
    // A state file from before feature sets: it was an account with everything on but had no periods yet.
    if (store.getMeta('features') === undefined) {
      store.transaction(() => {
        if (features.has('ACCOUNTINGPERIODS')) seedPeriods(store, putIn);
        store.setMeta('features', features.list().join(','));
      });
    }
    return;
  }
  const multi = features.has('MULTICURRENCY');
  const put = (rec: StoredRecord): void => {
    store.insert({ ...rec, f: { id: rec.id, dateCreated: createdAt, lastModifiedDate: createdAt, ...rec.f } });
    store.reserveId(rec.family, rec.id);
  };
  store.transaction(() => {
    for (const [id, symbol, displaySymbol, precision, rate] of CURRENCIES) {
      // Without multiple currencies the base currency record is the only one.
      if (!multi && id !== BASE_CURRENCY) continue;
      put({
        family: 'currency',
        id,
        type: 'currency',
        f: { name: symbol, symbol, displaySymbol, currencyPrecision: precision, exchangeRate: rate, isBaseCurrency: id === '1', isInactive: false },
      });
    }
    put({
      family: 'subsidiary',
      id: '1',
      type: 'subsidiary',
      f: { name: 'Stripe Sandbox Inc.', legalName: 'Stripe Sandbox Inc.', currency: '1', isInactive: false, country: 'US' },
    });
    for (const [id, name, acctType, currency, special] of ACCOUNTS) {
      // Foreign-currency bank accounts need MULTICURRENCY; their ids stay reserved so later ids do not move.
      if (!multi && currency !== undefined && currency !== BASE_CURRENCY) {
        store.reserveId('account', id);
        continue;
      }
      put({
        family: 'account',
        id,
        type: 'account',
        f: {
          acctName: name,
          acctType,
          ...(special ? { sSpecAcct: special } : {}),
          ...(currency ? { currency } : {}),
          subsidiary: ['1'],
          includeChildren: true,
          isInactive: false,
          isSummary: false,
        },
      });
    }
    put({ family: 'paymentMethod', id: '1', type: 'paymentMethod', f: { name: 'Stripe', isInactive: false, undepFunds: true } });
    if (features.has('ACCOUNTINGPERIODS')) seedPeriods(store, put);
    store.setMeta('features', features.list().join(','));
    store.setMeta('seeded', createdAt);
  });
}
