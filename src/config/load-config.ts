// Reads and validates the configuration. Every problem is collected and reported at once, by name;
// secret values are never echoed, only whether they are present.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetSuiteAuth, RuntimeConfig, Secrets, Settings } from './settings.js';

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

export function loadConfig(env: Env = process.env, configFile?: string): RuntimeConfig {
  const problems: string[] = [];
  const file = configFile ?? env.STRIPE_NETSUITE_CONFIG ?? DEFAULT_CONFIG_FILE;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`config file ${file}: ${(err as Error).message}`);
  }
  const settings = raw === undefined ? undefined : validateSettings(raw, problems);
  const secrets = readSecrets(env, problems);
  if (problems.length > 0 || !settings || !secrets) throw new ConfigError(problems);
  return { settings, secrets, configFile: file };
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
    if (privateKeyPem && !privateKeyPem.includes('PRIVATE KEY')) {
      problems.push('NETSUITE_PRIVATE_KEY is not a PEM private key');
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
  const ledgerPath = env.LEDGER_PATH?.trim() || './stripe-netsuite.sqlite';
  if (!netsuiteAuth) return undefined;
  return { stripeApiKey, stripeApiBase, netsuiteAccountId, netsuiteBaseUrl, netsuiteAuth, ledgerPath };
}

type Check = (v: unknown) => string | undefined;
const isString: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'must be a non-empty string');
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const isPositiveInt: Check = (v) => (Number.isInteger(v) && (v as number) > 0 ? undefined : 'must be a positive integer');
const isNonNegativeInt: Check = (v) =>
  Number.isInteger(v) && (v as number) >= 0 ? undefined : 'must be an integer ≥ 0';
const isIdMap: Check = (v) =>
  v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' && x !== '')
    ? undefined
    : 'must be an object of string internal ids';

function validateSettings(raw: unknown, problems: string[]): Settings | undefined {
  const before = problems.length;
  const at = (p: string): unknown =>
    p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  const check = (p: string, c: Check): void => {
    const v = at(p);
    if (v === undefined) {
      problems.push(`${p} is missing from the config file`);
      return;
    }
    const why = c(v);
    if (why) problems.push(`${p} ${why}`);
  };
  check('netsuite.subsidiaryId', isString);
  check('netsuite.timeZone', (v) => {
    if (typeof v !== 'string') return 'must be an IANA time zone';
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: v });
      return undefined;
    } catch {
      return `is not a known IANA time zone`;
    }
  });
  check('netsuite.concurrency', isPositiveInt);
  check('netsuite.currencies', isIdMap);
  check('netsuite.bankAccounts', isIdMap);
  for (const a of [
    'undepositedFunds', 'receivables', 'income', 'processingFees', 'stripeFees', 'applicationFees', 'disputeFees',
    'taxPayable', 'badDebt', 'refunds', 'disputeReversals', 'feeRefunds', 'discounts', 'customerBalance',
  ]) {
    check(`netsuite.accounts.${a}`, isString);
  }
  check('netsuite.paymentMethodId', isString);
  const oneOf = (p: string, values: string[]): void => {
    const v = at(p);
    if (v !== undefined && !values.includes(v as string)) problems.push(`${p} must be ${values.map((x) => `"${x}"`).join(' or ')}`);
  };
  oneOf('netsuite.discountItems', ['nonPosting', 'posting']);
  oneOf('netsuite.closedPeriods', ['block', 'nextOpenPeriod']);
  for (const f of [
    'syncTrialInvoices', 'keepUnpaidInvoicesOpen', 'globalCustomer', 'globalItem', 'globalDiscountItem',
    'useRefundItem', 'useDisputeItem', 'useBadDebtItem', 'allowDuplicatePayments',
  ]) {
    check(`features.${f}`, isBool);
  }
  const match = at('features.customerMatch');
  if (match !== null && match !== undefined) {
    check('features.customerMatch.netsuiteField', (v) =>
      typeof v === 'string' && /^[a-z_][a-z0-9_]*$/i.test(v) ? undefined : 'must be a NetSuite field name',
    );
    check('features.customerMatch.stripeField', (v) =>
      typeof v === 'string' && /^(email|name|description|phone|metadata\.[A-Za-z0-9_.-]+)$/.test(v)
        ? undefined
        : 'must be email, name, description, phone or metadata.<key>',
    );
  }
  check('items.mapping', (v) => (v && typeof v === 'object' ? isIdMap(v) : 'must be an object'));
  const start = at('extract.startDate');
  if (start !== null && start !== undefined && (typeof start !== 'string' || Number.isNaN(Date.parse(start)))) {
    problems.push('extract.startDate must be null or an ISO 8601 date');
  }
  check('extract.overlapSeconds', isNonNegativeInt);
  check('extract.settleDelaySeconds', isNonNegativeInt);
  check('extract.requestsPerSecond', isPositiveInt);
  check('extract.backfillChunkDays', isPositiveInt);
  check('apply.maxAttempts', isPositiveInt);
  if (at('apply.partitionObjects') !== undefined) check('apply.partitionObjects', isPositiveInt);
  check('schedule.cron', isString);
  const fmt = at('log.format');
  if (fmt !== undefined && fmt !== 'text' && fmt !== 'json') problems.push('log.format must be "text" or "json"');
  if (problems.length > before) return undefined;
  const s = raw as Settings;
  if (!s.log) s.log = { format: 'text' };
  s.features.customerMatch = s.features.customerMatch ?? null;
  s.apply.partitionObjects ??= DEFAULT_PARTITION_OBJECTS;
  s.netsuite.discountItems ??= 'nonPosting';
  s.netsuite.closedPeriods ??= 'block';
  return s;
}
