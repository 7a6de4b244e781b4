// NetSuite goes down in the middle of apply: the run ends at once with the outage named (exit 3 in the CLI),
// having spent a handful of requests and no operation's attempts; the next run completes without a duplicate.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { NetSuiteUnavailableError } from '../../src/netsuite/errors.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { startSandboxes } from '../support/sandboxes.js';
import { forwardingProxy } from '../support/forwarding-proxy.js';

/** Forwards to `target` until `writesBeforeDown` record writes went through, then answers 503 to everything. */
async function failingProxy(target: string, writesBeforeDown: number) {
  let writes = 0;
  let afterDown = 0;
  const proxy = await forwardingProxy(target, ({ method, url }) => {
    if (writes >= writesBeforeDown) {
      afterDown++;
      return { status: 503 };
    }
    if (method !== 'GET' && url.startsWith('/services/rest/record/')) writes++;
    return 'forward';
  });
  return { ...proxy, requestsAfterDown: () => afterDown };
}

describe('NetSuite down in the middle of apply', function () {
  this.timeout(180_000);

  it('ends the run naming NetSuite after a handful of requests, spends no attempts, and the next run finishes without duplicates', async () => {
    const { items, summary } = generateWorld({ customers: 10, months: 2, seed: 6 });
    const h = await startSandboxes({ world: items, now: summary.end + 3 * 86400 });
    const proxy = await failingProxy(h.netsuite.url, 25);
    try {
      const direct = h.config.secrets.netsuiteBaseUrl;
      h.config.secrets.netsuiteBaseUrl = proxy.url;
      let error: unknown;
      await runSync(h.config, { kind: 'sync', dryRun: false, extract: true }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(NetSuiteUnavailableError);
      expect((error as Error).message).to.match(/^NetSuite unreachable: \d+ requests in a row failed/);
      expect(proxy.requestsAfterDown(), 'requests spent on a down NetSuite').to.be.at.most(15);

      const ledger = openLedger(h.config.secrets.ledgerPath);
      const rows = ledger.sqlite.prepare("SELECT status, attempts FROM outbox WHERE status != 'done'").all() as Array<{ status: string; attempts: number }>;
      await ledger.close();
      expect(rows.length).to.be.greaterThan(0);
      expect(rows.filter((r) => r.status === 'failed'), 'no operation failed for the outage').to.deep.equal([]);
      expect(rows.every((r) => r.attempts === 0), 'no attempt spent').to.equal(true);

      h.config.secrets.netsuiteBaseUrl = direct;
      const second = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(second.summary.failures, JSON.stringify(second.summary.failures.slice(0, 3))).to.deep.equal([]);
      const report = await checkInvariants(h.config, { client: h.client });
      expect(report.failures, renderInvariantReport(report)).to.equal(0);
    } finally {
      await proxy.close();
      await h.close();
    }
  });
});
