// The connector follows the account's schema as it changes: a run stops before posting (exit 2) when the account
// lacks a field it cannot do without, and a write refused for a field the cached catalog still listed makes the
// next run read the account again and send only what it has.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { loadAccountProfile } from '../../src/run/load-account-profile.js';
import { readRecordSchemas } from '../../src/ledger/netsuite-schema-cache.js';
import { createNetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { runCli, transcript } from '../cli/cli-process.js';
import { generatedWorld, startNetSuite, startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import { forwardingProxy, type ForwardingProxy } from '../support/forwarding-proxy.js';

/** Forwards to `target`, Host header and all (TBA signs the URL the client used), rewriting catalog answers. */
function catalogProxy(target: string, rewrite: (type: string, doc: any) => void): Promise<ForwardingProxy> {
  return forwardingProxy(target, ({ url }) => {
    const m = /\/metadata-catalog\/([A-Za-z]+)/.exec(url);
    if (!m) return 'forward';
    return {
      rewrite: (status, text) => {
        if (status !== 200) return text;
        const doc = JSON.parse(text);
        rewrite(m[1], doc);
        return JSON.stringify(doc);
      },
    };
  });
}

describe('the account schema as it changes', function () {
  this.timeout(120_000);

  describe('an account whose customer payments have no undepFunds', () => {
    let w: Sandboxes;
    let proxy: Awaited<ReturnType<typeof catalogProxy>>;
    before(async () => {
      w = await startSandboxes(generatedWorld({ customers: 3, months: 1, seed: 2 }));
      proxy = await catalogProxy(w.netsuite.url, (type, doc) => {
        if (type === 'customerPayment') delete doc.properties.undepFunds;
      });
    });
    after(async () => {
      await proxy?.close();
      await w?.close();
    });

    it('sync stops with exit 2 before posting anything, naming the field; preflight says the same', async () => {
      const env = { ...w.env, NETSUITE_BASE_URL: proxy.url };
      const r = await runCli(['sync'], { env, cwd: w.dir });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.include('the NetSuite account cannot take what this run would send (nothing was posted)');
      expect(r.stderr).to.include('customerPayment: the account has no field undepFunds');
      expect(w.netsuite.stats().recordWrites, 'nothing posted').to.equal(0);
      const p = await runCli(['preflight', '--json'], { env, cwd: w.dir });
      expect(p.code, transcript(p)).to.equal(2);
      const failed = (JSON.parse(p.stdout) as { checks: Array<{ key: string; ok: boolean; detail: string }> }).checks.filter((c) => !c.ok);
      expect(failed.map((c) => c.detail)).to.deep.equal(['customerPayment: the account has no field undepFunds']);
    });
  });

  it('a field refused after the account changed: the next run reads the account again and fits to it', async () => {
    const { items, summary } = generateWorld({ customers: 6, months: 2, seed: 4 });
    // The account is single-subsidiary now, but the ledger kept the catalog of when it was OneWorld.
    const h = await startSandboxes({ world: items, now: summary.end + 3 * 86400, netsuite: { features: ['MULTICURRENCY', 'MULTICURRENCYCUSTOMER', 'PAYMENTINSTRUMENTS', 'REVENUERECOGNITION'] } });
    const before = await startNetSuite({ features: 'all' });
    try {
      const ledger = openLedger(h.config.secrets.ledgerPath);
      const old = createNetSuiteClient({ ...h.config.secrets, netsuiteBaseUrl: before.url }, h.config.settings);
      await loadAccountProfile(ledger, old, { now: Math.floor(Date.now() / 1000) });
      old.close();
      await ledger.close();

      const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(first.summary.status).to.equal('partial');
      const refused = first.summary.failures.filter((f) => /subsidiary/.test(f.error));
      expect(refused.length, JSON.stringify(first.summary.failures.slice(0, 3))).to.be.greaterThan(0);
      expect(refused[0].error).to.include('the account changed since its schema was read: the next run reads it again');
      const after = openLedger(h.config.secrets.ledgerPath);
      expect((await readRecordSchemas(after)).size, 'the stale catalog is forgotten').to.equal(0);
      await after.close();

      const second = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(second.summary.failures, JSON.stringify(second.summary.failures.slice(0, 3))).to.deep.equal([]);
      expect(second.summary.status).to.equal('success');
    } finally {
      await before.close();
      await h.close();
    }
  });
});
