import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, T0 } from './world-fixtures.js';
import { TEST_SECRETS, startStripe, stripeSdk } from '../support/sandboxes.js';

// 25 customers an hour apart, plus two created in the same second to exercise the id tiebreak.
const ids = Array.from({ length: 25 }, (_, i) => `cus_${String(i).padStart(3, '0')}`);
const world = [
  ...ids.map((id, i) => customer(id, T0 + i * 3600)),
  customer('cus_tieA', T0 + 30 * 3600),
  customer('cus_tieB', T0 + 30 * 3600),
];
// newest first; same second → id descending
const expectedOrder = ['cus_tieB', 'cus_tieA', ...[...ids].reverse()];

describe('Stripe sandbox: list paging', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 10 * DAY, apiKey: TEST_SECRETS.stripeApiKey });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  it('pages newest first with starting_after until has_more is false', async () => {
    const seen: string[] = [];
    let startingAfter: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await stripe.customers.list({ limit: 10, starting_after: startingAfter });
      pages++;
      expect(page.object).to.equal('list');
      expect(page.url).to.equal('/v1/customers');
      seen.push(...page.data.map((c) => c.id));
      if (!page.has_more) break;
      startingAfter = page.data[page.data.length - 1].id;
    }
    expect(pages).to.equal(3);
    expect(seen).to.deep.equal(expectedOrder);
  });

  it('pages back with ending_before, each page newest first', async () => {
    const last = await stripe.customers.list({ limit: 10, starting_after: expectedOrder[19] });
    expect(last.data.map((c) => c.id)).to.deep.equal(expectedOrder.slice(20));
    expect(last.has_more).to.equal(false);
    const back = await stripe.customers.list({ limit: 10, ending_before: expectedOrder[20] });
    expect(back.data.map((c) => c.id)).to.deep.equal(expectedOrder.slice(10, 20));
    expect(back.has_more).to.equal(true);
    const first = await stripe.customers.list({ limit: 10, ending_before: expectedOrder[10] });
    expect(first.data.map((c) => c.id)).to.deep.equal(expectedOrder.slice(0, 10));
    expect(first.has_more).to.equal(false);
  });

  it('auto-pagination with for await visits every customer once, in order', async () => {
    const seen: string[] = [];
    for await (const c of stripe.customers.list({ limit: 4 })) seen.push(c.id);
    expect(seen).to.deep.equal(expectedOrder);
    const backwards: string[] = [];
    for await (const c of stripe.customers.list({ limit: 3, ending_before: expectedOrder[9] })) backwards.push(c.id);
    // the SDK walks towards newer items and yields them from the cursor outwards
    expect(backwards).to.deep.equal(expectedOrder.slice(0, 9).reverse());
  });

  it('defaults to 10 items per page', async () => {
    const page = await stripe.customers.list();
    expect(page.data).to.have.length(10);
    expect(page.has_more).to.equal(true);
  });

  for (const limit of [0, 101]) {
    it(`rejects limit=${limit} with 400 and param "limit"`, async () => {
      const err = await stripe.customers.list({ limit }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(Stripe.errors.StripeInvalidRequestError);
      const se = err as Stripe.errors.StripeInvalidRequestError;
      expect(se.statusCode).to.equal(400);
      expect(se.param).to.equal('limit');
      expect(se.type).to.equal('StripeInvalidRequestError');
      expect(se.raw).to.include({ type: 'invalid_request_error' });
    });
  }

  it('rejects an unknown cursor, both cursors at once, and unknown parameters', async () => {
    const unknownCursor = (await stripe.customers.list({ starting_after: 'cus_nope' }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(unknownCursor.statusCode).to.equal(400);
    expect(unknownCursor.code).to.equal('resource_missing');
    expect(unknownCursor.param).to.equal('starting_after');
    expect(unknownCursor.message).to.equal("No such customer: 'cus_nope'");

    const both = (await stripe.customers
      .list({ starting_after: 'cus_001', ending_before: 'cus_003' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(both.statusCode).to.equal(400);
    expect(both.message).to.match(/starting_after and ending_before/);

    const unknown = (await stripe.customers
      .list({ colour: 'red' } as Stripe.CustomerListParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(unknown.statusCode).to.equal(400);
    expect(unknown.param).to.equal('colour');
    expect(unknown.message).to.equal('Received unknown parameter: colour');

    const badInt = (await stripe.customers
      .list({ created: { gte: 'soon' as unknown as number } })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(badInt.statusCode).to.equal(400);
    expect(badInt.param).to.equal('created[gte]');
  });

  it('filters by created: a customer exactly on the boundary second is in gte/lte, not gt/lt', async () => {
    const boundary = T0 + 5 * 3600; // cus_005
    const list = async (created: Stripe.RangeQueryParam | number): Promise<string[]> =>
      (await stripe.customers.list({ created, limit: 100 })).data.map((c) => c.id);
    expect(await list({ gte: boundary, lte: boundary + 3600 })).to.deep.equal(['cus_006', 'cus_005']);
    expect(await list({ gt: boundary, lte: boundary + 3600 })).to.deep.equal(['cus_006']);
    expect(await list({ gte: boundary - 3600, lt: boundary })).to.deep.equal(['cus_004']);
    expect(await list({ gte: boundary - 3600, lte: boundary })).to.deep.equal(['cus_005', 'cus_004']);
    expect(await list(boundary)).to.deep.equal(['cus_005']);
    expect(await list({ gte: T0 + 30 * 3600 })).to.deep.equal(['cus_tieB', 'cus_tieA']);
    // created filter combined with a cursor keeps both bounds
    const page = await stripe.customers.list({ created: { lte: boundary }, limit: 2, starting_after: 'cus_004' });
    expect(page.data.map((c) => c.id)).to.deep.equal(['cus_003', 'cus_002']);
    expect(page.has_more).to.equal(true);
  });
});
