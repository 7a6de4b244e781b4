// One writer at a time: while another process holds the ledger lock, sync exits 4 naming the holder; once that
// process has died without releasing it, the next sync takes the lock over and runs.
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { childEnv, runCli, transcript } from './cli-process.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { acquireRunLock } from '../../src/ledger/run-lock.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

const HOLD_LOCK = fileURLToPath(new URL('./hold-lock.js', import.meta.url));

function startHolder(ledgerPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOLD_LOCK, ledgerPath], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('locked')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('cli: the ledger run lock', function () {
  this.timeout(120_000);
  let w: Sandboxes;
  let holder: ChildProcess | undefined;

  before(async () => {
    w = await startSandboxes(generatedWorld({ customers: 3, months: 1, seed: 11 }));
  });
  after(async () => {
    if (holder && holder.exitCode === null && holder.signalCode === null) {
      holder.kill('SIGKILL');
      await exited(holder);
    }
    await w?.close();
  });

  const cli = (args: string[]) => runCli(args, { env: w.env, cwd: w.dir, timeoutMs: 110_000 });

  it('while another process holds the lock, sync exits 4 naming the holder, and nothing is attempted', async () => {
    holder = await startHolder(w.ledgerPath);
    const nsBefore = w.netsuite.stats().requests;
    const stripeBefore = w.stripe.requestLog.length;
    const r = await cli(['sync']);
    expect(r.code, transcript(r)).to.equal(4);
    expect(r.stderr).to.include(`another run holds the ledger lock (${os.hostname()}:${holder.pid}, pid ${holder.pid}, since `);
    expect(w.stripe.requestLog.length - stripeBefore, 'no Stripe request').to.equal(0);
    expect(w.netsuite.stats().requests - nsBefore, 'no NetSuite request').to.equal(0);
  });

  it('plan and backfill are refused the same way (exit 4)', async () => {
    const plan = await cli(['plan']);
    expect(plan.code, transcript(plan)).to.equal(4);
    expect(plan.stderr).to.include(`pid ${holder!.pid}`);
    const backfill = await cli(['backfill', '--from', '2026-01-01', '--to', '2026-02-01']);
    expect(backfill.code, transcript(backfill)).to.equal(4);
  });

  it('status still answers while the lock is held (it only reads)', async () => {
    const r = await cli(['status', '--json']);
    expect(r.code, transcript(r)).to.be.oneOf([0, 1]);
    expect(JSON.parse(r.stdout)).to.have.property('outbox');
  });

  it('a lock left by a process that died is taken over: sync runs and releases it', async () => {
    holder!.kill('SIGKILL'); // dies without releasing the lock
    await exited(holder!);
    const ledger = openLedger(w.ledgerPath);
    try {
      const row = ledger.sqlite.prepare('SELECT pid FROM locks').get() as { pid: number } | undefined;
      expect(row?.pid, 'the dead holder left its lock row behind').to.equal(holder!.pid);
    } finally {
      await ledger.close();
    }
    const r = await cli(['sync']);
    expect(r.code, transcript(r)).to.be.oneOf([0, 1]);
    expect(r.stderr).to.match(/run \d+ sync (success|partial): /);
    expect(w.netsuite.stats().requests, 'it wrote to NetSuite').to.be.greaterThan(0);
    const after = openLedger(w.ledgerPath);
    try {
      expect(after.sqlite.prepare('SELECT count(*) AS n FROM locks').get()).to.deep.equal({ n: 0 });
    } finally {
      await after.close();
    }
  });

  it('a lock held by this (live) test process refuses sync too, until it is released', async () => {
    const ledger = openLedger(w.ledgerPath);
    const lock = acquireRunLock(ledger);
    try {
      const r = await cli(['sync']);
      expect(r.code, transcript(r)).to.equal(4);
      expect(r.stderr).to.include(`pid ${process.pid}`);
    } finally {
      lock.release();
      await ledger.close();
    }
    const again = await cli(['sync']);
    expect(again.code, transcript(again)).to.be.oneOf([0, 1]);
  });
});
