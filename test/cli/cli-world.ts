// A generated Stripe world served by the Stripe sandbox and an empty NetSuite sandbox, both in the test process
// on free ports, plus the environment and config files that point the CLI (a child process) at them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/config/load-config.js';
import type { Settings } from '../../src/config/settings.js';
import { generateWorld, type WorldSummary } from '../../src/sandbox/generate/generate-world.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { startNetSuiteSandbox, type NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import type { FeatureOption } from '../../src/sandbox/netsuite/features.js';
import { createNetSuiteClient, type NetSuiteClient } from '../../src/netsuite/netsuite-client.js';

export const CLI_CREDENTIALS = {
  stripeApiKey: 'sk_test_cliworld4412',
  accountId: '7654321_SB1',
  tba: {
    consumerKey: 'ck-cli-world-9911',
    consumerSecret: 'cs-cli-world-secret-7731',
    tokenId: 'tk-cli-world-5521',
    tokenSecret: 'ts-cli-world-secret-6643',
  },
};

export interface CliWorld {
  dir: string;
  items: object[];
  summary: WorldSummary;
  stripe: StripeSandbox;
  netsuite: NetSuiteSandbox;
  /** The whole environment the CLI child gets (besides PATH). */
  env: Record<string, string>;
  ledgerPath: string;
  /** Reads NetSuite over REST, to check what the CLI wrote. */
  client: NetSuiteClient;
  /** Writes a config file: the packaged defaults, changed by `patch`. */
  writeConfig(name: string, patch: (s: Settings) => void): string;
  close(): Promise<void>;
}

export async function startCliWorld(o: {
  customers: number;
  months: number;
  seed: number;
  /** Latency the NetSuite sandbox adds to every request, to keep a run in flight long enough to interrupt. */
  netsuiteLatencyMs?: number;
  /** The NetSuite account's features (default 'all'). */
  netsuiteFeatures?: FeatureOption;
}): Promise<CliWorld> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-cli-world-'));
  const { items, summary } = generateWorld({ customers: o.customers, months: o.months, seed: o.seed });
  const stripe = await startStripeSandbox({
    world: items,
    port: 0,
    now: summary.end + 3 * 86_400,
    apiKey: CLI_CREDENTIALS.stripeApiKey,
  });
  const netsuite = await startNetSuiteSandbox({
    port: 0,
    stateFile: path.join(dir, 'netsuite.sqlite'),
    accountId: CLI_CREDENTIALS.accountId,
    credentials: { tba: CLI_CREDENTIALS.tba },
    concurrency: 5,
    latencyMs: o.netsuiteLatencyMs ?? 0,
    ...(o.netsuiteFeatures ? { features: o.netsuiteFeatures } : {}),
  });
  const ledgerPath = path.join(dir, 'ledger.sqlite');
  const env: Record<string, string> = {
    STRIPE_API_KEY: CLI_CREDENTIALS.stripeApiKey,
    STRIPE_API_BASE: stripe.url,
    NETSUITE_ACCOUNT_ID: CLI_CREDENTIALS.accountId,
    NETSUITE_BASE_URL: netsuite.url,
    NETSUITE_AUTH: 'tba',
    NETSUITE_CONSUMER_KEY: CLI_CREDENTIALS.tba.consumerKey,
    NETSUITE_CONSUMER_SECRET: CLI_CREDENTIALS.tba.consumerSecret,
    NETSUITE_TOKEN_ID: CLI_CREDENTIALS.tba.tokenId,
    NETSUITE_TOKEN_SECRET: CLI_CREDENTIALS.tba.tokenSecret,
    LEDGER_PATH: ledgerPath,
  };
  const config = loadConfig(env);
  const client = createNetSuiteClient(config.secrets, config.settings);
  return {
    dir,
    items,
    summary,
    stripe,
    netsuite,
    env,
    ledgerPath,
    client,
    writeConfig: (name, patch) => {
      const settings = JSON.parse(fs.readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Settings;
      patch(settings);
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(settings, null, 2));
      return file;
    },
    close: async () => {
      client.close();
      await stripe.close();
      await netsuite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The latest snapshot of every object in a world, by id (events carry the later ones). */
export function latestObjects(items: object[]): Map<string, Record<string, unknown>> {
  const latest = new Map<string, Record<string, unknown>>();
  for (const item of items as Array<Record<string, unknown>>) {
    const o = (item.object === 'event' ? (item.data as { object: Record<string, unknown> }).object : item);
    if (typeof o.id === 'string') latest.set(o.id, o);
  }
  return latest;
}
