// Each state and transition of the outbox state machine (src/apply/outbox-states.ts) over a real SQLite ledger:
// what the row says afterwards (status, attempts, error, link), and what a later run's OutboxStates concludes.
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutboxStates } from '../../src/apply/outbox-states.js';
import { openLedger, type Ledger } from '../../src/ledger/open-ledger.js';
import { startRun } from '../../src/ledger/runs.js';
import { opKey, type Operation } from '../../src/plan/operation.js';

function customer(externalId: string): Operation {
  return {
    key: opKey('customer', externalId),
    pass: 'customers',
    action: 'create',
    recordType: 'customer',
    externalId,
    stripeId: externalId,
    body: {},
    dependsOn: [],
    hash: `h-${externalId}`,
    summary: { description: externalId },
  };
}

interface Row {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('apply: the outbox states', () => {
  let dir: string;
  let ledger: Ledger;
  let runId: number;
  const op = customer('cus_A');

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-states-'));
    ledger = openLedger(path.join(dir, 'ledger.sqlite'));
    runId = await startRun(ledger, 'sync', 1_700_000_000);
  });
  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const states = (ops: Operation[] = [op]) => new OutboxStates(ledger, runId, ops, () => 1_700_000_000);
  const row = (key = op.key) => ledger.sqlite.prepare('SELECT status, attempts, last_error FROM outbox WHERE op_key = ?').get(key) as Row;
  const link = (key = op.key) =>
    ledger.sqlite.prepare('SELECT internal_id FROM links WHERE op_key = ?').get(key) as { internal_id: string } | undefined;

  it('planned: a new operation is recorded planned with no attempt, and is neither unsure nor out of attempts', () => {
    const o = states();
    expect(row()).to.deep.equal({ status: 'planned', attempts: 0, last_error: null });
    expect(o.unsure(op.key)).to.equal(false);
    expect(o.outOfAttempts(op.key, 1)).to.equal(undefined);
  });

  it('planned → sending: the attempt is counted', () => {
    const o = states();
    o.sending(op.key);
    expect(row(), 'queued, not yet committed').to.deep.equal({ status: 'planned', attempts: 0, last_error: null });
    o.flush();
    expect(row()).to.deep.equal({ status: 'sending', attempts: 1, last_error: null });
  });

  it('transitions are committed a batch per tick: committed() resolves once the queued ones are in the ledger', async () => {
    const other = customer('cus_B');
    const o = states([op, other]);
    o.sending(op.key);
    o.sending(other.key);
    o.done(op, '42');
    await o.committed();
    expect(row()).to.deep.equal({ status: 'done', attempts: 1, last_error: null });
    expect(row(other.key)).to.deep.equal({ status: 'sending', attempts: 1, last_error: null });
    expect(link()).to.deep.equal({ internal_id: '42' });
  });

  it('a commit that fails is not swallowed: committed() and flush() report it', async () => {
    const o = states();
    o.sending(op.key);
    ledger.sqlite.exec("CREATE TRIGGER refuse BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    let caught: unknown;
    await o.committed().catch((err: unknown) => (caught = err));
    expect(String(caught)).to.include('disk says no');
    expect(() => o.flush()).to.throw('disk says no');
    ledger.sqlite.exec('DROP TRIGGER refuse');
    expect(row().status, 'the failed batch wrote nothing').to.equal('planned');
  });

  it('sending → done: the row and its link are recorded together', () => {
    const o = states();
    o.sending(op.key);
    o.done(op, '42');
    o.flush();
    expect(row()).to.deep.equal({ status: 'done', attempts: 1, last_error: null });
    expect(link()).to.deep.equal({ internal_id: '42' });
  });

  it('sending → failed: the error is kept and the attempt stays spent; after maxAttempts the next run waits for retry', () => {
    const o = states();
    o.sending(op.key);
    o.failed(op.key, 'refused: bad field');
    o.flush();
    expect(row()).to.deep.equal({ status: 'failed', attempts: 1, last_error: 'refused: bad field' });
    expect(link()).to.equal(undefined);
    const next = states();
    expect(row().status, 'a failed row stays failed when planned again').to.equal('failed');
    expect(next.outOfAttempts(op.key, 2)).to.equal(undefined);
    expect(next.outOfAttempts(op.key, 1)).to.equal('failed 1 times (last: refused: bad field); run `stripe-netsuite retry`');
  });

  it('sending → blocked, and planned → blocked: the reason is kept; the next run plans it again', () => {
    const o = states([op, customer('cus_B')]);
    o.sending(op.key);
    o.blocked(op.key, 'a reference had no record');
    o.blocked('customer:cus_B', 'prerequisite failed');
    o.flush();
    expect(row()).to.deep.equal({ status: 'blocked', attempts: 1, last_error: 'a reference had no record' });
    expect(row('customer:cus_B')).to.deep.equal({ status: 'blocked', attempts: 0, last_error: 'prerequisite failed' });
    states([op, customer('cus_B')]);
    expect(row().status).to.equal('planned');
    expect(row('customer:cus_B').status).to.equal('planned');
  });

  it('sending → planned (not sent: login refused, or the run stopped first): the attempt is given back', () => {
    const o = states();
    o.sending(op.key);
    o.notSent(op.key);
    o.flush();
    expect(row()).to.deep.equal({ status: 'planned', attempts: 0, last_error: null });
    // Refused logins as many times as attempts allow spend none of them.
    for (let i = 0; i < 5; i++) {
      o.sending(op.key);
      o.notSent(op.key);
    }
    o.flush();
    expect(row().attempts).to.equal(0);
    expect(states().outOfAttempts(op.key, 1)).to.equal(undefined);
  });

  it('sending stays (outcome unknown): the attempt is given back and the next run is unsure, so it looks the record up', () => {
    const o = states();
    o.sending(op.key);
    o.outcomeUnknown(op.key);
    o.flush();
    expect(row()).to.deep.equal({ status: 'sending', attempts: 0, last_error: null });
    const next = states();
    expect(row().status, 'planning again keeps `sending`').to.equal('sending');
    expect(next.unsure(op.key)).to.equal(true);
  });

  it('a crash while sending: the row is still `sending` when the next run plans, and that run is unsure of it only', () => {
    const other = customer('cus_B');
    const o = states([op, other]);
    o.sending(op.key);
    o.flush(); // committed: the request may now go out
    // The process dies here. The next run:
    const next = states([op, other]);
    expect(row()).to.deep.equal({ status: 'sending', attempts: 1, last_error: null });
    expect(next.unsure(op.key)).to.equal(true);
    expect(next.unsure(other.key)).to.equal(false);
  });

  it('done, planned again (its body changed): back to planned, not unsure', () => {
    const o = states();
    o.sending(op.key);
    o.done(op, '42');
    o.flush();
    const next = states();
    expect(row().status).to.equal('planned');
    expect(next.unsure(op.key)).to.equal(false);
  });
});
