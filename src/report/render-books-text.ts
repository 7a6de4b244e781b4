// The books' impact and tie-outs as plain text lines (the text and Markdown reports append them).
import type { ReportModel, ReportOperation } from './plan-report-model.js';
import type { GlTotals } from '../books/gl-totals.js';
import { stripControls as safe } from './sanitize-text.js';
import { minorToDecimalString } from '../accounting/money.js';
import { groupedAmount, moneyText } from './format-money.js';

/** "Dr 5 Accounts Receivable USD 1,010.00; Cr 6 Income USD 1,010.00": one operation's GL lines, debits first. */
export function glLineText(op: ReportOperation): string | undefined {
  if (!op.gl || op.gl.length === 0) return undefined;
  const debitsFirst = [...op.gl.filter((l) => l.debitMinor), ...op.gl.filter((l) => !l.debitMinor)];
  return debitsFirst
    .map((l) => `${l.debitMinor ? 'Dr' : 'Cr'} ${safe(l.account)} ${safe(l.accountName)} ${moneyText(l.debitMinor || l.creditMinor, l.currency)}`)
    .join('; ');
}


/** Account columns stay readable on a terminal: a long name (one account in many roles) is cut; JSON keeps it whole. */
const ACCOUNT_MAX = 50;

function accountCell(id: string, name: string): string {
  const text = [...`${safe(id)} ${safe(name)}`];
  return text.length <= ACCOUNT_MAX ? text.join('') : `${text.slice(0, ACCOUNT_MAX - 1).join('')}…`;
}

function totalsLines(t: GlTotals, indent: string): string[] {
  const out: string[] = [];
  const w = Math.max(0, ...t.accounts.map((a) => [...accountCell(a.account, a.accountName)].length));
  for (const a of t.accounts) {
    const [debit, credit] = [groupedAmount(a.debitMinor, a.currency), groupedAmount(a.creditMinor, a.currency)];
    out.push(`${indent}${a.currency.toUpperCase()}  ${accountCell(a.account, a.accountName).padEnd(w)}  debit ${debit.padStart(16)}  credit ${credit.padStart(16)}`);
  }
  for (const c of t.currencies) {
    const [debit, credit] = [groupedAmount(c.debitMinor, c.currency), groupedAmount(c.creditMinor, c.currency)];
    out.push(`${indent}${c.currency.toUpperCase()}  debits ${debit} ${c.balanced ? '=' : '≠'} credits ${credit}${c.balanced ? ' (balanced)' : ' (NOT BALANCED)'}`);
  }
  return out;
}

export function booksTextLines(model: ReportModel): string[] {
  const g = model.glImpact;
  if (!g) return [];
  const out: string[] = ["Books' impact: the GL lines that will post, per account and currency:"];
  if (g.total.accounts.length === 0) out.push('  none');
  out.push(...totalsLines(g.total, '  '));
  if (g.blocked.accounts.length > 0) {
    out.push('Blocked operations would post (not counted above):');
    out.push(...totalsLines(g.blocked, '  '));
  }
  if (g.unknown.length > 0) {
    out.push(`Lines the plan cannot state (left out of the totals): ${g.unknown.length}`);
    for (const u of g.unknown.slice(0, 10)) out.push(`  ${safe(u)}`);
    if (g.unknown.length > 10) out.push(`  … and ${g.unknown.length - 10} more (JSON lists all)`);
  }
  out.push('', 'By record type:');
  for (const r of g.byRecordType) out.push(`  ${r.recordType}:`, ...totalsLines(r.totals, '    '));
  out.push('', 'By pass:');
  for (const p of g.byPass) out.push(`  ${p.pass}:`, ...totalsLines(p.totals, '    '));
  const t = model.tieOuts;
  if (t && t.deposits.length > 0) {
    out.push('', 'Deposits against payouts:');
    for (const d of t.deposits) {
      const cur = d.currency.toUpperCase();
      out.push(
        `  ${safe(d.payout)} ${cur}: payments ${d.grossPayments} (${d.paymentLines}) − refunds ${d.refunds} (${d.refundLines})` +
          ` − fees ${d.fees.map((f) => f.amount).join(' − ') || minorToDecimalString(0, d.currency)}` +
          ` + other ${d.other.map((o) => o.amount).join(' + ') || minorToDecimalString(0, d.currency)}` +
          ` = net ${d.net}; payout ${d.payoutAmount}: ${d.ties ? 'ties' : 'DOES NOT TIE'}${d.blocked ? ' (blocked)' : ''}; bank ${safe(d.bankAccount)} ${safe(d.bankAccountName)}`,
      );
      for (const f of d.fees) out.push(`      fee   ${f.amount.padStart(10)}  ${accountCell(f.account, f.accountName)}  ${safe(f.memo)}`);
      for (const o of d.other) out.push(`      other ${o.amount.padStart(10)}  ${accountCell(o.account, o.accountName)}  ${safe(o.memo)}`);
    }
  }
  if (t && t.customers.length > 0) {
    out.push('', 'Customer A/R (before → change → after):');
    for (const c of t.customers) {
      out.push(`  ${safe(c.customer)} ${c.currency.toUpperCase()}: ${c.before ?? '?'} → ${c.changeMinor >= 0 ? '+' : ''}${c.change} → ${c.after ?? '?'}`);
    }
  }
  out.push('');
  return out;
}
