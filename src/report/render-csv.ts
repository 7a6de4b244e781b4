// The plan for spreadsheets: one row per operation, RFC 4180 (CRLF line ends; a field with a comma, quote or line
// break is quoted, quotes doubled). Amounts are plain decimals in the currency's minor digits, without thousands
// separators, so a spreadsheet reads them as numbers.
import type { ReportModel } from './plan-report-model.js';
import { stripControls } from './sanitize-text.js';

export const CSV_COLUMNS = [
  'pass',
  'action',
  'status',
  'record_type',
  'external_id',
  'stripe_id',
  'customer',
  'date',
  'currency',
  'amount',
  'amount_minor',
  'description',
  'blocked_reason',
  'depends_on',
] as const;

export function renderCsv(model: ReportModel): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const pass of model.passes) {
    for (const op of pass.operations) {
      rows.push([
        op.pass,
        op.action,
        op.reportAction,
        op.recordType,
        text(op.externalId),
        text(op.stripeId),
        text(op.customer ?? ''),
        op.date ?? '',
        op.currency ? op.currency.toUpperCase() : '',
        op.amount ?? '',
        op.amountMinor !== undefined ? String(op.amountMinor) : '',
        text(op.description),
        text(op.blocked ?? ''),
        op.dependsOn.join(' '),
      ]);
    }
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * User text: control characters other than line breaks dropped; a leading =, +, - or @ is prefixed with ' so a
 * spreadsheet shows it instead of evaluating it as a formula (CSV injection).
 */
function text(value: string): string {
  const clean = value
    .split(/\r\n|\r|\n/)
    .map((line) => stripControls(line))
    .join('\n');
  return /^[=+\-@\t]/.test(clean) ? `'${clean}` : clean;
}
