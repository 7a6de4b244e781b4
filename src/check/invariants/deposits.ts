// Deposits, reference/stripe-connector.md §2.5 (I17–I20), one function per invariant. A deposit's total is
// Σ payment − Σ cash back + Σ other (reference/netsuite-rest.md §5.6).
import type Stripe from 'stripe';
import { stripeId, type InvariantContext } from '../invariant-context.js';
import { utcCalendarDay } from '../calendar-dates.js';
import { stripeUnits, sumUnits } from '../minor-units.js';
import { lines, refId, type NsRecord } from '../netsuite-records.js';
import type { SweptBalanceTransaction } from '../stripe-world.js';
import { checkI1UniqueExternalId } from './i1-unique-external-id.js';

/** The NetSuite record a paid-out balance transaction's source is (I19), with the Stripe amount it carries (I20). */
interface DepositedRecord {
  type: 'customerPayment' | 'customerRefund';
  externalId: string;
  amount: number;
  currency: string;
}

export async function checkDeposits(ctx: InvariantContext): Promise<void> {
  const btsOfPayout = new Map<string, SweptBalanceTransaction[]>();
  for (const bt of ctx.stripe.balanceTransactions.values()) {
    // Excluding the payout's own transaction (I18).
    if (!bt.payout || bt.type === 'payout') continue;
    btsOfPayout.set(bt.payout, [...(btsOfPayout.get(bt.payout) ?? []), bt]);
  }
  /** NetSuite internal id → the deposit that already holds it (I19: none is linked twice, here or earlier). */
  const depositedIn = new Map<string, string>();
  for (const po of ctx.stripe.payouts.values()) {
    if (po.status !== 'paid' || !po.automatic || po.created < ctx.start) continue;
    const rec = await ctx.ns.byExternalId('deposit', po.id);
    if (!rec) {
      ctx.record('I17', po.id, false, `no deposit with externalId ${po.id}`);
      continue;
    }
    await checkI1UniqueExternalId(ctx, 'transaction', po.id);
    checkI17Deposit(ctx, po, rec);
    const bts = btsOfPayout.get(po.id) ?? [];
    checkI18Decomposition(ctx, po, rec, bts);
    for (const bt of bts) {
      const target = depositedRecordOf(ctx, bt);
      if (!target) continue;
      const record = await ctx.ns.byExternalId(target.type, target.externalId);
      if (!record) {
        ctx.record('I19', `${po.id}/${bt.id}`, false, `${target.type} ${target.externalId} is not in NetSuite`);
        continue;
      }
      checkI19DepositedOnce(ctx, po, rec, bt, target, String(record.id), depositedIn);
      checkI20DepositedAmount(ctx, po, target, record);
    }
  }
}

/** I17: the bank account mapped to the payout's currency, total = payout.amount, dated on the UTC day of arrival_date. */
export function checkI17Deposit(ctx: InvariantContext, po: Stripe.Payout, rec: NsRecord): void {
  const total = stripeUnits(rec.total, po.currency);
  const bankOk = refId(rec.account) === ctx.settings.netsuite.bankAccounts[po.currency];
  const arrival = utcCalendarDay(po.arrival_date);
  const dateOk = String(rec.tranDate) === arrival;
  ctx.record(
    'I17',
    po.id,
    total === po.amount && bankOk && dateOk,
    `total ${total} vs ${po.amount}; bank ok ${bankOk}; date ${String(rec.tranDate)}, arrival ${arrival}`,
  );
}

/** Payment lines that are deposited (a line with `deposit: false` is listed but not in the deposit). */
function depositedLines(rec: NsRecord): NsRecord[] {
  return lines(rec, 'payment').filter((l) => l.deposit !== false);
}

/** I18: payments − cash back + other = Σ bt.net = payout.amount. */
export function checkI18Decomposition(ctx: InvariantContext, po: Stripe.Payout, rec: NsRecord, bts: Stripe.BalanceTransaction[]): void {
  const cur = po.currency;
  const pay = sumUnits(depositedLines(rec).map((l) => stripeUnits(l.paymentAmount ?? 0, cur)));
  const cash = sumUnits(lines(rec, 'cashback').map((l) => stripeUnits(l.amount, cur)));
  const other = sumUnits(lines(rec, 'other').map((l) => stripeUnits(l.amount, cur)));
  const net = sumUnits(bts.map((bt) => bt.net));
  ctx.record(
    'I18',
    po.id,
    pay - cash + other === po.amount && net === po.amount,
    `payments ${pay} − cash back ${cash} + other ${other} = ${pay - cash + other}; Σ net ${net}; payout ${po.amount}`,
  );
}

/** I19's sources: charges (payments, or the refund of a failed one), refunds, and disputes that withdrew funds. */
function depositedRecordOf(ctx: InvariantContext, bt: Stripe.BalanceTransaction): DepositedRecord | undefined {
  const source = stripeId(bt.source);
  if (!source) return undefined;
  if (source.startsWith('ch_') || source.startsWith('py_')) {
    const ch = ctx.stripe.charges.get(source);
    if (!ch) return undefined;
    return bt.type === 'payment_failure_refund'
      ? { type: 'customerRefund', externalId: `${source}-failed`, amount: ch.amount, currency: ch.currency }
      : { type: 'customerPayment', externalId: source, amount: ch.amount, currency: ch.currency };
  }
  if (source.startsWith('re_') || source.startsWith('pyr_')) {
    const re = ctx.stripe.refunds.get(source);
    return re && { type: 'customerRefund', externalId: source, amount: re.amount, currency: re.currency };
  }
  if ((source.startsWith('du_') || source.startsWith('dp_')) && bt.amount < 0) {
    const du = ctx.stripe.disputes.get(source);
    return du && { type: 'customerRefund', externalId: source, amount: du.amount, currency: du.currency };
  }
  return undefined;
}

/** I19: the record is on exactly one deposited line of this deposit, and in no earlier deposit. */
export function checkI19DepositedOnce(
  ctx: InvariantContext,
  po: Stripe.Payout,
  deposit: NsRecord,
  bt: Stripe.BalanceTransaction,
  target: DepositedRecord,
  internalId: string,
  depositedIn: Map<string, string>,
): void {
  const occurrences = depositedLines(deposit).filter((l) => (refId(l.id) ?? refId(l.doc)) === internalId).length;
  const earlier = depositedIn.get(internalId);
  ctx.record(
    'I19',
    `${po.id}/${bt.id}`,
    occurrences === 1 && !earlier,
    `${target.externalId} appears ${occurrences}× in ${po.id}${earlier ? `, and already in ${earlier}` : ''}`,
  );
  depositedIn.set(internalId, po.id);
}

/** I20: the deposited record's NetSuite amount equals the Stripe amount exactly. */
export function checkI20DepositedAmount(ctx: InvariantContext, po: Stripe.Payout, target: DepositedRecord, record: NsRecord): void {
  const amount = stripeUnits(target.type === 'customerPayment' ? record.payment : record.total, target.currency);
  ctx.record('I20', `${po.id}/${target.externalId}`, amount === target.amount, `NetSuite ${amount} vs Stripe ${target.amount}`);
}
