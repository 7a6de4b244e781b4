import { expect } from 'chai';
import { benchThroughput } from '../../src/bench/client-throughput.js';

describe('NetSuite client throughput against the sandbox', () => {
  it('keeps the account busy: ≥ 90% of concurrency × 1000 / latency, with no 429', async () => {
    // 500 ms is a typical NetSuite write; 40 records = 8 full rounds of 5 (no half-empty last round).
    const r = await benchThroughput({ records: 40, concurrency: 5, latencyMs: 500 });
    expect(r.ceiling).to.equal(10);
    expect(r.records).to.equal(40);
    expect(r.requests).to.equal(40); // one POST per record: no retries, no lookups
    expect(r.rejected429).to.equal(0);
    expect(r.maxInFlight).to.equal(5);
    expect(r.share).to.be.at.least(0.9);
    expect(r.share).to.be.at.most(1.01);
    expect(r.requestsPerSecond).to.be.closeTo((r.requests * 1000) / r.wallMs, 1e-9);
  });
});
