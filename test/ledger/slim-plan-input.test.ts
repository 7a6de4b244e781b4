// The plan reads slimmed snapshots (fields no pass uses are dropped to save memory). Planning generated worlds
// from the slimmed and the whole snapshots must give identical operations.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { planInputFromLedger } from '../../src/run/plan-input-from-ledger.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { startHarness } from '../e2e/sandbox-harness.js';

describe('ledger: slimmed plan input', function () {
  this.timeout(120_000);
  for (const seed of [3, 8]) {
    it(`plans a generated world (seed ${seed}) exactly as from the whole snapshots`, async () => {
      const { items, summary } = generateWorld({ customers: 24, months: 3, seed });
      const h = await startHarness({ world: items, now: summary.end + 3 * 86400 });
      try {
        await runSync(h.config, { kind: 'plan', dryRun: true, extract: true });
        const ledger = openLedger(h.config.secrets.ledgerPath);
        try {
          const slim = buildPlan(await planInputFromLedger(ledger, h.config.settings));
          const whole = buildPlan(await planInputFromLedger(ledger, h.config.settings, { slim: false }));
          expect(slim.operations.length).to.be.greaterThan(100);
          expect(slim).to.deep.equal(whole);
        } finally {
          await ledger.close();
        }
      } finally {
        await h.close();
      }
    });
  }
});
