// Reads and validates the configuration. Every problem is collected and reported at once, by name;
// secret values are never echoed, only whether they are present.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetSuiteAuth, RuntimeConfig, Secrets, Settings } from './settings.js';
import { SettingsSchema } from './schema.js';
import { formatSchemaIssues } from './schema-errors.js';

/** `apply.partitionObjects` when the file leaves it out: a few megabytes of snapshots and operations at a time. */
export const DEFAULT_PARTITION_OBJECTS = 2_000;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The NetSuite account cannot take what a run would send: a usage problem (exit 2), found before posting. */
export class AccountSchemaError extends ConfigError {
  constructor(problems: string[]) {
    super(problems);
    this.message = `the NetSuite account cannot take what this run would send (nothing was posted):\n${problems
      .map((p) => `  - ${p}`)
      .join('\n')}\nRun \`stripe-netsuite preflight\` for the whole check.`;
    this.name = 'AccountSchemaError';
  }
}

export const DEFAULT_CONFIG_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../config/stripe-netsuite.json',
);

export type Env = Record<string, string | undefined>;

export function netsuiteBaseUrlFor(accountId: string): string {
  // 1234567_SB1 → 1234567-sb1 (every underscore, lowercase host).
  return `https://${accountId.toLowerCase().replace(/_/g, '-')}.suitetalk.api.netsuite.com`;
}

/** The config file a run uses: `--config`, else STRIPE_NETSUITE_CONFIG, else the bundled example. */
export function resolveConfigFile(env: Env = process.env, configFile?: string): string {
  return path.resolve(configFile ?? (env.STRIPE_NETSUITE_CONFIG?.trim() || DEFAULT_CONFIG_FILE));
}

/** Reads and validates the config file alone (no secrets): every problem is pushed to `problems`. */
export function readSettingsFile(file: string, problems: string[]): Settings | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`config file ${file}: ${(err as Error).message}`);
    return undefined;
  }
  return validateSettings(raw, problems);
}

export function loadConfig(env: Env = process.env, configFile?: string): RuntimeConfig {
  const problems: string[] = [];
  const file = resolveConfigFile(env, configFile);
  const settings = readSettingsFile(file, problems);
  const secrets = readSecrets(env, problems);
  if (settings && secrets && !problems.some((p) => p.startsWith('NETSUITE_BASE_URL'))) {
    const refusal = bundledConfigRefusal(file, settings, secrets.netsuiteBaseUrl);
    if (refusal) problems.push(refusal);
  }
  if (problems.length > 0 || !settings || !secrets) throw new ConfigError(problems);
  return { settings, secrets, configFile: file };
}

/** Settings only, for commands that need no secrets (explain). */
export function loadSettings(env: Env = process.env, configFile?: string): { settings: Settings; configFile: string } {
  const problems: string[] = [];
  const file = resolveConfigFile(env, configFile);
  const settings = readSettingsFile(file, problems);
  if (problems.length > 0 || !settings) throw new ConfigError(problems);
  return { settings, configFile: file };
}

/** 127.0.0.1, ::1 or localhost: the built-in sandboxes. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The bundled example config carries the local sandbox's internal ids: against a real NetSuite account they would
 * post to whatever accounts happen to have those ids. It (or an unchanged copy) is refused there.
 */
function bundledConfigRefusal(file: string, settings: Settings, netsuiteBaseUrl: string): string | undefined {
  if (isLocalUrl(netsuiteBaseUrl)) return undefined;
  let isBundled = samePath(file, DEFAULT_CONFIG_FILE);
  if (!isBundled) {
    const bundled = readSettingsFile(DEFAULT_CONFIG_FILE, []);
    isBundled = bundled !== undefined && JSON.stringify(bundled) === JSON.stringify(settings);
  }
  if (!isBundled) return undefined;
  return (
    `config file ${file} is the bundled example, whose internal ids are the local sandbox's, and NETSUITE_BASE_URL ` +
    '(set, or derived from NETSUITE_ACCOUNT_ID) is not the local sandbox: run `stripe-netsuite init --out stripe-netsuite.json`, ' +
    "fill in your account's internal ids (config/README.md), and pass it with --config stripe-netsuite.json (or STRIPE_NETSUITE_CONFIG)"
  );
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** LEDGER_PATH (default ./stripe-netsuite.sqlite), checked: its directory must exist (a typo must not start afresh). */
export function readLedgerPath(env: Env, problems: string[]): string {
  const ledgerPath = env.LEDGER_PATH?.trim() || './stripe-netsuite.sqlite';
  if (ledgerPath !== ':memory:') {
    const dir = path.dirname(path.resolve(ledgerPath));
    if (!fs.existsSync(dir)) {
      problems.push(`LEDGER_PATH ${ledgerPath}: the directory ${dir} does not exist (create it, or correct the path)`);
    } else if (!fs.statSync(dir).isDirectory()) {
      problems.push(`LEDGER_PATH ${ledgerPath}: ${dir} is not a directory (correct the path)`);
    }
  }
  return ledgerPath;
}

/** The ledger path alone, for the read-only commands (status, explain, retry): no Stripe or NetSuite secret needed. */
export function loadLedgerPath(env: Env = process.env): string {
  const problems: string[] = [];
  const ledgerPath = readLedgerPath(env, problems);
  if (problems.length === 0 && ledgerPath !== ':memory:' && !fs.existsSync(ledgerPath)) {
    problems.push(
      `LEDGER_PATH ${ledgerPath}: no ledger there (nothing has synced into it yet): set LEDGER_PATH to the ledger sync uses`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return ledgerPath;
}

function readSecrets(env: Env, problems: string[]): Secrets | undefined {
  const required = (name: string): string => {
    const v = env[name];
    if (v === undefined || v.trim() === '') {
      problems.push(`${name} is not set`);
      return '';
    }
    return v.trim();
  };
  const url = (name: string, fallback?: string): string => {
    const v = env[name]?.trim() || fallback;
    if (!v) {
      problems.push(`${name} is not set`);
      return '';
    }
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      problems.push(`${name} is not an http(s) URL`);
    }
    return v.replace(/\/+$/, '');
  };
  const stripeApiKey = required('STRIPE_API_KEY');
  if (stripeApiKey && !/^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/.test(stripeApiKey)) {
    problems.push('STRIPE_API_KEY does not look like a Stripe secret or restricted key (sk_… or rk_…)');
  }
  const stripeApiBase = url('STRIPE_API_BASE', 'https://api.stripe.com');
  const netsuiteAccountId = required('NETSUITE_ACCOUNT_ID');
  if (netsuiteAccountId && !/^[0-9]+(_SB[0-9]+|_RP)?$/.test(netsuiteAccountId)) {
    problems.push('NETSUITE_ACCOUNT_ID must look like 1234567 or 1234567_SB1 (uppercase SB)');
  }
  const netsuiteBaseUrl = url(
    'NETSUITE_BASE_URL',
    netsuiteAccountId ? netsuiteBaseUrlFor(netsuiteAccountId) : undefined,
  );
  const method = (env.NETSUITE_AUTH ?? 'tba').trim().toLowerCase();
  let netsuiteAuth: NetSuiteAuth | undefined;
  if (method === 'tba') {
    netsuiteAuth = {
      method: 'tba',
      consumerKey: required('NETSUITE_CONSUMER_KEY'),
      consumerSecret: required('NETSUITE_CONSUMER_SECRET'),
      tokenId: required('NETSUITE_TOKEN_ID'),
      tokenSecret: required('NETSUITE_TOKEN_SECRET'),
    };
  } else if (method === 'oauth2') {
    let privateKeyPem = env.NETSUITE_PRIVATE_KEY?.trim() ?? '';
    const keyFile = env.NETSUITE_PRIVATE_KEY_FILE?.trim();
    if (!privateKeyPem && keyFile) {
      try {
        privateKeyPem = fs.readFileSync(keyFile, 'utf8');
      } catch {
        problems.push('NETSUITE_PRIVATE_KEY_FILE cannot be read');
      }
    }
    if (!privateKeyPem && !keyFile) problems.push('NETSUITE_PRIVATE_KEY or NETSUITE_PRIVATE_KEY_FILE is not set');
    const keyVariable = env.NETSUITE_PRIVATE_KEY?.trim() ? 'NETSUITE_PRIVATE_KEY' : 'NETSUITE_PRIVATE_KEY_FILE';
    if (privateKeyPem && !privateKeyPem.includes('PRIVATE KEY')) {
      problems.push(`${keyVariable} is not a PEM private key`);
    } else if (privateKeyPem) {
      // Parsed here so that a damaged key is a configuration error naming the variable, not OpenSSL's decoder
      // message at the first request (the error text is OpenSSL's, never the key).
      try {
        crypto.createPrivateKey(privateKeyPem);
      } catch (err) {
        const reason = (err as Error).message.replace(/^error:[0-9A-F]+:/, '');
        problems.push(`${keyVariable} cannot be parsed as a PEM private key (${reason}); paste the whole key, BEGIN and END lines included, with its line breaks`);
      }
    }
    netsuiteAuth = {
      method: 'oauth2',
      clientId: required('NETSUITE_CLIENT_ID'),
      certificateId: required('NETSUITE_CERTIFICATE_ID'),
      privateKeyPem,
      scope: env.NETSUITE_OAUTH2_SCOPE?.trim() || 'rest_webservices',
    };
  } else {
    problems.push('NETSUITE_AUTH must be "tba" or "oauth2"');
  }
  const ledgerPath = readLedgerPath(env, problems);
  if (!netsuiteAuth) return undefined;
  return { stripeApiKey, stripeApiBase, netsuiteAccountId, netsuiteBaseUrl, netsuiteAuth, ledgerPath };
}

function validateSettings(raw: unknown, problems: string[]): Settings | undefined {
  const result = SettingsSchema.safeParse(raw);
  if (!result.success) {
    problems.push(...formatSchemaIssues(result.error.issues, raw));
    return undefined;
  }
  const { $schema: _schema, ...settings } = result.data;
  return settings;
}
