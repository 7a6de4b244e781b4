// Measures adaptive NetSuite concurrency (netsuite/adaptive-concurrency.ts): the client is configured for C requests
// in flight against an account (the NetSuite sandbox, in this process) that allows only L, and creates N records.
// The extra requests it costs are the sandbox's 429s; the bound adaptive-concurrency.ts states for them is
// C − L (while the limit comes down) + ⌈N / (probeRounds × L)⌉ (one per probe of a slot above L), probeRounds = 50.
import crypto from 'node:crypto';
import { throwAwayTba } from './throw-away-tba.js';
import { startNetSuiteSandbox } from '../sandbox/netsuite/server.js';
import { NetSuiteClient } from '../netsuite/netsuite-client.js';

/** The limiter's default, as the bound in adaptive-concurrency.ts uses it. */
const PROBE_ROUNDS = 50;

export interface AdaptiveBenchOptions {
  records: number;
  /** The client's configured ceiling C (`netsuite.concurrency`). */
  concurrency: number;
  latencyMs: number;
  /** The account limits L to measure (each below C). */
  accountLimits: number[];
}

export interface AdaptiveBenchRow {
  accountLimit: number;
  records: number;
  created: number;
  /** 429s the sandbox answered: the extra requests adaptation cost. */
  extraRequests: number;
  bound: number;
  /** The client's in-flight limit at the end, and the lowest it went. */
  finalLimit: number;
  lowestLimit: number;
  wallMs: number;
  withinBound: boolean;
}

export function extraRequestBound(c: number, l: number, n: number): number {
  return c - l + Math.ceil(n / (PROBE_ROUNDS * l));
}

export async function benchAdaptiveConcurrency(o: AdaptiveBenchOptions): Promise<AdaptiveBenchRow[]> {
  const rows: AdaptiveBenchRow[] = [];
  for (const l of o.accountLimits) {
    if (l >= o.concurrency) throw new Error(`account limit ${l} is not below the configured concurrency ${o.concurrency}`);
    rows.push(await measure(o, l));
  }
  return rows;
}

async function measure(o: AdaptiveBenchOptions, accountLimit: number): Promise<AdaptiveBenchRow> {
  const accountId = '1234567_SB1';
  const tba = throwAwayTba();
  const sandbox = await startNetSuiteSandbox({ accountId, credentials: { tba }, concurrency: accountLimit, latencyMs: o.latencyMs });
  const client = new NetSuiteClient({ baseUrl: sandbox.url, accountId, auth: { method: 'tba', ...tba }, concurrency: o.concurrency });
  try {
    const run = crypto.randomBytes(4).toString('hex');
    const before = sandbox.stats().rejected429;
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: o.records }, (_, i) =>
        client.createWithExternalId('customer', { externalId: `bench-${run}-${i}`, companyName: `Bench Customer ${i}`, subsidiary: { id: '1' } }),
      ),
    );
    const wallMs = performance.now() - started;
    const extraRequests = sandbox.stats().rejected429 - before;
    const bound = extraRequestBound(o.concurrency, accountLimit, o.records);
    const created = results.filter((r) => r.status === 'fulfilled').length;
    return {
      accountLimit,
      records: o.records,
      created,
      extraRequests,
      bound,
      finalLimit: client.concurrency.limit,
      lowestLimit: client.concurrency.lowest,
      wallMs,
      withinBound: created === o.records && extraRequests <= bound,
    };
  } finally {
    client.close();
    await sandbox.close();
  }
}
