// Runs that do not get to finish their work: a refused login (the credentials are wrong) spends no operation's
// attempts, however many runs it refuses; SIGTERM lets the writes in flight finish and be recorded, then the run
// ends by itself with nothing left `sending`, and the next run completes the work.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { openLedger } from '../../src/ledger/open-ledger.js';
import type { Settings } from '../../src/config/settings.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import { readNetSuiteState } from './netsuite-state.js';
import { isRecordWrite, outboxCounts, syncChild } from './sync-child.js';

async function outboxRows(h: Sandboxes): Promise<Array<{ op_key: string; status: string; attempts: number; last_error: string | null }>> {
  const ledger = openLedger(h.config.secrets.ledgerPath);
  try {
    return ledger.sqlite.prepare('SELECT op_key, status, attempts, last_error FROM outbox ORDER BY op_key').all() as Array<{
      op_key: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>;
  } finally {
    await ledger.close();
  }
}

describe('interrupted runs', function () {
  this.timeout(10 * 60_000);

  it('refused logins, more runs of them than maxAttempts, spend no attempt (a `link` operation included)', async () => {
    const { items, summary } = generateWorld({ customers: 3, months: 1, seed: 2 });
    // A customer linked by metadata: its operation reads the NetSuite customer named there (a `link`).
    const linked = items.find((o) => (o as { object?: string }).object === 'customer') as { id: string };
    for (const o of items as Array<{ object?: string; id?: string; metadata?: Record<string, string> }>) {
      if (o.object === 'customer' && o.id === linked.id) o.metadata = { ...(o.metadata ?? {}), netsuite_customer_id: '999999' };
    }
    const h = await startSandboxes({
      world: items,
      now: summary.end + 3 * 86400,
      writeConfigFile: true,
      configPatch: (s: Settings) => (s.apply.maxAttempts = 2),
    });
    try {
      for (let i = 0; i < 3; i++) {
        const refused = await syncChild(h, { env: { NETSUITE_TOKEN_SECRET: 'WRONG-token-secret-5531' }, timeoutMs: 120_000 });
        expect(refused.code, `refused run ${i + 1} exits 3`).to.equal(3);
      }
      const spent = (await outboxRows(h)).filter((r) => r.attempts > 0 || r.status === 'failed');
      expect(spent, 'operations that spent attempts on a refused login').to.deep.equal([]);

      const ok = await syncChild(h, { timeoutMs: 300_000 });
      expect(ok.code, 'with the right credentials the run ends (the dangling link fails on its own)').to.be.oneOf([0, 1]);
      const rows = await outboxRows(h);
      const link = rows.find((r) => r.op_key === `customer:${linked.id}`);
      expect(link, 'the link operation').to.not.equal(undefined);
      expect(link!.attempts, 'one real attempt, not the refused ones').to.be.at.most(1);
      expect(rows.filter((r) => r.op_key !== link!.op_key && r.status === 'done').length).to.be.greaterThan(5);
      expect(rows.filter((r) => /failed \d+ times/.test(r.last_error ?? ''))).to.deep.equal([]);
    } finally {
      await h.close();
    }
  });

  it('SIGTERM in apply: writes in flight finish, the run ends by itself with nothing `sending`; the next run completes', async () => {
    const { items, summary } = generateWorld({ customers: 6, months: 2, seed: 11 });
    let onWrite: () => void = () => {};
    const h = await startSandboxes({
      world: items,
      now: summary.end + 3 * 86400,
      writeConfigFile: true,
      netsuite: {
        latencyMs: 15,
        onRequest: (r) => {
          if (isRecordWrite(r)) onWrite();
        },
      },
    });
    try {
      let writes = 0;
      let afterTerm = 0;
      let termed = false;
      const r = await syncChild(h, {
        timeoutMs: 120_000,
        arm: (child: ChildProcess) => {
          onWrite = () => {
            writes++;
            if (termed) afterTerm++;
            if (writes === 3 && !termed) {
              termed = true;
              child.kill('SIGTERM');
            }
          };
        },
      });
      onWrite = () => {};
      expect(termed, 'the run reached apply').to.equal(true);
      expect(r.signal, 'the run ended by itself, not by the signal').to.equal(null);
      expect(r.code, 'a stopped run is not a success').to.be.oneOf([1, 3]);
      // Only what was in flight, or admitted before the signal was handled, is written after it: no more than a
      // couple of rounds of netsuite.concurrency, while most of the work is left for the next run.
      expect(afterTerm, 'writes after SIGTERM').to.be.at.most(2 * h.config.settings.netsuite.concurrency);
      expect((await outboxCounts(h)).sending ?? 0, 'rows left sending').to.equal(0);
      const ledger = openLedger(h.config.secrets.ledgerPath);
      const run = ledger.sqlite.prepare('SELECT status, finished_at FROM runs ORDER BY id DESC LIMIT 1').get() as { status: string; finished_at: number | null };
      await ledger.close();
      expect(run.status, 'the run is recorded as ended').to.not.equal('running');
      expect(run.finished_at).to.not.equal(null);

      const writesBefore = h.netsuite.stats().recordWrites;
      const next = await syncChild(h, { timeoutMs: 300_000 });
      expect(next.code, 'the next run completes').to.equal(0);
      expect(h.netsuite.stats().recordWrites - writesBefore, 'writes left for the next run').to.be.greaterThan(20);
      const state = await readNetSuiteState(h.client);
      for (const [type, records] of Object.entries(state)) {
        for (const [eid, rec] of Object.entries(records)) expect(rec.count, `${type} ${eid} is not duplicated`).to.equal(1);
      }
    } finally {
      await h.close();
    }
  });
});
