// The plan as one self-contained HTML page: a header, navigation, filters, a collapsible section per pass, charts.
// Inline CSS and inline SVG only: no scripts, no external assets, every value escaped. Filters are checkboxes
// read by CSS (:has), so the page keeps working under a policy that forbids scripts.
import {
  REPORT_ACTIONS,
  formatTotals,
  planSummaryLine,
  currencyRows,
  type ReportAction,
  type ReportModel,
  type ReportOperation,
  type ReportPass,
} from './plan-report-model.js';
import { groupedAmount, moneyText } from './format-money.js';
import { dailyAmountsChart, depositsAgainstPayoutsChart, passStatusChart } from './render-html-charts.js';
import { blockedGroups } from './blocked-groups.js';
import { esc } from './escape-html.js';

export { esc };
import { booksHtml } from './render-books-html.js';
import { glLineText } from './render-books-text.js';

// The page needs nothing from outside and runs nothing; the policy makes a browser enforce that, even if
// something slipped past escaping.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

const CSS = `
* { box-sizing: border-box; }
html { scroll-behavior: auto; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 0 auto; padding: 0 1rem 2rem; max-width: 1400px; }
header.top { padding: 1rem 0 .25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 .5rem; }
dl.meta dt { color: #57606a; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
p.note { background: #fff8c5; border: 1px solid #d4a72c; padding: .4rem .75rem; display: inline-block; margin: .25rem 0; }
p.summary { font-weight: 600; }
nav.toc { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #d0d7de; padding: .4rem 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
nav.toc a { color: #0969da; text-decoration: none; white-space: nowrap; }
nav.toc a:hover { text-decoration: underline; }
form.filters { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; padding: .4rem 0; color: #57606a; }
form.filters label { white-space: nowrap; color: #1b1f24; }
section { scroll-margin-top: 5rem; }
table { border-collapse: collapse; margin: .5rem 0; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .2rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.cur { color: #57606a; font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
span.sub { display: block; color: #57606a; font-size: 12px; }
tr.create td.action { color: #1a7f37; }
tr.link td.action { color: #0969da; }
tr.close td.action { color: #8250df; }
tr.apply td.action { color: #9a6700; }
tr.blocked { background: #ffebe9; }
tr.blocked td.action { color: #cf222e; font-weight: 600; }
.reason { color: #cf222e; }
p.empty { color: #57606a; font-style: italic; }
details.pass > summary { cursor: pointer; list-style: revert; }
details.pass > summary h2 { display: inline; border: 0; }
details.pass > summary span.counts { color: #57606a; margin-left: .5rem; }
details.pass { border-bottom: 1px solid #d0d7de; padding: .25rem 0; }
div.charts { display: grid; gap: 1rem; }
figure { margin: 0; }
figcaption { color: #57606a; font-size: 12px; }
svg.chart { width: 100%; max-width: 960px; height: auto; display: block; }
svg.chart text { font: 11px system-ui, sans-serif; fill: #57606a; }
ul.causes li { margin: .4rem 0; }
`;

export function renderHtml(model: ReportModel): string {
  const title = `stripe-netsuite plan${model.generatedFor ? ` for ${model.generatedFor}` : ''}`;
  const withOps = model.passes.filter((p) => p.operations.length > 0);
  const withoutOps = model.passes.filter((p) => p.operations.length === 0);
  const currencies = [...new Set(model.passes.flatMap((p) => p.operations.flatMap((op) => (op.currency ? [op.currency] : []))))].sort();
  const groups = blockedGroups(model);

  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`);
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<style>${CSS}${filterCss(currencies)}</style>`);
  out.push('</head>', '<body>');

  out.push('<header class="top">');
  out.push(`<h1>${esc(title)}</h1>`);
  out.push('<dl class="meta">');
  out.push(`<dt>NetSuite account</dt><dd>${esc(model.netsuiteAccount ?? 'not stated')}</dd>`);
  out.push(`<dt>Dates</dt><dd>${esc(rangeText(model))}</dd>`);
  out.push(`<dt>Generated</dt><dd>${esc(model.generatedAt ?? 'not stated')}</dd>`);
  out.push(`<dt>By</dt><dd>stripe-netsuite ${esc(model.version ?? '(version not stated)')}</dd>`);
  out.push('</dl>');
  out.push('<p class="note">Dry run: nothing in this report has been written to NetSuite.</p>');
  out.push(`<p class="summary">${esc(planSummaryLine(model.counts))}</p>`);
  out.push('</header>');

  out.push('<nav class="toc" aria-label="Sections">');
  out.push('<a href="#summary">Summary</a>', '<a href="#currencies">Currencies</a>', '<a href="#charts">Charts</a>');
  for (const p of withOps) out.push(`<a href="#${passAnchor(p.name)}">${esc(p.name)} (${p.operations.length})</a>`);
  out.push(`<a href="#blocked">Blocked (${model.counts.blocked})</a>`);
  out.push('</nav>');

  if (model.operationCount > 0) {
    out.push('<form class="filters" aria-label="Filters">Show:');
    for (const a of REPORT_ACTIONS) {
      if (model.counts[a] === 0) continue;
      out.push(`<label><input type="checkbox" id="f-${a}" checked> ${esc(a)} (${model.counts[a]})</label>`);
    }
    for (const c of currencies) {
      out.push(`<label><input type="checkbox" id="f-cur-${cssToken(c)}" checked> ${esc(c.toUpperCase())}</label>`);
    }
    out.push('</form>');
  }

  out.push('<main>');
  out.push('<section id="summary">', '<h2>Summary</h2>');
  out.push('<table class="passes">');
  out.push(headRow(['Pass', 'Create', 'Link', 'Close', 'Apply', 'Blocked', 'Will post', 'Blocked amounts'], [1, 2, 3, 4, 5]));
  out.push('<tbody>');
  for (const p of model.passes) {
    out.push(
      `<tr><td>${p.operations.length ? `<a href="#${passAnchor(p.name)}">${esc(p.name)}</a>` : esc(p.name)}</td>` +
        `${REPORT_ACTIONS.map((a) => `<td class="num">${p.counts[a]}</td>`).join('')}` +
        `<td>${esc(moneyList(p.willPost))}</td><td>${esc(moneyList(p.blocked))}</td></tr>`,
    );
  }
  out.push(
    `<tr><th>All passes</th>${REPORT_ACTIONS.map((a) => `<th class="num">${model.counts[a]}</th>`).join('')}` +
      `<th colspan="2"></th></tr>`,
  );
  out.push('</tbody></table>');
  out.push('</section>');

  out.push('<section id="currencies">', '<h2>Totals per record type and currency</h2>');
  out.push('<p>Sums of the operation amounts per record type and currency (applications are not counted again); blocked operations are counted apart.</p>');
  out.push('<table class="currencies">');
  out.push(headRow(['Record type', 'Currency', 'Will post', 'Operations', 'Blocked', 'Blocked operations'], [2, 3, 4, 5]));
  out.push('<tbody>');
  for (const r of currencyRows(model.willPost, model.blocked)) {
    out.push(
      `<tr><td>${esc(r.recordType)}</td><td>${esc(r.currency.toUpperCase())}</td><td class="num">${esc(groupedAmount(r.willPost?.amountMinor ?? 0, r.currency))}</td>` +
        `<td class="num">${r.willPost?.operations ?? 0}</td><td class="num">${esc(groupedAmount(r.blocked?.amountMinor ?? 0, r.currency))}</td>` +
        `<td class="num">${r.blocked?.operations ?? 0}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  out.push('</section>');

  out.push('<section id="charts">', '<h2>Charts</h2>', '<div class="charts">');
  const charts = [passStatusChart(model), ...dailyAmountsChartsFor(model), ...depositChartsFor(model)];
  out.push(charts.length ? charts.join('\n') : '<p class="empty">Nothing to chart.</p>');
  out.push('</div>', '</section>');

  // The books (GL impact, deposit tie-outs, A/R), between the totals and the passes.
  out.push(...booksHtml(model));

  for (const p of withOps) out.push(passSection(p));
  if (withoutOps.length > 0) {
    out.push(`<p class="empty">No changes in: ${withoutOps.map((p) => esc(p.name)).join(', ')}.</p>`);
  }

  out.push('<section id="blocked">', '<h2>Blocked operations, by cause</h2>');
  if (groups.length === 0) {
    out.push('<p class="empty">None.</p>');
  } else {
    out.push('<ul class="causes">');
    for (const g of groups) {
      out.push(
        `<li><span class="reason">${esc(g.cause)}</span> — ${g.operations.length} operation(s)` +
          `${g.fix ? `<br>Fix: ${esc(g.fix)}` : ''}<br>` +
          g.operations.map((op) => `<a href="#${esc(anchor(op.key))}"><code>${esc(op.key)}</code></a>`).join(', ') +
          '</li>',
      );
    }
    out.push('</ul>');
  }
  out.push('</section>');
  out.push('</main>', '</body>', '</html>');
  return out.join('\n') + '\n';
}

function passSection(p: ReportPass): string {
  const out: string[] = [];
  out.push(`<section id="${passAnchor(p.name)}">`);
  out.push(`<details class="pass" open><summary><h2>${esc(p.name)}</h2><span class="counts">${esc(describeCounts(p))}</span></summary>`);
  out.push(`<table class="operations" data-pass="${esc(p.name)}">`);
  out.push(headRow(['Action', 'Record type', 'ID', 'Customer', 'Date', 'Cur.', 'Amount', 'Description'], [6]));
  out.push('<tbody>');
  for (const op of p.operations) out.push(operationRow(op));
  out.push('</tbody></table>');
  if (p.willPost.length > 0) out.push(`<p>Will post: ${esc(moneyList(p.willPost))}</p>`);
  if (p.blocked.length > 0) out.push(`<p>Blocked: ${esc(moneyList(p.blocked))}</p>`);
  out.push('</details>', '</section>');
  return out.join('\n');
}

function operationRow(op: ReportOperation): string {
  const action = op.reportAction === 'blocked' ? `blocked (${op.action})` : op.action;
  const amount =
    op.amountMinor === undefined ? '' : op.currency ? groupedAmount(op.amountMinor, op.currency) : `${op.amountMinor} (minor units)`;
  // The id once: the Stripe id is shown apart only when the external id is not the same.
  const stripe = op.stripeId !== op.externalId ? `<span class="sub">Stripe <code>${esc(op.stripeId)}</code></span>` : '';
  const cells = [
    `<td class="action">${esc(action)}</td>`,
    `<td>${esc(op.recordType)}</td>`,
    `<td><code>${esc(op.externalId)}</code>${stripe}</td>`,
    `<td>${op.customer ? `<code>${esc(op.customer)}</code>` : ''}</td>`,
    `<td class="num">${esc(op.date ?? '')}</td>`,
    `<td class="cur">${esc(op.currency ? op.currency.toUpperCase() : '')}</td>`,
    `<td class="num">${esc(amount)}</td>`,
    `<td>${esc(op.description)}${op.blocked ? `<span class="sub reason">Blocked: ${esc(op.blocked)}</span>` : ''}` +
      `${glLineText(op) ? `<span class="sub gl">GL: ${esc(glLineText(op)!)}</span>` : ''}</td>`,
  ];
  const classes = ['op', op.reportAction, ...(op.currency ? [`cur-${cssToken(op.currency)}`] : [])];
  return `<tr class="${classes.join(' ')}" id="${esc(anchor(op.key))}">${cells.join('')}</tr>`;
}

/** One daily chart per currency, for the three currencies with the most dated operations. */
function dailyAmountsChartsFor(model: ReportModel): string[] {
  const counts = new Map<string, number>();
  for (const op of model.passes.flatMap((p) => p.operations)) {
    if (op.currency && op.date && op.amountMinor !== undefined && !op.blocked) counts.set(op.currency, (counts.get(op.currency) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3);
  return top.flatMap(([c]) => {
    const svg = dailyAmountsChart(model, c);
    return svg ? [svg] : [];
  });
}

/** One deposits-against-payouts chart per currency that has deposits (tie-outs come with the books). */
function depositChartsFor(model: ReportModel): string[] {
  const currencies = [...new Set((model.tieOuts?.deposits ?? []).map((d) => d.currency))].sort();
  return currencies.flatMap((c) => {
    const svg = depositsAgainstPayoutsChart(model, c);
    return svg ? [svg] : [];
  });
}

/** Unchecking an action or currency hides its rows: CSS only, no script. */
function filterCss(currencies: string[]): string {
  const rules = REPORT_ACTIONS.map((a) => `body:has(#f-${a}:not(:checked)) tr.op.${a} { display: none; }`);
  for (const c of currencies) rules.push(`body:has(#f-cur-${cssToken(c)}:not(:checked)) tr.op.cur-${cssToken(c)} { display: none; }`);
  return `\n${rules.join('\n')}\n`;
}

function describeCounts(p: ReportPass): string {
  const parts = (Object.keys(p.counts) as ReportAction[]).filter((a) => p.counts[a] > 0).map((a) => `${p.counts[a]} ${a}`);
  return parts.join(', ');
}

function rangeText(model: ReportModel): string {
  if (!model.range) return 'no dated operations';
  const span = model.range.from === model.range.to ? model.range.from : `${model.range.from} to ${model.range.to}`;
  return model.range.source === 'run' ? `${span} (the run's range)` : `${span} (first and last operation date)`;
}

/** "USD 1,200.00, JPY 1,500"; per currency, never summed across currencies. */
function moneyList(totals: ReportPass['willPost']): string {
  return totals.length === 0 ? formatTotals(totals) : totals.map((t) => moneyText(t.amountMinor, t.currency)).join(', ');
}

function headRow(columns: string[], numeric: number[]): string {
  const cells = columns.map((c, i) => `<th${numeric.includes(i) ? ' class="num"' : ''}>${esc(c)}</th>`);
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

function passAnchor(pass: string): string {
  return `pass-${cssToken(pass)}`;
}

/** Letters, digits and '-' only: safe in an id, a class name and a CSS selector alike. */
function cssToken(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

/** An element id from an operation key: letters, digits, '-', '_' and ':' only. */
export function anchor(key: string): string {
  return `op-${key.replace(/[^A-Za-z0-9_:-]/g, '_')}`;
}
