// OAuth 2.0 client credentials (M2M) for NetSuite REST (reference §1.9): a JWT assertion signed with the
// integration's private key is exchanged for a bearer token, cached until shortly before it expires.
import crypto from 'node:crypto';
import { httpRequest } from './http-request.js';
import { errorFromResponse, NetSuiteError } from './errors.js';

export interface OAuth2ClientCredentials {
  clientId: string;
  /** The certificate id from the "OAuth 2.0 Client Credentials (M2M) Setup" page: the JWT `kid`. */
  certificateId: string;
  privateKeyPem: string;
  scope?: string;
}

export interface OAuth2TokenSourceOptions {
  /** e.g. https://1234567-sb1.suitetalk.api.netsuite.com */
  baseUrl: string;
  credentials: OAuth2ClientCredentials;
  timeoutMs?: number;
  /** Renew this long before expiry (capped at a tenth of the lifetime for short-lived tokens). */
  renewBeforeMs?: number;
  now?: () => number;
}

export type JwtAlgorithm = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

/** PS256 for RSA keys; ES256/ES384/ES512 by the curve of an EC key. */
export function algorithmFor(key: crypto.KeyObject): JwtAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') return 'PS256';
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
    throw new Error(`OAuth 2.0: unsupported EC curve ${String(curve)}`);
  }
  throw new Error(`OAuth 2.0: unsupported key type ${String(type)} (use RSA or EC)`);
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** The signed client assertion. `iat`/`exp` in seconds; `exp` is at most an hour after `iat`. */
export function buildClientAssertion(
  credentials: OAuth2ClientCredentials,
  tokenUrl: string,
  nowMs: number,
  lifetimeSeconds = 3600,
): string {
  const key = crypto.createPrivateKey(credentials.privateKeyPem);
  const alg = algorithmFor(key);
  const iat = Math.floor(nowMs / 1000);
  const header = { typ: 'JWT', alg, kid: credentials.certificateId };
  const payload = {
    iss: credentials.clientId,
    scope: credentials.scope ?? 'rest_webservices',
    aud: tokenUrl,
    iat,
    exp: iat + Math.min(lifetimeSeconds, 3600),
    jti: crypto.randomUUID(),
  };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const digest = `sha${alg.slice(2)}`;
  const signature = alg.startsWith('PS')
    ? crypto.sign(digest, Buffer.from(signingInput), {
        key,
        padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
        saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST,
      })
    : // JWS wants the raw r||s form, not DER.
      crypto.sign(digest, Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${b64url(signature)}`;
}

export class OAuth2TokenSource {
  readonly tokenUrl: string;
  /** Token endpoint calls made (for tests and the run summary). */
  tokenRequests = 0;
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly o: OAuth2TokenSourceOptions) {
    this.tokenUrl = `${o.baseUrl.replace(/\/+$/, '')}/services/rest/auth/oauth2/v1/token`;
    this.now = o.now ?? Date.now;
    // Fail at start-up, not on the first request, when the key is unusable.
    algorithmFor(crypto.createPrivateKey(o.credentials.privateKeyPem));
  }

  /** A valid access token, fetching one when none is cached. Concurrent callers share one fetch. */
  async token(): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops `token` (the server said it is expired or invalid) so the next call fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const issuedAt = this.now();
    const assertion = buildClientAssertion(this.o.credentials, this.tokenUrl, issuedAt);
    const form =
      'grant_type=client_credentials' +
      `&client_assertion_type=${encodeURIComponent('urn:ietf:params:oauth:client-assertion-type:jwt-bearer')}` +
      `&client_assertion=${encodeURIComponent(assertion)}`;
    this.tokenRequests++;
    let res;
    try {
      res = await httpRequest(this.tokenUrl, {
        method: 'POST',
        body: form,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        timeoutMs: this.o.timeoutMs ?? 30_000,
      });
    } catch (err) {
      throw new NetSuiteError({
        status: 0,
        code: (err as { code?: string }).code ?? 'NETWORK_ERROR',
        detail: `token request failed: ${(err as Error).message}`,
        method: 'POST',
        recordType: 'oauth2 token',
      });
    }
    if (res.statusCode !== 200) {
      const e = errorFromResponse(res.statusCode, res.body, { method: 'POST', recordType: 'oauth2 token' });
      // A refused assertion (invalid_grant, invalid_client …) is an authentication failure whatever its status.
      if (res.statusCode === 400 || res.statusCode === 401) {
        throw new NetSuiteError({ status: 401, code: tokenErrorCode(res.body) ?? e.code, detail: e.detail, method: 'POST', recordType: 'oauth2 token' });
      }
      throw e;
    }
    const body = JSON.parse(res.body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new NetSuiteError({ status: 502, code: 'INVALID_TOKEN_RESPONSE', detail: 'token response has no access_token', recordType: 'oauth2 token' });
    }
    const lifetimeMs = (Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600) * 1000;
    const margin = Math.min(this.o.renewBeforeMs ?? 60_000, lifetimeMs / 10);
    this.cached = { token: body.access_token, renewAt: issuedAt + lifetimeMs - margin };
    return body.access_token;
  }
}

function tokenErrorCode(bodyText: string): string | undefined {
  try {
    const e = (JSON.parse(bodyText) as { error?: unknown }).error;
    return typeof e === 'string' ? e.toUpperCase() : undefined;
  } catch {
    return undefined;
  }
}
