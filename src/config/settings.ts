// The configuration a run works with: mappings and flags from the config file, secrets from the environment.

import type { z } from 'zod';
import type { SettingsSchema } from './schema.js';

/** The config file as loaded: every default filled in (src/config/schema.ts is the one definition). */
type Loaded = Omit<z.output<typeof SettingsSchema>, '$schema'>;
type LoadedNetSuite = Loaded['netsuite'];

export type AccountSettings = LoadedNetSuite['accounts'];

/**
 * `discountItems` and `closedPeriods` are always set on a loaded configuration; they stay optional here so settings
 * built by hand (tests, bench) need not state them, and readers keep their `?? default`.
 */
export type NetSuiteSettings = Omit<LoadedNetSuite, 'discountItems' | 'closedPeriods'> &
  Partial<Pick<LoadedNetSuite, 'discountItems' | 'closedPeriods'>>;

export type FeatureFlags = Loaded['features'];
export type CustomerMatch = NonNullable<FeatureFlags['customerMatch']>;
export type ExtractSettings = Loaded['extract'];

export type Settings = Omit<Loaded, 'netsuite'> & { netsuite: NetSuiteSettings };

export type NetSuiteAuth =
  | { method: 'tba'; consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string }
  | { method: 'oauth2'; clientId: string; certificateId: string; privateKeyPem: string; scope: string };

export interface Secrets {
  stripeApiKey: string;
  /** e.g. https://api.stripe.com, or http://127.0.0.1:PORT for the sandbox. */
  stripeApiBase: string;
  netsuiteAccountId: string;
  /** e.g. https://1234567-sb1.suitetalk.api.netsuite.com, or the sandbox. */
  netsuiteBaseUrl: string;
  netsuiteAuth: NetSuiteAuth;
  ledgerPath: string;
}

export interface RuntimeConfig {
  settings: Settings;
  secrets: Secrets;
  configFile: string;
}
