// The books' impact and tie-outs as plain HTML tables (the HTML report appends them; layout is render-html's).
import type { ReportModel } from './plan-report-model.js';
import type { GlTotals } from '../books/gl-totals.js';
import { esc } from './render-html.js';

function totalsTable(t: GlTotals, cls: string): string[] {
  const out = [`<table class="${cls}">`, '<thead><tr><th>Currency</th><th>Account</th><th>Name</th><th class="num">Debit</th><th class="num">Credit</th></tr></thead>', '<tbody>'];
  for (const a of t.accounts) {
    out.push(
      `<tr><td>${esc(a.currency.toUpperCase())}</td><td>${esc(a.account)}</td><td>${esc(a.accountName)}</td>` +
        `<td class="num">${esc(a.debit)}</td><td class="num">${esc(a.credit)}</td></tr>`,
    );
  }
  for (const c of t.currencies) {
    out.push(
      `<tr class="${c.balanced ? 'balanced' : 'unbalanced'}"><th>${esc(c.currency.toUpperCase())}</th><th colspan="2">Total ${c.balanced ? '(debits equal credits)' : '(NOT BALANCED)'}</th>` +
        `<th class="num">${esc(c.debit)}</th><th class="num">${esc(c.credit)}</th></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out;
}

export function booksHtml(model: ReportModel): string[] {
  const g = model.glImpact;
  if (!g) return [];
  const out = ['<h2 id="books">Books\' impact</h2>', '<p>The GL lines the plan will post, per account and currency; blocked operations are shown apart.</p>'];
  out.push(...totalsTable(g.total, 'gl-total'));
  if (g.blocked.accounts.length > 0) out.push('<h3>Blocked operations would post</h3>', ...totalsTable(g.blocked, 'gl-blocked'));
  if (g.unknown.length > 0) {
    out.push(`<h3>Lines the plan cannot state (${g.unknown.length}, left out of the totals)</h3>`, '<ul>');
    for (const u of g.unknown) out.push(`<li>${esc(u)}</li>`);
    out.push('</ul>');
  }
  out.push('<h3>By record type</h3>');
  for (const r of g.byRecordType) out.push(`<h4>${esc(r.recordType)}</h4>`, ...totalsTable(r.totals, 'gl-record-type'));
  out.push('<h3>By pass</h3>');
  for (const p of g.byPass) out.push(`<h4>${esc(p.pass)}</h4>`, ...totalsTable(p.totals, 'gl-pass'));
  const t = model.tieOuts;
  if (t && t.deposits.length > 0) {
    out.push('<h2 id="deposits">Deposits against payouts</h2>', '<table class="tie-outs">');
    out.push(
      '<thead><tr><th>Payout</th><th>Currency</th><th class="num">Payments</th><th class="num">Refunds</th><th>Fees</th>' +
        '<th>Other</th><th class="num">Net</th><th class="num">Payout</th><th>Ties</th><th>Bank account</th></tr></thead><tbody>',
    );
    for (const d of t.deposits) {
      const list = (ls: typeof d.fees) => ls.map((l) => `${esc(l.amount)} ${esc(l.accountName)}`).join('<br>');
      out.push(
        `<tr class="${d.ties ? 'ties' : 'blocked'}"><td><code>${esc(d.payout)}</code></td><td>${esc(d.currency.toUpperCase())}</td>` +
          `<td class="num">${esc(d.grossPayments)}</td><td class="num">${esc(d.refunds)}</td><td>${list(d.fees)}</td><td>${list(d.other)}</td>` +
          `<td class="num">${esc(d.net)}</td><td class="num">${esc(d.payoutAmount)}</td><td>${d.ties ? 'ties' : 'does not tie'}${d.blocked ? ' (blocked)' : ''}</td>` +
          `<td>${esc(d.bankAccount)} ${esc(d.bankAccountName)}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (t && t.customers.length > 0) {
    out.push('<h2 id="customers-ar">Customer A/R</h2>', '<table class="customer-ar">');
    out.push('<thead><tr><th>Customer</th><th>Currency</th><th class="num">Before</th><th class="num">Change</th><th class="num">After</th></tr></thead><tbody>');
    for (const c of t.customers) {
      out.push(
        `<tr><td>${esc(c.customer)}</td><td>${esc(c.currency.toUpperCase())}</td><td class="num">${esc(c.before ?? '?')}</td>` +
          `<td class="num">${esc(c.change)}</td><td class="num">${esc(c.after ?? '?')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  return out;
}
