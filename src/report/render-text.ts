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
import { moneyText } from './format-money.js';
import { booksTextLines, glLineText } from './render-books-text.js';
import { blockedGroups } from './blocked-groups.js';

/** Descriptions are user text: long ones are cut so one operation stays on one line (JSON keeps them whole). */
const DESCRIPTION_MAX = 60;

export interface TextRenderOptions {
  /** ANSI colours; the CLI passes `process.stdout.isTTY`. Off by default so files and pipes get plain text. */
  color?: boolean;
  /** Columns to fit in: the terminal's (`process.stdout.columns`), or DEFAULT_WIDTH. */
  width?: number;
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

/** The width when the caller does not know the terminal's (a file, a pipe). */
export const DEFAULT_WIDTH = 100;
/** Never narrower than this: the summary line stays whole (a terminal narrower than 72 columns wraps it). */
const MIN_WIDTH = 72;

export function renderText(model: ReportModel, o: TextRenderOptions = {}): string {
  const paint = (code: string, text: string): string => (o.color ? `${code}${text}${ANSI.reset}` : text);
  const width = Math.max(MIN_WIDTH, o.width ?? DEFAULT_WIDTH);
  const lines: string[] = [];

  lines.push(paint(ANSI.bold, `stripe-netsuite plan${model.generatedFor ? ` for ${safe(model.generatedFor)}` : ''}`));
  const about = [
    model.netsuiteAccount ? `NetSuite account ${safe(model.netsuiteAccount)}` : '',
    model.range ? (model.range.from === model.range.to ? model.range.from : `${model.range.from} to ${model.range.to}`) : '',
    model.version ? `stripe-netsuite ${safe(model.version)}` : '',
  ].filter(Boolean);
  if (about.length) lines.push(...wrap(about.join(' · '), width, ''));
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
    lines.push(...wrap(`  ${SYMBOLS[action]} ${action.padEnd(7)}  ${LEGEND[action]}`, width, ' '.repeat(13)).map((l, i) => (i === 0 ? l.replace(`${SYMBOLS[action]} ${action.padEnd(7)}`, paint(ACTION_COLOR[action], `${SYMBOLS[action]} ${action.padEnd(7)}`)) : l)));
  }
  lines.push('');

  const layout = fitColumns(model.passes.flatMap((p) => p.operations), width);
  for (const pass of model.passes) {
    if (pass.operations.length === 0) {
      lines.push(paint(ANSI.dim, `${pass.name}: no changes`));
      continue;
    }
    lines.push(paint(ANSI.bold, `${pass.name}: ${describeCounts(pass.counts)}`));
    lines.push(paint(ANSI.dim, headerLine(layout)));
    for (const op of pass.operations) {
      lines.push(operationLine(op, layout, paint));
      if (op.blocked) {
        for (const l of wrap(`      blocked (would ${op.action}): ${safe(op.blocked)}`, width, '        ')) lines.push(paint(ANSI.red, l));
      }
      const gl = glLineText(op);
      if (gl) for (const l of wrap(`      GL: ${gl}`, width, '          ')) lines.push(paint(ANSI.dim, l));
    }
    lines.push(...passTotals(pass, width));
    lines.push('');
  }

  // One item per cause with its one fix: forty records blocked by one missing mapping are one thing to do.
  const groups = blockedGroups(model);
  if (groups.length > 0) {
    lines.push(paint(ANSI.bold, 'Blocked, by cause:'));
    for (const g of groups) {
      const n = g.operations.length;
      for (const l of wrap(`  - ${safe(g.cause)} (${n} operation${n === 1 ? '' : 's'})`, width, '    ')) lines.push(paint(ANSI.red, l));
      if (g.fix) lines.push(...wrap(`    fix: ${safe(g.fix)}`, width, '         '));
      lines.push(...wrap(`    ${g.operations.map((op) => safe(op.key)).join(', ')}`, width, '    '));
    }
    lines.push('');
  }

  for (const l of wrap('Totals, all passes (per record type and currency; applications not counted again):', width, '  ')) lines.push(paint(ANSI.bold, l));
  lines.push(...wrap(`  Will post: ${moneyList(model.willPost)}`, width, '             '));
  if (model.blocked.length > 0) lines.push(...wrap(`  Blocked:   ${moneyList(model.blocked)}`, width, '             '));
  lines.push('');
  lines.push(...booksTextLines(model));
  lines.push(paint(ANSI.bold, planSummaryLine(model.counts)));
  return lines.join('\n') + '\n';
}

type Column = 'recordType' | 'id' | 'customer' | 'date' | 'amount' | 'description';

const HEADINGS: Record<Column, string> = {
  recordType: 'Record type',
  id: 'ID',
  customer: 'Customer',
  date: 'Date',
  amount: 'Amount',
  description: 'Description',
};

/** The widths of the columns shown; a column absent from `widths` is dropped to fit. */
interface Layout {
  columns: Column[];
  widths: Record<Column, number>;
}

const MARKER_WIDTH = 9;
const GAP = 2;

function cells(op: ReportOperation): Record<Column, string> {
  // The id once: the Stripe id is added only when the external id does not already contain it.
  const id = op.externalId.includes(op.stripeId) ? safe(op.externalId) : `${safe(op.externalId)} (${safe(op.stripeId)})`;
  return {
    recordType: op.recordType,
    id,
    customer: safe(op.customer ?? '-'),
    date: op.date ?? '-',
    // An amount whose currency is unknown is shown raw, marked as minor units.
    amount:
      op.amountMinor === undefined ? '-' : op.currency ? moneyText(op.amountMinor, op.currency) : `${op.amountMinor} (minor)`,
    description: safe(op.description),
  };
}

/**
 * One width per column over the whole plan, so columns line up across passes, fitted to the width: the
 * description gives way first, then the customer column, then ids and record types are cut.
 */
function fitColumns(operations: ReportOperation[], width: number): Layout {
  const all: Column[] = ['recordType', 'id', 'customer', 'date', 'amount', 'description'];
  const widths = Object.fromEntries(all.map((c) => [c, HEADINGS[c].length])) as Record<Column, number>;
  for (const op of operations) {
    const c = cells(op);
    for (const k of all) widths[k] = Math.max(widths[k], len(c[k]));
  }
  widths.description = Math.min(widths.description, DESCRIPTION_MAX);
  let columns = [...all];
  const total = () => 2 + MARKER_WIDTH + columns.reduce((sum, c) => sum + GAP + widths[c], 0);
  const shrink = (c: Column, min: number) => {
    const over = total() - width;
    if (over > 0) widths[c] = Math.max(min, widths[c] - over);
  };
  shrink('description', 20);
  if (total() > width) columns = columns.filter((c) => c !== 'customer');
  shrink('description', 12);
  shrink('id', 14);
  shrink('recordType', 11);
  shrink('description', HEADINGS.description.length);
  shrink('id', 10);
  shrink('recordType', 8);
  if (total() > width) columns = columns.filter((c) => c !== 'description');
  return { columns, widths };
}

function headerLine(layout: Layout): string {
  const parts = layout.columns.map((c) => {
    const h = cut(HEADINGS[c], layout.widths[c]);
    return c === 'amount' ? h.padStart(layout.widths[c]) : h.padEnd(layout.widths[c]);
  });
  return `  ${'Action'.padEnd(MARKER_WIDTH)}  ${parts.join('  ')}`.trimEnd();
}

function operationLine(op: ReportOperation, layout: Layout, paint: (code: string, text: string) => string): string {
  const c = cells(op);
  const marker = paint(ACTION_COLOR[op.reportAction], `${SYMBOLS[op.reportAction]} ${op.reportAction.padEnd(7)}`);
  const parts = layout.columns.map((col) => {
    const v = cut(c[col], layout.widths[col]);
    return col === 'amount' ? v.padStart(layout.widths[col]) : v.padEnd(layout.widths[col]);
  });
  return `  ${marker}  ${parts.join('  ')}`.trimEnd();
}

function passTotals(pass: ReportPass, width: number): string[] {
  const out: string[] = [];
  // A pass without amounts (customers, items) has no totals worth a line.
  if (pass.willPost.length > 0) out.push(...wrap(`  Will post: ${moneyList(pass.willPost)}`, width, '             '));
  if (pass.blocked.length > 0) out.push(...wrap(`  Blocked:   ${moneyList(pass.blocked)}`, width, '             '));
  return out;
}

/** "invoice USD 1,200.00, invoice JPY 1,500": per record type and currency, never summed across either. */
function moneyList(totals: ReportPass['willPost']): string {
  return totals.length === 0 ? 'none' : totals.map((t) => `${t.recordType} ${moneyText(t.amountMinor, t.currency)}`).join(', ');
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

function len(text: string): number {
  return [...text].length;
}

/** Cut to `max` characters, the last one an ellipsis. */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Word-wraps `text` to `width`; continuation lines start with `indent`; a word longer than a line is cut. */
function wrap(text: string, width: number, indent: string): string[] {
  const words = text.split(' ');
  const out: string[] = [];
  let line = '';
  const lead = /^ */.exec(text)![0];
  for (const w of words.slice(lead.length)) {
    const prefix = out.length === 0 ? lead : indent;
    const candidate = line ? `${line} ${w}` : `${prefix}${w}`;
    if (len(candidate) <= width || !line) line = candidate;
    else {
      out.push(line);
      line = `${indent}${w}`;
    }
    while (len(line) > width) {
      const chars = [...line];
      out.push(chars.slice(0, width).join(''));
      line = `${indent}${chars.slice(width).join('')}`;
    }
  }
  if (line) out.push(line);
  return out;
}
