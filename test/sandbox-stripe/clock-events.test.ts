import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, event, invoice, T0 } from './world-fixtures.js';
import { TEST_SECRETS, startStripe, stripeSdk } from '../support/sandboxes.js';

const world = [
  customer('cus_A', T0),
  invoice('in_A', T0 + DAY, 'cus_A', { status: 'open', amount: 4200 }),
  event('evt_fin', T0 + DAY, 'invoice.finalized', invoice('in_A', T0 + DAY, 'cus_A', { status: 'open', amount: 4200 })),
  // paid ten days later: a newer snapshot of in_A from the event's time on
  event('evt_paid', T0 + 11 * DAY, 'invoice.paid', invoice('in_A', T0 + DAY, 'cus_A', { status: 'paid', amount: 4200 }), { status: 'open' }),
  // a customer that only exists from day 20
  customer('cus_B', T0 + 20 * DAY),
  event('evt_cusB', T0 + 20 * DAY, 'customer.created', customer('cus_B', T0 + 20 * DAY)),
];

describe('Stripe sandbox: the clock', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 5 * DAY });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  it('shows only what exists at the clock, and newer snapshots once their event is past', async () => {
    expect((await stripe.customers.list()).data.map((c) => c.id)).to.deep.equal(['cus_A']);
    expect((await stripe.invoices.retrieve('in_A')).status).to.equal('open');
    const missing = (await stripe.customers.retrieve('cus_B').catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing.statusCode).to.equal(404);

    sb.advance(6 * DAY); // day 11: exactly when the invoice was paid
    expect(sb.now()).to.equal(T0 + 11 * DAY);
    expect((await stripe.invoices.retrieve('in_A')).status).to.equal('paid');
    expect((await stripe.invoices.list({ status: 'paid' })).data.map((i) => i.id)).to.deep.equal(['in_A']);
    expect((await stripe.invoices.list({ status: 'open' })).data).to.have.length(0);

    sb.setNow(T0 + 20 * DAY);
    expect((await stripe.customers.list()).data.map((c) => c.id)).to.deep.equal(['cus_B', 'cus_A']);
    expect((await stripe.customers.retrieve('cus_B')).id).to.equal('cus_B');

    sb.setNow(T0 + 5 * DAY); // the clock can go back: the world is replayed, not mutated
    expect((await stripe.invoices.retrieve('in_A')).status).to.equal('open');
  });

  it('keeps 30 days of events: older ones leave the list and cannot be retrieved', async () => {
    sb.setNow(T0 + 25 * DAY);
    const ids = async (): Promise<string[]> => (await stripe.events.list({ limit: 100 })).data.map((e) => e.id);
    expect(await ids()).to.deep.equal(['evt_cusB', 'evt_paid', 'evt_fin']);
    sb.setNow(T0 + 31 * DAY); // evt_fin (day 1) is exactly 30 days old: still kept
    expect(await ids()).to.deep.equal(['evt_cusB', 'evt_paid', 'evt_fin']);
    sb.setNow(T0 + 31 * DAY + 1);
    expect(await ids()).to.deep.equal(['evt_cusB', 'evt_paid']);
    const old = (await stripe.events.retrieve('evt_fin').catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(old.statusCode).to.equal(404);
    expect(old.code).to.equal('resource_missing');
    sb.setNow(T0 + 45 * DAY);
    expect(await ids()).to.deep.equal(['evt_cusB']);
    const paid = await stripe.events.retrieve('evt_cusB');
    expect((paid.data.object as Stripe.Customer).id).to.equal('cus_B');
  });

  it('moves the clock through the /_sandbox/clock control endpoint without a key', async () => {
    const post = async (body: object): Promise<{ now: number }> => {
      const res = await fetch(`${sb.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).to.equal(200);
      return (await res.json()) as { now: number };
    };
    expect(await post({ now: T0 })).to.deep.equal({ now: T0 });
    expect(await post({ advance: 3600 })).to.deep.equal({ now: T0 + 3600 });
    expect(await post({ now: '2026-01-21T00:00:00Z' })).to.deep.equal({ now: T0 + 20 * DAY });
    expect(sb.now()).to.equal(T0 + 20 * DAY);
    expect(await (await fetch(`${sb.url}/_sandbox/clock`)).json()).to.deep.equal({ now: T0 + 20 * DAY });
    const bad = await fetch(`${sb.url}/_sandbox/clock`, { method: 'POST', body: JSON.stringify({ now: 'tomorrow' }) });
    expect(bad.status).to.equal(400);
    // Stripe endpoints still need the key
    expect((await fetch(`${sb.url}/v1/customers`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } })).status).to.equal(200);
  });
});
