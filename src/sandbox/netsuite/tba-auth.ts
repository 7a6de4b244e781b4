// Server side of NetSuite token-based authentication: OAuth 1.0a, HMAC-SHA256, RFC 5849 base string
// (reference netsuite-rest.md §1, §8). Every failure is the same 401 to the client; the reason goes to the audit.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** Login-audit reason codes, as NetSuite names them (reference §1.6). */
export type TbaFailure =
  | 'MissingTokenPassportRequiredFields'
  | 'parameter_rejected'
  | 'InvalidAccount'
  | 'UnknownAlgorithm'
  | 'VersionRejected'
  | 'InvalidTimestamp'
  | 'nonce_rejected'
  | 'consumer_key_unknown'
  | 'token_rejected'
  | 'InvalidSignature'
  | 'NonceUsed';

export interface TbaRequest {
  method: string;
  /** 'http' for the sandbox itself; 'https' when a TLS proxy in front says so. */
  scheme: string;
  /** The Host header exactly as sent. */
  host: string;
  /** The request target as received: raw path plus optional '?query'. */
  target: string;
  authorization: string;
}

/** RFC 3986 percent-encoding (unreserved set only), as RFC 5849 §3.6 requires. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** application/x-www-form-urlencoded decoding: '+' is a space (RFC 5849 §3.4.1.3.1). */
export function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/** Parses `OAuth k="v", ...`; undefined when malformed or a parameter repeats. */
export function parseOAuthHeader(header: string): Map<string, string> | undefined {
  const m = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (!m) return undefined;
  const params = new Map<string, string>();
  // Values are percent-encoded, so a raw comma only ever separates parameters.
  for (const part of m[1].split(',')) {
    const kv = /^\s*([^=\s]+)\s*=\s*"([^"]*)"\s*$/.exec(part);
    if (!kv) return undefined;
    try {
      const key = decodeURIComponent(kv[1]);
      if (params.has(key)) return undefined;
      params.set(key, decodeURIComponent(kv[2]));
    } catch {
      return undefined;
    }
  }
  return params;
}

/** RFC 5849 §3.4.1.2: lowercase scheme and host, default port dropped, path as received. */
export function baseStringUri(scheme: string, host: string, rawPath: string): string {
  const s = scheme.toLowerCase();
  let h = host.toLowerCase();
  if ((s === 'http' && h.endsWith(':80')) || (s === 'https' && h.endsWith(':443'))) h = h.replace(/:\d+$/, '');
  return `${s}://${h}${rawPath}`;
}

/** The signature base string over oauth params (without realm and signature) and query params. */
export function signatureBaseString(method: string, uri: string, params: Array<[string, string]>): string {
  const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const paramString = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${percentEncode(uri)}&${percentEncode(paramString)}`;
}

export function hmacSha256Signature(base: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac('sha256', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(base).digest('base64');
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  if (x.length !== y.length) {
    timingSafeEqual(x, x);
    return false;
  }
  return timingSafeEqual(x, y);
}

export interface TbaVerifierDeps {
  accountId: string;
  credentials?: TbaCredentials;
  /** Unix seconds. */
  now: () => number;
  /** Records (token, nonce, timestamp); false when that combination was seen before. */
  claimNonce: (token: string, nonce: string, timestamp: number) => boolean;
}

export type TbaResult = { ok: true; tokenId: string } | { ok: false; reason: TbaFailure };

const REQUIRED = [
  'oauth_consumer_key',
  'oauth_token',
  'oauth_nonce',
  'oauth_timestamp',
  'oauth_signature_method',
  'oauth_version',
  'oauth_signature',
];

export function verifyTba(req: TbaRequest, deps: TbaVerifierDeps): TbaResult {
  const params = parseOAuthHeader(req.authorization);
  if (!params) return { ok: false, reason: 'parameter_rejected' };
  for (const k of ['realm', ...REQUIRED]) if (!params.get(k)) return { ok: false, reason: 'MissingTokenPassportRequiredFields' };
  if (params.get('realm') !== deps.accountId) return { ok: false, reason: 'InvalidAccount' };
  if (params.get('oauth_signature_method') !== 'HMAC-SHA256') return { ok: false, reason: 'UnknownAlgorithm' };
  if (params.get('oauth_version') !== '1.0') return { ok: false, reason: 'VersionRejected' };
  const tsText = params.get('oauth_timestamp')!;
  const ts = Number(tsText);
  if (!/^\d+$/.test(tsText) || Math.abs(deps.now() - ts) > 300) return { ok: false, reason: 'InvalidTimestamp' };
  const nonce = params.get('oauth_nonce')!;
  if (nonce.length < 6) return { ok: false, reason: 'nonce_rejected' };
  const creds = deps.credentials;
  if (!creds || params.get('oauth_consumer_key') !== creds.consumerKey) return { ok: false, reason: 'consumer_key_unknown' };
  if (params.get('oauth_token') !== creds.tokenId) return { ok: false, reason: 'token_rejected' };

  const q = req.target.indexOf('?');
  const rawPath = q < 0 ? req.target : req.target.slice(0, q);
  const query = q < 0 ? '' : req.target.slice(q + 1);
  const signed: Array<[string, string]> = [];
  for (const [k, v] of params) if (k !== 'realm' && k !== 'oauth_signature') signed.push([k, v]);
  try {
    for (const part of query.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      signed.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
    }
  } catch {
    return { ok: false, reason: 'parameter_rejected' };
  }
  const base = signatureBaseString(req.method, baseStringUri(req.scheme, req.host, rawPath), signed);
  const expected = hmacSha256Signature(base, creds.consumerSecret, creds.tokenSecret);
  if (!constantTimeEqual(expected, params.get('oauth_signature')!)) return { ok: false, reason: 'InvalidSignature' };
  // Only a correctly signed request consumes its nonce, so forged traffic cannot burn a client's nonces.
  if (!deps.claimNonce(creds.tokenId, nonce, ts)) return { ok: false, reason: 'NonceUsed' };
  return { ok: true, tokenId: creds.tokenId };
}
