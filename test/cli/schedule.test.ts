// schedule: a sync on every cron tick (node-cron's seconds field makes that every second here), one JSON line
// per run with --log-format json, and SIGTERM lets the run in flight finish and be recorded before exiting.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { runCli, startCli, transcript, waitForExit, type CliResult } from './cli-process.js';
import type { LedgerStatus } from '../../src/ledger/ledger-status.js';
import { generatedWorld, startSandboxes, type Sandboxes } from '../support/sandboxes.js';

interface RunLine {
  event: string;
  runId: number;
  kind: string;
  status: string;
  operations: { planned: number; done: number; skipped: number };
  netsuiteRequests: number;
}

/** The run lines of a schedule's stderr (other lines are its own notices). */
function runLines(stderr: string): RunLine[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { event: string })
    .filter((l): l is RunLine => l.event === 'stripe-netsuite.run');
}

async function until(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cli: schedule', function () {
  this.timeout(120_000);
  let w: Sandboxes;
  let child: ChildProcess | undefined;

  before(async () => {
    // NetSuite latency keeps the first run's apply going for a while, so SIGTERM can land in the middle of it.
    w = await startSandboxes({ ...generatedWorld({ customers: 12, months: 3, seed: 5 }), netsuite: { latencyMs: 40 } });
  });
  afterEach(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  after(async () => w?.close());

  const status = async (): Promise<LedgerStatus> => {
    const r = await runCli(['status', '--json', '--runs', '100'], { env: w.env, cwd: w.dir });
    expect(r.code, transcript(r)).to.be.oneOf([0, 1]);
    return JSON.parse(r.stdout) as LedgerStatus;
  };

  it('SIGTERM during a run: no new operation starts, the run is recorded and logged, then the process exits', async () => {
    child = startCli(['--log-format', 'json', 'schedule', '--cron', '* * * * * *'], { env: w.env, cwd: w.dir });
    const exit = waitForExit(child, 110_000);
    let stderr = '';
    child.stderr!.on('data', (d: string) => (stderr += d));
    // The apply of the first run is under way once NetSuite has seen a few requests.
    await until('the first run to start writing to NetSuite', () => w.netsuite.stats().recordWrites >= 5, 60_000);
    child.kill('SIGTERM');
    const r: CliResult = await exit;
    expect(r.signal, transcript(r)).to.equal(null);
    // In JSON mode the notices are JSON lines too, so a log collector never meets plain text.
    const notices = r.stderr.split('\n').filter((l) => l.trim() !== '');
    for (const l of notices) expect(() => JSON.parse(l), `not JSON: ${l}`).to.not.throw();
    expect(notices.map((l) => JSON.parse(l).event)).to.include('schedule_stopping');
    const lines = runLines(r.stderr);
    expect(lines, transcript(r)).to.have.length(1);
    const run = lines[0];
    expect(run.kind).to.equal('sync');
    expect(run.status).to.equal('interrupted');
    expect(run.operations.done).to.be.greaterThan(0);
    expect(run.operations.skipped, 'operations not started after SIGTERM').to.be.greaterThan(0);
    // Exit code for an interrupted run: 1 (not everything planned was done).
    expect(r.code, transcript(r)).to.equal(1);

    const s = await status();
    expect(s.runs.map((x) => ({ id: x.id, status: x.status }))).to.deep.equal([{ id: run.runId, status: 'interrupted' }]);
    expect(s.outbox.sending, 'no operation left in an unknown state').to.equal(0);
    expect(s.outbox.done).to.equal(run.operations.done);
    expect(s.links).to.equal(s.outbox.done);
  });

  it('logs one JSON line per run, every tick, and SIGTERM between runs exits with every run recorded', async () => {
    const before = (await status()).runs.length;
    child = startCli(['--log-format', 'json', 'schedule', '--cron', '* * * * * *'], { env: w.env, cwd: w.dir });
    const exit = waitForExit(child, 110_000);
    let stderr = '';
    child.stderr!.on('data', (d: string) => (stderr += d));
    // The first run finishes the interrupted sync; later ones find nothing new.
    await until('three runs', () => runLines(stderr).length >= 3, 90_000);
    child.kill('SIGTERM');
    const r = await exit;
    expect(r.signal, transcript(r)).to.equal(null);
    const lines = runLines(r.stderr);
    for (const l of r.stderr.split('\n').filter((x) => x.startsWith('{'))) {
      expect(() => JSON.parse(l), l).to.not.throw();
    }
    expect(lines.length).to.be.at.least(3);
    expect(lines[0].operations.done, 'the first run finished the interrupted sync').to.be.greaterThan(0);
    const quiet = lines.slice(1).filter((l) => l.operations.planned === 0);
    expect(quiet.length, 'later runs found nothing to do').to.be.greaterThan(0);
    for (const l of quiet) expect(l.netsuiteRequests, 'only the login proof').to.equal(1);

    const s = await status();
    const runs = s.runs.slice(0, s.runs.length - before).reverse();
    expect(runs.map((x) => x.id), 'one JSON line per recorded run').to.deep.equal(lines.map((l) => l.runId));
    for (const [i, x] of runs.entries()) {
      expect(x.kind).to.equal('sync');
      expect(x.status, `run ${x.id}`).to.equal(lines[i].status);
      expect(x.finishedAt, `run ${x.id} finished`).to.not.equal(null);
    }
    expect(s.runs.some((x) => x.status === 'running'), 'no run left running').to.equal(false);
    // The exit code is the last run's: 0 when it succeeded.
    expect(r.code, transcript(r)).to.equal(lines[lines.length - 1].status === 'success' ? 0 : 1);
  });

  it('an invalid cron expression is a configuration error: exit 2', async () => {
    const r = await runCli(['schedule', '--cron', 'every day at noon'], { env: w.env, cwd: w.dir });
    expect(r.code, transcript(r)).to.equal(2);
    expect(r.stderr).to.include('"every day at noon" is not a valid cron expression');
  });
});
