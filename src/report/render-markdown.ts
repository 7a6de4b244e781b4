// The plan for review (a pull request, a ticket): a summary, totals per currency, a table per pass, the blocked
// operations grouped by cause with one fix each. Amounts carry thousands separators and the currency's digits.
import {
  REPORT_ACTIONS,
  OPERATION_COLUMNS,
  planSummaryLine,
  currencyRows,
  type CurrencyTotal,
  type ReportModel,
  type ReportOperation,
} from './plan-report-model.js';
import { groupedAmount, moneyText } from './format-money.js';
import { blockedGroups } from './blocked-groups.js';
import { stripControls } from './sanitize-text.js';

export function renderMarkdown(model: ReportModel): string {
  const out: string[] = [];
  out.push('# stripe-netsuite plan', '');
  if (model.generatedFor) out.push(`Plan for: ${text(model.generatedFor)}`, '');
  if (model.generatedAt) out.push(`Generated at: ${text(model.generatedAt)}`, '');
  out.push('> Dry run: nothing in this report has been written to NetSuite.', '');
  out.push(`**${planSummaryLine(model.counts)}**`, '');

  out.push('## Summary', '');
  out.push(row(['Pass', 'Create', 'Link', 'Close', 'Apply', 'Blocked', 'Will post', 'Blocked amounts']));
  out.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---', '---']));
  for (const p of model.passes) {
    out.push(
      row([
        p.name,
        ...REPORT_ACTIONS.map((a) => String(p.counts[a])),
        text(moneyList(p.willPost)),
        text(moneyList(p.blocked)),
      ]),
    );
  }
  out.push(
    row([
      '**All passes**',
      ...REPORT_ACTIONS.map((a) => `**${model.counts[a]}**`),
      text(moneyList(model.willPost)),
      text(moneyList(model.blocked)),
    ]),
  );
  out.push('');

  out.push('## Totals per record type and currency', '');
  out.push('Sums of the operation amounts per record type and currency (applications are not counted again); blocked operations are counted apart.', '');
  out.push(row(['Record type', 'Currency', 'Will post', 'Operations', 'Blocked', 'Blocked operations']));
  out.push(row(['---', '---', '---:', '---:', '---:', '---:']));
  for (const r of currencyRows(model.willPost, model.blocked)) {
    out.push(
      row([
        r.recordType,
        r.currency.toUpperCase(),
        groupedAmount(r.willPost?.amountMinor ?? 0, r.currency),
        String(r.willPost?.operations ?? 0),
        groupedAmount(r.blocked?.amountMinor ?? 0, r.currency),
        String(r.blocked?.operations ?? 0),
      ]),
    );
  }
  out.push('');

  for (const p of model.passes) {
    out.push(`## Pass: ${p.name}`, '');
    if (p.operations.length === 0) {
      out.push('_No changes._', '');
      continue;
    }
    out.push(row([...OPERATION_COLUMNS]));
    out.push(row(OPERATION_COLUMNS.map((c) => (c === 'Amount' ? '---:' : '---'))));
    for (const op of p.operations) out.push(row(operationCells(op)));
    out.push('');
    if (p.willPost.length > 0) out.push(`Will post: ${text(moneyList(p.willPost))}`, '');
    if (p.blocked.length > 0) out.push(`Blocked: ${text(moneyList(p.blocked))}`, '');
  }

  const blocked = model.passes.flatMap((p) => p.operations.filter((op) => op.blocked));
  out.push('## Blocked operations', '');
  if (blocked.length === 0) {
    out.push('_None._', '');
  } else {
    // One item per cause: a missing mapping that blocks forty records is one thing to fix.
    out.push('### By cause', '');
    for (const g of blockedGroups(model)) {
      out.push(`- **${text(g.cause)}** (${g.operations.length} operation${g.operations.length === 1 ? '' : 's'})`);
      if (g.fix) out.push(`  - Fix: ${text(g.fix)}`);
      out.push(`  - ${g.operations.map((op) => code(op.key)).join(', ')}`);
    }
    out.push('', '### Each operation', '');
    out.push(row(['Pass', 'Would', 'Record type', 'External ID', 'Stripe object', 'Reason']));
    out.push(row(['---', '---', '---', '---', '---', '---']));
    for (const op of blocked) {
      out.push(row([op.pass, op.action, op.recordType, code(op.externalId), code(op.stripeId), text(op.blocked ?? '')]));
    }
    out.push('');
  }
  return out.join('\n');
}

function operationCells(op: ReportOperation): string[] {
  return [
    op.reportAction === 'blocked' ? `**blocked** (${op.action})` : op.action,
    op.recordType,
    code(op.externalId),
    op.customer !== undefined ? text(op.customer) : '',
    op.date ?? '',
    op.currency ? op.currency.toUpperCase() : '',
    op.amountMinor === undefined ? '' : op.currency ? groupedAmount(op.amountMinor, op.currency) : `${op.amountMinor} (minor units)`,
    code(op.stripeId),
    text(op.description),
  ];
}

/** "invoice USD 1,234.56, customerPayment USD 1,234.56"; "none" when empty. */
function moneyList(totals: CurrencyTotal[]): string {
  return totals.length === 0 ? 'none' : totals.map((t) => `${t.recordType} ${moneyText(t.amountMinor, t.currency)}`).join(', ');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * Free text in a table cell: HTML is shown, not rendered; Markdown punctuation is literal; a pipe cannot
 * end the cell and a newline cannot end the row.
 */
export function text(value: string): string {
  return stripControls(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`);
}

/** Identifiers as code spans (readable, no escaping needed), unless they hold a backtick or a pipe. */
function code(value: string): string {
  return /^[^`|\u0000-\u001f]+$/.test(value) ? `\`${value}\`` : text(value);
}
