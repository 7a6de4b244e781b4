// Part 4 of issue 11: discounts as ids unless expanded, events in the account's API version at the
// time, and errors (expand, Stripe-Version, API keys, retries) as Stripe gives them — all through the
// official SDK over HTTP.
import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, event, invoice, lineItem, T0 } from './world-fixtures.js';
import { TEST_SECRETS, startStripe, stripeSdk } from '../support/sandboxes.js';

const discount = {
  id: 'di_A', object: 'discount', checkout_session: null, customer: 'cus_A', customer_account: null, end: null,
  invoice: 'in_D', invoice_item: null, promotion_code: null, source: { type: 'coupon', coupon: 'co_20' },
  start: T0 + 3600, subscription: null, subscription_item: null,
};

/** An invoice with a discount, stored expanded (as the world generator writes it); its lines name it by id. */
function discounted(): Record<string, unknown> {
  const lines = Array.from({ length: 12 }, (_, i) => ({
    ...(lineItem(`il_D${String(i).padStart(2, '0')}`, 'in_D', 1000) as Record<string, unknown>),
    discounts: ['di_A'],
    discount_amounts: [{ amount: 200, discount: 'di_A' }],
  }));
  return { ...(invoice('in_D', T0 + 3600, 'cus_A', { lines, amount: 9600 }) as Record<string, unknown>), discounts: [discount] };
}

async function caught(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e, 'expected the request to fail').to.be.instanceOf(Stripe.errors.StripeError);
  return e as Stripe.errors.StripeError;
}

describe('Stripe sandbox: invoice discounts are ids unless expanded', () => {
  let sb: StripeSandbox;
  before(async () => {
    sb = await startStripe({
      world: [customer('cus_A', T0), discounted(), event('evt_D', T0 + 7200, 'invoice.updated', discounted())],
      now: T0 + DAY,
    });
  });
  after(() => sb.close());

  it('retrieves discounts (invoice and lines) as ids without expand', async () => {
    const inv = await stripeSdk(sb).invoices.retrieve('in_D');
    expect(inv.discounts).to.deep.equal(['di_A']);
    expect(inv.lines.data[0].discounts).to.deep.equal(['di_A']);
  });

  it('expands invoice discounts to Discount objects with expand[]=discounts, lines with lines.data.discounts', async () => {
    const inv = await stripeSdk(sb).invoices.retrieve('in_D', { expand: ['discounts'] });
    expect(inv.discounts).to.have.length(1);
    expect(inv.discounts[0]).to.deep.include({ id: 'di_A', object: 'discount', source: { type: 'coupon', coupon: 'co_20' } });
    expect(inv.lines.data[0].discounts).to.deep.equal(['di_A']);
    const withLines = await stripeSdk(sb).invoices.retrieve('in_D', { expand: ['lines.data.discounts'] });
    expect(withLines.discounts).to.deep.equal(['di_A']);
    expect(withLines.lines.data.every((l) => (l.discounts[0] as Stripe.Discount).object === 'discount')).to.equal(true);
  });

  it('lists with data.discounts expanded or as ids, and pages /lines the same way', async () => {
    const plain = await stripeSdk(sb).invoices.list();
    expect(plain.data[0].discounts).to.deep.equal(['di_A']);
    const expanded = await stripeSdk(sb).invoices.list({ expand: ['data.discounts'] });
    expect((expanded.data[0].discounts[0] as Stripe.Discount).id).to.equal('di_A');
    const page = await stripeSdk(sb).invoices.listLineItems('in_D', { starting_after: 'il_D09', limit: 5 });
    expect(page.data.map((l) => l.id)).to.deep.equal(['il_D10', 'il_D11']);
    expect(page.data[0].discounts).to.deep.equal(['di_A']);
    const pageExpanded = await stripeSdk(sb).invoices.listLineItems('in_D', { limit: 2, expand: ['data.discounts'] });
    expect((pageExpanded.data[1].discounts[0] as Stripe.Discount).object).to.equal('discount');
  });

  it('serves an event payload with discount ids (events are never expanded)', async () => {
    const evts = await stripeSdk(sb).events.list();
    const obj = evts.data[0].data.object as Stripe.Invoice;
    expect(obj.discounts).to.deep.equal(['di_A']);
  });
});

describe('Stripe sandbox: events carry the account API version at the time', () => {
  let sb: StripeSandbox;
  const sub = 'sub_V';
  const before_ = invoice('in_V', T0 + 3600, 'cus_A', { subscription: sub });
  const after_ = { ...(before_ as Record<string, unknown>), status: 'paid' };
  before(async () => {
    sb = await startStripe({
      world: [
        customer('cus_A', T0),
        before_,
        event('evt_old', T0 + 7200, 'invoice.finalized', before_),
        event('evt_new', T0 + 3 * DAY, 'invoice.paid', after_),
      ],
      now: T0 + 4 * DAY,
      accountApiVersion: { version: '2024-06-20', upgradedAt: T0 + 2 * DAY },
    });
  });
  after(() => sb.close());

  it('renders an event from before the upgrade in the old version (pre-basil invoice shape)', async () => {
    const old = await stripeSdk(sb).events.retrieve('evt_old');
    expect(old.api_version).to.equal('2024-06-20');
    const obj = old.data.object as unknown as Record<string, unknown>;
    expect(obj).to.not.have.property('parent');
    expect(obj.subscription).to.equal(sub);
    expect(obj).to.have.property('total_tax_amounts');
    expect(obj).to.not.have.property('total_taxes');
    const line = (obj.lines as { data: Array<Record<string, unknown>> }).data[0];
    expect(line.price).to.equal('price_basic');
    expect(line).to.not.have.property('pricing');
    expect(line.subscription).to.equal('sub_1');
  });

  it('renders an event from after the upgrade, and a retrieve of the object, in the current version', async () => {
    const fresh = await stripeSdk(sb).events.retrieve('evt_new');
    expect(fresh.api_version).to.equal(Stripe.API_VERSION);
    expect((fresh.data.object as Stripe.Invoice).parent?.subscription_details?.subscription).to.equal(sub);
    const inv = await stripeSdk(sb).invoices.retrieve('in_V');
    expect(inv.parent?.subscription_details?.subscription).to.equal(sub);
    expect(inv).to.not.have.property('subscription');
    const list = await stripeSdk(sb).events.list();
    expect(list.data.map((e) => [e.id, e.api_version])).to.deep.equal([['evt_new', Stripe.API_VERSION], ['evt_old', '2024-06-20']]);
  });

  it('refuses an account version it does not know', async () => {
    const err = await startStripe({ world: [], now: T0, accountApiVersion: { version: '2024-13-01' } }).then(
      (s) => s.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect((err as Error).message).to.match(/accountApiVersion 2024-13-01 is not a known Stripe API version/);
  });
});

describe('Stripe sandbox: errors as Stripe gives them', () => {
  let sb: StripeSandbox;
  before(async () => {
    sb = await startStripe({ world: [customer('cus_A', T0), discounted()], now: T0 + DAY, apiKey: TEST_SECRETS.stripeApiKey });
  });
  after(() => sb.close());
  afterEach(() => sb.setFaults({}));

  it('refuses to expand a property that is not expandable, naming it and the parameter', async () => {
    for (const [path, param] of [['amount_due', 'expand[0]'], ['status_transitions', 'expand[0]'], ['currency', 'expand[0]'], ['id', 'expand[0]']]) {
      const err = await caught(stripeSdk(sb).invoices.retrieve('in_D', { expand: [path] }));
      expect(err).to.be.instanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err.statusCode).to.equal(400);
      expect(err.rawType).to.equal('invalid_request_error');
      expect(err.message).to.equal(`This property cannot be expanded (${path}).`);
      expect(err.param).to.equal(param);
    }
    const second = await caught(stripeSdk(sb).invoices.list({ expand: ['data.customer', 'data.total'] }));
    expect(second.message).to.equal('This property cannot be expanded (data.total).');
    expect(second.param).to.equal('expand[1]');
    // an expandable property still expands
    expect(((await stripeSdk(sb).invoices.retrieve('in_D', { expand: ['customer'] })).customer as Stripe.Customer).id).to.equal('cus_A');
  });

  it('refuses an unknown Stripe-Version with a 400 naming it, and serves a known older one in its shape', async () => {
    const odd = new Stripe(TEST_SECRETS.stripeApiKey, { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false, apiVersion: '2099-01-01' as never });
    const err = await caught(odd.customers.list());
    expect(err).to.be.instanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).to.equal(400);
    expect(err.message).to.equal('Invalid Stripe API version: 2099-01-01');
    const older = new Stripe(TEST_SECRETS.stripeApiKey, { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false, apiVersion: '2024-06-20' as never });
    const inv = (await older.invoices.retrieve('in_D')) as unknown as Record<string, unknown>;
    expect(inv).to.have.property('subscription', null);
    expect(inv).to.not.have.property('parent');
    expect((inv.lastResponse as { apiVersion: string }).apiVersion).to.equal('2024-06-20');
  });

  it('answers an unknown secret key with 401 and the key redacted to its last 4 characters', async () => {
    const err = await caught(stripeSdk(sb, 'sk_test_51NotTheKeyAbCd9876').customers.list());
    expect(err).to.be.instanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).to.equal(401);
    expect(err.message).to.equal(`Invalid API Key provided: sk_test_${'*'.repeat(15)}9876`);
    expect(err.message).to.not.include('NotTheKey');
    expect(err.requestId).to.match(/^req_/);
  });

  it('gives every coded error a doc_url, and every response a Request-Id', async () => {
    const missing = await caught(stripeSdk(sb).invoices.retrieve('in_nope'));
    expect(missing.code).to.equal('resource_missing');
    expect(missing.doc_url).to.equal('https://stripe.com/docs/error-codes/resource-missing');
    const unknown = await fetch(`${sb.url}/v1/customers?colour=red`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    expect(unknown.status).to.equal(400);
    expect(unknown.headers.get('request-id')).to.match(/^req_/);
    expect(((await unknown.json()) as { error: Record<string, unknown> }).error).to.deep.equal({
      code: 'parameter_unknown',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
      message: 'Received unknown parameter: colour',
      param: 'colour',
      type: 'invalid_request_error',
    });
    const ok = await fetch(`${sb.url}/v1/customers`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    expect(ok.headers.get('request-id')).to.match(/^req_/);
  });

  it('marks 429s Stripe-Should-Retry: true (which the SDK obeys), and 500s without the header', async () => {
    sb.setFaults({ rateLimitRate: 1 });
    const raw = await fetch(`${sb.url}/v1/customers`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    expect(raw.status).to.equal(429);
    expect(raw.headers.get('stripe-should-retry')).to.equal('true');
    expect(raw.headers.get('request-id')).to.match(/^req_/);
    const body = (await raw.json()) as { error: Record<string, unknown> };
    expect(body.error).to.include({ code: 'rate_limit', doc_url: 'https://stripe.com/docs/error-codes/rate-limit', type: 'invalid_request_error' });

    // The SDK retries a 429 only because the header says so (it does not retry 429s by status).
    const mark = sb.requestLog.length;
    const retrying = new Stripe(TEST_SECRETS.stripeApiKey, { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 1, telemetry: false });
    const err = await caught(retrying.customers.list());
    expect(err).to.be.instanceOf(Stripe.errors.StripeRateLimitError);
    expect(err.headers?.['stripe-should-retry']).to.equal('true');
    expect(sb.requestLog.length - mark).to.equal(2);

    sb.setFaults({ serverErrorRate: 1 });
    const five = await fetch(`${sb.url}/v1/customers`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    expect(five.status).to.equal(500);
    expect(five.headers.get('stripe-should-retry')).to.equal(null);
    expect(five.headers.get('request-id')).to.match(/^req_/);
    expect(((await five.json()) as { error: Record<string, unknown> }).error.type).to.equal('api_error');
  });
});
