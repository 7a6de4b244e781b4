// One HTTP exchange with NetSuite over Node's own http/https, on the client's keep-alive agents. Retries, back-off,
// signing and error mapping live in the client; this only sends a request and reads the whole response as text.
//
// Why not got (the project's original choice): on Node 20, got builds each request's native options with an object
// literal (a spread followed by ~45 properties) that V8 allocates mostly in the old generation. Measured against
// the NetSuite sandbox: 5,000 creates promoted 126 MB into the old generation with got and 0.9 MB with this, and
// allocated 526 MB against 183 MB. A 100,000-object backfill sends ~47,000 requests; the promoted garbage drove
// V8's heap growth factor to its maximum and the run's peak memory past its 300 MB target.
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';

export interface HttpResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpAgents {
  http: http.Agent;
  https: https.Agent;
}

/** Keep-alive sockets, twice the in-flight limit: a TLS handshake per request would eat most of a small budget. */
export function keepAliveAgents(concurrency: number): HttpAgents {
  return {
    http: new http.Agent({ keepAlive: true, noDelay: true, maxSockets: concurrency * 2 }),
    https: new https.Agent({ keepAlive: true, noDelay: true, maxSockets: concurrency * 2 }),
  };
}

export interface HttpRequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  agents?: HttpAgents;
}

/** A request that failed without an HTTP response. `code` is Node's (ECONNREFUSED, ECONNRESET…) or ETIMEDOUT. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** False when the connection was never established, so nothing can have reached the server. */
    readonly connected: boolean,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

export const USER_AGENT = 'stripe-netsuite';

interface Origin {
  secure: boolean;
  protocol: string;
  hostname: string;
  port?: string | number | null;
}

/** Parsed once per origin: a client sends every request to one, and parsing its URL each time was ~25 µs. */
const origins = new Map<string, Origin>();

/** The request's origin (parsed) and its path with the query, exactly as given (as it was signed). */
function targetOf(url: string): Origin & { path: string } {
  const scheme = url.indexOf('://');
  const slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
  const origin = slash < 0 ? url : url.slice(0, slash);
  let parsed = origins.get(origin);
  if (!parsed) {
    const u = urlToHttpOptions(new URL(origin));
    parsed = { secure: u.protocol === 'https:', protocol: u.protocol!, hostname: u.hostname!, port: u.port };
    if (origins.size < 16) origins.set(origin, parsed);
  }
  return { ...parsed, path: slash < 0 ? '/' : url.slice(slash) };
}

export function httpRequest(url: string, o: HttpRequestOptions): Promise<HttpResponse> {
  const { secure, path, ...target } = targetOf(url);
  const payload = o.body === undefined ? undefined : Buffer.from(o.body, 'utf8');
  const headers: Record<string, string | number> = { 'user-agent': USER_AGENT, ...o.headers };
  if (payload) headers['content-length'] = payload.length;
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = (secure ? https : http).request({
      ...target,
      path,
      method: o.method,
      headers,
      agent: o.agents ? (secure ? o.agents.https : o.agents.http) : undefined,
    });
    let connected = false;
    let settled = false;
    const fail = (err: HttpRequestError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const timer = setTimeout(() => {
      fail(new HttpRequestError(`no response within ${o.timeoutMs} ms`, 'ETIMEDOUT', connected));
      req.destroy();
    }, o.timeoutMs);
    req.on('socket', (socket) => {
      // A reused keep-alive socket is connected already; a new one says so when it is.
      if (!socket.connecting) connected = true;
      else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
    });
    const failed = (err: NodeJS.ErrnoException, code: string, reached: boolean) =>
      fail(new HttpRequestError(err.message, err.code ?? code, reached));
    const incomplete = () =>
      fail(new HttpRequestError('the connection closed before the whole response arrived', 'ECONNRESET', true));
    req.on('error', (err: NodeJS.ErrnoException) => failed(err, 'NETWORK_ERROR', connected));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err: NodeJS.ErrnoException) => failed(err, 'ECONNRESET', true));
      res.on('close', () => {
        if (!res.complete) incomplete();
      });
      res.on('end', () => {
        if (settled || !res.complete) return; // 'close' reports an incomplete response
        settled = true;
        clearTimeout(timer);
        resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(payload);
  });
}
