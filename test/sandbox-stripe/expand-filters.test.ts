import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { balanceTransaction, charge, customer, DAY, event, invoice, invoicePayment, paymentIntent, refund, subscription, T0 } from './world-fixtures.js';
import { startStripe, stripeSdk } from '../support/sandboxes.js';

// Two customers, each with an invoice paid through a PaymentIntent; one charge partly refunded.
const world = [
  customer('cus_A', T0), customer('cus_B', T0 + 60),
  subscription('sub_A', T0 + 100, 'cus_A', 'active'),
  subscription('sub_B', T0 + 110, 'cus_B', 'canceled'),
  invoice('in_A', T0 + 3600, 'cus_A', { status: 'paid', amount: 5000, subscription: 'sub_A' }),
  invoice('in_B', T0 + 7200, 'cus_B', { status: 'open', amount: 2500 }),
  paymentIntent('pi_A', T0 + 3700, 'cus_A', 5000, 'ch_A'),
  paymentIntent('pi_B', T0 + 7300, 'cus_B', 2500, 'ch_B'),
  charge('ch_A', T0 + 3700, 'cus_A', 5000, 'pi_A', 'txn_chA'),
  charge('ch_B', T0 + 7300, 'cus_B', 2500, 'pi_B', 'txn_chB'),
  invoicePayment('inpay_A', T0 + 3700, 'in_A', 'pi_A', 5000),
  invoicePayment('inpay_B', T0 + 7300, 'in_B', 'pi_B', 2500, 'open'),
  refund('re_A', T0 + DAY, 'ch_A', 'pi_A', 1000, 'txn_reA'),
  balanceTransaction('txn_chA', T0 + 3700, 5000, 'ch_A', { fee: 175 }),
  balanceTransaction('txn_chB', T0 + 7300, 2500, 'ch_B', { fee: 103 }),
  balanceTransaction('txn_reA', T0 + DAY, -1000, 're_A', { type: 'refund' }),
  event('evt_1', T0 + 3600, 'invoice.finalized', invoice('in_A', T0 + 3600, 'cus_A', { amount: 5000, subscription: 'sub_A' })),
  event('evt_2', T0 + 3700, 'invoice.paid', invoice('in_A', T0 + 3600, 'cus_A', { status: 'paid', amount: 5000, subscription: 'sub_A' })),
  event('evt_3', T0 + 3700, 'charge.succeeded', charge('ch_A', T0 + 3700, 'cus_A', 5000, 'pi_A', 'txn_chA')),
  event('evt_4', T0 + DAY, 'charge.refunded', charge('ch_A', T0 + 3700, 'cus_A', 5000, 'pi_A', 'txn_chA')),
];

describe('Stripe sandbox: expand and filters', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 2 * DAY });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  it('expands data.customer on a list of invoices', async () => {
    const page = await stripe.invoices.list({ expand: ['data.customer'] });
    expect(page.data.map((i) => i.id)).to.deep.equal(['in_B', 'in_A']);
    const cust = page.data[1].customer as Stripe.Customer;
    expect(cust.object).to.equal('customer');
    expect(cust.email).to.equal('cus_A@example.com');
  });

  it('expands data.payment.payment_intent and two levels deeper on invoice payments', async () => {
    const page = await stripe.invoicePayments.list({
      invoice: 'in_A',
      expand: ['data.payment.payment_intent.latest_charge'],
    });
    expect(page.data).to.have.length(1);
    const pi = page.data[0].payment.payment_intent as Stripe.PaymentIntent;
    expect(pi.id).to.equal('pi_A');
    expect(pi.amount_received).to.equal(5000);
    const ch = pi.latest_charge as Stripe.Charge;
    expect(ch.id).to.equal('ch_A');
    expect(ch.balance_transaction).to.equal('txn_chA');
  });

  it('expands nested paths: data.charge.customer on refunds, data.source on balance transactions', async () => {
    const refunds = await stripe.refunds.list({ charge: 'ch_A', expand: ['data.charge', 'data.charge.customer'] });
    const ch = refunds.data[0].charge as Stripe.Charge;
    expect((ch.customer as Stripe.Customer).name).to.equal('Customer cus_A');
    const txns = await stripe.balanceTransactions.list({ expand: ['data.source'] });
    const byId = new Map(txns.data.map((t) => [t.id, t]));
    expect((byId.get('txn_chA')!.source as Stripe.Charge).object).to.equal('charge');
    expect((byId.get('txn_reA')!.source as Stripe.Refund).amount).to.equal(1000);
    // retrieve with expand
    const inv = await stripe.invoices.retrieve('in_A', { expand: ['customer'] });
    expect((inv.customer as Stripe.Customer).id).to.equal('cus_A');
  });

  it('refuses to expand a property that does not exist (charges have no invoice in this API version)', async () => {
    const err = (await stripe.charges.list({ expand: ['data.invoice'] }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).to.equal(400);
    expect(err.param).to.equal('expand[0]');
    expect(err.message).to.match(/cannot be expanded \(data\.invoice\)/);
  });

  it('filters invoice payments by invoice, payment[type], payment[payment_intent] and status', async () => {
    const ids = async (p: Stripe.InvoicePaymentListParams): Promise<string[]> =>
      (await stripe.invoicePayments.list(p)).data.map((x) => x.id);
    expect(await ids({ payment: { type: 'payment_intent', payment_intent: 'pi_B' } })).to.deep.equal(['inpay_B']);
    expect(await ids({ status: 'paid' })).to.deep.equal(['inpay_A']);
    expect(await ids({ invoice: 'in_B', status: 'paid' })).to.deep.equal([]);
    const bad = (await stripe.invoicePayments.list({ status: 'bogus' }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(bad.statusCode).to.equal(400);
    expect(bad.param).to.equal('status');
  });

  it('filters charges, refunds, invoices and subscriptions like Stripe', async () => {
    expect((await stripe.charges.list({ customer: 'cus_B' })).data.map((c) => c.id)).to.deep.equal(['ch_B']);
    expect((await stripe.charges.list({ payment_intent: 'pi_A' })).data.map((c) => c.id)).to.deep.equal(['ch_A']);
    expect((await stripe.refunds.list({ payment_intent: 'pi_B' })).data).to.have.length(0);
    expect((await stripe.invoices.list({ status: 'open' })).data.map((i) => i.id)).to.deep.equal(['in_B']);
    expect((await stripe.invoices.list({ subscription: 'sub_A' })).data.map((i) => i.id)).to.deep.equal(['in_A']);
    // canceled subscriptions are left out unless asked for
    expect((await stripe.subscriptions.list()).data.map((s) => s.id)).to.deep.equal(['sub_A']);
    expect((await stripe.subscriptions.list({ status: 'all' })).data.map((s) => s.id)).to.deep.equal(['sub_B', 'sub_A']);
    expect((await stripe.subscriptions.list({ status: 'canceled' })).data.map((s) => s.id)).to.deep.equal(['sub_B']);
    const txns = await stripe.balanceTransactions.list({ type: 'refund' });
    expect(txns.data.map((t) => [t.id, t.net])).to.deep.equal([['txn_reA', -1000]]);
  });

  it('filters events by type with a * wildcard and by types[]', async () => {
    const ids = async (p: Stripe.EventListParams): Promise<string[]> => (await stripe.events.list(p)).data.map((e) => e.id);
    expect(await ids({ type: 'invoice.*' })).to.deep.equal(['evt_2', 'evt_1']);
    expect(await ids({ type: 'charge.refunded' })).to.deep.equal(['evt_4']);
    expect(await ids({ types: ['invoice.paid', 'charge.succeeded'] })).to.deep.equal(['evt_3', 'evt_2']);
    expect(await ids({})).to.deep.equal(['evt_4', 'evt_3', 'evt_2', 'evt_1']);
    // wildcard merge across types still pages by cursor
    const p1 = await stripe.events.list({ type: '*', limit: 2 });
    expect(p1.data.map((e) => e.id)).to.deep.equal(['evt_4', 'evt_3']);
    const p2 = await stripe.events.list({ type: '*', limit: 2, starting_after: 'evt_3' });
    expect(p2.data.map((e) => e.id)).to.deep.equal(['evt_2', 'evt_1']);
    expect(p2.has_more).to.equal(false);
  });

  it('serves the latest snapshot from events: the invoice shows as paid', async () => {
    const inv = await stripe.invoices.retrieve('in_A');
    expect(inv.status).to.equal('paid');
    expect(inv.amount_remaining).to.equal(0);
  });
});

describe('Stripe sandbox: query encodings', () => {
  let sb: StripeSandbox;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 2 * DAY });
  });
  after(() => sb.close());

  const get = async (path: string): Promise<{ status: number; body: { data: Array<Record<string, unknown>>; error?: { param: string } } }> => {
    const res = await fetch(`${sb.url}${path}`, { headers: { authorization: 'Bearer sk_test_x' } });
    return { status: res.status, body: (await res.json()) as never };
  };

  it('accepts expand[]=, percent-encoded brackets and types[] as well as indexed arrays', async () => {
    const a = await get('/v1/invoices?expand[]=data.customer&limit=1');
    expect(a.status).to.equal(200);
    expect((a.body.data[0].customer as { object: string }).object).to.equal('customer');
    const b = await get('/v1/invoices?expand%5B0%5D=data.customer&created%5Bgte%5D=' + (T0 + 3600) + '&created%5Blte%5D=' + (T0 + 3600));
    expect(b.body.data.map((i) => i.id)).to.deep.equal(['in_A']);
    expect((b.body.data[0].customer as { id: string }).id).to.equal('cus_A');
    const c = await get('/v1/events?types[]=invoice.paid&types[]=charge.refunded');
    expect(c.body.data.map((e) => e.id)).to.deep.equal(['evt_4', 'evt_2']);
    const d = await get('/v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=pi_A');
    expect(d.body.data.map((e) => e.id)).to.deep.equal(['inpay_A']);
    const e = await get('/v1/invoice_payments?payment[kind]=x');
    expect(e.status).to.equal(400);
    expect(e.body.error!.param).to.equal('payment[kind]');
  });

  it('clears the request log through DELETE /_sandbox/requests', async () => {
    await get('/v1/customers');
    expect(sb.requestLog.length).to.be.greaterThan(0);
    const res = await fetch(`${sb.url}/_sandbox/requests`, { method: 'DELETE' });
    expect(res.status).to.equal(200);
    expect(sb.requestLog).to.have.length(0);
    await get('/v1/customers?limit=2');
    expect(sb.requestLog.map((r) => [r.path, r.status])).to.deep.equal([['/v1/customers?limit=2', 200]]);
  });
});
