// Reviewed means applied, through the built CLI against both sandboxes: `plan --out FILE.json` saves the plan
// (with its books' impact), `plan --detailed-exitcode` says whether there is work, `apply FILE` sends exactly the
// saved operations, and a stale plan (settings, account or ledger changed) is refused with exit 2 naming what
// changed and without a single NetSuite write.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runCli, transcript } from './cli-process.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

describe('cli: plan --out, plan --detailed-exitcode and apply FILE', function () {
  this.timeout(120_000);
  let w: Sandboxes;
  let config: string;
  let changedConfig: string;
  const cli = (args: string[]) => runCli(args, { env: w.env, cwd: w.dir, timeoutMs: 110_000 });

  before(async () => {
    w = await startSandboxes(generatedWorld({ customers: 6, months: 2, seed: 3 }));
    config = w.writeConfig('c.json', () => {});
    changedConfig = w.writeConfig('changed.json', (s) => {
      s.apply.maxAttempts += 1;
    });
  });
  after(async () => w?.close());

  it('saves a plan that carries its operations, basis and books, exits 2 for work, and a stale copy is refused', async () => {
    const file = path.join(w.dir, 'plan.json');
    const before = w.netsuite.stats().requests;
    const planned = await cli(['--config', config, 'plan', '--out', file, '--detailed-exitcode']);
    expect(planned.code, transcript(planned)).to.equal(2);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ops = saved.savedPlan.operations as Array<{ key: string; blocked?: string }>;
    expect(ops.length).to.be.greaterThan(20);
    expect(Object.keys(saved.savedPlan.basis).sort()).to.deep.equal(['account', 'ledgerContent', 'links', 'settings']);
    expect(saved.glImpact.total.currencies.every((c: { balanced: boolean }) => c.balanced)).to.equal(true);
    expect(saved.tieOuts.deposits.length).to.be.greaterThan(0);

    // Other settings than the plan was made with: refused, naming them, and nothing sent.
    const writesBefore = w.netsuite.stats().byMethod.POST ?? 0;
    const stale = await cli(['--config', changedConfig, 'apply', file]);
    expect(stale.code, transcript(stale)).to.equal(2);
    expect(stale.stderr).to.contain('the settings');
    expect(stale.stderr).to.not.contain('the links');
    expect(w.netsuite.stats().byMethod.POST ?? 0).to.equal(writesBefore);
    expect(w.netsuite.stats().requests).to.be.greaterThan(before);

    const applied = await cli(['--config', config, 'apply', file]);
    const blocked = ops.filter((o) => o.blocked).length;
    expect(applied.code, transcript(applied)).to.equal(blocked ? 1 : 0);
    // Exactly the saved operations: each done one is linked, none besides.
    const { openLedger } = await import('../../src/ledger/open-ledger.js');
    const { readLinks } = await import('../../src/ledger/links.js');
    const ledger = openLedger(w.ledgerPath);
    const links = readLinks(ledger);
    await ledger.close();
    const sent = new Set(ops.filter((o) => !o.blocked).map((o) => o.key));
    expect([...links.keys()].filter((k) => !sent.has(k))).to.deep.equal([]);
    expect(links.size).to.equal(sent.size);

    // The same file again: what it was built from changed (records were made), so it is stale.
    const again = await cli(['--config', config, 'apply', file]);
    expect(again.code, transcript(again)).to.equal(2);
    expect(again.stderr).to.contain('the links');

    // No new Stripe activity: only what was blocked is left to do.
    const after = await cli(['--config', config, 'plan', '--detailed-exitcode', '--no-extract', '--format', 'json']);
    expect(after.code, transcript(after)).to.equal(blocked ? 2 : 0);
  });

  it('refuses a file that is not a saved plan with exit 2, and a missing file naming it', async () => {
    const report = path.join(w.dir, 'report.html');
    fs.writeFileSync(report, '<html></html>');
    const notPlan = await cli(['--config', config, 'apply', report]);
    expect(notPlan.code).to.equal(2);
    expect(notPlan.stderr).to.contain('report.html');
    const missing = await cli(['--config', config, 'apply', path.join(w.dir, 'nope.json')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('nope.json: no such file');
  });
});
