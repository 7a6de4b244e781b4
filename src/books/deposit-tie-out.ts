// A deposit tied out against its payout: gross payments, refunds, fees by type, other lines, net, bank account.
// The deposits pass blocks a deposit whose lines do not add up to the payout; this restates the sum from the body
// that will be sent, so the reviewer sees the proof rather than a count of lines.
import { minorToDecimalString, netSuiteToMinor } from '../accounting/money.js';
import type { Operation } from '../plan/operation.js';
import type { GlImpact } from './gl-impact.js';

export interface TieOutLine {
  account: string;
  accountName: string;
  /** The line's memo (says which fee or which dispute). */
  memo: string;
  amountMinor: number;
  amount: string;
}

export interface DepositTieOut {
  key: string;
  payout: string;
  currency: string;
  payoutMinor: number;
  grossPaymentsMinor: number;
  refundsMinor: number;
  /** Cash Back lines, one per fee type. */
  fees: TieOutLine[];
  /** Other Deposit lines (fee refunds, won disputes' reinstated funds, application fees). */
  other: TieOutLine[];
  /** gross payments − refunds − fees + other. */
  netMinor: number;
  /** The same figures as decimal strings. */
  payoutAmount: string;
  grossPayments: string;
  refunds: string;
  net: string;
  bankAccount: string;
  bankAccountName: string;
  paymentLines: number;
  refundLines: number;
  /** Net equals the payout amount. */
  ties: boolean;
  /** The deposits pass's reason when the deposit is blocked (it always is when it does not tie). */
  blocked: string | null;
}

type Line = Record<string, unknown>;

function items(body: Record<string, unknown>, name: string): Line[] {
  const s = body[name] as { items?: unknown } | undefined;
  return Array.isArray(s?.items) ? (s.items as Line[]) : [];
}

function idOf(v: unknown): string {
  return v && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : '';
}

function amountOf(v: unknown, currency: string): number {
  return typeof v === 'number' || typeof v === 'string' ? netSuiteToMinor(v, currency) : 0;
}

export function depositTieOut(op: Operation, impact: GlImpact): DepositTieOut {
  const currency = (op.summary.currency ?? '').toLowerCase();
  let gross = 0;
  let refunds = 0;
  let paymentLines = 0;
  let refundLines = 0;
  for (const line of items(op.body, 'payment')) {
    if (line.deposit === false) continue;
    const ref = line.id as { $refId?: unknown } | undefined;
    const amount = amountOf(line.paymentAmount, currency);
    if (typeof ref?.$refId === 'string' && ref.$refId.startsWith('customerRefund:')) {
      refunds += Math.abs(amount);
      refundLines += 1;
    } else {
      gross += amount;
      paymentLines += 1;
    }
  }
  const tieLine = (l: Line): TieOutLine => {
    const amountMinor = amountOf(l.amount, currency);
    return {
      account: idOf(l.account),
      accountName: impact.accountName(idOf(l.account)),
      memo: typeof l.memo === 'string' ? l.memo : '',
      amountMinor,
      amount: minorToDecimalString(amountMinor, currency),
    };
  };
  const fees = items(op.body, 'cashback').map(tieLine);
  const other = items(op.body, 'other').map(tieLine);
  const net = gross - refunds - fees.reduce((s, f) => s + f.amountMinor, 0) + other.reduce((s, o) => s + o.amountMinor, 0);
  const payout = op.summary.amount ?? 0;
  const bank = idOf(op.body.account);
  return {
    key: op.key,
    payout: op.stripeId,
    currency,
    payoutMinor: payout,
    grossPaymentsMinor: gross,
    refundsMinor: refunds,
    fees,
    other,
    netMinor: net,
    payoutAmount: minorToDecimalString(payout, currency),
    grossPayments: minorToDecimalString(gross, currency),
    refunds: minorToDecimalString(refunds, currency),
    net: minorToDecimalString(net, currency),
    bankAccount: bank,
    bankAccountName: bank ? impact.accountName(bank) : 'no bank account configured',
    paymentLines,
    refundLines,
    ties: net === payout,
    blocked: op.blocked ?? null,
  };
}
