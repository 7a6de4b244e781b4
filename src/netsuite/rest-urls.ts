// Builds NetSuite REST URLs byte-for-byte stable under WHATWG URL parsing, so the URL the TBA signer
// signs is exactly the URL the client sends (reference §1.7): spaces are %20 (never '+'), and every character
// the parser would re-encode (' " < > ` { } and others) is already percent-encoded.

export type QueryValue = string | number | boolean | undefined | null;

/** RFC 3986 unreserved characters stay; everything else is %XX (encodeURIComponent leaves !'()* alone). */
export function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `?a=1&b=x%20y` from ordered pairs; undefined/null values are left out. Never uses URLSearchParams ('+'). */
export function queryString(params: Array<[string, QueryValue]>): string {
  const parts = params
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

const RECORD_TYPE = /^[A-Za-z][A-Za-z0-9_]*$/;

export function recordTypeSegment(recordType: string): string {
  if (!RECORD_TYPE.test(recordType)) throw new Error(`not a NetSuite record type: ${JSON.stringify(recordType)}`);
  return recordType;
}

/** An internal id as a path segment. */
export function idSegment(id: string): string {
  if (id === '') throw new Error('empty NetSuite internal id');
  return encodeRfc3986(id);
}

/** `eid:<externalId>`; ':' is left literal because the WHATWG parser keeps it and NetSuite expects it. */
export function externalIdSegment(externalId: string): string {
  if (externalId === '') throw new Error('empty NetSuite externalId');
  return `eid:${encodeRfc3986(externalId)}`;
}

/** Scheme + lowercase host (+ non-default port) + base path, no trailing slash: the form that gets signed. */
export function normaliseBaseUrl(baseUrl: string): string {
  const u = new URL(baseUrl);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Internal id = last path segment of a Location header (reference §3.1). */
export function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const seg = location.split('?')[0].replace(/\/+$/, '').split('/').pop();
  return seg ? decodeURIComponent(seg) : undefined;
}
