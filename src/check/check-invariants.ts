// The invariant checker: reads NetSuite over REST and verifies the accounting invariants of
// reference/stripe-connector.md §2 (I1, I5–I9, I12–I20) against the Stripe objects in the ledger.
// Deliberately independent of the plan: it restates each rule from the spec, so a plan bug shows up here.
import type Stripe from 'stripe';
import type { RuntimeConfig } from '../config/settings.js';
import { openLedger } from '../ledger/open-ledger.js';
import { planInputFromLedger } from '../run/plan-input-from-ledger.js';
import { createNetSuiteClient, type NetSuiteClient } from '../netsuite/netsuite-client.js';
import { netSuiteToMinor } from '../accounting/money.js';
import { netsuiteDate } from '../accounting/dates.js';
import type { StripeSnapshots } from '../plan/plan-input.js';
import { summarize, type InvariantReport, type InvariantResult } from './invariant-report.js';

type NsRecord = Record<string, unknown>;
const FINALIZED = new Set(['open', 'paid', 'uncollectible', 'void']);

function refId(v: unknown): string | undefined {
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return undefined;
}

function sublist(rec: NsRecord, name: string): NsRecord[] {
  const s = rec[name] as { items?: NsRecord[] } | undefined;
  return s?.items ?? [];
}

function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  return null;
}

export async function checkInvariants(
  config: RuntimeConfig,
  o: { client?: NetSuiteClient } = {},
): Promise<InvariantReport> {
  const ledger = openLedger(config.secrets.ledgerPath);
  let stripe: StripeSnapshots;
  try {
    stripe = (await planInputFromLedger(ledger, config.settings)).stripe;
  } finally {
    await ledger.close();
  }
  const client = o.client ?? createNetSuiteClient(config.secrets, config.settings);
  const s = config.settings;
  const tz = s.netsuite.timeZone;
  const start = s.extract.startDate ? Math.floor(Date.parse(s.extract.startDate) / 1000) : 0;
  const results: InvariantResult[] = [];
  const check = (invariant: string, subject: string, ok: boolean, detail?: string) =>
    results.push({ invariant, subject, ok, ...(ok ? {} : { detail }) });

  const cache = new Map<string, Promise<NsRecord | undefined>>();
  const byEid = (recordType: string, eid: string): Promise<NsRecord | undefined> => {
    const k = `${recordType}:${eid}`;
    let p = cache.get(k);
    if (!p) {
      p = client.getByExternalId(recordType, eid, { expandSubResources: true });
      cache.set(k, p);
    }
    return p;
  };
  // I1: SuiteQL sees every transaction / customer with that externalId, whatever made it.
  const uniqueness = async (table: 'transaction' | 'customer', eid: string) => {
    try {
      const rows = await client.suiteql(`SELECT id FROM ${table} WHERE externalid = ?`, [eid]);
      check('I1', eid, rows.length === 1, `${rows.length} ${table} records have externalId ${eid}`);
    } catch (err) {
      check('I1', eid, false, `SuiteQL lookup failed: ${(err as Error).message}`);
    }
  };

  const chargesByIntent = new Map<string, string[]>();
  for (const ch of stripe.charges.values()) {
    const pi = idOf(ch.payment_intent);
    if (pi) chargesByIntent.set(pi, [...(chargesByIntent.get(pi) ?? []), ch.id]);
  }
  const chargeInvoice = new Map<string, string>();
  for (const ip of stripe.invoicePayments.values()) {
    if (ip.status !== 'paid') continue;
    const invoiceId = idOf(ip.invoice);
    if (!invoiceId) continue;
    const pi = idOf(ip.payment?.payment_intent);
    for (const chargeId of pi ? (chargesByIntent.get(pi) ?? []) : []) chargeInvoice.set(chargeId, invoiceId);
    const direct = idOf(ip.payment?.charge);
    if (direct) chargeInvoice.set(direct, invoiceId);
  }

  // Invoices: I5–I9.
  for (const inv of stripe.invoices.values()) {
    if (!inv.status || !FINALIZED.has(inv.status) || inv.created < start) continue;
    const lines = inv.lines?.data ?? [];
    const trial = inv.total === 0 && lines.every((l) => l.amount === 0);
    if (trial && !s.features.syncTrialInvoices) continue;
    const rec = await byEid('invoice', inv.id);
    if (!rec) {
      check('I5', inv.id, false, `no NetSuite invoice with externalId ${inv.id} (Stripe status ${inv.status})`);
      continue;
    }
    await uniqueness('transaction', inv.id);
    const cur = inv.currency;
    const total = netSuiteToMinor(rec.total as number, cur);
    const lineSum = sublist(rec, 'item').reduce((a, l) => a + netSuiteToMinor((l.amount as number) ?? 0, cur), 0);
    const expectedTotal = Math.max(inv.total, 0);
    const currencyOk = refId(rec.currency) === s.netsuite.currencies[cur];
    const customerId = idOf(inv.customer);
    const nsCustomer = customerId && !s.features.globalCustomer ? await byEid('customer', customerId) : undefined;
    const entityOk = !nsCustomer || refId(rec.entity) === String(nsCustomer.id);
    check(
      'I5',
      inv.id,
      total === expectedTotal && lineSum === expectedTotal && currencyOk && entityOk,
      `total ${total} / lines ${lineSum} vs expected ${expectedTotal} (minor units); currency ok ${currencyOk}; customer ok ${entityOk}`,
    );
    const remaining = netSuiteToMinor((rec.amountRemaining as number) ?? 0, cur);
    if (inv.status === 'paid') check('I6', inv.id, remaining === 0, `paid in Stripe, amountRemaining ${remaining}`);
    const openExpected = inv.amount_remaining + (inv.pre_payment_credit_notes_amount ?? 0);
    if (inv.status === 'open') {
      check('I7', inv.id, remaining === Math.min(openExpected, expectedTotal), `amountRemaining ${remaining}, expected ${openExpected}`);
    }
    if (inv.status === 'uncollectible') {
      const want = s.features.keepUnpaidInvoicesOpen ? Math.min(openExpected, expectedTotal) : 0;
      check('I8', inv.id, remaining === want, `amountRemaining ${remaining}, expected ${want}`);
    }
    if (inv.status === 'void') check('I9', inv.id, remaining === 0, `void in Stripe, amountRemaining ${remaining}`);
  }

  // Payments: I12, I16.
  for (const ch of stripe.charges.values()) {
    if (ch.created < start || !ch.balance_transaction) continue;
    const failedAsync = ch.status === 'failed' && Boolean(ch.failure_balance_transaction);
    if (ch.status !== 'succeeded' && !failedAsync) continue;
    const rec = await byEid('customerPayment', ch.id);
    if (!rec) {
      check('I12', ch.id, false, `no customer payment with externalId ${ch.id}`);
      continue;
    }
    await uniqueness('transaction', ch.id);
    const amount = netSuiteToMinor(rec.payment as number, ch.currency);
    const problems: string[] = [];
    if (amount !== ch.amount) problems.push(`amount ${amount} ≠ ${ch.amount}`);
    if (refId(rec.currency) !== s.netsuite.currencies[ch.currency]) problems.push('currency differs');
    const account = refId(rec.account);
    if (account && account !== s.netsuite.accounts.undepositedFunds) problems.push(`account ${account} is not undeposited funds`);
    if (String(rec.tranDate) !== netsuiteDate(ch.created, tz)) problems.push(`tranDate ${String(rec.tranDate)}`);
    check('I12', ch.id, problems.length === 0, problems.join('; '));
    if (failedAsync) {
      const refund = await byEid('customerRefund', `${ch.id}-failed`);
      const refunded = refund ? netSuiteToMinor(refund.total as number, ch.currency) : null;
      check('I16', ch.id, refunded === ch.amount, `failed-payment refund ${refunded ?? 'missing'}, expected ${ch.amount}`);
    }
  }

  // Refunds: I13, I14.
  const refundsByCreditNote = new Set<string>();
  for (const cn of stripe.creditNotes.values()) {
    for (const r of (cn as unknown as { refunds?: Array<{ refund: unknown }> }).refunds ?? []) {
      const id = idOf(r.refund);
      if (id) refundsByCreditNote.add(id);
    }
  }
  for (const re of stripe.refunds.values()) {
    if (re.created < start || re.status !== 'succeeded') continue;
    const rec = await byEid('customerRefund', re.id);
    if (!rec) {
      check('I13', re.id, false, `no customer refund with externalId ${re.id}`);
      continue;
    }
    await uniqueness('transaction', re.id);
    const total = netSuiteToMinor(rec.total as number, re.currency);
    const chargeId = idOf(re.charge);
    const invoiceId = chargeId ? chargeInvoice.get(chargeId) : undefined;
    let memoOk = true;
    let memoDetail = '';
    if (invoiceId && !refundsByCreditNote.has(re.id)) {
      const memo = await byEid('creditMemo', `${re.id}-memo`);
      const memoTotal = memo ? netSuiteToMinor(memo.total as number, re.currency) : null;
      memoOk = memoTotal === re.amount;
      memoDetail = `; credit memo ${memoTotal ?? 'missing'}`;
      const inv = stripe.invoices.get(invoiceId);
      const invLines = inv?.lines?.data ?? [];
      if (memo && inv && invLines.length > 1 && re.amount < inv.total && !s.features.useRefundItem) {
        check('I14', re.id, sublist(memo, 'item').length === 1, `partial refund memo has ${sublist(memo, 'item').length} lines`);
      }
    }
    check('I13', re.id, total === re.amount && memoOk, `refund ${total}, expected ${re.amount}${memoDetail}`);
  }

  // Disputes: I15.
  for (const du of stripe.disputes.values()) {
    if (du.created < start) continue;
    const withdrawn = (du.balance_transactions ?? []).some((bt) => typeof bt === 'object' && bt.amount < 0);
    if (!withdrawn) continue;
    const rec = await byEid('customerRefund', du.id);
    const total = rec ? netSuiteToMinor(rec.total as number, du.currency) : null;
    check('I15', du.id, total === du.amount, `dispute refund ${total ?? 'missing'}, expected ${du.amount}`);
  }

  // Deposits: I17–I20.
  const depositedIn = new Map<string, string>();
  const btsByPayout = new Map<string, Stripe.BalanceTransaction[]>();
  for (const bt of stripe.balanceTransactions.values()) {
    if (!bt.payout) continue;
    const list = btsByPayout.get(bt.payout) ?? [];
    list.push(bt);
    btsByPayout.set(bt.payout, list);
  }
  for (const po of stripe.payouts.values()) {
    if (po.status !== 'paid' || !po.automatic || po.created < start) continue;
    const rec = await byEid('deposit', po.id);
    if (!rec) {
      check('I17', po.id, false, `no deposit with externalId ${po.id}`);
      continue;
    }
    await uniqueness('transaction', po.id);
    const cur = po.currency;
    const total = netSuiteToMinor(rec.total as number, cur);
    const bankOk = refId(rec.account) === s.netsuite.bankAccounts[cur];
    // arrival_date is a calendar date Stripe encodes as midnight UTC of the day: the deposit is dated on that day.
    const arrivalDay = new Date(po.arrival_date * 1000).toISOString().slice(0, 10);
    const dateOk = String(rec.tranDate) === arrivalDay;
    check('I17', po.id, total === po.amount && bankOk && dateOk, `total ${total} vs ${po.amount}; bank ok ${bankOk}; date ${String(rec.tranDate)}`);
    const payments = sublist(rec, 'payment').filter((l) => l.deposit !== false);
    const sumPay = payments.reduce((a, l) => a + netSuiteToMinor((l.paymentAmount as number) ?? 0, cur), 0);
    const sumCash = sublist(rec, 'cashback').reduce((a, l) => a + netSuiteToMinor(l.amount as number, cur), 0);
    const sumOther = sublist(rec, 'other').reduce((a, l) => a + netSuiteToMinor(l.amount as number, cur), 0);
    const bts = (btsByPayout.get(po.id) ?? []).filter((bt) => bt.type !== 'payout');
    const net = bts.reduce((a, bt) => a + bt.net, 0);
    check(
      'I18',
      po.id,
      sumPay - sumCash + sumOther === po.amount && net === po.amount,
      `payments ${sumPay} − cash back ${sumCash} + other ${sumOther} = ${sumPay - sumCash + sumOther}; Σ net ${net}; payout ${po.amount}`,
    );
    const lineIds = payments.map((l) => idOf(l.id) ?? idOf(l.doc) ?? '');
    for (const bt of bts) {
      const source = idOf(bt.source);
      if (!source) continue;
      let target: { type: string; eid: string; amount: number; currency: string } | undefined;
      if (source.startsWith('ch_') || source.startsWith('py_')) {
        const ch = stripe.charges.get(source);
        if (bt.type === 'payment_failure_refund') {
          target = ch && { type: 'customerRefund', eid: `${source}-failed`, amount: ch.amount, currency: ch.currency };
        } else {
          target = ch && { type: 'customerPayment', eid: source, amount: ch.amount, currency: ch.currency };
        }
      } else if (source.startsWith('re_') || source.startsWith('pyr_')) {
        const re = stripe.refunds.get(source);
        target = re && { type: 'customerRefund', eid: source, amount: re.amount, currency: re.currency };
      } else if ((source.startsWith('du_') || source.startsWith('dp_')) && bt.amount < 0) {
        const du = stripe.disputes.get(source);
        target = du && { type: 'customerRefund', eid: source, amount: du.amount, currency: du.currency };
      }
      if (!target) continue;
      const record = await byEid(target.type, target.eid);
      if (!record) {
        check('I19', `${po.id}/${bt.id}`, false, `${target.type} ${target.eid} is not in NetSuite`);
        continue;
      }
      const id = String(record.id);
      const occurrences = lineIds.filter((x) => x === id).length;
      const earlier = depositedIn.get(id);
      check(
        'I19',
        `${po.id}/${bt.id}`,
        occurrences === 1 && !earlier,
        `${target.eid} appears ${occurrences}× in ${po.id}${earlier ? `, and already in ${earlier}` : ''}`,
      );
      depositedIn.set(id, po.id);
      const nsAmount = netSuiteToMinor(
        ((target.type === 'customerPayment' ? record.payment : record.total) as number) ?? 0,
        target.currency,
      );
      check('I20', `${po.id}/${target.eid}`, nsAmount === target.amount, `NetSuite ${nsAmount} vs Stripe ${target.amount}`);
    }
  }
  return summarize(results);
}
