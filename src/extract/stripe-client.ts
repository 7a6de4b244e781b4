// The Stripe client extraction uses: the official SDK with the API version pinned, pointed at
// `STRIPE_API_BASE` (api.stripe.com or the sandbox), with every call going through the request gate.
import Stripe from 'stripe';
import type { Secrets } from '../config/settings.js';
import { createRequestGate, type GateStats, type RequestGate, type RetryPolicy } from './request-gate.js';

/** The API version every snapshot in the ledger is read in. */
export const STRIPE_API_VERSION = Stripe.API_VERSION;

export interface StripeClientOptions {
  requestsPerSecond?: number;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface StripeClient {
  sdk: Stripe;
  /** One API call (any SDK method returning a promise), rate-limited, retried, counted. */
  call<T>(label: string, fn: (sdk: Stripe) => Promise<T>): Promise<T>;
  readonly stats: GateStats;
  readonly gate: RequestGate;
}

export function stripeConnection(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
  return { host: url.hostname, port, protocol };
}

export function createStripeClient(
  secrets: Pick<Secrets, 'stripeApiKey' | 'stripeApiBase'>,
  options: StripeClientOptions = {},
): StripeClient {
  const { host, port, protocol } = stripeConnection(secrets.stripeApiBase);
  const sdk = new Stripe(secrets.stripeApiKey, {
    apiVersion: STRIPE_API_VERSION,
    host,
    port,
    protocol,
    // The gate retries (the SDK would not retry 429s, and would hide attempts from the count).
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? 8_000,
    telemetry: false,
    appInfo: { name: 'stripe-netsuite' },
  });
  const gate = createRequestGate({
    requestsPerSecond: options.requestsPerSecond ?? 20,
    retry: options.retry,
    secrets: [secrets.stripeApiKey],
  });
  return {
    sdk,
    gate,
    stats: gate.stats,
    call: (label, fn) => gate.run(label, () => fn(sdk)),
  };
}
