import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { balanceTransaction, DAY, payout, T0 } from './world-fixtures.js';
import { startStripe, stripeSdk } from '../support/sandboxes.js';

// Charges on days 0..3 becoming available two days later; payouts on day 3 and day 5 sweep
// what is available by then. A EUR charge never belongs to a USD payout.
const world = [
  balanceTransaction('txn_c0', T0, 1000, 'ch_0', { fee: 59, availableOn: T0 + 2 * DAY }),
  balanceTransaction('txn_c1', T0 + DAY, 2000, 'ch_1', { fee: 88, availableOn: T0 + 3 * DAY }), // exactly at po_1
  balanceTransaction('txn_r1', T0 + DAY + 60, -500, 're_1', { type: 'refund', availableOn: T0 + 3 * DAY - 60 }),
  balanceTransaction('txn_c2', T0 + 2 * DAY, 3000, 'ch_2', { fee: 117, availableOn: T0 + 4 * DAY }),
  balanceTransaction('txn_c3', T0 + 3 * DAY, 4000, 'ch_3', { fee: 146, availableOn: T0 + 5 * DAY }),
  balanceTransaction('txn_eur', T0 + DAY, 7000, 'ch_eur', { currency: 'eur', availableOn: T0 + 2 * DAY }),
  balanceTransaction('txn_late', T0 + 4 * DAY, 9000, 'ch_late', { availableOn: T0 + 6 * DAY }), // after po_2
  payout('po_1', T0 + 3 * DAY, 941 + 1912 - 500, 'txn_po1'),
  balanceTransaction('txn_po1', T0 + 3 * DAY, -(941 + 1912 - 500), 'po_1', { type: 'payout', availableOn: T0 + 3 * DAY }),
  payout('po_2', T0 + 5 * DAY, 2883 + 3854, 'txn_po2'),
  balanceTransaction('txn_po2', T0 + 5 * DAY, -(2883 + 3854), 'po_2', { type: 'payout', availableOn: T0 + 5 * DAY }),
];

describe('Stripe sandbox: payout balance transactions', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 10 * DAY });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  const members = async (payout: string): Promise<Stripe.BalanceTransaction[]> => {
    const out: Stripe.BalanceTransaction[] = [];
    for await (const t of stripe.balanceTransactions.list({ payout, limit: 2 })) out.push(t);
    return out;
  };

  it('gives each of two consecutive payouts what became available since the previous one, plus its own', async () => {
    const first = await members('po_1');
    expect(first.map((t) => t.id)).to.deep.equal(['txn_po1', 'txn_r1', 'txn_c1', 'txn_c0']);
    const second = await members('po_2');
    expect(second.map((t) => t.id)).to.deep.equal(['txn_po2', 'txn_c3', 'txn_c2']);
    // the deposit proof: the net of the non-payout transactions equals the payout amount
    for (const [id, list] of [['po_1', first], ['po_2', second]] as const) {
      const po = await stripe.payouts.retrieve(id);
      const net = list.filter((t) => t.type !== 'payout').reduce((s, t) => s + t.net, 0);
      expect(net).to.equal(po.amount);
    }
  });

  it('lets a payout claim nothing before it is visible', async () => {
    sb.setNow(T0 + 4 * DAY); // po_2 does not exist yet
    try {
      expect((await members('po_1')).map((t) => t.id)).to.deep.equal(['txn_po1', 'txn_r1', 'txn_c1', 'txn_c0']);
      const err = (await stripe.balanceTransactions.list({ payout: 'po_2' }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
      expect(err.code).to.equal('resource_missing');
      expect(err.param).to.equal('payout');
    } finally {
      sb.setNow(T0 + 10 * DAY);
    }
  });

  it('combines payout with other filters and supports expand of data.source', async () => {
    const fees = await stripe.balanceTransactions.list({ payout: 'po_2', type: 'charge' });
    expect(fees.data.map((t) => t.id)).to.deep.equal(['txn_c3', 'txn_c2']);
    const own = await stripe.balanceTransactions.list({ payout: 'po_1', source: 'po_1', expand: ['data.source'] });
    expect(own.data).to.have.length(1);
    expect((own.data[0].source as Stripe.Payout).amount).to.equal(2353);
    // filters by payout status and arrival_date
    expect((await stripe.payouts.list({ arrival_date: { gte: T0 + 5 * DAY } })).data.map((p) => p.id)).to.deep.equal(['po_2']);
    expect((await stripe.payouts.list({ status: 'paid' })).data.map((p) => p.id)).to.deep.equal(['po_2', 'po_1']);
  });
});
