// The client adapts its in-flight limit to the account's 429s (src/netsuite/adaptive-concurrency.ts): an account
// whose limit is below netsuite.concurrency costs a bounded number of extra requests, not a failed run.
import { expect } from 'chai';
import { AdaptiveConcurrencyLimiter } from '../../src/netsuite/adaptive-concurrency.js';
import { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { TEST_SECRETS, startNetSuite, startSandboxes } from '../support/sandboxes.js';


describe('adaptive NetSuite concurrency', () => {
  it('drops to one below what was in flight at a 429, and probes one more slot after 50 rounds of successes', async () => {
    const l = new AdaptiveConcurrencyLimiter({ max: 5 });
    for (let i = 0; i < 5; i++) await l.acquire();
    l.throttled(); // 5 in flight when the account said no: it has room for at most 4
    expect(l.limit).to.equal(4);
    l.release();
    l.throttled(); // 4 in flight, still too many
    expect(l.limit).to.equal(3);
    for (let i = 0; i < 3; i++) l.release();
    for (let i = 0; i < 50 * 3 - 1; i++) l.succeeded();
    expect(l.limit).to.equal(3);
    l.succeeded();
    expect(l.limit).to.equal(4);
    expect(l.stats).to.deep.equal({ throttled: 2, lowest: 3, raised: 1 });
  });

  it('a waiter beyond a lowered limit waits until a slot is free under it', async () => {
    const l = new AdaptiveConcurrencyLimiter({ max: 2 });
    await l.acquire();
    await l.acquire();
    let third = false;
    const waiter = l.acquire().then(() => (third = true));
    l.throttled(); // limit 1 with 2 in flight
    l.release(); // 1 in flight = the limit: the waiter must not get in yet
    await new Promise((r) => setImmediate(r));
    expect(third).to.equal(false);
    l.release();
    await waiter;
    expect(l.inFlight).to.equal(1);
  });

  for (const accountLimit of [1, 2, 3]) {
    it(`an account that leaves ${accountLimit} of 5 slots: every record made, 429s within C − L + one per probe`, async () => {
      const sandbox = await startNetSuite({ concurrency: accountLimit, latencyMs: 5 });
      const client = new NetSuiteClient({ baseUrl: sandbox.url, accountId: TEST_SECRETS.accountId, auth: { method: 'tba', ...TEST_SECRETS.tba }, concurrency: 5, baseDelayMs: 5, maxAttempts: 8 });
      try {
        const n = 300;
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) => client.createWithExternalId('customer', { externalId: `ad-${accountLimit}-${i}`, companyName: `Adaptive ${i}`, subsidiary: { id: '1' } })),
        );
        expect(results.every((r) => r.created)).to.equal(true);
        const s = sandbox.stats();
        const bound = 5 - accountLimit + Math.ceil(n / (50 * accountLimit));
        expect(s.rejected429, `429s (bound ${bound})`).to.be.at.most(bound);
        expect(s.requests - n, 'extra requests').to.equal(s.rejected429);
        expect(client.concurrency.limit).to.be.within(accountLimit, accountLimit + 1);
      } finally {
        client.close();
        await sandbox.close();
      }
    });
  }

  it('a sync against an account at 2 with netsuite.concurrency 5 completes, every operation done', async function () {
    this.timeout(120_000);
    const { items, summary } = generateWorld({ customers: 12, months: 2, seed: 8 });
    const h = await startSandboxes({ world: items, now: summary.end + 3 * 86400, netsuite: { concurrency: 2, latencyMs: 5 } });
    try {
      expect(h.config.settings.netsuite.concurrency).to.equal(5);
      const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(run.summary.failures, JSON.stringify(run.summary.failures.slice(0, 3))).to.deep.equal([]);
      expect(run.summary.status).to.equal('success');
      const s = h.netsuite.stats();
      expect(s.rejected429, 'a handful of 429s, not one per request').to.be.at.most(3 + Math.ceil(run.summary.netsuiteRequests / 100));
    } finally {
      await h.close();
    }
  });
});
