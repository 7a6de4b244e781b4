// The NetSuite REST client the apply step writes through: signs every attempt afresh (TBA or OAuth 2.0),
// keeps within the account's concurrency limit, retries 429/5xx/network failures with exponential
// back-off and full jitter, and never lets a retried create make a duplicate (DESIGN.md "Apply").
import { setTimeout as sleep } from 'node:timers/promises';
import { httpRequest, HttpRequestError, keepAliveAgents, type HttpAgents, type HttpResponse } from './http-request.js';
import type { NetSuiteAuth, Secrets, Settings } from '../config/settings.js';
import { AdaptiveConcurrencyLimiter } from './adaptive-concurrency.js';
import { errorFromResponse, NetSuiteError, NetSuiteUnavailableError } from './errors.js';
import { OAuth2TokenSource } from './oauth2-client-credentials.js';
import {
  externalIdSegment,
  idFromLocation,
  idSegment,
  normaliseBaseUrl,
  queryString,
  recordTypeSegment,
  type QueryValue,
} from './rest-urls.js';
import { TbaSigner } from './tba-signer.js';
import { exactParse, exactStringify } from './exact-json.js';

export interface NetSuiteRequestEvent {
  method: string;
  /** Path without the query string (queries may hold customer data). */
  path: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  attempt: number;
  ms: number;
}

export interface NetSuiteClientOptions {
  baseUrl: string;
  accountId: string;
  auth: NetSuiteAuth;
  concurrency: number;
  /** Attempts per request, the first included (default 8). */
  maxAttempts?: number;
  /** First back-off ceiling; doubles each attempt up to maxDelayMs (default 200). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Requests in a row without an answer (or with a 5xx) after which NetSuite counts as down (default 5). */
  breakerThreshold?: number;
  /** Per-attempt timeout (default 60 000). */
  timeoutMs?: number;
  /** SuiteQL page size, ≤ 1000 (default 1000). */
  suiteqlPageSize?: number;
  /** X-NetSuite-PropertyNameValidation on writes (default 'error': a misspelt field fails loudly instead of
   *  being dropped silently, reference §3.14). */
  propertyNameValidation?: 'error' | 'warning' | 'ignore';
  onRequest?: (e: NetSuiteRequestEvent) => void;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Call {
  method: Method;
  /** Below the base URL, e.g. /services/rest/record/v1/customer/42 */
  path: string;
  query?: Array<[string, QueryValue]>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send again after an attempt whose outcome is unknown (timeout, reset, 5xx). */
  idempotent: boolean;
  context: { recordType?: string; externalId?: string; internalId?: string };
}

const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RECORD = '/services/rest/record/v1';

export class NetSuiteClient {
  readonly stats = { requests: 0, retries: 0 };
  private failuresInARow = 0;
  private down?: NetSuiteUnavailableError;
  private readonly baseUrl: string;
  private readonly limiter: AdaptiveConcurrencyLimiter;
  private readonly timeoutMs: number;
  private readonly agents: HttpAgents;
  private readonly tba?: TbaSigner;
  private readonly oauth2?: OAuth2TokenSource;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pageSize: number;

  constructor(private readonly o: NetSuiteClientOptions) {
    this.baseUrl = normaliseBaseUrl(o.baseUrl);
    this.limiter = new AdaptiveConcurrencyLimiter({ max: o.concurrency });
    this.maxAttempts = o.maxAttempts ?? 8;
    this.baseDelayMs = o.baseDelayMs ?? 200;
    this.maxDelayMs = o.maxDelayMs ?? 20_000;
    this.pageSize = Math.min(o.suiteqlPageSize ?? 1000, 1000);
    if (o.auth.method === 'tba') {
      this.tba = new TbaSigner(o.accountId, o.auth);
    } else {
      this.oauth2 = new OAuth2TokenSource({
        baseUrl: this.baseUrl,
        credentials: o.auth,
        timeoutMs: o.timeoutMs,
      });
    }
    this.agents = keepAliveAgents(o.concurrency);
    this.timeoutMs = o.timeoutMs ?? 60_000;
  }

  /** Set once NetSuite counts as down (the circuit breaker is open): every request then fails at once. */
  get unavailable(): NetSuiteUnavailableError | undefined {
    return this.down;
  }

  /** The in-flight limit as the account's 429s have adapted it (adaptive-concurrency.ts). */
  get concurrency(): { limit: number; throttled: number; lowest: number; raised: number } {
    return { limit: this.limiter.limit, ...this.limiter.stats };
  }

  /** Token endpoint calls made (OAuth 2.0 only). */
  get tokenRequests(): number {
    return this.oauth2?.tokenRequests ?? 0;
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  // ---------------------------------------------------------------- records

  /** POST; the internal id comes from Location. Without an externalId an unknown outcome cannot be resolved
   *  and is thrown (outcomeUnknown: true) rather than risk a duplicate; with one, see createWithExternalId. */
  async create(recordType: string, body: Record<string, unknown>): Promise<{ internalId: string }> {
    if (typeof body.externalId === 'string' && body.externalId !== '') {
      const r = await this.createWithExternalId(recordType, body as Record<string, unknown> & { externalId: string });
      return { internalId: r.internalId };
    }
    const res = await this.send({
      method: 'POST',
      path: `${RECORD}/${recordTypeSegment(recordType)}`,
      body,
      idempotent: false,
      context: { recordType },
    });
    return { internalId: this.locationId(res, recordType) };
  }

  /** Create keyed by body.externalId: if the outcome of an attempt is unknown (timeout, reset, 5xx after send,
   *  lost response), look the record up by externalId BEFORE any retry; if found, return it (created: false). */
  async createWithExternalId(
    recordType: string,
    body: Record<string, unknown> & { externalId: string },
  ): Promise<{ internalId: string; created: boolean }> {
    return this.createKeyed(recordType, body.externalId, () =>
      this.send({
        method: 'POST',
        path: `${RECORD}/${recordTypeSegment(recordType)}`,
        body,
        idempotent: false,
        context: { recordType, externalId: body.externalId },
      }),
    );
  }

  async get(
    recordType: string,
    id: string,
    o: { expandSubResources?: boolean; fields?: string[] } = {},
  ): Promise<Record<string, unknown>> {
    const res = await this.send({
      method: 'GET',
      path: `${RECORD}/${recordTypeSegment(recordType)}/${idSegment(id)}`,
      query: [
        ['expandSubResources', o.expandSubResources ? 'true' : undefined],
        ['fields', o.fields?.length ? o.fields.join(',') : undefined],
      ],
      idempotent: true,
      context: { recordType, internalId: id },
    });
    return exactParse(res.body) as Record<string, unknown>;
  }

  /** GET by `eid:`; a 404 is `undefined`. */
  async getByExternalId(
    recordType: string,
    externalId: string,
    o: { expandSubResources?: boolean } = {},
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const res = await this.send({
        method: 'GET',
        path: `${RECORD}/${recordTypeSegment(recordType)}/${externalIdSegment(externalId)}`,
        query: [['expandSubResources', o.expandSubResources ? 'true' : undefined]],
        idempotent: true,
        context: { recordType, externalId },
      });
      return exactParse(res.body) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof NetSuiteError && err.kind === 'not_found') return undefined;
      throw err;
    }
  }

  /** PATCH. `replace` lists sublists whose lines are replaced rather than merged (reference §3.7). */
  async update(
    recordType: string,
    id: string,
    body: Record<string, unknown>,
    o: { replace?: string[] } = {},
  ): Promise<void> {
    await this.send({
      method: 'PATCH',
      path: `${RECORD}/${recordTypeSegment(recordType)}/${idSegment(id)}`,
      query: [['replace', o.replace?.length ? o.replace.join(',') : undefined]],
      body,
      // Non-keyed sublist lines are appended, so a PATCH repeats safely only if each sublist is replaced.
      idempotent: sublistsOf(body).every((s) => o.replace?.includes(s)),
      context: { recordType, internalId: id },
    });
  }

  /** PUT `eid:` (create or update). Sublists in the body replace the record's lines, so a re-run is a no-op. */
  async upsert(recordType: string, externalId: string, body: Record<string, unknown>): Promise<void> {
    const sublists = sublistsOf(body);
    await this.send({
      method: 'PUT',
      path: `${RECORD}/${recordTypeSegment(recordType)}/${externalIdSegment(externalId)}`,
      query: [['replace', sublists.length ? sublists.join(',') : undefined]],
      body,
      idempotent: true,
      context: { recordType, externalId },
    });
  }

  async delete(recordType: string, id: string): Promise<void> {
    await this.send(
      {
        method: 'DELETE',
        path: `${RECORD}/${recordTypeSegment(recordType)}/${idSegment(id)}`,
        idempotent: true,
        context: { recordType, internalId: id },
      },
      // A 404 after an attempt with an unknown outcome means that attempt did delete it.
      { notFoundAfterUnknownIsSuccess: true },
    );
  }

  async list(
    recordType: string,
    o: { limit?: number; offset?: number; q?: string } = {},
  ): Promise<{ items: Array<{ id: string }>; hasMore: boolean; totalResults: number }> {
    const res = await this.send({
      method: 'GET',
      path: `${RECORD}/${recordTypeSegment(recordType)}`,
      query: [
        ['q', o.q],
        ['limit', o.limit],
        ['offset', o.offset],
      ],
      idempotent: true,
      context: { recordType },
    });
    const page = JSON.parse(res.body) as { items?: Array<{ id: unknown }>; hasMore?: boolean; totalResults?: number };
    return {
      items: (page.items ?? []).map((i) => ({ id: String(i.id) })),
      hasMore: page.hasMore === true,
      totalResults: Number(page.totalResults ?? page.items?.length ?? 0),
    };
  }

  /** `POST /{fromType}/{id}/!transform/{toType}`. With body.externalId, creation is deduplicated as in
   *  createWithExternalId. */
  async transform(
    fromType: string,
    id: string,
    toType: string,
    body: Record<string, unknown> = {},
  ): Promise<{ internalId: string }> {
    const call = (): Promise<HttpResponse> =>
      this.send({
        method: 'POST',
        path: `${RECORD}/${recordTypeSegment(fromType)}/${idSegment(id)}/!transform/${recordTypeSegment(toType)}`,
        body,
        idempotent: false,
        context: { recordType: toType, externalId: externalIdOf(body) },
      });
    const externalId = externalIdOf(body);
    if (externalId) return { internalId: (await this.createKeyed(toType, externalId, call)).internalId };
    return { internalId: this.locationId(await call(), toType) };
  }

  /** The account's REST metadata catalog of one record type, as JSON Schema (what this account and role expose). */
  async metadataCatalog(recordType: string): Promise<unknown> {
    const res = await this.send({
      method: 'GET',
      path: `${RECORD}/metadata-catalog/${recordTypeSegment(recordType)}`,
      headers: { accept: 'application/schema+json' },
      idempotent: true,
      context: { recordType },
    });
    return JSON.parse(res.body) as unknown;
  }

  /** Every row of a SuiteQL query (all pages; `Prefer: transient`), values as NetSuite returns them (strings). */
  async suiteql(query: string, params?: Array<string | number>): Promise<Array<Record<string, string>>> {
    const rows: Array<Record<string, string>> = [];
    for (let offset = 0; ; offset += this.pageSize) {
      const res = await this.send({
        method: 'POST',
        path: '/services/rest/query/v1/suiteql',
        query: [
          ['limit', this.pageSize],
          ['offset', offset],
        ],
        body: params?.length ? { q: query, params } : { q: query },
        headers: { prefer: 'transient' },
        idempotent: true,
        context: { recordType: 'suiteql' },
      });
      const page = exactParse(res.body) as { items?: Array<Record<string, unknown>>; hasMore?: boolean };
      for (const item of page.items ?? []) {
        const row: Record<string, string> = {};
        for (const [k, v] of Object.entries(item)) {
          if (k !== 'links') row[k] = v === null || v === undefined ? '' : String(v);
        }
        rows.push(row);
      }
      if (!page.hasMore || !page.items?.length) return rows;
    }
  }

  // ---------------------------------------------------------------- internals

  /** Runs a create whose record carries `externalId`: an unknown outcome is resolved by a lookup before any
   *  retry, and "already exists" by a lookup too, so no attempt ever makes a second record. */
  private async createKeyed(
    recordType: string,
    externalId: string,
    post: () => Promise<HttpResponse>,
  ): Promise<{ internalId: string; created: boolean }> {
    for (let round = 1; ; round++) {
      try {
        const res = await post();
        const id = idFromLocation(headerOf(res, 'location'));
        if (id) return { internalId: id, created: true };
        // No Location: the record exists now, so its id is one lookup away.
        const found = await this.lookupId(recordType, externalId);
        if (found) return { internalId: found, created: true };
        throw new NetSuiteError({ status: res.statusCode, code: 'NO_LOCATION', detail: 'create returned no Location header', recordType, externalId });
      } catch (err) {
        if (!(err instanceof NetSuiteError)) throw err;
        if (err.outcomeUnknown) {
          const found = await this.lookupId(recordType, externalId);
          if (found) return { internalId: found, created: false };
          if (round >= this.maxAttempts) throw err;
          this.stats.retries++;
          await sleep(this.backoff(round));
          continue;
        }
        if (isDuplicateRejection(err)) {
          const found = await this.lookupId(recordType, externalId);
          if (found) return { internalId: found, created: false };
        }
        throw err;
      }
    }
  }

  private async lookupId(recordType: string, externalId: string): Promise<string | undefined> {
    const rec = await this.getByExternalId(recordType, externalId);
    return rec === undefined ? undefined : String(rec.id);
  }

  private locationId(res: HttpResponse, recordType: string): string {
    const id = idFromLocation(headerOf(res, 'location'));
    if (!id) throw new NetSuiteError({ status: res.statusCode, code: 'NO_LOCATION', detail: 'create returned no Location header', recordType });
    return id;
  }

  private backoff(attempt: number): number {
    // Full jitter: clients that failed together do not retry together (reference §4.4, Oracle's advice).
    return Math.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
  }

  private async authorization(method: Method, url: string): Promise<string> {
    if (this.tba) return this.tba.authorization(method, url);
    return `Bearer ${await this.oauth2!.token()}`;
  }

  /** One logical request: attempts, each signed afresh, until success, a final error, or an unknown outcome
   *  of a request that is not idempotent (thrown with outcomeUnknown for the caller to resolve). */
  private async send(call: Call, o: { notFoundAfterUnknownIsSuccess?: boolean } = {}): Promise<HttpResponse> {
    const url = `${this.baseUrl}${call.path}${queryString(call.query ?? [])}`;
    const headers: Record<string, string> = { ...call.headers };
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = exactStringify(call.body);
      headers['content-type'] = 'application/json';
      if (!call.path.startsWith('/services/rest/query/')) {
        headers['x-netsuite-propertynamevalidation'] = this.o.propertyNameValidation ?? 'error';
      }
    }
    let refreshedToken = false;
    let hadUnknownOutcome = false;
    for (let attempt = 1; ; attempt++) {
      if (this.down) throw this.down;
      let res: HttpResponse | undefined;
      let failure: NetSuiteError | undefined;
      let bearer: string | undefined;
      let sent = false;
      const started = Date.now();
      await this.limiter.acquire();
      try {
        const authorization = await this.authorization(call.method, url);
        if (authorization.startsWith('Bearer ')) bearer = authorization.slice(7);
        sent = true;
        try {
          res = await httpRequest(url, {
            method: call.method,
            headers: { ...headers, authorization },
            body: payload,
            timeoutMs: this.timeoutMs,
            agents: this.agents,
          });
        } catch (err) {
          failure = networkError(err, call);
        }
        if (res?.statusCode === 429) this.limiter.throttled();
        else if (res) this.limiter.succeeded();
        if (res && res.statusCode < 500) this.failuresInARow = 0;
        else if (++this.failuresInARow >= (this.o.breakerThreshold ?? 5)) {
          this.down ??= new NetSuiteUnavailableError(failure ?? errorFromResponse(res!.statusCode, res!.body, { method: call.method, ...call.context }), this.failuresInARow);
        }
      } catch (err) {
        // The token endpoint failed: nothing was sent.
        if (!(err instanceof NetSuiteError)) throw err;
        failure = err;
      } finally {
        this.limiter.release();
      }
      if (sent) {
        this.stats.requests++;
        this.o.onRequest?.({ method: call.method, path: call.path, status: res?.statusCode ?? 0, attempt, ms: Date.now() - started });
      }
      if (res && res.statusCode < 300) return res;
      if (res) {
        failure = errorFromResponse(
          res.statusCode,
          res.body,
          { method: call.method, ...call.context, outcomeUnknown: res.statusCode >= 500 },
          headerOf(res, 'www-authenticate'),
        );
        if (res.statusCode === 401 && bearer && !refreshedToken) {
          // The bearer token expired or was revoked: fetch a new one, once, and try again.
          refreshedToken = true;
          this.oauth2!.invalidate(bearer);
          this.stats.retries++;
          attempt--;
          continue;
        }
        if (res.statusCode === 404 && hadUnknownOutcome && o.notFoundAfterUnknownIsSuccess) return res;
      }
      const err = failure!;
      if (!err.retryable || attempt >= this.maxAttempts) throw err;
      if (err.outcomeUnknown) {
        if (!call.idempotent) throw err;
        hadUnknownOutcome = true;
      }
      this.stats.retries++;
      await sleep(Math.max(this.backoff(attempt), retryAfterMs(res, this.maxDelayMs)));
    }
  }
}

function networkError(err: unknown, call: Call): NetSuiteError {
  const e = err instanceof HttpRequestError ? err : undefined;
  const code = e?.code ?? 'NETWORK_ERROR';
  // A connect-phase failure never reached NetSuite; anything later may have been carried out.
  const neverSent = NEVER_SENT.has(code) || (e !== undefined && !e.connected);
  return new NetSuiteError({
    status: 0,
    code,
    // The message names the failure only (e.g. "socket hang up"); the request, which holds the Authorization
    // header, is deliberately not kept.
    detail: (err as Error).message ?? 'request failed',
    method: call.method,
    ...call.context,
    outcomeUnknown: !neverSent,
  });
}

/** NetSuite is not documented to send Retry-After (reference §4.2), but if it does, it is honoured. */
function retryAfterMs(res: HttpResponse | undefined, capMs: number): number {
  const v = res ? headerOf(res, 'retry-after') : undefined;
  if (!v) return 0;
  const seconds = /^\d+$/.test(v.trim()) ? Number(v) : (Date.parse(v) - Date.now()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, capMs) : 0;
}

function headerOf(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Body keys holding a sublist (`{ items: [...] }`). */
function sublistsOf(body: Record<string, unknown>): string[] {
  return Object.entries(body)
    .filter(([, v]) => v !== null && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items))
    .map(([k]) => k);
}

function externalIdOf(body: Record<string, unknown>): string | undefined {
  return typeof body.externalId === 'string' && body.externalId !== '' ? body.externalId : undefined;
}

/** A create refused because a record with that externalId (or that entity) already exists. The caller
 *  confirms with a lookup by externalId, so a loose match here can never hide a real failure. */
function isDuplicateRejection(err: NetSuiteError): boolean {
  if (err.status !== 400 && err.status !== 409) return false;
  return /DUP|ALREADY_EXISTS|UNIQUE/i.test(err.code) || /already exists|duplicate|unique/i.test(err.detail);
}

export function createNetSuiteClient(
  secrets: Secrets,
  settings: Settings,
  o: Partial<NetSuiteClientOptions> = {},
): NetSuiteClient {
  return new NetSuiteClient({
    baseUrl: secrets.netsuiteBaseUrl,
    accountId: secrets.netsuiteAccountId,
    auth: secrets.netsuiteAuth,
    concurrency: settings.netsuite.concurrency,
    ...o,
  });
}
