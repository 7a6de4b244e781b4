// `sync` honours SIGTERM (issue 13, item 5): operations in flight finish and are recorded, nothing new starts, the
// run is recorded as interrupted, and `status` says so without listing what the stop left for the next run as
// blocked; the next run completes.
import { expect } from 'chai';
import { runCli, startCli, transcript, waitForExit } from './cli-process.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import type { LedgerStatus } from '../../src/ledger/ledger-status.js';

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cli: sync and SIGTERM', function () {
  this.timeout(180_000);
  let w: Sandboxes;

  before(async () => {
    // NetSuite latency keeps apply going for a while, so SIGTERM lands in the middle of it.
    w = await startSandboxes({ ...generatedWorld({ customers: 12, months: 3, seed: 5 }), netsuite: { latencyMs: 40 } });
  });
  after(async () => w?.close());

  it('SIGTERM mid-apply: exit 1, the run interrupted, status says "interrupted" with no blocked rows; the next run completes', async () => {
    const child = startCli(['sync'], { env: w.env, cwd: w.dir });
    const exit = waitForExit(child, 150_000);
    await until('apply to start writing to NetSuite', () => w.netsuite.stats().recordWrites >= 5, 90_000);
    child.kill('SIGTERM');
    const r = await exit;
    expect(r.signal, transcript(r)).to.equal(null);
    expect(r.code, transcript(r)).to.equal(1);
    expect(r.stderr).to.match(/run 1 sync interrupted: /);
    expect(r.stderr, 'no failure line per operation left for the next run').to.not.include('run stopped');

    const text = await runCli(['status'], { env: w.env, cwd: w.dir });
    expect(text.stdout).to.match(/The last run \(#1\) was interrupted\./);
    expect(text.stdout).to.not.include('run stopped');
    const json = await runCli(['status', '--json'], { env: w.env, cwd: w.dir });
    const s = JSON.parse(json.stdout) as LedgerStatus;
    expect(s.runs[0].status).to.equal('interrupted');
    expect(s.outbox.blocked, 'the stop blocks nothing').to.equal(0);
    expect(s.outbox.sending, 'no operation left in an unknown state').to.equal(0);
    expect(s.outbox.done).to.be.greaterThan(0);
    expect(s.outbox.planned).to.be.greaterThan(0);

    const again = await runCli(['sync'], { env: w.env, cwd: w.dir });
    expect(again.code, transcript(again)).to.equal(0);
  });
});
