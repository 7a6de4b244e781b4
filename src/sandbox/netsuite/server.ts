// A local NetSuite SuiteTalk REST account: TBA and OAuth 2.0 auth, records, SuiteQL, governance and
// fault injection, with state in SQLite. Binds 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLECTION, type ApiRequest, type ApiResponse } from './api-types.js';
import { concurrencyExceeded, invalidLogin, invalidRequest, NsError, unexpectedError } from './ns-error.js';
import { loadPublicKey, verifyClientAssertion, type OAuth2Credentials } from './oauth2-auth.js';
import { RecordRenderer } from './record-render.js';
import { RecordRoutes, pageParams } from './record-routes.js';
import { RecordRules } from './record-rules.js';
import { RecordService } from './record-service.js';
import { SandboxRoutes, type LoginAuditEntry } from './sandbox-routes.js';
import { SandboxStore } from './sandbox-store.js';
import { seedAccount } from './seed-account.js';
import { parseFeatures, type FeatureOption } from './features.js';
import { MetadataCatalog } from './metadata-catalog.js';
import { SuiteQl } from './suiteql.js';
import { parseRequestJson, stringifyResponseJson } from './exact-json.js';
import { verifyTba, type TbaCredentials } from './tba-auth.js';
import { mulberry32 } from '../seeded-random.js';

export { publicKeyFromPrivatePem } from './oauth2-auth.js';

export interface NetSuiteSandboxOptions {
  port?: number;
  stateFile?: string;
  accountId: string;
  credentials: {
    tba?: TbaCredentials;
    oauth2?: OAuth2Credentials;
  };
  concurrency?: number;
  latencyMs?: number;
  faults?: { serverErrorRate?: number; lostResponseRate?: number; seed?: number };
  /** Unix seconds, for timestamp and token-expiry checks. */
  clock?: () => number;
  /** Lifetime of issued OAuth 2.0 access tokens (default 3600). */
  tokenLifetimeSeconds?: number;
  /**
   * NetSuite features the account has (features.ts): a list of ids, 'all' (default: every feature, the REST API
   * Browser tables as they are) or 'none'. Fields and record types the features do not give are unknown.
   */
  features?: FeatureOption;
  /** Every authenticated request as it arrived (method, path, parsed JSON body) and the status answered: what a
   *  test checks the connector's payloads with, independently of the sandbox's own validation. */
  onRequest?: (r: { method: string; path: string; body: unknown; status: number }) => void;
}

export interface NetSuiteSandboxStats {
  requests: number;
  byMethod: Record<string, number>;
  /** Requests that could change a record: POST/PUT/PATCH/DELETE on the record API (SuiteQL is a POST that reads). */
  recordWrites: number;
  rejected429: number;
  maxInFlight: number;
  serverErrors: number;
  lostResponses: number;
  loginFailures: number;
}

export interface NetSuiteSandbox {
  url: string;
  port: number;
  stats(): NetSuiteSandboxStats;
  setFaults(f: NonNullable<NetSuiteSandboxOptions['faults']>): void;
  /** Most recent authentication attempts, newest last (what NetSuite shows in its Login Audit Trail). */
  loginAudit(): LoginAuditEntry[];
  close(): Promise<void>;
}

/** Deterministic fault dice when a seed is given. */
function makeRandom(seed?: number): () => number {
  return seed === undefined ? Math.random : mulberry32(seed);
}

const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: ApiResponse): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.body === undefined) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const text = stringifyResponseJson(r.body);
  headers['Content-Type'] ??= 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(r.status, headers);
  res.end(text);
}

function errorResponse(e: NsError): ApiResponse {
  return {
    status: e.status,
    headers: { 'Content-Type': 'application/vnd.oracle.resource+json; type=error', ...e.headers },
    body: e.body(),
  };
}

export async function startNetSuiteSandbox(o: NetSuiteSandboxOptions): Promise<NetSuiteSandbox> {
  const clock = o.clock ?? (() => Math.floor(Date.now() / 1000));
  const features = parseFeatures(o.features);
  const store = new SandboxStore(o.stateFile ?? ':memory:');
  seedAccount(store, new Date(clock() * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), features);
  // An account's features are fixed when it is seeded: a state file keeps the set it was made with.
  const seededWith = store.getMeta('features');
  if (seededWith !== undefined && seededWith !== features.list().join(',')) {
    store.close();
    throw new Error(`netsuite sandbox: state file was seeded with features [${seededWith || 'none'}], not [${features.list().join(',') || 'none'}]`);
  }
  const rules = new RecordRules(store, clock, features);
  const renderer = new RecordRenderer(store, rules, features);
  const records = new RecordRoutes(store, new RecordService(store, rules), renderer, features);
  const catalog = new MetadataCatalog(features);
  const suiteql = new SuiteQl(store, rules);
  const publicKey = loadPublicKey(o.credentials.oauth2);
  const concurrency = o.concurrency ?? 5;
  const latencyMs = o.latencyMs ?? 0;
  const tokenLifetime = o.tokenLifetimeSeconds ?? 3600;

  let faults = { serverErrorRate: 0, lostResponseRate: 0, ...o.faults };
  let random = makeRandom(faults.seed);
  const stats: NetSuiteSandboxStats = {
    requests: 0,
    byMethod: {},
    recordWrites: 0,
    rejected429: 0,
    maxInFlight: 0,
    serverErrors: 0,
    lostResponses: 0,
    loginFailures: 0,
  };
  const audit: LoginAuditEntry[] = [];
  let inFlight = 0;

  const setFaults = (f: NonNullable<NetSuiteSandboxOptions['faults']>): void => {
    faults = { ...faults, ...f };
    if (f.seed !== undefined) random = makeRandom(f.seed);
  };

  const recordAudit = (entry: Omit<LoginAuditEntry, 'time'>): void => {
    audit.push({ time: new Date(clock() * 1000).toISOString(), ...entry });
    if (audit.length > 1000) audit.shift();
    if (entry.result === 'failure') stats.loginFailures++;
  };

  const sandboxRoutes = new SandboxRoutes(store, rules, () => ({ ...stats, byMethod: { ...stats.byMethod } }), setFaults, () => [...audit]);

  /** Auth gate for /services/rest/…; throws the 401 NetSuite sends, after noting the reason. */
  const authenticate = (req: IncomingMessage, scheme: string, host: string, target: string, path: string): void => {
    const header = req.headers.authorization ?? '';
    const method = req.method ?? 'GET';
    if (/^OAuth\s/i.test(header)) {
      const r = verifyTba(
        { method, scheme, host, target, authorization: header },
        {
          accountId: o.accountId,
          ...(o.credentials.tba ? { credentials: o.credentials.tba } : {}),
          now: clock,
          claimNonce: (token, nonce, ts) => store.claimNonce(token, nonce, ts, clock()),
        },
      );
      recordAudit({ method, path, scheme: 'tba', result: r.ok ? 'success' : 'failure', ...(r.ok ? {} : { reason: r.reason }) });
      if (!r.ok) throw invalidLogin();
      return;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    const wwwAuth = (error: string): Record<string, string> => ({
      'WWW-Authenticate': `Bearer realm="${o.accountId}", error="${error}", error_description="Invalid login attempt."`,
    });
    if (bearer) {
      const expires = store.accessTokenExpiry(bearer[1], clock());
      const reason = expires === undefined ? 'unknown token' : expires <= clock() ? 'token expired' : undefined;
      recordAudit({ method, path, scheme: 'oauth2', result: reason ? 'failure' : 'success', ...(reason ? { reason } : {}) });
      if (reason) throw invalidLogin(wwwAuth('invalid_token'));
      return;
    }
    recordAudit({ method, path, scheme: 'none', result: 'failure', reason: 'MissingTokenPassportRequiredFields' });
    throw invalidLogin(wwwAuth('invalid_request'));
  };

  const tokenEndpoint = (rawBody: string, base: string, path: string): ApiResponse => {
    const form = new URLSearchParams(rawBody);
    const fail = (status: number, error: string, reason: string): ApiResponse => {
      recordAudit({ method: 'POST', path, scheme: 'oauth2', result: 'failure', reason });
      return { status, body: { error } };
    };
    if (form.get('grant_type') !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return fail(400, 'invalid_request', 'bad client_assertion_type');
    }
    const assertion = form.get('client_assertion');
    if (!assertion) return fail(400, 'invalid_request', 'client_assertion missing');
    const v = verifyClientAssertion(assertion, o.credentials.oauth2, `${base}${TOKEN_PATH}`, clock(), publicKey);
    if (!v.ok) return fail(400, 'invalid_grant', v.reason);
    const token = randomBytes(48).toString('base64url');
    store.saveAccessToken(token, clock() + tokenLifetime);
    recordAudit({ method: 'POST', path, scheme: 'oauth2', result: 'success' });
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: { access_token: token, expires_in: tokenLifetime, token_type: 'Bearer' } };
  };

  const suiteqlRoute = (api: ApiRequest, path: string): ApiResponse => {
    if (api.method !== 'POST') throw invalidRequest();
    if (!/\btransient\b/i.test(String(api.headers.prefer ?? ''))) {
      throw invalidRequest('The Prefer: transient header is required for SuiteQL queries.');
    }
    const body = api.body as { q?: unknown; params?: unknown } | undefined;
    if (!body || typeof body.q !== 'string') throw invalidRequest('The request body must be {"q": "<SuiteQL>"}.');
    const params = Array.isArray(body.params) ? body.params : [];
    const { limit, offset } = pageParams(api.query);
    const href = (off: number): string => `${api.base}${path}?limit=${limit}&offset=${off}`;
    const page = suiteql.run(body.q, params, limit, offset, href(offset));
    if (offset > 0) page.links.unshift({ rel: 'first', href: href(0) }, { rel: 'prev', href: href(offset - limit) });
    if (page.hasMore) {
      page.links.unshift(
        { rel: 'next', href: href(offset + limit) },
        { rel: 'last', href: href(Math.floor((page.totalResults - 1) / limit) * limit) },
      );
    }
    return { status: 200, headers: { 'Content-Type': COLLECTION }, body: page };
  };

  const handleServices = async (req: IncomingMessage, res: ServerResponse, path: string, target: string): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase();
    stats.requests++;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    if (WRITE_METHODS.has(method) && path.startsWith('/services/rest/record/')) stats.recordWrites++;
    if (inFlight >= concurrency) {
      stats.rejected429++;
      req.resume();
      send(res, errorResponse(concurrencyExceeded()));
      return;
    }
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        inFlight--;
      }
    };
    res.on('close', release);
    try {
      const rawBody = await readBody(req);
      // The request is served at once and its response held for the latency: the client sees the same timing as
      // serving it after the wait, but requests whose waits end together no longer queue behind one another's
      // processing in this process (a benchmark artefact NetSuite's own servers do not have).
      const held = latencyMs > 0 ? new Promise((r) => setTimeout(r, latencyMs)) : undefined;
      if (faults.serverErrorRate && random() < faults.serverErrorRate) {
        stats.serverErrors++;
        const id = Array.from({ length: 20 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
        await held;
        send(res, errorResponse(unexpectedError(id)));
        return;
      }
      const scheme = String(req.headers['x-forwarded-proto'] ?? '').toLowerCase() === 'https' ? 'https' : 'http';
      const host = req.headers.host ?? `127.0.0.1:${(server.address() as AddressInfo).port}`;
      const base = `${scheme}://${host}`;
      let response: ApiResponse;
      try {
        if (path === TOKEN_PATH && method === 'POST') {
          response = tokenEndpoint(rawBody, base, path);
        } else {
          authenticate(req, scheme, host, target, path);
          let body: unknown;
          if (rawBody.trim() !== '') {
            try {
              body = parseRequestJson(rawBody);
            } catch {
              throw invalidRequest();
            }
          }
          const query = new URLSearchParams(target.includes('?') ? target.slice(target.indexOf('?') + 1) : '');
          const segmentsOf = (prefix: string): string[] =>
            path.slice(prefix.length).split('/').filter(Boolean).map((s) => decodeURIComponent(s));
          const api = (prefix: string): ApiRequest => ({ method, segments: segmentsOf(prefix), query, headers: req.headers, body, base });
          if (path === '/services/rest/record/v1/metadata-catalog' || path.startsWith('/services/rest/record/v1/metadata-catalog/')) response = catalog.handle(api('/services/rest/record/v1/metadata-catalog'));
          else if (path.startsWith('/services/rest/record/v1/')) response = records.handle(api('/services/rest/record/v1/'));
          else if (path === '/services/rest/query/v1/suiteql') response = suiteqlRoute(api(path), path);
          else throw invalidRequest(`Unknown resource ${path}.`);
        }
      } catch (e) {
        if (e instanceof NsError) response = errorResponse(e);
        else if (e instanceof URIError) response = errorResponse(invalidRequest());
        else {
          console.error('netsuite sandbox: internal error', e);
          response = errorResponse(unexpectedError(randomBytes(10).toString('hex')));
        }
      }
      if (path !== TOKEN_PATH && o.onRequest) {
        let parsed: unknown;
        try {
          parsed = rawBody.trim() ? parseRequestJson(rawBody) : undefined;
        } catch {
          parsed = rawBody;
        }
        o.onRequest({ method, path, body: parsed, status: response.status });
      }
      await held;
      if (WRITE_METHODS.has(method) && path !== TOKEN_PATH && faults.lostResponseRate && random() < faults.lostResponseRate) {
        // The write has committed; the client never hears about it.
        stats.lostResponses++;
        res.socket?.destroy();
        release();
        return;
      }
      send(res, response);
    } catch {
      // Reading the body failed (client went away): nothing was done, just free the slot.
      release();
      if (!res.headersSent) send(res, errorResponse(unexpectedError(randomBytes(10).toString('hex'))));
    }
  };

  const server = createServer((req, res) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    if (path.startsWith('/services/rest/')) {
      void handleServices(req, res, path, target);
      return;
    }
    if (path.startsWith('/_sandbox/')) {
      void readBody(req).then((raw) => {
        let body: unknown;
        try {
          body = raw.trim() ? JSON.parse(raw) : undefined;
        } catch {
          send(res, { status: 400, body: { error: 'invalid JSON' } });
          return;
        }
        send(res, sandboxRoutes.handle(req.method ?? 'GET', path.slice('/_sandbox/'.length).split('/').filter(Boolean), body));
      });
      return;
    }
    req.resume();
    send(res, errorResponse(invalidRequest(`Unknown resource ${path}.`)));
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats, byMethod: { ...stats.byMethod } }),
    setFaults,
    loginAudit: () => [...audit],
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
