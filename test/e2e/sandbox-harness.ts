// Starts both sandboxes and builds the runtime configuration that points the connector at them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import type { RuntimeConfig } from '../../src/config/settings.js';
import { startStripeSandbox, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { startNetSuiteSandbox, type NetSuiteSandbox, type NetSuiteSandboxOptions } from '../../src/sandbox/netsuite/server.js';
import type { FeatureOption } from '../../src/sandbox/netsuite/features.js';
import { createNetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import type { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';

export const TEST_CREDENTIALS = {
  stripeApiKey: 'sk_test_e2eharness',
  accountId: '7654321_SB1',
  tba: { consumerKey: 'ck-e2e', consumerSecret: 'cs-e2e', tokenId: 'tk-e2e', tokenSecret: 'ts-e2e' },
};

export interface Harness {
  dir: string;
  stripe: StripeSandbox;
  netsuite: NetSuiteSandbox;
  config: RuntimeConfig;
  /** The settings as a file, for child processes (set when `writeConfigFile`). */
  configFile: string;
  client: NetSuiteClient;
  close(): Promise<void>;
}

export async function startHarness(o: {
  world: object[];
  now: number;
  concurrency?: number;
  latencyMs?: number;
  writeConfigFile?: boolean;
  configPatch?: (settings: RuntimeConfig['settings']) => void;
  /** The NetSuite account's features (default 'all'). */
  features?: FeatureOption;
  /** Every NetSuite request as the sandbox received it, with the status it answered. */
  onNetSuiteRequest?: NetSuiteSandboxOptions['onRequest'];
}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sn-e2e-'));
  const stripe = await startStripeSandbox({ world: o.world, port: 0, now: o.now, apiKey: TEST_CREDENTIALS.stripeApiKey });
  const netsuite = await startNetSuiteSandbox({
    port: 0,
    stateFile: path.join(dir, 'netsuite.sqlite'),
    accountId: TEST_CREDENTIALS.accountId,
    credentials: { tba: TEST_CREDENTIALS.tba },
    concurrency: o.concurrency ?? 5,
    latencyMs: o.latencyMs ?? 0,
    ...(o.features ? { features: o.features } : {}),
    ...(o.onNetSuiteRequest ? { onRequest: o.onNetSuiteRequest } : {}),
  });
  const config = loadConfig({
    STRIPE_API_KEY: TEST_CREDENTIALS.stripeApiKey,
    STRIPE_API_BASE: stripe.url,
    NETSUITE_ACCOUNT_ID: TEST_CREDENTIALS.accountId,
    NETSUITE_BASE_URL: netsuite.url,
    NETSUITE_CONSUMER_KEY: TEST_CREDENTIALS.tba.consumerKey,
    NETSUITE_CONSUMER_SECRET: TEST_CREDENTIALS.tba.consumerSecret,
    NETSUITE_TOKEN_ID: TEST_CREDENTIALS.tba.tokenId,
    NETSUITE_TOKEN_SECRET: TEST_CREDENTIALS.tba.tokenSecret,
    LEDGER_PATH: path.join(dir, 'ledger.sqlite'),
  });
  config.settings.extract.settleDelaySeconds = 0;
  o.configPatch?.(config.settings);
  const configFile = path.join(dir, 'config.json');
  if (o.writeConfigFile) fs.writeFileSync(configFile, JSON.stringify(config.settings, null, 2));
  const client = createNetSuiteClient(config.secrets, config.settings);
  return {
    dir,
    stripe,
    netsuite,
    config,
    configFile,
    client,
    close: async () => {
      await stripe.close();
      await netsuite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
