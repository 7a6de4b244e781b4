// The plan of a run is built a partition at a time (src/run/plan-partitions.ts). Over generated worlds, tiny
// partitions must give exactly the operations of one plan over the whole ledger, and a run that applies them a
// partition at a time must end in a NetSuite that passes the invariant check, with nothing left for a re-run.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { planFromLedger } from '../../src/run/plan-from-ledger.js';
import { planPartitions } from '../../src/run/plan-partitions.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { planInputFromLedger } from '../../src/run/plan-input-from-ledger.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Operation } from '../../src/plan/operation.js';
import type { Settings } from '../../src/config/settings.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { startHarness } from '../e2e/sandbox-harness.js';

const byKey = (ops: Operation[]) => [...ops].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('run: the plan a partition at a time', function () {
  this.timeout(300_000);

  const cases: Array<[number, string, (s: Settings) => void]> = [
    [3, 'default settings', () => undefined],
    [
      11,
      'the global customer, a start date inside the world and duplicate payments allowed',
      (s) => {
        s.features.globalCustomer = true;
        s.features.allowDuplicatePayments = true;
        s.extract.startDate = '2026-02-10';
      },
    ],
    [17, 'global items, bad debt and refund items', (s) => Object.assign(s.features, { globalItem: true, useBadDebtItem: true, useRefundItem: true })],
  ];
  for (const [seed, what, patch] of cases) {
    it(`seed ${seed}, ${what}: partitions of 20 objects plan exactly what one whole plan does`, async () => {
      const { items, summary } = generateWorld({ customers: 30, months: 3, seed });
      const h = await startHarness({ world: items, now: summary.end + 3 * 86400, configPatch: patch });
      try {
        await runSync(h.config, { kind: 'plan', dryRun: true, extract: true });
        const ledger = openLedger(h.config.secrets.ledgerPath);
        try {
          const whole = buildPlan(await planInputFromLedger(ledger, h.config.settings));
          let partitions = 0;
          for await (const _ of planPartitions(ledger, h.config.settings, { maxObjects: 20 })) partitions++;
          const parted = await planFromLedger(ledger, h.config.settings, { maxObjects: 20 });
          expect(partitions).to.be.greaterThan(10);
          expect(whole.operations.length).to.be.greaterThan(50);
          expect(parted.operations.map((op) => op.key)).to.have.members(whole.operations.map((op) => op.key));
          expect(byKey(parted.operations)).to.deep.equal(byKey(whole.operations));
          expect(parted.operations.some((op) => op.pass === 'deposits' && !op.blocked)).to.equal(true);
        } finally {
          await ledger.close();
        }
      } finally {
        await h.close();
      }
    });
  }

  it('a run that applies partitions of 20 objects one after another passes every invariant, and a re-run writes nothing', async () => {
    const { items, summary } = generateWorld({ customers: 30, months: 3, seed: 5 });
    const h = await startHarness({ world: items, now: summary.end + 3 * 86400, configPatch: (s) => (s.apply.partitionObjects = 20) });
    try {
      const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(first.summary.failures, JSON.stringify(first.summary.failures.slice(0, 5))).to.deep.equal([]);
      expect(first.summary.status).to.equal('success');
      expect(first.summary.operations.done).to.equal(first.summary.operations.planned).and.to.be.greaterThan(150);
      expect(first.plan, 'a run that applies does not hold its whole plan').to.equal(undefined);
      const report = await checkInvariants(h.config, { client: h.client });
      expect(report.failures, renderInvariantReport(report)).to.equal(0);
      const again = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
      expect(again.summary.operations.planned).to.equal(0);
      expect(again.summary.netsuiteRequests).to.equal(0);
    } finally {
      await h.close();
    }
  });
});
