// An independent RFC 5849 HMAC-SHA256 verifier (no oauth-1.0a), as NetSuite checks a request it received:
// base string from the URL actually received, query values form-decoded ('+' is a space) and re-encoded.
import crypto from 'node:crypto';

const enc = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function parseOAuthHeader(h: string): Record<string, string> {
  if (!h.startsWith('OAuth ')) throw new Error('not an OAuth header');
  const out: Record<string, string> = {};
  for (const m of h.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]] = decodeURIComponent(m[2]);
  return out;
}

export function expectedSignature(
  method: string,
  origin: string,
  receivedUrl: string,
  header: Record<string, string>,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const [path, query = ''] = receivedUrl.split('?');
  const params: Array<[string, string]> = Object.entries(header).filter(
    ([k]) => k.startsWith('oauth_') && k !== 'oauth_signature',
  );
  for (const part of query.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    const dec = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));
    params.push([dec(k), dec(v)]);
  }
  const norm = params.map(([k, v]) => [enc(k), enc(v)]).sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const base = [method.toUpperCase(), enc(origin + path), enc(norm.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
  return crypto.createHmac('sha256', `${enc(consumerSecret)}&${enc(tokenSecret)}`).update(base).digest('base64');
}
