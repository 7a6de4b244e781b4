// Concurrency governance (429), latency, random 500s and lost responses whose writes still commit.
import { expect } from 'chai';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { NsTestClient } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

describe('NetSuite sandbox: governance and faults', () => {
  let sb: NetSuiteSandbox;
  let client: NsTestClient;
  beforeEach(async () => {
    sb = await startNetSuite({ concurrency: 2, latencyMs: 250 });
    client = new NsTestClient(sb.url);
  });
  afterEach(() => sb.close());

  it('answers 429 CONCURRENCY_LIMIT_EXCEEDED beyond C requests in flight', async () => {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => client.record('GET', 'currency/1')));
    const ok = results.filter((r) => r.status === 200);
    const limited = results.filter((r) => r.status === 429);
    expect(ok).to.have.length(2);
    expect(limited).to.have.length(4);
    expect(limited[0].json).to.deep.equal({
      type: 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
      title: 'Bad Request',
      status: 429,
      'o:errorCode': 'USER_ERROR',
      'o:errorDetails': [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }],
    });
    expect(Date.now() - started).to.be.at.least(240); // latency applied while holding a slot
    const stats = sb.stats();
    expect(stats).to.include({ requests: 6, rejected429: 4, maxInFlight: 2 });
    expect(stats.byMethod.GET).to.equal(6);
    // Slots free up again once the slow requests finish.
    expect((await client.record('GET', 'currency/1')).status).to.equal(200);
  });

  it('a lost response still commits the write: the record is visible by eid afterwards', async () => {
    sb.setFaults({ lostResponseRate: 1 });
    let error: unknown;
    try {
      await client.record('POST', 'customer', { companyName: 'Lost Response Ltd', subsidiary: { id: '1' }, externalId: 'cus_lost' });
    } catch (e) {
      error = e;
    }
    expect(error, 'the client sees a dropped connection').to.be.instanceOf(Error);
    sb.setFaults({ lostResponseRate: 0 });
    const rec = await client.get('customer', 'eid:cus_lost');
    expect(rec.companyName).to.equal('Lost Response Ltd');
    expect(sb.stats().lostResponses).to.equal(1);
  });

  it('random 500 UNEXPECTED_ERROR happens before anything is done, and is seeded-deterministic', async () => {
    await client.sandbox('faults', { method: 'POST', body: JSON.stringify({ serverErrorRate: 1, seed: 7 }) });
    const r = await client.record('POST', 'customer', { companyName: 'Never Saved', subsidiary: { id: '1' }, externalId: 'cus_500' });
    expect(r.status).to.equal(500);
    expect(r.json['o:errorDetails'][0]['o:errorCode']).to.equal('UNEXPECTED_ERROR');
    expect(r.json['o:errorDetails'][0].detail).to.match(/^An unexpected error occurred\. Error ID: [a-z]{20}$/);
    sb.setFaults({ serverErrorRate: 0 });
    expect((await client.record('GET', 'customer/eid:cus_500')).status).to.equal(404);

    sb.setFaults({ serverErrorRate: 0.5, seed: 42 });
    const first = [];
    for (let i = 0; i < 8; i++) first.push((await client.record('GET', 'currency/1')).status);
    sb.setFaults({ serverErrorRate: 0.5, seed: 42 });
    const second = [];
    for (let i = 0; i < 8; i++) second.push((await client.record('GET', 'currency/1')).status);
    expect(second).to.deep.equal(first);
    expect(first).to.include(500).and.to.include(200);
  });
});
