// Both sandboxes in a child process (sandbox-child.ts), on free local ports, with throw-away credentials, and the
// runtime configuration that points the connector at them and at a ledger in a temporary folder. The connector
// then runs alone in its process: its peak memory and event loop are its own.
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { Env } from '../config/load-config.js';
import type { RuntimeConfig } from '../config/settings.js';
import type { NetSuiteSandboxStats } from '../sandbox/netsuite/server.js';
import type { ChildMessage, ParentMessage, SandboxChildReady, SandboxChildStats, WorldSpec } from './sandbox-child.js';
import { askChild, forkBenchChild } from './bench-child.js';

export interface BenchSandboxOptions {
  /** The Stripe world the child generates and serves. Omit for a NetSuite-only bench. */
  world?: WorldSpec & { notAfter?: number };
  latencyMs: number;
  concurrency: number;
  /** Config file with the NetSuite mappings (default: the packaged one). */
  configFile?: string;
}

export interface BenchSandboxes {
  dir: string;
  /** The world as generated (null without one). */
  world: SandboxChildReady['world'];
  /** The Stripe sandbox clock, Unix seconds (null without a world). */
  now: number | null;
  /** The NDJSON world file the Stripe sandbox serves. */
  worldFile: string | null;
  /** Environment that points a `stripe-netsuite` process at these sandboxes and the temporary ledger. */
  env: Env;
  config: RuntimeConfig;
  /** Counters read from the sandboxes' process, and its CPU time so far (ms). */
  stats(): Promise<{ netsuite: NetSuiteSandboxStats; stripeRequests: number; cpuMs: number }>;
  close(): Promise<void>;
}

const ACCOUNT_ID = '1234567_SB1';
const CHILD = new URL('./sandbox-child.js', import.meta.url);

/** One request to the sandboxes' process. */
function ask<T extends ChildMessage['type']>(child: ChildProcess, m: ParentMessage, expect: T): Promise<Extract<ChildMessage, { type: T }>> {
  return askChild<ChildMessage, T>(child, 'bench sandboxes', m, expect);
}

export async function startBenchSandboxes(o: BenchSandboxOptions): Promise<BenchSandboxes> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-netsuite-bench-'));
  const secret = () => crypto.randomBytes(12).toString('hex');
  const stripeApiKey = `sk_test_bench${secret()}`;
  const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
  const worldFile = o.world ? path.join(dir, 'world.ndjson') : null;
  const child = forkBenchChild(CHILD);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await ask(child, { type: 'close' }, 'closed');
      } catch {
        child.kill();
      }
      await gone;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ready = await ask(
      child,
      {
        type: 'start',
        ...(o.world && worldFile ? { world: { ...o.world, file: worldFile } } : {}),
        stripeApiKey,
        netsuite: {
          accountId: ACCOUNT_ID,
          tba,
          concurrency: o.concurrency,
          latencyMs: o.latencyMs,
        },
      },
      'ready',
    );
    const env: Env = {
      STRIPE_API_KEY: stripeApiKey,
      // Nothing listens there in a NetSuite-only bench; nothing reads Stripe in it either.
      STRIPE_API_BASE: ready.stripeUrl ?? 'http://127.0.0.1:9',
      NETSUITE_ACCOUNT_ID: ACCOUNT_ID,
      NETSUITE_BASE_URL: ready.netsuiteUrl,
      NETSUITE_AUTH: 'tba',
      NETSUITE_CONSUMER_KEY: tba.consumerKey,
      NETSUITE_CONSUMER_SECRET: tba.consumerSecret,
      NETSUITE_TOKEN_ID: tba.tokenId,
      NETSUITE_TOKEN_SECRET: tba.tokenSecret,
      LEDGER_PATH: path.join(dir, 'ledger.sqlite'),
    };
    const config = loadConfig(env, o.configFile);
    // The client keeps to the same limit the sandbox enforces, and nothing in a finished world needs settling.
    config.settings.netsuite.concurrency = o.concurrency;
    config.settings.extract.settleDelaySeconds = 0;
    return {
      dir,
      world: ready.world,
      now: ready.now,
      worldFile,
      env,
      config,
      stats: async () => {
        const s: SandboxChildStats = await ask(child, { type: 'stats' }, 'stats');
        return { netsuite: s.netsuite, stripeRequests: s.stripeRequests, cpuMs: s.cpuMs };
      },
      close: stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
