import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, T0 } from './world-fixtures.js';
import { TEST_SECRETS, startStripe, stripeSdk } from '../support/sandboxes.js';

const world = [customer('cus_A', T0)];
const N = 400;

async function statuses(sb: StripeSandbox, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${sb.url}/v1/customers?limit=1`, { headers: { authorization: `Bearer ${TEST_SECRETS.stripeApiKey}` } });
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

describe('Stripe sandbox: fault injection', () => {
  let sb: StripeSandbox;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 1, faults: { rateLimitRate: 0.2, seed: 42 } });
  });
  after(() => sb.close());

  it('answers about rateLimitRate of requests with 429 rate_limit, and logs them', async () => {
    sb.requestLog.length = 0;
    const got = await statuses(sb, N);
    const limited = got.filter((s) => s === 429).length;
    expect(limited).to.be.within(N * 0.14, N * 0.26);
    expect(got.filter((s) => s === 200).length).to.equal(N - limited);
    expect(sb.requestLog).to.have.length(N);
    expect(sb.requestLog.map((r) => r.status)).to.deep.equal(got);
    expect(sb.requestLog[0]).to.include({ method: 'GET', path: '/v1/customers?limit=1' });
    const viaHttp = (await (await fetch(`${sb.url}/_sandbox/requests`)).json()) as { requests: Array<{ status: number }> };
    expect(viaHttp.requests.filter((r) => r.status === 429)).to.have.length(limited);
  });

  it('gives the SDK a StripeRateLimitError with code rate_limit', async () => {
    sb.setFaults({ rateLimitRate: 1, seed: 1 });
    const err = await stripeSdk(sb).customers.list().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Stripe.errors.StripeRateLimitError);
    expect((err as Stripe.errors.StripeError).code).to.equal('rate_limit');
    expect((err as Stripe.errors.StripeError).statusCode).to.equal(429);
    // control endpoints are never faulted
    expect((await fetch(`${sb.url}/_sandbox/clock`)).status).to.equal(200);
  });

  it('is reproducible for a seed, and injects 500 api_error at serverErrorRate', async () => {
    sb.setFaults({ rateLimitRate: 0.1, serverErrorRate: 0.1, seed: 7 });
    const a = await statuses(sb, 100);
    sb.setFaults({ rateLimitRate: 0.1, serverErrorRate: 0.1, seed: 7 });
    const b = await statuses(sb, 100);
    expect(a).to.deep.equal(b);
    expect(a.filter((s) => s === 500).length).to.be.greaterThan(0);
    expect(a.filter((s) => s === 429).length).to.be.greaterThan(0);
    sb.setFaults({ serverErrorRate: 1 });
    const err = await stripeSdk(sb).customers.list().catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Stripe.errors.StripeAPIError);
    expect((err as Stripe.errors.StripeError).statusCode).to.equal(500);
  });

  it('adds latency and can be reconfigured over /_sandbox/faults', async () => {
    const res = await fetch(`${sb.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 120 }) });
    expect(await res.json()).to.include({ latencyMs: 120, rateLimitRate: 0, serverErrorRate: 0 });
    const t = Date.now();
    expect((await statuses(sb, 2)).every((s) => s === 200)).to.equal(true);
    expect(Date.now() - t).to.be.at.least(230);
    sb.setFaults({});
  });
});
