// Pass: deposits (#40–#44; I17–I24). One deposit per paid automatic payout, built from the payout's balance
// transactions and PROVED before it is posted: Σ payment lines − Σ Cash Back + Σ Other = payout.amount in
// integer minor units, and every record it deposits exists or is planned and is not blocked. Otherwise the
// deposit is planned `blocked` with a line-level explanation; a mismatched deposit is never posted.
import { absence } from '../../absent-object.js';
import { blockedReason, unmappedCurrency } from '../../blocked-reason.js';
import type Stripe from 'stripe';
import type { PassContext } from '../../plan-context.js';
import type { LedgerBalanceTransaction } from '../../plan-input.js';
import { minorToDecimalString, minorToNetSuite, sumMinor, type NetSuiteAmount } from '../../../accounting/money.js';
import { convertLikeNetSuite } from '../../../accounting/fx.js';
import { stripeCalendarDate } from '../../../accounting/dates.js';
import { createdBeforeStartDate } from '../start-date.js';
import { depositKey } from '../../keys.js';
import { idOf } from '../../../stripe-objects/id-of.js';
import { inCreatedOrder } from '../../../stripe-objects/created-order.js';
import {
  balanceTransactionLines,
  feeAccount,
  otherAccount,
  FEE_LABELS,
  type DepositContribution,
  type FeeKind,
  type OtherKind,
} from './deposit-lines.js';

const FEE_ORDER: FeeKind[] = ['processing', 'passthrough', 'feeTax', 'application', 'dispute', 'stripe'];
/** How many problems the blocked reason lists before summarising the rest. */
const MAX_LISTED_PROBLEMS = 20;

export function planDeposits(ctx: PassContext): void {
  const byPayout = new Map<string, LedgerBalanceTransaction[]>();
  for (const bt of inCreatedOrder(ctx.input.stripe.balanceTransactions.values())) {
    if (!bt.payout) continue;
    const list = byPayout.get(bt.payout) ?? [];
    list.push(bt);
    byPayout.set(bt.payout, list);
  }
  for (const payout of inCreatedOrder(ctx.input.stripe.payouts.values())) {
    // #43: only automatic payouts can be attributed to transactions; #40: a deposit once the payout is paid.
    if (payout.status !== 'paid' || !payout.automatic) continue;
    if (createdBeforeStartDate(ctx.input.settings, payout.created)) continue;
    planDeposit(ctx, payout, byPayout);
  }
}

/** The transactions a payout carried, without its own `payout` transaction. */
function carriedBy(payout: Stripe.Payout, byPayout: Map<string, LedgerBalanceTransaction[]>): LedgerBalanceTransaction[] {
  const ownBt = idOf(payout.balance_transaction as string | { id: string } | null);
  return (byPayout.get(payout.id) ?? []).filter(
    (bt) => bt.id !== ownBt && !(bt.type === 'payout' && idOf(bt.source as string | { id: string } | null) === payout.id),
  );
}

function planDeposit(ctx: PassContext, payout: Stripe.Payout, byPayout: Map<string, LedgerBalanceTransaction[]>): void {
  const ns = ctx.input.settings.netsuite;
  const cur = payout.currency.toLowerCase();
  const money = (n: number): string => `${minorToDecimalString(n, cur)} ${cur.toUpperCase()}`;
  const problems: string[] = [];
  const transactions = carriedBy(payout, byPayout);

  const bank = ns.bankAccounts[cur];
  if (!bank) problems.push(blockedReason('payout currency', `no bank account is configured for ${cur.toUpperCase()}`, `add "${cur}" (the bank account's internal id) to netsuite.bankAccounts`));
  const currencyId = ns.currencies[cur];
  if (!currencyId) problems.push(unmappedCurrency(`payout currency`, cur));
  if (payout.amount < 0) problems.push(`payout amount ${money(payout.amount)} is negative (a debit payout); record it by hand`);

  const payments: PaymentLine[] = [];
  const rates: Array<{ key: string; bt: LedgerBalanceTransaction }> = [];
  const seen = new Map<string, string>();
  const cashback = new Map<FeeKind, { amount: number; count: number }>();
  const other = new Map<string, { kind: OtherKind; amount: number; count: number }>();

  const acc: Accumulator = { payments, rates, seen, cashback, other, problems };
  const addTransactions = (list: LedgerBalanceTransaction[], returnedFrom: string[]): void => {
    for (const bt of list) {
      if (bt.currency.toLowerCase() !== cur) {
        problems.push(`${bt.id}: in ${bt.currency.toUpperCase()}, not the payout currency ${cur.toUpperCase()}`);
        continue;
      }
      const { contributions, problems: btProblems } = balanceTransactionLines(ctx, bt);
      problems.push(...btProblems);
      for (const c of contributions) {
        if (c.kind !== 'returnedPayout') {
          addContribution(ctx, bt, c, acc);
          continue;
        }
        const returned = returnedPayoutTransactions(ctx, bt, c.payout, c.amount, byPayout, [...returnedFrom, payout.id]);
        problems.push(...returned.problems);
        addTransactions(returned.transactions, [...returnedFrom, c.payout]);
      }
    }
  };
  addTransactions(transactions, []);

  // The proof, in integer minor units: the payout's transactions add up to the payout, and so do the lines.
  const netSum = sumMinor(transactions.map((bt) => bt.net));
  if (netSum !== payout.amount) {
    problems.push(
      `the ledger's ${transactions.length} balance transactions of ${payout.id} net to ${money(netSum)} but the payout ` +
        `is ${money(payout.amount)} (off by ${money(payout.amount - netSum)}): balance transactions are missing`,
    );
  }
  const paymentSum = sumMinor(payments.map((p) => p.amount));
  const cashbackSum = sumMinor([...cashback.values()].map((c) => c.amount));
  const otherSum = sumMinor([...other.values()].map((o) => o.amount));
  const linesSum = paymentSum - cashbackSum + otherSum;
  if (linesSum !== payout.amount) {
    problems.push(
      `deposit lines (payments ${money(paymentSum)} − cash back ${money(cashbackSum)} + other ${money(otherSum)}) ` +
        `sum to ${money(linesSum)}, not the payout amount ${money(payout.amount)} (off by ${money(payout.amount - linesSum)})`,
    );
  }

  // #44, §3.14: NetSuite posts each foreign-currency line as the record's amount × its rate, rounded line by line,
  // which can miss Stripe's settled amounts by a unit here and there. The lines carry NetSuite's amounts, and the
  // difference to the payout is one explicit FX-rounding line, so the deposit still totals the payout (I17).
  const foreignLines = payments.filter((p) => p.foreign).length;
  const netsuitePaymentSum = sumMinor(payments.map((p) => p.netsuite));
  const rounding = linesSum === payout.amount ? payout.amount - (netsuitePaymentSum - cashbackSum + otherSum) : 0;
  const fxAccount = ns.accounts.fxRounding;
  if (rounding !== 0) {
    const converted = `NetSuite's conversion of the ${foreignLines} foreign-currency payment line${foreignLines === 1 ? '' : 's'} ` +
      `(record amount × exchange rate, rounded per line) totals the deposit ${money(payout.amount - rounding)}, ${money(rounding)} off the payout`;
    if (Math.abs(rounding) > foreignLines) {
      problems.push(`${converted}: more than one unit per line, so the records do not carry Stripe's rates`);
    } else if (!fxAccount) {
      problems.push(blockedReason('FX rounding', `${converted}; an FX-rounding line is needed`, 'set netsuite.accounts.fxRounding (the account rounding differences post to)'));
    }
  }
  const roundingLine =
    rounding !== 0 && fxAccount
      ? {
          account: { id: fxAccount },
          amount: minorToNetSuite(Math.abs(rounding), cur),
          memo: `Stripe: ${payout.id} FX rounding (NetSuite converts ${foreignLines} foreign-currency line${foreignLines === 1 ? '' : 's'} one by one)`,
        }
      : undefined;

  const date = stripeCalendarDate(payout.arrival_date);
  const feeLines: Array<{ account: { id: string }; amount: NetSuiteAmount; memo: string }> = FEE_ORDER.filter((f) => (cashback.get(f)?.amount ?? 0) !== 0).map((f) => {
    const c = cashback.get(f)!;
    return {
      account: { id: feeAccount(ctx, f) },
      amount: minorToNetSuite(c.amount, cur),
      memo: `Stripe: ${payout.id} ${FEE_LABELS[f]} (${c.count} transaction${c.count === 1 ? '' : 's'})`,
    };
  });
  const otherLines: Array<{ account: { id: string }; amount: NetSuiteAmount; memo: string }> = [...other.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([, o]) => o.amount !== 0)
    .map(([group, o]) => ({
      account: { id: otherAccount(ctx, o.kind) },
      amount: minorToNetSuite(o.amount, cur),
      memo:
        o.kind === 'disputeReversal'
          ? `Stripe: ${group} dispute won: funds reinstated`
          : `Stripe: ${payout.id} ${o.kind === 'feeRefund' ? 'fee refunds' : 'application fees'} (${o.count} transaction${o.count === 1 ? '' : 's'})`,
    }));

  if (roundingLine) (rounding > 0 ? otherLines : feeLines).push(roundingLine);

  // #44: a deposited foreign-currency record made in an earlier run, before its balance transaction was known,
  // carries NetSuite's rate; NetSuite converts the deposit line from the record, so it first gets Stripe's rate.
  const rateFixes = problems.length === 0 && !ctx.isLinked(depositKey(payout.id)) ? planRateFixes(ctx, payout, rates) : [];

  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  const blocked = problems.length
    ? `deposit for payout ${payout.id} (${money(payout.amount)}) is not proved: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`
    : undefined;

  ctx.add({
    action: 'create',
    recordType: 'deposit',
    externalId: payout.id,
    stripeId: payout.id,
    body: {
      ...(bank ? { account: { id: bank } } : {}),
      ...(currencyId ? { currency: { id: currencyId } } : {}),
      subsidiary: { id: ns.subsidiaryId },
      tranDate: date,
      memo: `Stripe: ${payout.id}`,
      payment: {
        items: payments.map((p) => ({ id: { $refId: p.key }, deposit: true, paymentAmount: minorToNetSuite(p.netsuite, cur) })),
      },
      ...(feeLines.length ? { cashback: { items: feeLines } } : {}),
      ...(otherLines.length ? { other: { items: otherLines } } : {}),
    },
    ...(rateFixes.length ? { dependsOn: rateFixes } : {}),
    summary: {
      date,
      currency: cur,
      amount: payout.amount,
      description:
        `deposit of payout ${payout.id}: ${payments.length} payment lines, ${feeLines.length} cash back, ${otherLines.length} other` +
        (roundingLine ? ` (FX rounding ${money(rounding)})` : ''),
    },
    ...(blocked ? { blocked } : {}),
  });
}

/**
 * A failed payout's funds come back as a `payout_failure` transaction (`payout_cancel` for a canceled one) that a
 * later payout carries. No deposit was made for the failed payout (#40: only `paid` payouts), so what it carried is
 * still in Undeposited Funds: the payout that returns the funds deposits those transactions in place of the
 * reversal, and still totals its own amount (I17, I18: Σ net of the failed payout's transactions = the reversal).
 */
function returnedPayoutTransactions(
  ctx: PassContext,
  bt: LedgerBalanceTransaction,
  failedId: string,
  amount: number,
  byPayout: Map<string, LedgerBalanceTransaction[]>,
  chain: string[],
): { transactions: LedgerBalanceTransaction[]; problems: string[] } {
  const cur = bt.currency.toLowerCase();
  const money = (n: number): string => `${minorToDecimalString(n, cur)} ${cur.toUpperCase()}`;
  const what = `${bt.id} (${bt.type} of payout ${failedId})`;
  const failed = ctx.input.stripe.payouts.get(failedId);
  if (!failed) return { transactions: [], problems: [`${what}: payout ${failedId} ${absence(ctx.input, failedId)}`] };
  if (chain.includes(failedId)) return { transactions: [], problems: [`${what}: payout ${failedId} returns its own funds`] };
  if (!failed.automatic) {
    // Stripe lists the transactions of automatic payouts only (`?payout=`); a manual payout's are unknown (#43).
    return { transactions: [], problems: [`${what}: ${failedId} is a manual payout, whose transactions Stripe does not list; record it by hand`] };
  }
  if (failed.status !== 'failed' && failed.status !== 'canceled') {
    return { transactions: [], problems: [`${what}: the ledger has payout ${failedId} as ${failed.status}, not failed or canceled; the next run reads it again`] };
  }
  if (ctx.isLinked(depositKey(failedId))) {
    return {
      transactions: [],
      problems: [`${what}: deposit ${failedId} was posted before the payout failed; reverse that deposit in NetSuite by hand, then record this one`],
    };
  }
  const transactions = carriedBy(failed, byPayout);
  const net = sumMinor(transactions.map((t) => t.net));
  if (net !== amount) {
    return {
      transactions,
      problems: [`${what}: the ledger's ${transactions.length} balance transactions of ${failedId} net to ${money(net)}, but ${money(amount)} came back (balance transactions are missing)`],
    };
  }
  return { transactions, problems: [] };
}

/** A payment-list line: Stripe's settled amount, and what NetSuite posts for it (they differ only for foreign lines). */
interface PaymentLine {
  key: string;
  amount: number;
  netsuite: number;
  foreign: boolean;
}

interface Accumulator {
  payments: PaymentLine[];
  rates: Array<{ key: string; bt: LedgerBalanceTransaction }>;
  seen: Map<string, string>;
  cashback: Map<FeeKind, { amount: number; count: number }>;
  other: Map<string, { kind: OtherKind; amount: number; count: number }>;
  problems: string[];
}

function addContribution(
  ctx: PassContext,
  bt: LedgerBalanceTransaction,
  c: Exclude<DepositContribution, { kind: 'returnedPayout' }>,
  acc: Accumulator,
): void {
  if (c.kind === 'cashback') {
    const cur = acc.cashback.get(c.fee) ?? { amount: 0, count: 0 };
    acc.cashback.set(c.fee, { amount: cur.amount + c.amount, count: cur.count + 1 });
    return;
  }
  if (c.kind === 'other') {
    const cur = acc.other.get(c.group) ?? { kind: c.other, amount: 0, count: 0 };
    acc.other.set(c.group, { kind: c.other, amount: cur.amount + c.amount, count: cur.count + 1 });
    return;
  }
  // A payment-list line: the record must exist in NetSuite or be planned in this run, and not be blocked.
  // Its amount still counts in the sums, so a missing source also explains the sum.
  const cur = bt.currency.toLowerCase();
  const foreign = c.record !== undefined && c.record.currency.toLowerCase() !== cur;
  let netsuite = c.amount;
  if (foreign && !bt.exchange_rate) {
    acc.problems.push(`${bt.id} (${c.what}): settled from ${c.record!.currency.toUpperCase()} without an exchange rate`);
  } else if (foreign) {
    netsuite = convertLikeNetSuite(c.record!.amount, c.record!.currency, bt.exchange_rate!, cur);
  }
  acc.payments.push({ key: c.key, amount: c.amount, netsuite, foreign });
  if (bt.exchange_rate && ctx.isLinked(c.key)) acc.rates.push({ key: c.key, bt });
  const earlier = acc.seen.get(c.key);
  if (earlier) acc.problems.push(`${bt.id}: ${c.what} is already in this deposit through ${earlier}`);
  acc.seen.set(c.key, bt.id);
  const why = sourceProblem(ctx, c.key, c.stripeId);
  if (why) acc.problems.push(`${bt.id} (${c.what}): ${why}`);
}

/** Plans the `#rate` PATCH of each deposited record made earlier in another currency; returns their keys. */
function planRateFixes(
  ctx: PassContext,
  payout: Stripe.Payout,
  rates: Array<{ key: string; bt: LedgerBalanceTransaction }>,
): string[] {
  const keys: string[] = [];
  for (const { key, bt } of rates) {
    const recordType = key.slice(0, key.indexOf(':'));
    if (recordType !== 'customerPayment' && recordType !== 'customerRefund') continue;
    const externalId = key.slice(key.indexOf(':') + 1);
    keys.push(
      ctx.add({
        action: 'apply',
        recordType,
        externalId,
        stripeId: externalId,
        keySuffix: 'rate',
        target: key,
        body: { exchangeRate: bt.exchange_rate },
        summary: {
          description: `set Stripe's exchange rate ${bt.exchange_rate} (${bt.id}) on ${key} before deposit ${payout.id}`,
        },
      }),
    );
  }
  return keys;
}

/** Why a deposited record is not usable: before go-live, not in the ledger, not planned, or blocked. */
function sourceProblem(ctx: PassContext, key: string, stripeId: string): string | undefined {
  const blocked = ctx.blockedReason(key);
  if (blocked) return `its record ${key} is blocked (${blocked})`;
  if (ctx.has(key)) return undefined;
  const s = ctx.input.stripe;
  const obj: { created: number; charge?: unknown } | undefined =
    s.charges.get(stripeId) ?? s.refunds.get(stripeId) ?? s.disputes.get(stripeId);
  if (!obj) return `${stripeId} ${absence(ctx.input, stripeId)}, so it has no NetSuite record`;
  if (createdBeforeStartDate(ctx.input.settings, obj.created)) {
    return `${stripeId} was created before the sync start date (extract.startDate), so it has no NetSuite record; record it by hand`;
  }
  // A refund or dispute of a charge from before the start date is not synced either (#3).
  const chargeId = 'charge' in obj ? idOf(obj.charge as string | { id: string } | null) : null;
  const charge = chargeId ? s.charges.get(chargeId) : undefined;
  if (charge && createdBeforeStartDate(ctx.input.settings, charge.created)) {
    return `${stripeId} is of charge ${charge.id}, created before the sync start date (extract.startDate), so it has no NetSuite record; record it by hand`;
  }
  return `no NetSuite record ${key} exists or is planned for ${stripeId}`;
}
