// preflight over the CLI, the way the README runs it: the configuration checked against the NetSuite sandbox, one
// line per check with the config key as written and the fix, exit 0 when ready and 2 when not, --json.
import { expect } from 'chai';
import { runCli, transcript } from './cli-process.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

type Check = { key: string; ok: boolean; detail: string; fix?: string };

describe('cli: preflight', function () {
  this.timeout(120_000);
  let w: Sandboxes;
  let single: Sandboxes;
  before(async () => {
    w = await startSandboxes(generatedWorld({ customers: 2, months: 1, seed: 3 }));
    single = await startSandboxes({ ...generatedWorld({ customers: 2, months: 1, seed: 3 }), netsuite: { features: 'none' } });
  });
  after(async () => {
    await w?.close();
    await single?.close();
  });

  const preflight = (world: Sandboxes, args: string[]) => runCli(['preflight', ...args], { env: world.env, cwd: world.dir });
  const checks = (stdout: string): Check[] => (JSON.parse(stdout) as { checks: Check[] }).checks;

  it('the shipped configuration against the sandbox: every check ok, exit 0', async () => {
    const r = await preflight(w, ['--from', '2026-03-01', '--to', '2026-03-31']);
    expect(r.code, transcript(r)).to.equal(0);
    expect(r.stdout).to.match(/^ok +credentials +NetSuite accepted the login/m);
    expect(r.stdout).to.match(/^ok +netsuite\.bankAccounts\.usd +account 1 \(Checking USD\) is Bank$/m);
    expect(r.stdout).to.match(/^ok +accounting periods +open for 2026-03-01 … 2026-03-31 \(1 period\)$/m);
    expect(r.stdout).to.match(/^ok +features +enabled: ACCOUNTINGPERIODS, MULTICURRENCY, MULTICURRENCYCUSTOMER, PAYMENTINSTRUMENTS, REVENUERECOGNITION, SUBSIDIARIES$/m);
    expect(r.stdout.trim().split('\n').at(-1)).to.equal('ready: the account can take what the connector sends');
  });

  it('a wrong account type, a missing currency and a closed period: each named by its key with a fix, exit 2', async () => {
    const config = w.writeConfig('wrong.json', (s) => {
      s.netsuite.bankAccounts.usd = '6'; // Sales, an income account
      s.netsuite.currencies.chf = '99'; // no such currency
      s.netsuite.accounts.receivables = '1'; // a bank account
    });
    const closed = await fetch(`${w.netsuite.url}/_sandbox/accounting-periods/close`, { method: 'POST', body: JSON.stringify({ period: '2026-02' }) });
    expect(closed.status).to.equal(200);
    try {
      const r = await preflight(w, ['--config', config, '--from', '2026-02-10', '--to', '2026-03-31']);
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stdout).to.match(/^problem +netsuite\.bankAccounts\.usd +account 6 \(Sales\) is Income, not Bank$/m);
      expect(r.stdout).to.match(/fix: set it to the internal id of the USD bank account Stripe pays out to/);
      expect(r.stdout).to.match(/^problem +netsuite\.currencies\.chf +currency 99 does not exist$/m);
      expect(r.stdout).to.match(/^problem +netsuite\.accounts\.receivables +account 1 \(Checking USD\) is Bank, not an Accounts Receivable account$/m);
      expect(r.stdout).to.match(/^problem +accounting periods +closed in 2026-02-10 … 2026-03-31: Feb 2026$/m);
      expect(r.stdout).to.match(/fix: reopen them, or set netsuite.closedPeriods to "nextOpenPeriod"/);
      expect(r.stdout.trim().split('\n').at(-1)).to.equal('not ready: 4 problems');

      const json = await preflight(w, ['--config', config, '--from', '2026-02-10', '--to', '2026-03-31', '--json']);
      expect(json.code, transcript(json)).to.equal(2);
      const parsed = JSON.parse(json.stdout) as { ready: boolean; checks: Check[] };
      expect(parsed.ready).to.equal(false);
      expect(parsed.checks.filter((c) => !c.ok).map((c) => c.key).sort()).to.deep.equal(
        ['accounting periods', 'netsuite.accounts.receivables', 'netsuite.bankAccounts.usd', 'netsuite.currencies.chf'],
      );
      expect(parsed.checks.every((c) => c.ok || (c.fix ?? '').length > 0)).to.equal(true);
    } finally {
      await fetch(`${w.netsuite.url}/_sandbox/accounting-periods/reopen`, { method: 'POST', body: JSON.stringify({ period: '2026-02' }) });
    }
  });

  it('a single-currency account: the currencies it lacks are problems naming the feature; subsidiary and periods are not checked', async () => {
    const r = await preflight(single, ['--json']);
    expect(r.code, transcript(r)).to.equal(2);
    const byKey = new Map(checks(r.stdout).map((c) => [c.key, c]));
    expect(byKey.get('features')!.detail).to.equal('none of the modelled features is enabled');
    expect(byKey.get('netsuite.currencies.usd')!.ok).to.equal(true);
    for (const code of ['gbp', 'cad', 'eur', 'jpy', 'aud', 'kwd']) {
      const c = byKey.get(`netsuite.currencies.${code}`)!;
      expect(c.ok, code).to.equal(false);
    }
    expect(byKey.get('netsuite.subsidiaryId')).to.deep.include({ ok: true, detail: 'not sent: the Subsidiaries (OneWorld) feature (SUBSIDIARIES) is off (one company)' });
    expect(byKey.get('accounting periods')!.detail).to.match(/no check: the Accounting Periods feature \(ACCOUNTINGPERIODS\) is off/);
    expect(byKey.get('netsuite.bankAccounts.eur')!.ok, 'no EUR bank account on a USD-only account').to.equal(false);
  });

  it('refused credentials: one problem line, exit 2', async () => {
    const r = await runCli(['preflight'], { env: { ...w.env, NETSUITE_TOKEN_SECRET: 'wrong-secret' }, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stdout).to.match(/^problem +credentials +NetSuite refused the login/m);
    expect(r.stdout + r.stderr).to.not.include('wrong-secret');
  });
});
