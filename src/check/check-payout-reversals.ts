// Invariants for payouts that never reached the bank, restated from Stripe's semantics and the spec (#40, I17, I19),
// without the code under test: a failed or canceled payout moved no money, so it has no NetSuite deposit; its funds
// came back as a `payout_failure` / `payout_cancel` balance transaction that a later payout carries, so every record
// the failed payout carried is deposited by that later payout (and its Undeposited Funds drain, I22).
import type Stripe from 'stripe';

type NsRecord = Record<string, unknown>;
type LedgerBt = Stripe.BalanceTransaction & { payout?: string | null };

export interface PayoutReversalCheck {
  payouts: Iterable<Stripe.Payout>;
  balanceTransactions: Iterable<LedgerBt>;
  charges: ReadonlyMap<string, Stripe.Charge>;
  /** Payouts created before this Unix time are out of scope (extract.startDate). */
  start: number;
  /** A NetSuite record by externalId, sublists expanded. */
  byExternalId(recordType: string, externalId: string): Promise<NsRecord | undefined>;
  check(invariant: string, subject: string, ok: boolean, detail?: string): void;
}

const REVERSAL_TYPES = new Set(['payout_failure', 'payout_cancel']);

function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  return null;
}

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

export async function checkPayoutReversals(c: PayoutReversalCheck): Promise<void> {
  const payouts = new Map([...c.payouts].map((p) => [p.id, p]));
  const byPayout = new Map<string, LedgerBt[]>();
  for (const bt of c.balanceTransactions) {
    if (!bt.payout) continue;
    byPayout.set(bt.payout, [...(byPayout.get(bt.payout) ?? []), bt]);
  }
  // I17: only a paid payout is a deposit; a failed or canceled one moved no money.
  for (const po of payouts.values()) {
    if ((po.status !== 'failed' && po.status !== 'canceled') || po.created < c.start) continue;
    const dep = await c.byExternalId('deposit', po.id);
    c.check('I17', po.id, dep === undefined, `payout ${po.id} is ${po.status} but NetSuite has deposit ${String(dep?.id)} for it`);
  }
  // I19: the later payout that carries the returned funds deposits each record the failed payout carried.
  for (const [carrierId, bts] of byPayout) {
    const carrier = payouts.get(carrierId);
    if (!carrier || carrier.status !== 'paid' || !carrier.automatic || carrier.created < c.start) continue;
    for (const reversal of bts.filter((bt) => REVERSAL_TYPES.has(bt.type))) {
      const failed = payouts.get(idOf(reversal.source) ?? '');
      if (!failed || !failed.automatic) continue;
      const deposit = await c.byExternalId('deposit', carrierId);
      if (!deposit) continue; // I17 reports the missing deposit
      const items = ((deposit.payment as { items?: NsRecord[] } | undefined)?.items ?? []).filter((l) => l.deposit !== false);
      const lineIds = new Set(items.map((l) => idOf(l.id) ?? idOf(l.doc) ?? ''));
      for (const bt of byPayout.get(failed.id) ?? []) {
        if (bt.type === 'payout') continue;
        const target = depositedRecord(bt, c.charges);
        if (!target) continue;
        const record = await c.byExternalId(target.type, target.eid);
        c.check(
          'I19',
          `${carrierId}/${failed.id}/${bt.id}`,
          record !== undefined && lineIds.has(String(record.id)),
          record ? `${target.type} ${target.eid} of failed payout ${failed.id} is not in deposit ${carrierId}` : `${target.type} ${target.eid} is not in NetSuite`,
        );
      }
    }
  }
}
