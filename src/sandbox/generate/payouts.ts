/**
 * Automatic daily payouts. Each sweeps every balance transaction (other than payouts) whose funds
 * became available at or before the payout's creation and that no earlier payout took, so its amount
 * is exactly the sum of their `net`. A day whose sum is not positive pays nothing and the balance
 * carries over. The latest payout, and any that would arrive after the world ends, stay in transit.
 */
import { DAY, HOUR } from './calendar.js';
import type { GenContext } from './context.js';

export function schedulePayouts(ctx: GenContext, start: number): void {
  const { book, items, rng } = ctx;
  const txns = book.transactions.slice().sort((a, b) => a.available_on - b.available_on);
  const destination = rng.id('ba_');
  const payouts: { id: string; at: number; amount: number }[] = [];
  let i = 0;
  let balance = 0;
  // Payouts are made once a day at 05:00 UTC, starting the day after the world begins.
  const firstDay = Math.floor(start / DAY) * DAY + DAY + 5 * HOUR;
  for (let at = firstDay; at < ctx.windowEnd; at += DAY) {
    while (i < txns.length && txns[i].available_on <= at) balance += txns[i++].net;
    if (balance > 0) {
      payouts.push({ id: rng.id('po_'), at, amount: balance });
      balance = 0;
    }
  }
  payouts.forEach((p, index) => {
    const txn = book.payout({ id: p.id, amount: p.amount, created: p.at });
    // Stripe encodes the arrival day as midnight UTC of that day.
    const arrival = Math.floor((p.at + 2 * DAY) / DAY) * DAY;
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
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
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
    if (index < payouts.length - 1 && arrival < ctx.windowEnd) {
      const paid = { ...payout, status: 'paid', reconciliation_status: 'completed', trace_id: { status: 'supported', value: `TRACE${rng.digits(12)}` } };
      items.event('payout.paid', paid, arrival);
    }
  });
}
