// Measures how close the client comes to NetSuite's concurrency ceiling: with `concurrency` requests in
// flight and `latencyMs` per request, no client can exceed concurrency × 1000 / latencyMs requests/s.
import crypto from 'node:crypto';
import { throwAwayTba } from './throw-away-tba.js';
import { startNetSuiteSandbox } from '../sandbox/netsuite/server.js';
import { NetSuiteClient } from '../netsuite/netsuite-client.js';

export interface BenchThroughputOptions {
  records: number;
  concurrency: number;
  latencyMs: number;
}

export interface BenchThroughputResult {
  requestsPerSecond: number;
  ceiling: number;
  /** requestsPerSecond / ceiling. */
  share: number;
  requests: number;
  records: number;
  wallMs: number;
  /** 429s the sandbox sent (the client should cause none). */
  rejected429: number;
  /** Most requests the sandbox saw in flight at once. */
  maxInFlight: number;
}

export async function benchThroughput(o: BenchThroughputOptions): Promise<BenchThroughputResult> {
  const accountId = '1234567_SB1';
  const tba = throwAwayTba();
  const sandbox = await startNetSuiteSandbox({
    accountId,
    credentials: { tba },
    concurrency: o.concurrency,
    latencyMs: o.latencyMs,
  });
  const client = new NetSuiteClient({
    baseUrl: sandbox.url,
    accountId,
    auth: { method: 'tba', ...tba },
    concurrency: o.concurrency,
  });
  try {
    const run = crypto.randomBytes(4).toString('hex');
    // Warm-up (JIT, sockets), not measured: the figure is steady-state throughput, not start-up cost.
    await Promise.all(Array.from({ length: o.concurrency }, () => client.get('currency', '1')));
    const before = { requests: client.stats.requests, sandbox: sandbox.stats() };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: o.records }, (_, i) =>
        client.createWithExternalId('customer', {
          externalId: `bench-${run}-${i}`,
          companyName: `Bench Customer ${i}`,
          subsidiary: { id: '1' },
        }),
      ),
    );
    const wallMs = performance.now() - started;
    const requests = client.stats.requests - before.requests;
    const requestsPerSecond = (requests * 1000) / wallMs;
    const ceiling = (o.concurrency * 1000) / o.latencyMs;
    const s = sandbox.stats();
    return {
      requestsPerSecond,
      ceiling,
      share: requestsPerSecond / ceiling,
      requests,
      records: o.records,
      wallMs,
      rejected429: s.rejected429 - before.sandbox.rejected429,
      maxInFlight: s.maxInFlight,
    };
  } finally {
    client.close();
    await sandbox.close();
  }
}
