// Extraction benchmark: one sync run of a whole world from the Stripe sandbox into a temporary ledger.
// Target: about one list request per 100 objects, plus one balance-transaction listing per payout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../config/load-config.js';
import type { Settings } from '../config/settings.js';
import { openLedger } from '../ledger/open-ledger.js';
import { startStripeSandbox } from '../sandbox/stripe/server.js';
import { extract, type ExtractResult } from '../extract/extract-run.js';
import { createStripeClient } from '../extract/stripe-client.js';

export interface BenchExtractResult {
  objects: number;
  requests: number;
  requestsPerObject: number;
  objectsPerSecond: number;
  wallMs: number;
  /** The run's own summary (errors included), for a reader who wants the detail. */
  run: ExtractResult;
}

const BENCH_KEY = 'sk_test_benchExtract';

export async function benchExtract(o: {
  world: object[] | string;
  /** Sandbox clock and run time, Unix seconds. */
  now: number;
  /** Defaults to the shipped config file's settings. */
  settings?: Settings;
  /** Defaults to the settings' rate; the sandbox has no rate limit of its own. */
  requestsPerSecond?: number;
}): Promise<BenchExtractResult> {
  const settings = o.settings ?? (JSON.parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Settings);
  const sandbox = await startStripeSandbox({ world: o.world, now: o.now, apiKey: BENCH_KEY });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-extract-'));
  const ledger = openLedger(path.join(dir, 'ledger.sqlite'));
  try {
    const client = createStripeClient(
      { stripeApiKey: BENCH_KEY, stripeApiBase: sandbox.url },
      { requestsPerSecond: o.requestsPerSecond ?? settings.extract.requestsPerSecond },
    );
    const started = performance.now();
    const run = await extract(ledger, client, settings, { now: o.now, mode: 'sync' });
    const wallMs = performance.now() - started;
    const objects = (ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM stripe_objects').get() as { n: number }).n;
    return {
      objects,
      requests: run.requests,
      requestsPerObject: objects > 0 ? run.requests / objects : 0,
      objectsPerSecond: wallMs > 0 ? (objects * 1000) / wallMs : 0,
      wallMs,
      run,
    };
  } finally {
    await ledger.close();
    await sandbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
