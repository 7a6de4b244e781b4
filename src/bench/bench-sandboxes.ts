// Both sandboxes in this process, on free local ports, with throw-away credentials, and the runtime
// configuration that points the connector at them and at a ledger in a temporary folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { RuntimeConfig } from '../config/settings.js';
import { startStripeSandbox, type StripeSandbox } from '../sandbox/stripe/server.js';
import { startNetSuiteSandbox, type NetSuiteSandbox } from '../sandbox/netsuite/server.js';

export interface BenchSandboxOptions {
  /** Stripe world items (objects and events). Omit for a NetSuite-only bench. */
  world?: object[];
  /** Stripe sandbox clock, Unix seconds. */
  now: number;
  latencyMs: number;
  concurrency: number;
  /** Config file with the NetSuite mappings (default: the packaged one). */
  configFile?: string;
}

export interface BenchSandboxes {
  dir: string;
  stripe: StripeSandbox | null;
  netsuite: NetSuiteSandbox;
  config: RuntimeConfig;
  close(): Promise<void>;
}

const ACCOUNT_ID = '1234567_SB1';

export async function startBenchSandboxes(o: BenchSandboxOptions): Promise<BenchSandboxes> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-netsuite-bench-'));
  const secret = () => crypto.randomBytes(12).toString('hex');
  const stripeApiKey = `sk_test_bench${secret()}`;
  const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
  let stripe: StripeSandbox | null = null;
  let netsuite: NetSuiteSandbox | null = null;
  try {
    if (o.world) stripe = await startStripeSandbox({ world: o.world, port: 0, now: o.now, apiKey: stripeApiKey });
    netsuite = await startNetSuiteSandbox({
      port: 0,
      stateFile: path.join(dir, 'netsuite-sandbox.sqlite'),
      accountId: ACCOUNT_ID,
      credentials: { tba },
      concurrency: o.concurrency,
      latencyMs: o.latencyMs,
    });
    const config = loadConfig(
      {
        STRIPE_API_KEY: stripeApiKey,
        // Nothing listens there in a NetSuite-only bench; nothing reads Stripe in it either.
        STRIPE_API_BASE: stripe?.url ?? 'http://127.0.0.1:9',
        NETSUITE_ACCOUNT_ID: ACCOUNT_ID,
        NETSUITE_BASE_URL: netsuite.url,
        NETSUITE_AUTH: 'tba',
        NETSUITE_CONSUMER_KEY: tba.consumerKey,
        NETSUITE_CONSUMER_SECRET: tba.consumerSecret,
        NETSUITE_TOKEN_ID: tba.tokenId,
        NETSUITE_TOKEN_SECRET: tba.tokenSecret,
        LEDGER_PATH: path.join(dir, 'ledger.sqlite'),
      },
      o.configFile,
    );
    // The client keeps to the same limit the sandbox enforces, and nothing in a finished world needs settling.
    config.settings.netsuite.concurrency = o.concurrency;
    config.settings.extract.settleDelaySeconds = 0;
    const ns = netsuite;
    const st = stripe;
    return {
      dir,
      stripe: st,
      netsuite: ns,
      config,
      close: async () => {
        await st?.close();
        await ns.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stripe?.close();
    await netsuite?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
