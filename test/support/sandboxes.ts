// The one way tests start the sandboxes: the Stripe sandbox, the NetSuite sandbox, or both in this process on free
// ports, with the test credentials, the environment and configuration that point the connector (in process or as
// a CLI child) at them, and one close that stops what was started and removes the temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../../src/config/load-config.js';
import type { RuntimeConfig, Settings } from '../../src/config/settings.js';
import { startStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from '../../src/sandbox/stripe/server.js';
import { startNetSuiteSandbox, type NetSuiteSandbox, type NetSuiteSandboxOptions } from '../../src/sandbox/netsuite/server.js';
import { generateWorld, type GenerateOptions } from '../../src/sandbox/generate/generate-world.js';
import { createNetSuiteClient, type NetSuiteClient } from '../../src/netsuite/netsuite-client.js';

/** The credentials every sandbox started here accepts; secret-looking and distinct, so a test can look for a leak. */
export const TEST_SECRETS = {
  stripeApiKey: 'sk_test_sandboxes4412',
  accountId: '1234567_SB1',
  tba: {
    consumerKey: 'ck-test-9911',
    consumerSecret: 'cs-test-secret-7731',
    tokenId: 'tk-test-5521',
    tokenSecret: 'ts-test-secret-6643',
  },
};

/** The Stripe sandbox on a free port. Without `apiKey` it takes any test key, as its own default does. */
export function startStripe(o: Omit<StripeSandboxOptions, 'port'>): Promise<StripeSandbox> {
  return startStripeSandbox({ ...o, port: 0 });
}

/** The official Stripe SDK pointed at a Stripe sandbox, without retries (a test sees every answer). */
export function stripeSdk(sb: StripeSandbox, key = TEST_SECRETS.stripeApiKey): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
}

/** The NetSuite sandbox on a free port, for the test account and TBA credentials unless `o` names others. */
export function startNetSuite(o: Partial<NetSuiteSandboxOptions> = {}): Promise<NetSuiteSandbox> {
  return startNetSuiteSandbox({ accountId: TEST_SECRETS.accountId, credentials: { tba: TEST_SECRETS.tba }, port: 0, ...o });
}

/** A generated world and a sandbox clock three days after its end: what `startSandboxes` serves. */
export function generatedWorld(o: GenerateOptions): { world: object[]; now: number } {
  const { items, summary } = generateWorld(o);
  return { world: items, now: summary.end + 3 * 86_400 };
}

export interface Sandboxes {
  /** A temporary folder for the ledger, NetSuite's state and config files; removed by `close`. */
  dir: string;
  stripe: StripeSandbox;
  netsuite: NetSuiteSandbox;
  /** The whole environment a CLI child needs (besides PATH), pointing at both sandboxes. */
  env: Record<string, string>;
  ledgerPath: string;
  /** The connector's configuration from `env`, with `configPatch` applied. */
  config: RuntimeConfig;
  /** `config.settings` as a file (written when `writeConfigFile`), for CLI children. */
  configFile: string;
  /** Reads NetSuite over REST, to check what the connector wrote. */
  client: NetSuiteClient;
  /** Writes a config file in `dir`: the packaged defaults, changed by `patch`. */
  writeConfig(name: string, patch: (s: Settings) => void): string;
  close(): Promise<void>;
}

/** Both sandboxes: Stripe serving `world` at `now`, an empty NetSuite account (5 concurrent requests by default). */
export async function startSandboxes(o: {
  world: string | object[];
  now: number;
  stripe?: Omit<StripeSandboxOptions, 'port' | 'world' | 'now' | 'apiKey'>;
  netsuite?: Omit<Partial<NetSuiteSandboxOptions>, 'port' | 'stateFile' | 'accountId' | 'credentials'>;
  configPatch?: (settings: Settings) => void;
  writeConfigFile?: boolean;
}): Promise<Sandboxes> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-sandboxes-'));
  const stripe = await startStripe({ ...o.stripe, world: o.world, now: o.now, apiKey: TEST_SECRETS.stripeApiKey });
  const netsuite = await startNetSuite({ concurrency: 5, latencyMs: 0, ...o.netsuite, stateFile: path.join(dir, 'netsuite.sqlite') });
  const ledgerPath = path.join(dir, 'ledger.sqlite');
  const env: Record<string, string> = {
    STRIPE_API_KEY: TEST_SECRETS.stripeApiKey,
    STRIPE_API_BASE: stripe.url,
    NETSUITE_ACCOUNT_ID: TEST_SECRETS.accountId,
    NETSUITE_BASE_URL: netsuite.url,
    NETSUITE_AUTH: 'tba',
    NETSUITE_CONSUMER_KEY: TEST_SECRETS.tba.consumerKey,
    NETSUITE_CONSUMER_SECRET: TEST_SECRETS.tba.consumerSecret,
    NETSUITE_TOKEN_ID: TEST_SECRETS.tba.tokenId,
    NETSUITE_TOKEN_SECRET: TEST_SECRETS.tba.tokenSecret,
    LEDGER_PATH: ledgerPath,
  };
  const config = loadConfig(env);
  // In-process runs extract up to the sandbox clock: the world is complete, nothing is still settling.
  config.settings.extract.settleDelaySeconds = 0;
  o.configPatch?.(config.settings);
  const configFile = path.join(dir, 'config.json');
  if (o.writeConfigFile) fs.writeFileSync(configFile, JSON.stringify(config.settings, null, 2));
  const client = createNetSuiteClient(config.secrets, config.settings);
  return {
    dir,
    stripe,
    netsuite,
    env,
    ledgerPath,
    config,
    configFile,
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
