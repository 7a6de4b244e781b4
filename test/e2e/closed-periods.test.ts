// Postings dated in a closed accounting period follow netsuite.closedPeriods (docs/netsuite-accounts.md): blocked
// with the period named (default), or posted on the first day of the next open period with the Stripe date in the
// memo. Either way NetSuite never refuses a posting for its period: the plan knew the periods before it posted.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import type { Operation } from '../../src/plan/operation.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';

const TRANSACTIONS = new Set(['invoice', 'creditMemo', 'customerPayment', 'customerRefund', 'deposit']);

describe('closed accounting periods', function () {
  this.timeout(180_000);
  const { items, summary } = generateWorld({ customers: 10, months: 3, seed: 5 }); // Jan–Mar 2026

  async function syncWithFebruaryClosed(policy: 'block' | 'nextOpenPeriod') {
    const refusals: string[] = [];
    const h: Sandboxes = await startSandboxes({
      world: items,
      now: summary.end + 3 * 86400,
      netsuite: {
        onRequest: (r) => {
          if (r.status === 400 && /period/i.test(JSON.stringify(r.body ?? ''))) refusals.push(r.path);
        },
      },
      configPatch: (s) => (s.netsuite.closedPeriods = policy),
    });
    const closed = await fetch(`${h.netsuite.url}/_sandbox/accounting-periods/close`, { method: 'POST', body: JSON.stringify({ period: '2026-02' }) });
    expect(closed.status).to.equal(200);
    const operations: Operation[] = [];
    const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true, onOperation: (op) => operations.push(op) });
    return { h, run, operations, refusals };
  }

  it('"block" (default): every posting dated in Feb 2026 is blocked naming the period, what depends on it says so, the rest posts', async () => {
    const { h, run, operations } = await syncWithFebruaryClosed('block');
    try {
      const inFebruary = operations.filter((op) => TRANSACTIONS.has(op.recordType) && op.summary.date?.startsWith('2026-02'));
      expect(inFebruary.length, 'the world posts in February').to.be.greaterThan(10);
      const byKey = new Map(run.summary.failures.map((f) => [f.key, f.error]));
      for (const op of inFebruary) {
        expect(byKey.get(op.key), op.key).to.match(/dated 2026-02-\d\d: in the closed accounting period Feb 2026; fix: |is blocked \(/);
      }
      for (const [key, error] of byKey) expect(error, key).to.match(/Feb 2026/);
      const january = operations.filter((op) => op.recordType === 'invoice' && op.summary.date?.startsWith('2026-01'));
      expect(january.length).to.be.greaterThan(0);
      for (const op of january) expect(byKey.has(op.key), op.key).to.equal(false);
    } finally {
      await h.close();
    }
  });

  it('"nextOpenPeriod": the same postings land on 2026-03-01 with the Stripe date in the memo, and nothing is held', async () => {
    const { h, run, operations, refusals } = await syncWithFebruaryClosed('nextOpenPeriod');
    try {
      expect(run.summary.failures, JSON.stringify(run.summary.failures.slice(0, 3))).to.deep.equal([]);
      expect(refusals).to.deep.equal([]);
      // Apply drops a body once it is sent, so the records are read back from NetSuite.
      const candidates = operations.filter((op) => TRANSACTIONS.has(op.recordType) && op.action !== 'apply' && op.summary.date === '2026-03-01');
      let moved = 0;
      for (const op of candidates) {
        const rec = await h.client.getByExternalId(op.recordType, op.externalId);
        expect(rec?.tranDate, op.key).to.equal('2026-03-01');
        if (/\(Stripe date 2026-02-\d\d; period Feb 2026 is closed\)$/.test(String(rec?.memo))) moved++;
      }
      expect(moved, 'postings moved out of February').to.be.greaterThan(10);
    } finally {
      await h.close();
    }
  });
});
