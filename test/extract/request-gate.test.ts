import { expect } from 'chai';
import {
  StripeRequestError, StripeUnavailableError, TokenBucket, backoffMs, createRequestGate, isRetryable, redact,
} from '../../src/extract/request-gate.js';

const err = (statusCode: number | undefined, type: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`boom ${statusCode}`), { statusCode, type, ...extra });

describe('extract request gate', () => {
  it('token bucket: a burst of one second, then requests are paced at the rate', async () => {
    let t = 0;
    const waits: number[] = [];
    const bucket = new TokenBucket(10, () => t, async (ms) => {
      waits.push(ms);
      t += ms;
    });
    for (let i = 0; i < 30; i++) await bucket.take();
    // 10 immediately, 20 more at 10/s: about two seconds of (simulated) waiting.
    expect(t).to.be.within(1900, 2100);
    expect(waits.length).to.be.at.least(20);
  });

  it('token bucket with real time: 25 requests at 20/s take no less than the excess over the burst', async () => {
    const bucket = new TokenBucket(20);
    const start = performance.now();
    for (let i = 0; i < 25; i++) await bucket.take();
    expect(performance.now() - start).to.be.at.least(200); // 5 beyond the burst at 20/s = 250 ms (timer slack)
  });

  it('classifies 429, 5xx, connection errors and stripe-should-retry as retryable; 400/401/404 not', () => {
    expect(isRetryable(err(429, 'StripeRateLimitError'))).to.equal(true);
    expect(isRetryable(err(429, 'StripeInvalidRequestError'))).to.equal(true);
    expect(isRetryable(err(500, 'StripeAPIError'))).to.equal(true);
    expect(isRetryable(err(503, 'StripeAPIError'))).to.equal(true);
    expect(isRetryable(err(undefined, 'StripeConnectionError'))).to.equal(true);
    expect(isRetryable(err(409, 'StripeInvalidRequestError', { code: 'lock_timeout' }))).to.equal(true);
    expect(isRetryable(err(400, 'StripeInvalidRequestError'))).to.equal(false);
    expect(isRetryable(err(401, 'StripeAuthenticationError'))).to.equal(false);
    expect(isRetryable(err(404, 'StripeInvalidRequestError'))).to.equal(false);
    expect(isRetryable(err(500, 'StripeAPIError', { headers: { 'stripe-should-retry': 'false' } }))).to.equal(false);
  });

  it('back-off is exponential with full jitter, capped, and honours Retry-After', () => {
    const policy = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(1, policy, undefined, () => 0.999)).to.equal(99);
    expect(backoffMs(3, policy, undefined, () => 0.999)).to.equal(399);
    expect(backoffMs(10, policy, undefined, () => 0.999)).to.equal(999);
    expect(backoffMs(3, policy, undefined, () => 0)).to.equal(0);
    expect(backoffMs(1, policy, { headers: { 'retry-after': '0.5' } })).to.equal(500);
  });

  it('retries transient failures, counts every attempt, and gives up after maxAttempts', async () => {
    const slept: number[] = [];
    const gate = createRequestGate({
      requestsPerSecond: 1000,
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
      sleep: async (ms) => void slept.push(ms),
      random: () => 0.5,
    });
    let calls = 0;
    const value = await gate.run('list invoices', async () => {
      calls++;
      if (calls === 1) throw err(429, 'StripeRateLimitError');
      if (calls === 2) throw err(500, 'StripeAPIError');
      return 'ok';
    });
    expect(value).to.equal('ok');
    expect(gate.stats).to.include({ requests: 3, retries: 2, rateLimited: 1, serverErrors: 1 });
    expect(slept).to.deep.equal([5, 10]);

    let failing = 0;
    try {
      await gate.run('list charges', async () => {
        failing++;
        throw err(503, 'StripeAPIError');
      });
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(StripeRequestError);
      expect((e as StripeRequestError).statusCode).to.equal(503);
      expect((e as Error).message).to.match(/^list charges: HTTP 503/).and.match(/after 4 attempts/);
    }
    expect(failing).to.equal(4);
  });

  it('does not retry a 404 and never puts the API key in the error', async () => {
    const key = 'sk_test_51SecretKeyValue0123456789';
    const gate = createRequestGate({ requestsPerSecond: 1000, secrets: [key] });
    let calls = 0;
    try {
      await gate.run('retrieve customer cus_1', async () => {
        calls++;
        throw err(404, 'StripeInvalidRequestError', { message: `No such customer: cus_1 (key ${key})`, code: 'resource_missing' });
      });
      expect.fail('should have thrown');
    } catch (e) {
      expect(calls).to.equal(1);
      expect((e as Error).message).to.not.include(key).and.not.include('SecretKeyValue');
      expect((e as Error).message).to.include('resource_missing').and.include('[redacted]');
    }
    expect(redact('Invalid API Key provided: rk_live_abcDEF123')).to.equal('Invalid API Key provided: rk_live_[redacted]');
  });

  it('circuit breaker: 5 outage failures in a row open it, then every request fails at once; 429s and 4xx do not count', async () => {
    const gate = createRequestGate({
      requestsPerSecond: 1000,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      sleep: async () => undefined,
    });
    // 429s and a 404 between outage failures: Stripe is answering, so the count starts again.
    let calls = 0;
    await gate.run('a', async () => {
      calls++;
      if (calls <= 1) throw err(429, 'StripeRateLimitError');
      return 1;
    });
    for (let i = 0; i < 2; i++) {
      await gate.run('b', async () => {
        throw err(503, 'StripeAPIError');
      }).catch(() => undefined);
    }
    expect(gate.unavailable, '4 failures then a 404').to.equal(undefined);
    await gate.run('c', async () => {
      throw err(404, 'StripeInvalidRequestError');
    }).catch(() => undefined);
    const before = gate.stats.requests;
    let thrown: unknown;
    await gate.run('list charges', async () => {
      throw err(undefined, 'StripeConnectionError');
    }).catch((e: unknown) => (thrown = e));
    for (let i = 0; i < 2; i++) {
      await gate.run('list charges', async () => {
        throw err(500, 'StripeAPIError');
      }).catch((e: unknown) => (thrown = e));
    }
    expect(thrown).to.be.instanceOf(StripeUnavailableError);
    expect((thrown as Error).message).to.match(/^Stripe unreachable: 5 requests in a row failed \(last: list charges: HTTP 500/);
    expect(gate.stats.requests - before, 'attempts until the breaker opened').to.equal(5);
    let sent = false;
    await gate.run('retrieve customer cus_1', async () => {
      sent = true;
      return 1;
    }).catch((e: unknown) => (thrown = e));
    expect(sent, 'no request once open').to.equal(false);
    expect(thrown).to.equal(gate.unavailable);
  });
});
