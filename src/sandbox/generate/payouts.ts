/**
 * Automatic daily payouts. Each sweeps every balance transaction (other than payouts) whose funds
 * became available at or before the payout's creation and that no earlier payout took, so its amount
 * is exactly the sum of their `net`. A day whose sum is not positive pays nothing and the balance
 * carries over. The latest payout, and any that would arrive after the world ends, stay in transit.
 */
import { DAY, HOUR } from './calendar.js';
import type { GenContext } from './context.js';

/** Every how many payouts one fails at the bank (the first failure is the third payout). */
const FAILURE_EVERY = 9;
/** When the bank returns a failed payout, after its arrival day began (Stripe reports failures within days). */
const FAILURE_DELAY = 6 * HOUR;

export function schedulePayouts(ctx: GenContext, start: number): void {
  const { book, items, rng } = ctx;
  const txns = book.transactions.slice().sort((a, b) => a.available_on - b.available_on);
  const destination = rng.id('ba_');
  const payouts: { id: string; at: number; amount: number; failsAt?: number }[] = [];
  // Funds of failed payouts, back in the balance when the bank returns them (in time order).
  const returns: { at: number; amount: number }[] = [];
  let i = 0;
  let r = 0;
  let balance = 0;
  // Payouts are made once a day at 05:00 UTC, starting the day after the world begins.
  const firstDay = Math.floor(start / DAY) * DAY + DAY + 5 * HOUR;
  for (let at = firstDay; at < ctx.windowEnd; at += DAY) {
    while (i < txns.length && txns[i].available_on <= at) balance += txns[i++].net;
    while (r < returns.length && returns[r].at <= at) balance += returns[r++].amount;
    if (balance > 0) {
      const p: (typeof payouts)[number] = { id: rng.id('po_'), at, amount: balance };
      // Some payouts fail at the bank (closed account…); their funds come back and the next payout takes them.
      // Only one that is returned well before the world ends, so a later payout carries the funds.
      const failsAt = arrivalOf(at) + FAILURE_DELAY;
      if (payouts.length % FAILURE_EVERY === 2 && failsAt + 2 * DAY < ctx.windowEnd) {
        p.failsAt = failsAt;
        returns.push({ at: failsAt, amount: balance });
      }
      payouts.push(p);
      balance = 0;
    }
  }
  payouts.forEach((p, index) => {
    const txn = book.payout({ id: p.id, amount: p.amount, created: p.at });
    const arrival = arrivalOf(p.at);
    const payout = {
      id: p.id,
      object: 'payout',
      amount: p.amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: arrival,
      automatic: true,
      balance_transaction: txn.id,
      created: p.at,
      currency: book.currency,
      description: 'STRIPE PAYOUT',
      destination,
      failure_balance_transaction: null as string | null,
      failure_code: null as string | null,
      failure_message: null as string | null,
      livemode: false,
      metadata: {},
      method: 'standard',
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'in_progress',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: null,
      status: 'in_transit',
      trace_id: { status: 'pending', value: null },
      type: 'bank_account',
    };
    items.object(payout);
    items.event('payout.created', payout, p.at);
    if (p.failsAt !== undefined) {
      const back = book.payoutFailure(p, p.failsAt);
      const failed = {
        ...payout,
        status: 'failed',
        failure_balance_transaction: back.id,
        failure_code: 'account_closed',
        failure_message: 'The bank account has been closed.',
        reconciliation_status: 'completed',
      };
      items.event('payout.failed', failed, p.failsAt);
    } else if (index < payouts.length - 1 && arrival < ctx.windowEnd) {
      const paid = { ...payout, status: 'paid', reconciliation_status: 'completed', trace_id: { status: 'supported', value: `TRACE${rng.digits(12)}` } };
      items.event('payout.paid', paid, arrival);
    }
  });
}

/** Stripe encodes the arrival day (two days after creation) as midnight UTC of that day. */
function arrivalOf(created: number): number {
  return Math.floor((created + 2 * DAY) / DAY) * DAY;
}
