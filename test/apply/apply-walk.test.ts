// applyPlan over a real SQLite ledger and a fake NetSuite writer: the walk's order, blocking, cycles, the outbox's
// states, a refused login, SIGTERM, and the plan's operations left as they were.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyPlan, NetSuiteAccessError, type ApplyOptions } from '../../src/apply/apply-plan.js';
import { CYCLE_REASON, STOPPED_REASON } from '../../src/apply/walker.js';
import { openLedger, type Ledger } from '../../src/ledger/open-ledger.js';
import { markOutcome, markSending, recordPlanned } from '../../src/ledger/outbox.js';
import { startRun } from '../../src/ledger/runs.js';
import { opKey, type Operation, type PassName, type RecordType } from '../../src/plan/operation.js';
import { FakeWriter, refusedLogin } from './fake-writer.js';

const PASS_OF: Partial<Record<RecordType, PassName>> = {
  customer: 'customers',
  serviceSaleItem: 'items',
  invoice: 'invoices',
  customerPayment: 'payments',
  creditMemo: 'refunds',
};

function create(recordType: RecordType, externalId: string, o: { dependsOn?: string[]; body?: Record<string, unknown> } = {}): Operation {
  return {
    key: opKey(recordType, externalId),
    pass: PASS_OF[recordType] ?? 'deposits',
    action: 'create',
    recordType,
    externalId,
    stripeId: externalId,
    body: o.body ?? {},
    dependsOn: o.dependsOn ?? [],
    hash: `h-${externalId}`,
    summary: { description: externalId },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

interface OutboxState {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('apply: the walk, the outbox and the executors together', () => {
  let dir: string;
  let ledger: Ledger;
  let runId: number;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apply-walk-'));
    ledger = openLedger(path.join(dir, 'ledger.sqlite'));
    runId = await startRun(ledger, 'sync', 1_700_000_000);
  });

  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const options = (o: Partial<ApplyOptions> = {}): ApplyOptions => ({ runId, concurrency: 1, maxAttempts: 3, now: () => 1_700_000_000, ...o });
  const row = (key: string): OutboxState | undefined =>
    ledger.sqlite.prepare('SELECT status, attempts, last_error FROM outbox WHERE op_key = ?').get(key) as OutboxState | undefined;

  it('queues operations as they become ready, first in first out, seeded in pass order then plan order', async () => {
    const client = new FakeWriter();
    const ops = [
      create('invoice', 'in_1', { dependsOn: ['customer:cus_B'], body: { entity: { $ref: 'customer:cus_B' } } }),
      create('customer', 'cus_B'),
      create('customerPayment', 'ch_1', { dependsOn: ['invoice:in_1'] }),
      create('customer', 'cus_A'),
      create('invoice', 'in_2'),
    ];
    const result = await applyPlan(ledger, client, { operations: ops }, options());
    expect(client.calls).to.deep.equal([
      'create customer cus_B',
      'create customer cus_A',
      // in_2 was ready from the start; in_1 became ready when cus_B was done, after in_2 was queued.
      'create invoice in_2',
      'create invoice in_1',
      'create customerPayment ch_1',
    ]);
    expect(result).to.deep.include({ done: 5, created: 5, failed: 0, blocked: 0, skipped: 0, stopped: false });
    for (const op of ops) expect(row(op.key)?.status).to.equal('done');
  });

  it('reads every posted deposit back: a total equal to the payout is done; one a cent off fails the run naming the payout, linked, never posted twice', async () => {
    const deposit = (id: string): Operation => ({
      ...create('deposit', id),
      summary: { description: `deposit of payout ${id}`, currency: 'usd', amount: 4465 },
    });
    const client = new FakeWriter();
    client.fields.set('deposit:po_ok', { total: 44.65 });
    client.fields.set('deposit:po_off', { total: 44.64 });
    const result = await applyPlan(ledger, client, { operations: [deposit('po_ok'), deposit('po_off')] }, options());
    expect(client.calls).to.deep.equal(['create deposit po_ok', 'get deposit 100', 'create deposit po_off', 'get deposit 101']);
    expect(result.results.get('deposit:po_ok')).to.deep.include({ status: 'done' });
    expect(result.results.get('deposit:po_off')).to.deep.equal({
      status: 'failed',
      error: 'deposit po_off (internal id 101) posted 44.64 USD but payout po_off is 44.65 USD (off by 0.01 USD): NetSuite converted its lines differently; correct the deposit in NetSuite',
    });
    expect(result).to.deep.include({ done: 1, failed: 1 });
    // The record exists: it is linked, so no later run posts it again.
    expect(row('deposit:po_off')?.status).to.equal('done');
    const links = ledger.sqlite.prepare('SELECT internal_id FROM links WHERE op_key = ?').get('deposit:po_off') as { internal_id: string } | undefined;
    expect(links?.internal_id).to.equal('101');
  });

  it('admits no more than the concurrency at once', async () => {
    const client = new FakeWriter(5);
    const ops = Array.from({ length: 12 }, (_, i) => create('customer', `cus_${i}`));
    const result = await applyPlan(ledger, client, { operations: ops }, options({ concurrency: 3 }));
    expect(result.done).to.equal(12);
    expect(client.maxInFlight).to.equal(3);
  });

  it('blocks the dependents of a failed operation with its reason, and theirs with theirs', async () => {
    const client = new FakeWriter();
    client.failCreate.set('cus_A', new Error('Invalid Field Value for the following field: email'));
    const ops = [
      create('customer', 'cus_A'),
      create('invoice', 'in_1', { dependsOn: ['customer:cus_A'] }),
      create('customerPayment', 'ch_1', { dependsOn: ['invoice:in_1'] }),
      create('customer', 'cus_B'),
    ];
    const result = await applyPlan(ledger, client, { operations: ops }, options());
    const failure = 'Invalid Field Value for the following field: email';
    expect(result.results.get('customer:cus_A')).to.deep.equal({ status: 'failed', error: failure });
    const invoiceReason = `waiting on customer:cus_A (failed: ${failure})`;
    expect(result.results.get('invoice:in_1')).to.deep.equal({ status: 'blocked', reason: invoiceReason });
    expect(result.results.get('customerPayment:ch_1')).to.deep.equal({
      status: 'blocked',
      reason: `waiting on invoice:in_1 (blocked: ${invoiceReason})`,
    });
    expect(client.calls).to.deep.equal(['create customer cus_A', 'create customer cus_B']);
    expect(row('customer:cus_A')).to.deep.equal({ status: 'failed', attempts: 1, last_error: failure });
    expect(row('invoice:in_1')).to.deep.equal({ status: 'blocked', attempts: 0, last_error: invoiceReason });
    expect(result).to.deep.include({ done: 1, failed: 1, blocked: 2 });
  });

  it('blocks the operations of a cycle, and what waits on them, without sending any', async () => {
    const client = new FakeWriter();
    const ops = [
      create('customer', 'cus_A', { dependsOn: ['invoice:in_1'] }),
      create('invoice', 'in_1', { dependsOn: ['customer:cus_A'] }),
      create('customerPayment', 'ch_1', { dependsOn: ['invoice:in_1'] }),
      create('customer', 'cus_B'),
    ];
    const result = await applyPlan(ledger, client, { operations: ops }, options());
    expect(result.results.get('customer:cus_A')).to.deep.equal({ status: 'blocked', reason: CYCLE_REASON });
    expect(result.results.get('invoice:in_1')).to.deep.equal({ status: 'blocked', reason: CYCLE_REASON });
    expect(result.results.get('customerPayment:ch_1')).to.deep.equal({
      status: 'blocked',
      reason: `waiting on invoice:in_1 (blocked: ${CYCLE_REASON})`,
    });
    expect(client.calls).to.deep.equal(['create customer cus_B']);
  });

  it('a row left `sending` is resolved by looking the record up before any new write', async () => {
    const client = new FakeWriter();
    client.records.set('customer:cus_A', '42');
    const made = create('customer', 'cus_A');
    const lost = create('customer', 'cus_B');
    // A crashed run: both were being sent; cus_A reached NetSuite, cus_B did not.
    recordPlanned(ledger, runId, [made, lost], 1);
    markSending(ledger, made.key, 1);
    markSending(ledger, lost.key, 1);
    const result = await applyPlan(ledger, client, { operations: [made, lost] }, options());
    expect(client.calls).to.deep.equal(['lookup customer cus_A', 'lookup customer cus_B', 'create customer cus_B']);
    expect(result.results.get(made.key)).to.deep.equal({ status: 'done', internalId: '42', created: false });
    expect(result.results.get(lost.key)).to.deep.equal({ status: 'done', internalId: '100', created: true });
    expect(row(made.key)).to.deep.equal({ status: 'done', attempts: 2, last_error: null });
    const link = ledger.sqlite.prepare('SELECT internal_id FROM links WHERE op_key = ?').get(made.key) as { internal_id: string };
    expect(link.internal_id).to.equal('42');
  });

  it('an operation out of attempts waits for retry without a request', async () => {
    const client = new FakeWriter();
    const op = create('customer', 'cus_A');
    recordPlanned(ledger, runId, [op], 1);
    for (let i = 0; i < 3; i++) markSending(ledger, op.key, 1);
    markOutcome(ledger, op.key, 'failed', 'refused', 1);
    const result = await applyPlan(ledger, client, { operations: [op] }, options());
    expect(result.results.get(op.key)).to.deep.equal({
      status: 'skipped',
      reason: 'failed 3 times (last: refused); run `stripe-netsuite retry`',
    });
    expect(client.calls).to.deep.equal([]);
  });

  it('a refused login stops the run: nothing more is sent and no attempt is spent', async () => {
    const client = new FakeWriter();
    client.failCreate.set('cus_A', refusedLogin());
    const ops = [create('customer', 'cus_A'), create('customer', 'cus_B'), create('invoice', 'in_1', { dependsOn: ['customer:cus_A'] })];
    const seen: string[] = [];
    let thrown: unknown;
    await applyPlan(ledger, client, { operations: ops }, options({ concurrency: 1, onResult: (op, r) => seen.push(`${op.key} ${r.status}`) })).catch(
      (e) => (thrown = e),
    );
    expect(thrown).to.be.instanceOf(NetSuiteAccessError);
    expect(client.calls).to.deep.equal(['create customer cus_A']);
    expect(seen).to.have.members(['customer:cus_A skipped', 'customer:cus_B skipped', 'invoice:in_1 blocked']);
    expect(row('customer:cus_A')).to.deep.include({ status: 'planned', attempts: 0 });
    expect(row('customer:cus_B')).to.deep.include({ status: 'planned', attempts: 0 });
  });

  it('SIGTERM: operations in flight finish and are recorded; no new one starts', async () => {
    const client = new FakeWriter(5);
    const ops = Array.from({ length: 6 }, (_, i) => create('customer', `cus_${i}`));
    let stop = false;
    const result = await applyPlan(
      ledger,
      client,
      { operations: ops },
      options({ concurrency: 2, shouldStop: () => stop, onResult: () => (stop = true) }),
    );
    expect(result.stopped).to.equal(true);
    // Two were sent before the first result asked to stop; the rest never left.
    expect(client.calls).to.deep.equal(['create customer cus_0', 'create customer cus_1']);
    expect(result.done).to.equal(2);
    expect(result.skipped).to.equal(4);
    expect(result.results.get('customer:cus_5')).to.deep.equal({ status: 'skipped', reason: STOPPED_REASON });
    expect(row('customer:cus_2')).to.deep.include({ status: 'planned', attempts: 0 });
    expect(row('customer:cus_5')).to.deep.include({ status: 'planned', attempts: 0 });
  });

  it('SIGTERM: what depends on an operation the stop kept from starting is left for the next run, not recorded blocked', async () => {
    const client = new FakeWriter(5);
    const customers = Array.from({ length: 4 }, (_, i) => create('customer', `cus_${i}`));
    const invoices = customers.map((c, i) => create('invoice', `in_${i}`, { dependsOn: [c.key], body: { entity: { $ref: c.key } } }));
    let stop = false;
    const result = await applyPlan(
      ledger,
      client,
      { operations: [...customers, ...invoices] },
      options({ concurrency: 1, shouldStop: () => stop, onResult: () => (stop = true) }),
    );
    expect(result.stopped).to.equal(true);
    expect(result.blocked, 'nothing blocked by the stop').to.equal(0);
    expect(result.results.get('invoice:in_3')).to.deep.equal({ status: 'skipped', reason: STOPPED_REASON });
    const blocked = ledger.sqlite.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'blocked'").get() as { n: number };
    expect(blocked.n).to.equal(0);
    expect(row('invoice:in_3')).to.deep.include({ status: 'planned', attempts: 0 });
  });

  it('leaves the plan’s operations as they were (deep-frozen), sending resolved copies of their bodies', async () => {
    const client = new FakeWriter();
    const patch: Operation = {
      key: opKey('customer', 'cus_A', 'apply'),
      pass: 'customers',
      action: 'apply',
      recordType: 'customer',
      externalId: 'cus_A',
      stripeId: 'cus_A',
      target: 'customer:cus_A',
      body: { comments: 'patched', parent: { $ref: 'customer:cus_B' } },
      dependsOn: ['customer:cus_A', 'customer:cus_B'],
      hash: 'h-patch',
      summary: { description: 'patch' },
    };
    const ops = [create('customer', 'cus_A'), create('customer', 'cus_B'), patch];
    const before = JSON.stringify(ops);
    deepFreeze(ops);
    const result = await applyPlan(ledger, client, { operations: ops }, options({ concurrency: 2 }));
    expect(result.done).to.equal(3);
    expect(JSON.stringify(ops)).to.equal(before);
    expect(client.calls.at(-1)).to.equal('update customer 100 {"comments":"patched","parent":{"id":"101"}}');
  });
});
