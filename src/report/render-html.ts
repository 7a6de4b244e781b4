// The plan as one self-contained HTML page: inline CSS, no scripts, no external assets, every value escaped.
import {
  REPORT_ACTIONS,
  OPERATION_COLUMNS,
  formatTotals,
  planSummaryLine,
  currencyRows,
  type ReportModel,
  type ReportOperation,
} from './plan-report-model.js';
import { stripControls } from './sanitize-text.js';
import { booksHtml } from './render-books-html.js';
import { glLineText } from './render-books-text.js';

// The page needs nothing from outside and runs nothing; the policy makes a browser enforce that, even if
// something slipped past escaping.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
p.note { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; display: inline-block; }
p.summary { font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
tr.create td.action { color: #1a7f37; }
tr.link td.action { color: #0969da; }
tr.close td.action { color: #8250df; }
tr.apply td.action { color: #9a6700; }
tr.blocked { background: #ffebe9; }
tr.blocked td.action { color: #cf222e; font-weight: 600; }
td.reason { color: #cf222e; }
p.empty { color: #57606a; font-style: italic; }
`;

export function renderHtml(model: ReportModel): string {
  const title = `stripe-netsuite plan${model.generatedFor ? ` for ${model.generatedFor}` : ''}`;
  const out: string[] = [];
  out.push('<!DOCTYPE html>');
  out.push('<html lang="en">');
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1>${esc(title)}</h1>`);
  if (model.generatedAt) out.push(`<p>Generated at ${esc(model.generatedAt)}</p>`);
  out.push('<p class="note">Dry run: nothing in this report has been written to NetSuite.</p>');
  out.push(`<p class="summary">${esc(planSummaryLine(model.counts))}</p>`);

  out.push('<h2>Summary</h2>');
  out.push('<table class="passes">');
  out.push(
    headRow(['Pass', 'Create', 'Link', 'Close', 'Apply', 'Blocked', 'Will post', 'Blocked amounts'], [1, 2, 3, 4, 5]),
  );
  out.push('<tbody>');
  for (const p of model.passes) {
    out.push(
      `<tr><td>${esc(p.name)}</td>${REPORT_ACTIONS.map((a) => `<td class="num">${p.counts[a]}</td>`).join('')}` +
        `<td>${esc(formatTotals(p.willPost))}</td><td>${esc(formatTotals(p.blocked))}</td></tr>`,
    );
  }
  out.push(
    `<tr><th>All passes</th>${REPORT_ACTIONS.map((a) => `<th class="num">${model.counts[a]}</th>`).join('')}` +
      `<th>${esc(formatTotals(model.willPost))}</th><th>${esc(formatTotals(model.blocked))}</th></tr>`,
  );
  out.push('</tbody></table>');

  out.push('<h2>Totals per record type and currency</h2>');
  out.push('<p>Sums of the operation amounts per record type and currency (applications are not counted again); blocked operations are counted apart.</p>');
  out.push('<table class="currencies">');
  out.push(headRow(['Record type', 'Currency', 'Will post', 'Operations', 'Blocked', 'Blocked operations'], [2, 3, 4, 5]));
  out.push('<tbody>');
  for (const r of currencyRows(model.willPost, model.blocked)) {
    out.push(
      `<tr><td>${esc(r.recordType)}</td><td>${esc(r.currency.toUpperCase())}</td><td class="num">${esc(r.willPost?.amount ?? '0')}</td>` +
        `<td class="num">${r.willPost?.operations ?? 0}</td><td class="num">${esc(r.blocked?.amount ?? '0')}</td>` +
        `<td class="num">${r.blocked?.operations ?? 0}</td></tr>`,
    );
  }
  out.push('</tbody></table>');

  for (const p of model.passes) {
    out.push(`<h2>Pass: ${esc(p.name)}</h2>`);
    if (p.operations.length === 0) {
      out.push('<p class="empty">No changes.</p>');
      continue;
    }
    out.push(`<table class="operations" data-pass="${esc(p.name)}">`);
    out.push(headRow([...OPERATION_COLUMNS], [OPERATION_COLUMNS.indexOf('Amount')]));
    out.push('<tbody>');
    for (const op of p.operations) out.push(operationRow(op));
    out.push('</tbody></table>');
    if (p.willPost.length > 0) out.push(`<p>Will post: ${esc(formatTotals(p.willPost))}</p>`);
    if (p.blocked.length > 0) out.push(`<p>Blocked: ${esc(formatTotals(p.blocked))}</p>`);
  }

  out.push(...booksHtml(model));

  const blocked = model.passes.flatMap((p) => p.operations.filter((op) => op.blocked));
  out.push('<h2>Blocked operations</h2>');
  if (blocked.length === 0) {
    out.push('<p class="empty">None.</p>');
  } else {
    out.push('<table class="blocked">');
    out.push(headRow(['Pass', 'Would', 'Record type', 'External ID', 'Stripe object', 'Reason'], []));
    out.push('<tbody>');
    for (const op of blocked) {
      out.push(
        `<tr class="blocked"><td>${esc(op.pass)}</td><td>${esc(op.action)}</td><td>${esc(op.recordType)}</td>` +
          `<td><code>${esc(op.externalId)}</code></td><td><code>${esc(op.stripeId)}</code></td>` +
          `<td class="reason">${esc(op.blocked ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  out.push('</body>');
  out.push('</html>');
  return out.join('\n') + '\n';
}

function operationRow(op: ReportOperation): string {
  const action = op.reportAction === 'blocked' ? `blocked (${op.action})` : op.action;
  const amount = op.amount ?? (op.amountMinor !== undefined ? `${op.amountMinor} (minor units)` : '');
  const cells = [
    `<td class="action">${esc(action)}</td>`,
    `<td>${esc(op.recordType)}</td>`,
    `<td><code>${esc(op.externalId)}</code></td>`,
    `<td>${esc(op.customer ?? '')}</td>`,
    `<td>${esc(op.date ?? '')}</td>`,
    `<td>${esc(op.currency ? op.currency.toUpperCase() : '')}</td>`,
    `<td class="num">${esc(amount)}</td>`,
    `<td><code>${esc(op.stripeId)}</code></td>`,
    `<td>${esc(op.description)}${op.blocked ? `<br><span class="reason">Blocked: ${esc(op.blocked)}</span>` : ''}` +
      `${glLineText(op) ? `<br><span class="gl">GL: ${esc(glLineText(op)!)}</span>` : ''}</td>`,
  ];
  return `<tr class="${op.reportAction}" id="${esc(anchor(op.key))}">${cells.join('')}</tr>`;
}

function headRow(columns: string[], numeric: number[]): string {
  const cells = columns.map((c, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(c)}</th>`);
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

/** An element id from an operation key: letters, digits, '-', '_' and ':' only. */
function anchor(key: string): string {
  return `op-${key.replace(/[^A-Za-z0-9_:-]/g, '_')}`;
}

/** Escapes text for element content and quoted attribute values alike. */
export function esc(value: string): string {
  return stripControls(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
