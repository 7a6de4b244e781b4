// The plan as every report format sees it: passes in order, counts by action, totals per currency.
// Pure and deterministic: the same plan (and options) always gives the same model, so rendered reports can be diffed.
import { minorToDecimalString } from '../accounting/money.js';
import type { Plan } from '../plan/build-plan.js';
import { PASSES, type OperationAction, type PassName, type RecordType } from '../plan/operation.js';
import type { NetSuiteSettings } from '../config/settings.js';
import type { GlLine } from '../books/gl-impact.js';
import { buildBooks, type GlImpactModel, type TieOuts } from '../books/books-model.js';

/** How a report classifies an operation: its action, or `blocked` when the plan cannot send it. */
export const REPORT_ACTIONS = ['create', 'link', 'close', 'apply', 'blocked'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export type ActionCounts = Record<ReportAction, number>;

export interface CurrencyTotal {
  /** Amounts are summed per record type: an invoice and a payment of the same money are two views of it. */
  recordType: RecordType;
  /** Lower-case ISO code, as Stripe writes it. */
  currency: string;
  /** Integer, in the currency's minor unit. */
  amountMinor: number;
  /** The same amount as a decimal string with the currency's exponent. */
  amount: string;
  /** How many operations carried an amount in this currency. */
  operations: number;
}

export interface ReportOperation {
  key: string;
  pass: PassName;
  /** What the operation does when sent. */
  action: OperationAction;
  /** `action`, or `blocked` when the operation will not be sent. */
  reportAction: ReportAction;
  recordType: RecordType;
  externalId: string;
  stripeId: string;
  /** For `apply`: the key of the operation whose record is patched. */
  target?: string;
  customer?: string;
  date?: string;
  currency?: string;
  amountMinor?: number;
  /** Decimal string; present only when both amount and currency are known. */
  amount?: string;
  description: string;
  dependsOn: string[];
  /** Why the plan cannot send this operation. */
  blocked?: string;
  /** The NetSuite body, kept for renderers that can show it (JSON with `includeBodies`). */
  body: Record<string, unknown>;
  /** The GL lines this operation posts (with the books' impact). */
  gl?: GlLine[];
}

export interface ReportPass {
  name: PassName;
  /** In plan order. */
  operations: ReportOperation[];
  counts: ActionCounts;
  /**
   * Sums over created, linked and closing records that will be sent, per record type and currency. `apply`
   * operations are left out: they apply an amount a record already carries, so counting them would count it twice.
   */
  willPost: CurrencyTotal[];
  /** Sums over blocked operations, per currency, kept apart so "will post" means what it says. */
  blocked: CurrencyTotal[];
}

/** Dates (YYYY-MM-DD) the report covers, inclusive. */
export interface ReportRange {
  from: string;
  to: string;
  /** `run`: the range the run was asked for (backfill); `operations`: the first and last operation date. */
  source: 'run' | 'operations';
}

export interface ReportModel {
  /** What the plan was made from (ledger path, window); free text supplied by the caller. */
  generatedFor?: string;
  /** Only when the caller passes one: a timestamp would break byte-identical reports. */
  generatedAt?: string;
  /** The NetSuite account id the plan is for (not a secret: it is in every record URL). */
  netsuiteAccount?: string;
  /** The connector version that made the plan. */
  version?: string;
  /** Absent when no operation has a date and the caller gave no range. */
  range?: ReportRange;
  /** Every pass, in PASSES order, including passes without operations. */
  passes: ReportPass[];
  counts: ActionCounts;
  operationCount: number;
  willPost: CurrencyTotal[];
  blocked: CurrencyTotal[];
  /** The GL lines the plan posts and their totals; present when the model was built with the account settings. */
  glImpact?: GlImpactModel;
  /** Deposits against their payouts, customers' A/R; present with `glImpact`. */
  tieOuts?: TieOuts;
}

export interface ReportModelOptions {
  generatedFor?: string;
  generatedAt?: string;
  netsuiteAccount?: string;
  version?: string;
  /** The range the run was asked for, as dates; otherwise the model takes the operations' first and last date. */
  range?: { from: string; to: string };
  /** The NetSuite settings (accounts, bank accounts): with them the model carries the books' impact and tie-outs. */
  books?: NetSuiteSettings;
  /** A/R per customer label and currency (minor units) before this plan, from what earlier runs posted. */
  arBefore?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The configured GL accounts' names in NetSuite, by internal id (the account profile's). */
  accountNames?: ReadonlyMap<string, string>;
}

export function emptyCounts(): ActionCounts {
  return { create: 0, link: 0, close: 0, apply: 0, blocked: 0 };
}

export function buildReportModel(plan: Plan, o: ReportModelOptions = {}): ReportModel {
  const byPass = new Map<PassName, ReportOperation[]>(PASSES.map((p) => [p, []]));
  const books = o.books ? buildBooks(plan.operations, o.books, o.arBefore, o.accountNames) : undefined;
  for (const op of plan.operations) {
    const list = byPass.get(op.pass);
    if (!list) throw new Error(`operation ${op.key} belongs to unknown pass "${op.pass}"`);
    const currency = op.summary.currency?.toLowerCase();
    const amountMinor = op.summary.amount;
    if (amountMinor !== undefined && !Number.isSafeInteger(amountMinor)) {
      throw new Error(`operation ${op.key}: amount ${amountMinor} is not an integer of minor units`);
    }
    list.push({
      key: op.key,
      pass: op.pass,
      action: op.action,
      reportAction: op.blocked ? 'blocked' : op.action,
      recordType: op.recordType,
      externalId: op.externalId,
      stripeId: op.stripeId,
      ...(op.action === 'apply' ? { target: op.target } : {}),
      ...(op.summary.customer !== undefined ? { customer: op.summary.customer } : {}),
      ...(op.summary.date !== undefined ? { date: op.summary.date } : {}),
      ...(currency !== undefined ? { currency } : {}),
      ...(amountMinor !== undefined ? { amountMinor } : {}),
      ...(amountMinor !== undefined && currency !== undefined
        ? { amount: minorToDecimalString(amountMinor, currency) }
        : {}),
      description: op.summary.description,
      dependsOn: [...op.dependsOn],
      ...(op.blocked ? { blocked: op.blocked } : {}),
      body: op.body,
      ...(books ? { gl: books.linesOf.get(op.key) ?? [] } : {}),
    });
  }

  const passes: ReportPass[] = PASSES.map((name) => {
    const operations = byPass.get(name) ?? [];
    return {
      name,
      operations,
      counts: countActions(operations),
      willPost: totalsByCurrency(operations.filter((op) => !op.blocked)),
      blocked: totalsByCurrency(operations.filter((op) => op.blocked)),
    };
  });
  const all = passes.flatMap((p) => p.operations);
  const range = o.range ? { ...o.range, source: 'run' as const } : operationRange(all);
  return {
    ...(o.generatedFor !== undefined ? { generatedFor: o.generatedFor } : {}),
    ...(o.generatedAt !== undefined ? { generatedAt: o.generatedAt } : {}),
    ...(o.netsuiteAccount !== undefined ? { netsuiteAccount: o.netsuiteAccount } : {}),
    ...(o.version !== undefined ? { version: o.version } : {}),
    ...(range ? { range } : {}),
    passes,
    counts: countActions(all),
    operationCount: all.length,
    willPost: totalsByCurrency(all.filter((op) => !op.blocked)),
    blocked: totalsByCurrency(all.filter((op) => op.blocked)),
    ...(books ? { glImpact: books.glImpact, tieOuts: books.tieOuts } : {}),
  };
}

function operationRange(operations: ReportOperation[]): ReportRange | undefined {
  const dates = operations.flatMap((op) => (op.date ? [op.date.slice(0, 10)] : [])).sort();
  return dates.length ? { from: dates[0], to: dates[dates.length - 1], source: 'operations' } : undefined;
}

function countActions(operations: ReportOperation[]): ActionCounts {
  const counts = emptyCounts();
  for (const op of operations) counts[op.reportAction] += 1;
  return counts;
}

/**
 * Integer sums per record type and currency, in PASSES-then-record-type order; an amount without a currency cannot
 * be summed with anything and is left out, and so are `apply` operations (they re-apply an amount already counted).
 */
function totalsByCurrency(operations: ReportOperation[]): CurrencyTotal[] {
  const sums = new Map<string, { recordType: RecordType; currency: string; amountMinor: number; operations: number }>();
  for (const op of operations) {
    if (op.amountMinor === undefined || op.currency === undefined || op.action === 'apply') continue;
    const k = `${op.recordType} ${op.currency}`;
    const s = sums.get(k) ?? { recordType: op.recordType, currency: op.currency, amountMinor: 0, operations: 0 };
    s.amountMinor += op.amountMinor;
    if (!Number.isSafeInteger(s.amountMinor)) throw new Error(`total of ${k} exceeds safe integer range`);
    s.operations += 1;
    sums.set(k, s);
  }
  return [...sums.keys()].sort().map((k) => {
    const s = sums.get(k)!;
    return { ...s, amount: minorToDecimalString(s.amountMinor, s.currency) };
  });
}

export interface CurrencyRow {
  recordType: RecordType;
  currency: string;
  willPost?: CurrencyTotal;
  blocked?: CurrencyTotal;
}

/** Will-post and blocked totals side by side, one row per record type and currency that appears in either. */
export function currencyRows(willPost: CurrencyTotal[], blocked: CurrencyTotal[]): CurrencyRow[] {
  const keys = [...new Set([...willPost, ...blocked].map((t) => `${t.recordType} ${t.currency}`))].sort();
  const same = (k: string) => (t: CurrencyTotal) => `${t.recordType} ${t.currency}` === k;
  return keys.map((k) => {
    const [recordType, currency] = k.split(' ') as [RecordType, string];
    return { recordType, currency, willPost: willPost.find(same(k)), blocked: blocked.find(same(k)) };
  });
}

/** "invoice USD 120.00, customerPayment USD 120.00"; the human formats show codes in upper case. */
export function formatTotals(totals: CurrencyTotal[]): string {
  return totals.length === 0 ? 'none' : totals.map((t) => `${t.recordType} ${t.currency.toUpperCase()} ${t.amount}`).join(', ');
}

/** The closing line every human format ends with. */
export function planSummaryLine(counts: ActionCounts): string {
  return (
    `Plan: ${counts.create} to create, ${counts.link} to link, ${counts.close} to close, ` +
    `${counts.apply} to apply, ${counts.blocked} blocked.`
  );
}

/** Columns of every per-pass operation table (Markdown and HTML), in order. */
export const OPERATION_COLUMNS = [
  'Action',
  'Record type',
  'External ID',
  'Customer',
  'Date',
  'Currency',
  'Amount',
  'Stripe object',
  'Description',
] as const;
