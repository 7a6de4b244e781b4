// Invariants for payouts that never reached the bank, restated from Stripe's semantics and the spec (#40, I17, I19),
// without the code under test: a failed or canceled payout moved no money, so it has no NetSuite deposit; its funds
// came back as a `payout_failure` / `payout_cancel` balance transaction that a later payout carries, so every record
// the failed payout carried is deposited by that later payout (and its Undeposited Funds drain, I22).
import type Stripe from 'stripe';
import { stripeId as idOf, type InvariantContext } from '../invariant-context.js';
import { refId, type NsRecord } from '../netsuite-records.js';
import type { SweptBalanceTransaction as LedgerBt } from '../stripe-world.js';

const REVERSAL_TYPES = new Set(['payout_failure', 'payout_cancel']);


/** The NetSuite record (type, externalId) a balance transaction's source is deposited as; undefined for fees etc. */
function depositedRecord(bt: LedgerBt, charges: ReadonlyMap<string, Stripe.Charge>): { type: string; eid: string } | undefined {
  const source = idOf(bt.source);
  if (!source) return undefined;
  if (bt.type === 'payment_failure_refund') {
    const charge = charges.get(source) ? source : undefined;
    return charge ? { type: 'customerRefund', eid: `${charge}-failed` } : undefined;
  }
  if (source.startsWith('ch_') || source.startsWith('py_')) return { type: 'customerPayment', eid: source };
  if (source.startsWith('re_') || source.startsWith('pyr_')) return { type: 'customerRefund', eid: source };
  if ((source.startsWith('du_') || source.startsWith('dp_')) && bt.amount < 0) return { type: 'customerRefund', eid: source };
  return undefined;
}

export async function checkPayoutReversals(ctx: InvariantContext): Promise<void> {
  const payouts = ctx.stripe.payouts;
  const byPayout = new Map<string, LedgerBt[]>();
  for (const bt of ctx.stripe.balanceTransactions.values()) {
    if (!bt.payout) continue;
    byPayout.set(bt.payout, [...(byPayout.get(bt.payout) ?? []), bt]);
  }
  // I17: only a paid payout is a deposit; a failed or canceled one moved no money.
  for (const po of payouts.values()) {
    if ((po.status !== 'failed' && po.status !== 'canceled') || po.created < ctx.start) continue;
    const dep = await ctx.ns.byExternalId('deposit', po.id);
    ctx.record('I17', po.id, dep === undefined, `payout ${po.id} is ${po.status} but NetSuite has deposit ${String(dep?.id)} for it`);
  }
  // I19: the later payout that carries the returned funds deposits each record the failed payout carried.
  for (const [carrierId, bts] of byPayout) {
    const carrier = payouts.get(carrierId);
    if (!carrier || carrier.status !== 'paid' || !carrier.automatic || carrier.created < ctx.start) continue;
    for (const reversal of bts.filter((bt) => REVERSAL_TYPES.has(bt.type))) {
      const failed = payouts.get(idOf(reversal.source) ?? '');
      if (!failed || !failed.automatic) continue;
      const deposit = await ctx.ns.byExternalId('deposit', carrierId);
      if (!deposit) continue; // I17 reports the missing deposit
      const items = ((deposit.payment as { items?: NsRecord[] } | undefined)?.items ?? []).filter((l) => l.deposit !== false);
      const lineIds = new Set(items.map((l) => refId(l.id) ?? refId(l.doc) ?? ''));
      for (const bt of byPayout.get(failed.id) ?? []) {
        if (bt.type === 'payout') continue;
        const target = depositedRecord(bt, ctx.stripe.charges);
        if (!target) continue;
        const record = await ctx.ns.byExternalId(target.type, target.eid);
        ctx.record(
          'I19',
          `${carrierId}/${failed.id}/${bt.id}`,
          record !== undefined && lineIds.has(String(record.id)),
          record ? `${target.type} ${target.eid} of failed payout ${failed.id} is not in deposit ${carrierId}` : `${target.type} ${target.eid} is not in NetSuite`,
        );
      }
    }
  }
}
