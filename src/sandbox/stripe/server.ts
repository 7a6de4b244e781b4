// A local Stripe API over HTTP for the official SDK: serves a world file (Stripe objects and
// events as the API returns them) as seen at a movable sandbox clock, with Stripe's auth, list,
// expand and error semantics, fault injection, and `/_sandbox/` control endpoints.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CURRENT_API_VERSION, isKnownApiVersion } from './api-versions.js';
import { checkApiKey } from './auth.js';
import { FaultInjector, type StripeFaults } from './faults.js';
import { parseFormQuery } from './form-query.js';
import { parseSandboxTime } from './sandbox-time.js';
import { StripeApi } from './stripe-api.js';
import { invalidRequest, StripeHttpError } from './stripe-error.js';
import { World } from './world-index.js';

export { parseSandboxTime } from './sandbox-time.js';
export type { StripeFaults } from './faults.js';

export interface StripeSandboxOptions {
  /** World file path (JSON array or NDJSON, detected) or the items themselves. */
  world: string | object[];
  /** 0 or undefined = a free port. Binds 127.0.0.1 only. */
  port?: number;
  /** Sandbox clock, Unix seconds. */
  now: number;
  /** If set, only this key is accepted; otherwise any `sk_test_…` / `rk_test_…` key. */
  apiKey?: string;
  faults?: StripeFaults;
  /**
   * The account's default API version before an upgrade to the current one: events created before
   * `upgradedAt` (Unix seconds or ISO 8601; absent = never upgraded) are served with this
   * `api_version` and their `data.object` rendered in it (see api-versions.ts for what changes).
   */
  accountApiVersion?: { version: string; upgradedAt?: number | string };
}

export interface RequestLogEntry {
  method: string;
  /** Path with its query string, as requested. */
  path: string;
  status: number;
  /** Wall-clock time of the response, epoch milliseconds. */
  at: number;
}

export interface StripeSandbox {
  url: string;
  port: number;
  now(): number;
  setNow(t: number): void;
  advance(seconds: number): void;
  setFaults(f: StripeFaults): void;
  /** Stripe API requests (not `/_sandbox/` ones), oldest first. */
  requestLog: RequestLogEntry[];
  close(): Promise<void>;
}

const PINNED_VERSION: string = CURRENT_API_VERSION;
const RATE_LIMIT_MESSAGE =
  'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.';

function assertTime(t: unknown, what: string): number {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new Error(`Stripe sandbox: ${what} must be a finite number of seconds`);
  return Math.trunc(t);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStripeSandbox(o: StripeSandboxOptions): Promise<StripeSandbox> {
  const world = await World.load(o.world);
  let account: { version: string; upgradedAt?: number } | undefined;
  if (o.accountApiVersion) {
    const { version, upgradedAt } = o.accountApiVersion;
    if (!isKnownApiVersion(version)) throw new Error(`Stripe sandbox: accountApiVersion ${version} is not a known Stripe API version`);
    account = {
      version,
      upgradedAt: upgradedAt === undefined ? undefined : typeof upgradedAt === 'string' ? parseSandboxTime(upgradedAt) : assertTime(upgradedAt, 'accountApiVersion.upgradedAt'),
    };
  }
  const api = new StripeApi(world, account);
  const faults = new FaultInjector(o.faults);
  let clock = assertTime(o.now, 'now');
  const requestLog: RequestLogEntry[] = [];
  let requestCounter = 0;
  /**
   * POSTs by Idempotency-Key (https://docs.stripe.com/api/idempotent_requests): a key sent again replays the first
   * result (header Idempotent-Replayed), and with other parameters is refused. Only results the endpoint produced
   * are saved; this sandbox saves successes alone, so a refusal is decided again when retried.
   */
  const idempotent = new Map<string, { path: string; form: string; body: unknown }>();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-cache, no-store',
      ...headers,
    });
    res.end(text);
  };

  const control = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const method = req.method ?? 'GET';
    const json = async (): Promise<Record<string, unknown>> => {
      const text = await readBody(req);
      const v = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
      return v as Record<string, unknown>;
    };
    try {
      if (path === '/_sandbox/clock' && method === 'GET') return send(res, 200, { now: clock });
      if (path === '/_sandbox/clock' && method === 'POST') {
        const b = await json();
        if (b.now !== undefined) clock = typeof b.now === 'string' ? parseSandboxTime(b.now) : assertTime(b.now, 'now');
        else if (b.advance !== undefined) clock += assertTime(b.advance, 'advance');
        else throw new Error('expected {"now": <unix seconds or ISO 8601>} or {"advance": <seconds>}');
        return send(res, 200, { now: clock });
      }
      if (path === '/_sandbox/requests' && method === 'GET') return send(res, 200, { requests: requestLog });
      if (path === '/_sandbox/requests' && method === 'DELETE') {
        requestLog.length = 0; // same array: holders of `requestLog` keep seeing the live log
        return send(res, 200, { requests: [] });
      }
      if (path === '/_sandbox/faults' && method === 'GET') return send(res, 200, faults.get());
      if (path === '/_sandbox/faults' && method === 'POST') {
        faults.set((await json()) as StripeFaults);
        return send(res, 200, faults.get());
      }
      send(res, 404, { error: { type: 'invalid_request_error', message: `No sandbox control endpoint ${method} ${path}` } });
    } catch (e) {
      send(res, 400, { error: { type: 'invalid_request_error', message: (e as Error).message } });
    }
  };

  const stripeRequest = async (req: IncomingMessage, res: ServerResponse, rawUrl: string): Promise<void> => {
    const method = req.method ?? 'GET';
    const q = rawUrl.indexOf('?');
    const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const requested = req.headers['stripe-version'];
    const version = typeof requested === 'string' && requested !== '' ? requested : PINNED_VERSION;
    const headers = {
      'request-id': `req_sandbox${String(++requestCounter).padStart(10, '0')}`,
      'stripe-version': version,
    };
    let status = 200;
    let body: unknown;
    let extra: Record<string, string> = {};
    try {
      checkApiKey(req.headers.authorization, o.apiKey);
      // A version this sandbox cannot name is refused rather than served in some other shape.
      if (!isKnownApiVersion(version)) throw invalidRequest(`Invalid Stripe API version: ${version}`);
      const fault = faults.decide();
      if (fault === 'rate_limit') {
        // Stripe-Should-Retry is what the official SDK reads first (RequestSender._shouldRetry).
        throw new StripeHttpError(
          429,
          { type: 'invalid_request_error', code: 'rate_limit', message: RATE_LIMIT_MESSAGE },
          { 'stripe-should-retry': 'true' },
        );
      }
      if (fault === 'server_error') {
        // No Stripe-Should-Retry: Stripe sends `false` on a 500 its idempotency layer would replay
        // (a POST with an idempotency key; see the comment in the SDK's RequestSender._shouldRetry).
        // A fault is decided before anything is written, so a client replaying a POST finds nothing done.
        throw new StripeHttpError(500, {
          type: 'api_error',
          message: 'An unknown error occurred. (Injected by the Stripe sandbox.)',
        });
      }
      if (method === 'POST') {
        const form = await readBody(req);
        const key = req.headers['idempotency-key'];
        const saved = typeof key === 'string' ? idempotent.get(key) : undefined;
        if (saved) {
          if (saved.path !== pathname || saved.form !== form) throw idempotencyMismatch(key as string);
          extra = { 'idempotent-replayed': 'true' };
          body = saved.body;
        } else {
          body = api.post(pathname, parseFormQuery(form), clock, version);
          if (typeof key === 'string') idempotent.set(key, { path: pathname, form, body });
        }
      } else {
        body = api.handle(method, pathname, parseFormQuery(q < 0 ? '' : rawUrl.slice(q + 1)), clock, version);
      }
    } catch (e) {
      if (!(e instanceof StripeHttpError)) throw e;
      status = e.status;
      body = { error: e.body };
      extra = e.headers;
    }
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    // Logged before the response leaves, so a client that just got its answer finds it in the log.
    requestLog.push({ method, path: rawUrl, status, at: Date.now() });
    send(res, status, body, { ...headers, ...extra });
  };

  const server = createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    if (rawUrl.startsWith('/_sandbox/')) {
      void control(req, res, rawUrl.split('?')[0]);
      return;
    }
    stripeRequest(req, res, rawUrl).catch((e: unknown) => {
      requestLog.push({ method: req.method ?? 'GET', path: rawUrl, status: 500, at: Date.now() });
      if (!res.headersSent) {
        send(res, 500, { error: { message: `Stripe sandbox internal error: ${(e as Error).message}`, type: 'api_error' } }, {
          'request-id': `req_sandbox${String(++requestCounter).padStart(10, '0')}`,
        });
      } else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    now: () => clock,
    setNow: (t) => {
      clock = assertTime(t, 'now');
    },
    advance: (s) => {
      clock += assertTime(s, 'advance');
    },
    setFaults: (f) => faults.set(f),
    requestLog,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // The SDK keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

function idempotencyMismatch(key: string): StripeHttpError {
  return new StripeHttpError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}
