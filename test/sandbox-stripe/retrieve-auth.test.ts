import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, event, invoice, T0 } from './world-fixtures.js';
import { TEST_SECRETS, startStripe, stripeSdk } from '../support/sandboxes.js';

const world = [
  customer('cus_A', T0),
  customer('cus_gone', T0),
  invoice('in_A', T0 + 3600, 'cus_A'),
  event('evt_del', T0 + DAY, 'customer.deleted', customer('cus_gone', T0)),
];

describe('Stripe sandbox: retrieve, errors and auth', () => {
  let sb: StripeSandbox;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 2 * DAY });
  });
  after(() => sb.close());

  it('retrieves an object as stored, with request-id and Stripe-Version headers', async () => {
    const stripe = stripeSdk(sb);
    const inv = await stripe.invoices.retrieve('in_A');
    expect(inv.id).to.equal('in_A');
    expect(inv.amount_due).to.equal(1000);
    expect(inv.customer).to.equal('cus_A');
    expect(inv.lastResponse.statusCode).to.equal(200);
    expect(inv.lastResponse.requestId).to.match(/^req_/);
    expect(inv.lastResponse.apiVersion).to.equal(Stripe.API_VERSION);
  });

  it('answers an unknown id with 404 resource_missing in Stripe’s shape', async () => {
    const stripe = stripeSdk(sb);
    const err = await stripe.invoices.retrieve('in_x').then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(Stripe.errors.StripeInvalidRequestError);
    const se = err as Stripe.errors.StripeInvalidRequestError;
    expect(se.code).to.equal('resource_missing');
    expect(se.statusCode).to.equal(404);
    expect(se.param).to.equal('id');
    expect(se.message).to.equal("No such invoice: 'in_x'");
    // an id of another type is not an invoice either
    const wrongType = (await stripe.invoices.retrieve('cus_A').catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(wrongType.statusCode).to.equal(404);

    const raw = await fetch(`${sb.url}/v1/invoices/in_x`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    expect(raw.status).to.equal(404);
    expect(await raw.json()).to.deep.equal({
      error: {
        code: 'resource_missing',
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
        message: "No such invoice: 'in_x'",
        param: 'id',
        type: 'invalid_request_error',
      },
    });
  });

  it('serves a deleted customer as a deleted stub and leaves it out of lists', async () => {
    const stripe = stripeSdk(sb);
    const gone = await stripe.customers.retrieve('cus_gone');
    expect(gone).to.include({ id: 'cus_gone', object: 'customer', deleted: true });
    const all = await stripe.customers.list();
    expect(all.data.map((c) => c.id)).to.deep.equal(['cus_A']);
  });

  it('refuses a request without a key with 401 and Stripe’s message', async () => {
    const res = await fetch(`${sb.url}/v1/customers`);
    expect(res.status).to.equal(401);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).to.equal('invalid_request_error');
    expect(body.error.message).to.match(/^You did not provide an API key\. /);
  });

  it('accepts a test key by Bearer or Basic auth, and refuses live or foreign keys', async () => {
    const basic = Buffer.from(`${TEST_SECRETS.stripeApiKey}:`).toString('base64');
    expect((await fetch(`${sb.url}/v1/customers`, { headers: { authorization: `Basic ${basic}` } })).status).to.equal(200);
    expect((await fetch(`${sb.url}/v1/customers`, { headers: { authorization: 'Bearer rk_test_restricted' } })).status).to.equal(200);
    const err = await stripeSdk(sb, 'sk_live_real_secret_1234').customers.list().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Stripe.errors.StripeAuthenticationError);
    expect((err as Stripe.errors.StripeError).statusCode).to.equal(401);
    // the refused key is not echoed back
    expect((err as Stripe.errors.StripeError).message).to.not.include('real_secret');
  });

  it('accepts only the configured key when apiKey is set', async () => {
    const strict = await startStripe({ world, now: T0 + 2 * DAY, apiKey: 'sk_test_only_this' });
    try {
      expect((await stripeSdk(strict, 'sk_test_only_this').customers.list()).data).to.have.length(1);
      const err = (await stripeSdk(strict, 'sk_test_other').customers.list().catch((e: unknown) => e)) as Stripe.errors.StripeError;
      expect(err.statusCode).to.equal(401);
    } finally {
      await strict.close();
    }
  });

  it('answers unknown routes and writes with 404, and unknown retrieve params with 400', async () => {
    const h = { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` };
    const route = await fetch(`${sb.url}/v1/widgets`, { headers: h });
    expect(route.status).to.equal(404);
    expect(((await route.json()) as { error: { message: string } }).error.message).to.match(/^Unrecognized request URL \(GET: \/v1\/widgets\)/);
    const post = await fetch(`${sb.url}/v1/customers`, { method: 'POST', headers: h, body: 'email=x' });
    expect(post.status).to.equal(404);
    const bad = await fetch(`${sb.url}/v1/invoices/in_A?limit=3`, { headers: h });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).to.equal('limit');
  });
});
