// `status` on a real ledger: syncs and plans apart, how many problems it did not list, options validated.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { finishRun, startRun } from '../../src/ledger/runs.js';
import { markOutcome, recordPlanned } from '../../src/ledger/outbox.js';
import type { LedgerStatus } from '../../src/ledger/ledger-status.js';
import type { Operation } from '../../src/plan/operation.js';
import { runCli, transcript } from './cli-process.js';
import { samplePlan } from '../report/sample-plan.js';

describe('cli: status', function () {
  this.timeout(60_000);
  let dir: string;
  let ledgerPath: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-status-'));
    ledgerPath = path.join(dir, 'ledger.sqlite');
    const ledger = openLedger(ledgerPath);
    try {
      const now = 1_770_000_000;
      const sync1 = await startRun(ledger, 'sync', now);
      const base = samplePlan().operations[3];
      // 60 failed operations: more than status lists by default (50).
      const ops: Operation[] = Array.from({ length: 60 }, (_, i) => ({ ...base, key: `invoice:in_f${i}`, externalId: `in_f${i}`, stripeId: `in_f${i}` }));
      recordPlanned(ledger, sync1, ops, now);
      for (const op of ops) markOutcome(ledger, op.key, 'failed', `refused ${op.stripeId}`, now + 1);
      await finishRun(ledger, sync1, 'partial', { kind: 'sync' }, now + 2);
      const plan = await startRun(ledger, 'plan', now + 10);
      await finishRun(ledger, plan, 'success', { kind: 'plan' }, now + 11);
      const sync2 = await startRun(ledger, 'sync', now + 20);
      await finishRun(ledger, sync2, 'partial', { kind: 'sync' }, now + 21);
    } finally {
      await ledger.close();
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists syncs and plans apart', async () => {
    const r = await runCli(['status'], { env: { LEDGER_PATH: ledgerPath } });
    expect(r.code, transcript(r)).to.equal(1);
    const syncs = r.stdout.slice(r.stdout.indexOf('Recent syncs:'), r.stdout.indexOf('Recent plans'));
    expect(syncs.match(/^ {2}#\d+ sync /gm)).to.have.length(2);
    expect(syncs).to.not.contain(' plan ');
    expect(r.stdout).to.match(/Recent plans \(dry runs, nothing written\):\n {2}#2 plan {5}success /);
    const json = await runCli(['status', '--json'], { env: { LEDGER_PATH: ledgerPath } });
    const status = JSON.parse(json.stdout) as LedgerStatus;
    expect(status.runs.map((x) => [x.id, x.kind])).to.deep.equal([[3, 'sync'], [1, 'sync']]);
    expect(status.plans.map((x) => [x.id, x.kind])).to.deep.equal([[2, 'plan']]);
  });

  it('says how many problems it did not list, and lists them all when asked', async () => {
    const r = await runCli(['status'], { env: { LEDGER_PATH: ledgerPath } });
    expect(r.stdout.match(/^ {2}failed {2}invoice:in_f/gm)).to.have.length(50);
    expect(r.stdout).to.contain('  … and 10 more blocked or failed operation(s) not shown (--problems 60 lists them all)');
    const all = await runCli(['status', '--problems', '60'], { env: { LEDGER_PATH: ledgerPath } });
    expect(all.stdout.match(/^ {2}failed {2}invoice:in_f/gm)).to.have.length(60);
    expect(all.stdout).to.not.contain('not shown');
    const json = JSON.parse((await runCli(['status', '--json', '--problems', '5'], { env: { LEDGER_PATH: ledgerPath } })).stdout) as LedgerStatus;
    expect(json.problems).to.have.length(5);
    expect(json.problemsNotShown).to.equal(55);
  });

  it('refuses a bad --runs or --problems as a usage error (exit 2) naming the option, in text and JSON modes', async () => {
    for (const [opt, value] of [['--runs', 'abc'], ['--runs', '0'], ['--runs', '1e3'], ['--runs', '5000'], ['--problems', '-1'], ['--problems', 'x']]) {
      const r = await runCli(['status', opt, value], { env: { LEDGER_PATH: ledgerPath } });
      expect(r.code, transcript(r)).to.equal(2);
      expect(r.stderr).to.contain(`${opt} must be a whole number from `);
      expect(r.stderr).to.contain(`got "${value}"`);
      expect(r.stdout).to.equal('');
    }
    const j = await runCli(['--log-format', 'json', 'status', '--runs', 'abc'], { env: { LEDGER_PATH: ledgerPath } });
    expect(j.code, transcript(j)).to.equal(2);
    const line = JSON.parse(j.stderr.trim().split('\n')[0]) as { event: string; message: string };
    expect(line.event).to.equal('usage_error');
    expect(line.message).to.contain('--runs must be a whole number from 1 to 1000, got "abc"');
  });
});
