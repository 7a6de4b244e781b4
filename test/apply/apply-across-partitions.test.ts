// A run applies its plan a partition at a time, carrying what earlier partitions settled (ApplyCarry). Against the
// NetSuite sandbox: a later partition's operation patches a record an earlier one made, one that needs a record
// whose creation failed earlier is blocked with that failure, and one that needs a record nobody plans says so.
import { expect } from 'chai';
import { applyPlan, newApplyCarry } from '../../src/apply/apply-plan.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import { startRun } from '../../src/ledger/runs.js';
import { opKey, type Operation, type OperationAction, type RecordType } from '../../src/plan/operation.js';
import { startSandboxes } from '../support/sandboxes.js';

function op(
  action: OperationAction,
  recordType: RecordType,
  externalId: string,
  body: Record<string, unknown>,
  extra: { target?: string; dependsOn?: string[] } = {},
): Operation {
  const common = {
    key: opKey(recordType, externalId, action === 'apply' ? 'apply' : undefined),
    pass: recordType === 'customer' ? ('customers' as const) : ('items' as const),
    recordType,
    externalId,
    stripeId: externalId,
    body,
    dependsOn: extra.dependsOn ?? [],
    hash: `h-${externalId}`,
    summary: { description: externalId },
  };
  if (action === 'apply') return { ...common, action, target: extra.target ?? '' };
  if (action === 'link') throw new Error('not used here');
  return { ...common, action };
}

describe('apply: partitions of one run', function () {
  this.timeout(60_000);

  it('a later partition patches what an earlier one made, and is blocked by what failed there, naming the failure', async () => {
    const h = await startSandboxes({ world: [], now: Math.floor(Date.now() / 1000) });
    const ledger = openLedger(h.config.secrets.ledgerPath);
    try {
      const runId = await startRun(ledger, 'sync', 1);
      const o = { runId, concurrency: 2, maxAttempts: 3, carry: newApplyCarry(ledger) };
      const customer = op('create', 'customer', 'cus_P1', { companyName: 'Partition One', subsidiary: { id: '1' } });
      // NetSuite refuses an externalId with a space and "!": the creation fails for good.
      const badItem = op('create', 'serviceSaleItem', 'bad item!', { itemId: 'Bad item', subsidiary: { items: [{ id: '1' }] } });

      const first = await applyPlan(ledger, h.client, { operations: [customer, badItem] }, o);
      expect(first.results.get(customer.key)?.status).to.equal('done');
      const failure = first.results.get(badItem.key);
      expect(failure?.status).to.equal('failed');

      const patch = op('apply', 'customer', 'cus_P1', { comments: 'patched by partition two' }, { target: customer.key, dependsOn: [customer.key] });
      const needsBad = op('create', 'customer', 'cus_P2', { companyName: 'Needs the item', subsidiary: { id: '1' } }, { dependsOn: [badItem.key] });
      const orphan = op('create', 'customer', 'cus_P3', { companyName: 'Needs nobody planned', subsidiary: { id: '1' } }, { dependsOn: ['customer:cus_nowhere'] });
      const second = await applyPlan(ledger, h.client, { operations: [patch, needsBad, orphan] }, o);

      expect(second.results.get(patch.key)?.status).to.equal('done');
      expect((await h.client.getByExternalId('customer', 'cus_P1'))?.comments).to.equal('patched by partition two');
      const blocked = second.results.get(needsBad.key);
      expect(blocked?.status).to.equal('blocked');
      expect(blocked && 'reason' in blocked ? blocked.reason : '').to.equal(
        `waiting on ${badItem.key} (failed: ${failure && 'error' in failure ? failure.error : ''})`,
      );
      expect(second.results.get(orphan.key)).to.deep.equal({
        status: 'blocked',
        reason: 'needs customer:cus_nowhere, which is neither in NetSuite nor in this plan',
      });
      expect(await h.client.getByExternalId('customer', 'cus_P2')).to.equal(undefined);
      expect(second.blocked).to.equal(2);
    } finally {
      await ledger.close();
      await h.close();
    }
  });

  it('a partition applied while the one before still runs waits for what it needs there, within one concurrency limit', async () => {
    const h = await startSandboxes({ world: [], now: Math.floor(Date.now() / 1000), netsuite: { concurrency: 2, latencyMs: 20 } });
    const ledger = openLedger(h.config.secrets.ledgerPath);
    try {
      const runId = await startRun(ledger, 'sync', 1);
      const o = { runId, concurrency: 2, maxAttempts: 3, carry: newApplyCarry(ledger, { concurrency: 2 }) };
      const customers = Array.from({ length: 6 }, (_, i) =>
        op('create', 'customer', `cus_Q${i}`, { companyName: `Pipelined ${i}`, subsidiary: { id: '1' } }),
      );
      const badItem = op('create', 'serviceSaleItem', 'bad item!', { itemId: 'Bad item', subsidiary: { items: [{ id: '1' }] } });
      const patch = op('apply', 'customer', 'cus_Q5', { comments: 'patched by partition two' }, { target: customers[5].key, dependsOn: [customers[5].key] });
      const needsBad = op('create', 'customer', 'cus_Q9', { companyName: 'Needs the item', subsidiary: { id: '1' } }, { dependsOn: [badItem.key] });

      // Both started at once, as a run starts the next partition's apply before the last one ended.
      const first = applyPlan(ledger, h.client, { operations: [...customers, badItem] }, o);
      const second = applyPlan(ledger, h.client, { operations: [patch, needsBad] }, o);
      const [a, b] = await Promise.all([first, second]);

      expect(a.done).to.equal(6);
      expect(b.results.get(patch.key)?.status, 'waited for the record it patches').to.equal('done');
      expect((await h.client.getByExternalId('customer', 'cus_Q5'))?.comments).to.equal('patched by partition two');
      const failure = a.results.get(badItem.key);
      expect(b.results.get(needsBad.key)).to.deep.equal({
        status: 'blocked',
        reason: `waiting on ${badItem.key} (failed: ${failure && 'error' in failure ? failure.error : ''})`,
      });
      expect(await h.client.getByExternalId('customer', 'cus_Q9')).to.equal(undefined);
      const stats = h.netsuite.stats();
      expect(stats.maxInFlight, 'the two applies share the slots').to.be.at.most(2);
      expect(stats.rejected429).to.equal(0);
      const rows = ledger.sqlite.prepare("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status ORDER BY status").all();
      expect(rows, 'every transition committed when the applies return').to.deep.equal([
        { status: 'blocked', n: 1 },
        { status: 'done', n: 7 },
        { status: 'failed', n: 1 },
      ]);
    } finally {
      await ledger.close();
      await h.close();
    }
  });
});
