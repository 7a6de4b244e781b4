// OAuth 2.0 client credentials (M2M) as NetSuite runs it (reference netsuite-rest.md §1.9): a JWT client
// assertion signed with the certificate's private key buys a Bearer token that lives a fixed time.
import { createPrivateKey, createPublicKey, constants, verify, type KeyObject } from 'node:crypto';

export interface OAuth2Credentials {
  clientId: string;
  certificateId: string;
  publicKeyPem: string;
}

/** The public key (SPKI PEM) of a private key PEM, so the CLI can configure the sandbox from NETSUITE_PRIVATE_KEY. */
export function publicKeyFromPrivatePem(pem: string): string {
  return createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'pem' }).toString();
}

const ALGORITHMS: Record<string, { hash: string; pss: boolean }> = {
  PS256: { hash: 'sha256', pss: true },
  PS384: { hash: 'sha384', pss: true },
  PS512: { hash: 'sha512', pss: true },
  ES256: { hash: 'sha256', pss: false },
  ES384: { hash: 'sha384', pss: false },
  ES512: { hash: 'sha512', pss: false },
};

function decodeSegment(seg: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export type AssertionResult = { ok: true } | { ok: false; reason: string };

/** Checks a client assertion: kid, alg, signature, iss, aud, scope, iat/exp window. */
export function verifyClientAssertion(
  jwt: string,
  creds: OAuth2Credentials | undefined,
  audience: string,
  now: number,
  key: KeyObject | undefined,
): AssertionResult {
  if (!creds || !key) return { ok: false, reason: 'oauth2 not configured' };
  const parts = jwt.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed JWT' };
  const header = decodeSegment(parts[0]);
  const payload = decodeSegment(parts[1]);
  if (!header || !payload) return { ok: false, reason: 'malformed JWT' };
  const alg = ALGORITHMS[String(header.alg)];
  if (!alg) return { ok: false, reason: `unsupported alg ${String(header.alg)}` };
  if (header.kid !== creds.certificateId) return { ok: false, reason: 'unknown kid' };
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const sig = Buffer.from(parts[2], 'base64url');
  let good = false;
  try {
    good = alg.pss
      ? verify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, sig)
      : verify(alg.hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, reason: 'bad signature' };
  if (payload.iss !== creds.clientId) return { ok: false, reason: 'wrong iss' };
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.includes(audience)) return { ok: false, reason: 'wrong aud' };
  const scope = Array.isArray(payload.scope) ? payload.scope.map(String) : String(payload.scope ?? '').split(',');
  if (!scope.map((s) => s.trim()).includes('rest_webservices')) return { ok: false, reason: 'scope lacks rest_webservices' };
  const iat = payload.iat;
  const exp = payload.exp;
  if (typeof iat !== 'number' || typeof exp !== 'number') return { ok: false, reason: 'iat/exp missing' };
  if (exp > iat + 3600) return { ok: false, reason: 'exp more than 60 minutes after iat' };
  if (exp <= now) return { ok: false, reason: 'assertion expired' };
  if (iat > now + 300) return { ok: false, reason: 'iat in the future' };
  return { ok: true };
}

export function loadPublicKey(creds: OAuth2Credentials | undefined): KeyObject | undefined {
  return creds ? createPublicKey(creds.publicKeyPem) : undefined;
}
