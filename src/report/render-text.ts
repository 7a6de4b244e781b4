// The plan for a terminal, in the manner of `terraform plan`: a legend, one section per pass, totals, a summary line.
import {
  formatTotals,
  planSummaryLine,
  type ActionCounts,
  type ReportAction,
  type ReportModel,
  type ReportOperation,
  type ReportPass,
} from './plan-report-model.js';
import { stripControls as safe } from './sanitize-text.js';
import { booksTextLines, glLineText } from './render-books-text.js';

export interface TextRenderOptions {
  /** ANSI colours; the CLI passes `process.stdout.isTTY`. Off by default so files and pipes get plain text. */
  color?: boolean;
}

const SYMBOLS: Record<ReportAction, string> = { create: '+', link: '=', close: 'x', apply: '~', blocked: '!' };

const LEGEND: Record<ReportAction, string> = {
  create: 'create a new NetSuite record',
  link: 'link an existing NetSuite record (create it if configured and missing)',
  close: 'create the credit memo that closes an invoice',
  apply: 'update a record this connector made earlier',
  blocked: 'will not be sent; the reason follows on the next line',
};

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
} as const;

const ACTION_COLOR: Record<ReportAction, string> = {
  create: ANSI.green,
  link: ANSI.cyan,
  close: ANSI.magenta,
  apply: ANSI.yellow,
  blocked: ANSI.red,
};

/** Descriptions are user text: long ones are cut so one operation stays on one line (JSON keeps them whole). */
const DESCRIPTION_MAX = 60;

export function renderText(model: ReportModel, o: TextRenderOptions = {}): string {
  const paint = (code: string, text: string): string => (o.color ? `${code}${text}${ANSI.reset}` : text);
  const lines: string[] = [];

  lines.push(paint(ANSI.bold, `stripe-netsuite plan${model.generatedFor ? ` for ${safe(model.generatedFor)}` : ''}`));
  if (model.generatedAt) lines.push(`Generated at ${safe(model.generatedAt)}`);
  lines.push('Dry run: nothing below has been written to NetSuite.');
  lines.push('');

  if (model.operationCount === 0) {
    lines.push('No changes. NetSuite already has every record the ledger calls for.');
    lines.push('');
    lines.push(planSummaryLine(model.counts));
    return lines.join('\n') + '\n';
  }

  lines.push('Symbols:');
  for (const action of Object.keys(SYMBOLS) as ReportAction[]) {
    lines.push(`  ${paint(ACTION_COLOR[action], `${SYMBOLS[action]} ${action.padEnd(7)}`)}  ${LEGEND[action]}`);
  }
  lines.push('');

  const widths = columnWidths(model.passes.flatMap((p) => p.operations));
  for (const pass of model.passes) {
    if (pass.operations.length === 0) {
      lines.push(paint(ANSI.dim, `${pass.name}: no changes`));
      continue;
    }
    lines.push(paint(ANSI.bold, `${pass.name}: ${describeCounts(pass.counts)}`));
    for (const op of pass.operations) {
      lines.push(operationLine(op, widths, paint));
      if (op.blocked) {
        lines.push(paint(ANSI.red, `      blocked (would ${op.action}): ${safe(op.blocked)}`));
      }
      const gl = glLineText(op);
      if (gl) lines.push(paint(ANSI.dim, `      GL: ${gl}`));
    }
    lines.push(...passTotals(pass));
    lines.push('');
  }

  lines.push(paint(ANSI.bold, 'Totals, all passes (per record type and currency; applications not counted again):'));
  lines.push(`  Will post: ${formatTotals(model.willPost)}`);
  if (model.blocked.length > 0) lines.push(`  Blocked:   ${formatTotals(model.blocked)}`);
  lines.push('');
  lines.push(...booksTextLines(model));
  lines.push(paint(ANSI.bold, planSummaryLine(model.counts)));
  return lines.join('\n') + '\n';
}

interface Widths {
  recordType: number;
  externalId: number;
  customer: number;
  date: number;
  currency: number;
  amount: number;
  stripe: number;
}

function cells(op: ReportOperation) {
  return {
    recordType: op.recordType,
    externalId: safe(op.externalId),
    customer: safe(op.customer ?? '-'),
    date: op.date ?? '-',
    currency: op.currency ? op.currency.toUpperCase() : '-',
    // An amount whose currency is unknown is shown raw, marked as minor units.
    amount: op.amount ?? (op.amountMinor !== undefined ? `${op.amountMinor} (minor)` : '-'),
    stripe: `Stripe ${safe(op.stripeId)}`,
  };
}

/** One width per column over the whole plan, so columns line up across passes. */
function columnWidths(operations: ReportOperation[]): Widths {
  const w: Widths = { recordType: 0, externalId: 0, customer: 0, date: 0, currency: 0, amount: 0, stripe: 0 };
  for (const op of operations) {
    const c = cells(op);
    for (const k of Object.keys(w) as Array<keyof Widths>) w[k] = Math.max(w[k], c[k].length);
  }
  return w;
}

function operationLine(op: ReportOperation, w: Widths, paint: (code: string, text: string) => string): string {
  const c = cells(op);
  const marker = paint(ACTION_COLOR[op.reportAction], `${SYMBOLS[op.reportAction]} ${op.reportAction.padEnd(7)}`);
  const description = shorten(safe(op.description));
  const parts = [
    c.recordType.padEnd(w.recordType),
    c.externalId.padEnd(w.externalId),
    c.customer.padEnd(w.customer),
    c.date.padEnd(w.date),
    c.currency.padEnd(w.currency),
    c.amount.padStart(w.amount),
    description ? c.stripe.padEnd(w.stripe) : c.stripe,
  ];
  if (description) parts.push(description);
  return `  ${marker}  ${parts.join('  ')}`;
}

function passTotals(pass: ReportPass): string[] {
  const out: string[] = [];
  // A pass without amounts (customers, items) has no totals worth a line.
  if (pass.willPost.length > 0) out.push(`  Will post: ${formatTotals(pass.willPost)}`);
  if (pass.blocked.length > 0) out.push(`  Blocked:   ${formatTotals(pass.blocked)}`);
  return out;
}

function describeCounts(counts: ActionCounts): string {
  const parts: string[] = [];
  if (counts.create) parts.push(`${counts.create} to create`);
  if (counts.link) parts.push(`${counts.link} to link`);
  if (counts.close) parts.push(`${counts.close} to close`);
  if (counts.apply) parts.push(`${counts.apply} to apply`);
  if (counts.blocked) parts.push(`${counts.blocked} blocked`);
  return parts.join(', ');
}

function shorten(text: string): string {
  const chars = [...text];
  return chars.length <= DESCRIPTION_MAX ? text : `${chars.slice(0, DESCRIPTION_MAX - 1).join('')}…`;
}
