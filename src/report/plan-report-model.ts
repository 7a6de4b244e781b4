// The plan as every report format sees it: passes in order, counts by action, totals per currency.
// Pure and deterministic: the same plan (and options) always gives the same model, so rendered reports can be diffed.
import { minorToDecimalString } from '../accounting/money.js';
import type { Plan } from '../plan/build-plan.js';
import { PASSES, type OperationAction, type PassName, type RecordType } from '../plan/operation.js';

/** How a report classifies an operation: its action, or `blocked` when the plan cannot send it. */
export const REPORT_ACTIONS = ['create', 'link', 'close', 'apply', 'blocked'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export type ActionCounts = Record<ReportAction, number>;

export interface CurrencyTotal {
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
}

export interface ReportPass {
  name: PassName;
  /** In plan order. */
  operations: ReportOperation[];
  counts: ActionCounts;
  /** Sums over operations that will be sent, per currency, sorted by currency. */
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
}

export interface ReportModelOptions {
  generatedFor?: string;
  generatedAt?: string;
  netsuiteAccount?: string;
  version?: string;
  /** The range the run was asked for, as dates; otherwise the model takes the operations' first and last date. */
  range?: { from: string; to: string };
}

export function emptyCounts(): ActionCounts {
  return { create: 0, link: 0, close: 0, apply: 0, blocked: 0 };
}

export function buildReportModel(plan: Plan, o: ReportModelOptions = {}): ReportModel {
  const byPass = new Map<PassName, ReportOperation[]>(PASSES.map((p) => [p, []]));
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

/** Integer sums per currency; an amount without a currency cannot be summed with anything and is left out. */
function totalsByCurrency(operations: ReportOperation[]): CurrencyTotal[] {
  const sums = new Map<string, { amountMinor: number; operations: number }>();
  for (const op of operations) {
    if (op.amountMinor === undefined || op.currency === undefined) continue;
    const s = sums.get(op.currency) ?? { amountMinor: 0, operations: 0 };
    s.amountMinor += op.amountMinor;
    if (!Number.isSafeInteger(s.amountMinor)) throw new Error(`total in ${op.currency} exceeds safe integer range`);
    s.operations += 1;
    sums.set(op.currency, s);
  }
  return [...sums.keys()].sort().map((currency) => {
    const s = sums.get(currency)!;
    return { currency, amountMinor: s.amountMinor, amount: minorToDecimalString(s.amountMinor, currency), operations: s.operations };
  });
}

export interface CurrencyRow {
  currency: string;
  willPost?: CurrencyTotal;
  blocked?: CurrencyTotal;
}

/** Will-post and blocked totals side by side, one row per currency that appears in either. */
export function currencyRows(willPost: CurrencyTotal[], blocked: CurrencyTotal[]): CurrencyRow[] {
  const currencies = [...new Set([...willPost, ...blocked].map((t) => t.currency))].sort();
  return currencies.map((currency) => ({
    currency,
    willPost: willPost.find((t) => t.currency === currency),
    blocked: blocked.find((t) => t.currency === currency),
  }));
}

/** "USD 120.00, JPY 1500"; the human formats show codes in upper case. */
export function formatTotals(totals: CurrencyTotal[]): string {
  return totals.length === 0 ? 'none' : totals.map((t) => `${t.currency.toUpperCase()} ${t.amount}`).join(', ');
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
