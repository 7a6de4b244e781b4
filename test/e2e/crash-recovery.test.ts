// A sync killed by SIGKILL in the middle of apply, then re-run, ends in exactly the NetSuite state of an
// uninterrupted run: no duplicate, no missing record. The sandboxes live in this process; each sync is a child
// process. Kills are triggered by the NetSuite sandbox itself: on the N-th record write of a run it has committed
// but not yet answered, so every such kill provably lands in apply, with that write's outcome unknown to the run.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import { isRecordWrite, outboxCounts, syncChild } from './sync-child.js';
import { readNetSuiteState } from './netsuite-state.js';
import type { Settings } from '../../src/config/settings.js';

describe('crash safety: sync killed by SIGKILL inside apply', function () {
  this.timeout(15 * 60_000);
  const { items, summary } = generateWorld({ customers: 6, months: 2, seed: 11 });
  const now = summary.end + 3 * 86400;
  let reference: Sandboxes;
  let crashed: Sandboxes;
  /** Called by the crashed sandbox on every record write it has committed, before it answers. */
  let onWrite: () => void = () => {};

  before(async () => {
    // Partitions of 15 objects, so kills also land between one partition's apply and the next one's plan.
    const configPatch = (s: Settings) => (s.apply.partitionObjects = 15);
    reference = await startSandboxes({ world: items, now, netsuite: { latencyMs: 15 }, writeConfigFile: true, configPatch });
    crashed = await startSandboxes({
      world: items,
      now,
      writeConfigFile: true,
      configPatch,
      netsuite: {
        latencyMs: 15,
        onRequest: (r) => {
          if (isRecordWrite(r)) onWrite();
        },
      },
    });
  });
  after(async () => {
    await reference?.close();
    await crashed?.close();
  });

  it('ends in the same NetSuite state as an uninterrupted run after 20 kills inside apply', async () => {
    const clean = await runSync(reference.config, { kind: 'sync', dryRun: false, extract: true });
    const expected = await readNetSuiteState(reference.client);
    const recordCount = Object.values(expected).reduce((a, t) => a + Object.keys(t).length, 0);
    expect(recordCount, 'the reference run made records').to.be.greaterThan(20);
    const referenceWrites = reference.netsuite.stats().recordWrites;

    // Each run is killed on a seeded N-th write (1 or 2): kills spread over apply, each run makes some progress, and
    // work is left for the final run.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let killedInApply = 0;
    let leftSending = 0;
    for (let i = 0; i < 20; i++) {
      const killAt = 1 + Math.floor(rand() * 2);
      let writes = 0;
      let pulled = false;
      const r = await syncChild(crashed, {
        arm: (child) => {
          onWrite = () => {
            if (++writes === killAt && !pulled) {
              pulled = true;
              child.kill('SIGKILL');
            }
          };
        },
      });
      onWrite = () => {};
      if (pulled && r.signal === 'SIGKILL') killedInApply++;
      if (((await outboxCounts(crashed)).sending ?? 0) > 0) leftSending++;
    }
    const writesBefore = crashed.netsuite.stats().recordWrites;
    expect(killedInApply, 'kills that landed in apply, on a committed but unanswered write').to.be.greaterThanOrEqual(18);
    expect(leftSending, 'kills that left an operation `sending` (outcome unknown) for the next run').to.be.greaterThanOrEqual(15);

    const final = await syncChild(crashed);
    expect(final.code, 'the final run completes').to.be.oneOf([0, 1]);
    const after = await outboxCounts(crashed);
    expect(after.sending ?? 0, 'no outcome left unknown').to.equal(0);
    const actual = await readNetSuiteState(crashed.client);
    for (const [type, records] of Object.entries(actual)) {
      for (const [eid, r] of Object.entries(records)) {
        expect(r.count, `${type} ${eid} is not duplicated`).to.equal(1);
      }
    }
    expect(actual).to.deep.equal(expected);
    const finalWrites = crashed.netsuite.stats().recordWrites - writesBefore;
    console.log(
      `      ${killedInApply}/20 kills inside apply, ${leftSending} left a sending row; ${writesBefore} writes before the final run, ${finalWrites} in it (uninterrupted: ${referenceWrites})`,
    );
  });
});
