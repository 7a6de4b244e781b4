// A sync killed by SIGKILL at random points, then re-run, ends in exactly the NetSuite state of an uninterrupted
// run: no duplicate, no missing record. The sandboxes live in this process; each sync is a child process.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import { readNetSuiteState } from './netsuite-state.js';
import type { Settings } from '../../src/config/settings.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function childEnv(h: Sandboxes): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...h.env, STRIPE_NETSUITE_CONFIG: h.configFile };
}

/** Runs `stripe-netsuite sync` and kills it with SIGKILL after `killAfterMs` (if still running). */
function syncKilledAfter(h: Sandboxes, killAfterMs: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync'], { env: childEnv(h), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('crash safety: sync killed by SIGKILL at random points', function () {
  this.timeout(15 * 60_000);
  const { items, summary } = generateWorld({ customers: 6, months: 2, seed: 11 });
  const now = summary.end + 3 * 86400;
  let reference: Sandboxes;
  let crashed: Sandboxes;

  before(async () => {
    // Partitions of 15 objects, so kills also land between one partition's apply and the next one's plan.
    const configPatch = (s: Settings) => (s.apply.partitionObjects = 15);
    reference = await startSandboxes({ world: items, now, netsuite: { latencyMs: 15 }, writeConfigFile: true, configPatch });
    crashed = await startSandboxes({ world: items, now, netsuite: { latencyMs: 15 }, writeConfigFile: true, configPatch });
  });
  after(async () => {
    await reference?.close();
    await crashed?.close();
  });

  it('ends in the same NetSuite state as an uninterrupted run after 20 kills', async () => {
    const clean = await runSync(reference.config, { kind: 'sync', dryRun: false, extract: true });
    const expected = await readNetSuiteState(reference.client);
    const recordCount = Object.values(expected).reduce((a, t) => a + Object.keys(t).length, 0);
    expect(recordCount, 'the reference run made records').to.be.greaterThan(20);

    // A seeded sequence of kill points spread over an uninterrupted run's duration.
    const duration = clean.summary.finishedAt - clean.summary.startedAt;
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let killed = 0;
    for (let i = 0; i < 20; i++) {
      const at = 150 + Math.floor(rand() * Math.max(300, duration * 0.6));
      const r = await syncKilledAfter(crashed, at);
      if (r.signal === 'SIGKILL') killed++;
    }
    expect(killed, 'runs actually killed mid-way').to.be.greaterThanOrEqual(15);

    const final = await syncKilledAfter(crashed, 10 * 60_000);
    expect(final.code, 'the final run completes').to.be.oneOf([0, 1]);
    const actual = await readNetSuiteState(crashed.client);
    for (const [type, records] of Object.entries(actual)) {
      for (const [eid, r] of Object.entries(records)) {
        expect(r.count, `${type} ${eid} is not duplicated`).to.equal(1);
      }
    }
    expect(actual).to.deep.equal(expected);
  });
});
