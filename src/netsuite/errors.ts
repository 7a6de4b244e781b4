// Typed errors from NetSuite's RFC 7807-like error body (reference §4.1). Messages name the record type,
// externalId and field so an accountant can act on them; they never carry headers or credentials.

export type NetSuiteErrorKind =
  | 'auth' // 401 INVALID_LOGIN, or a token endpoint refusal
  | 'not_found' // 404 NONEXISTENT_ID
  | 'concurrency' // 429 CONCURRENCY_LIMIT_EXCEEDED
  | 'server' // 5xx
  | 'validation' // any other 4xx
  | 'network'; // no HTTP response: timeout, reset, refused

export interface NetSuiteErrorInit {
  status: number;
  code: string;
  detail: string;
  errorPath?: string;
  method?: string;
  recordType?: string;
  externalId?: string;
  internalId?: string;
  /** True when the request may have been carried out although no success was seen (timeout, reset, 5xx). */
  outcomeUnknown?: boolean;
}

export class NetSuiteError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errorPath?: string;
  readonly recordType?: string;
  readonly externalId?: string;
  readonly internalId?: string;
  readonly field?: string;
  readonly kind: NetSuiteErrorKind;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: NetSuiteErrorInit) {
    const field = fieldOf(init.detail, init.errorPath);
    super(describe(init, field));
    this.name = 'NetSuiteError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.errorPath = init.errorPath;
    this.recordType = init.recordType;
    this.externalId = init.externalId;
    this.internalId = init.internalId;
    this.field = field;
    this.kind = kindOf(init.status);
    this.retryable = this.kind === 'concurrency' || this.kind === 'server' || this.kind === 'network';
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }
}

function kindOf(status: number): NetSuiteErrorKind {
  if (status === 0) return 'network';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 429) return 'concurrency';
  if (status >= 500) return 'server';
  return 'validation';
}

/** "…Invalid Field Value 9999 for the following field: item" wins; else the last named step of o:errorPath. */
export function fieldOf(detail: string, errorPath?: string): string | undefined {
  const m = /for the following field:\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(detail);
  if (m) return m[1];
  if (!errorPath) return undefined;
  const steps = errorPath
    .split('.')
    .map((s) => s.replace(/\[\d+\]$/, ''))
    .filter((s) => s !== '' && s !== 'items');
  return steps.at(-1);
}

function describe(init: NetSuiteErrorInit, field: string | undefined): string {
  const what = [
    init.recordType ? `${init.recordType}` : 'request',
    init.externalId ? `externalId ${init.externalId}` : undefined,
    init.internalId ? `id ${init.internalId}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const where = field ? ` (field '${field}')` : '';
  const how = init.method ? `${init.method} ` : '';
  return `NetSuite ${how}${what}${where} failed: ${init.status || 'no response'} ${init.code}: ${init.detail}`;
}

interface ErrorBody {
  title?: unknown;
  'o:errorCode'?: unknown;
  'o:errorDetails'?: Array<{ detail?: unknown; 'o:errorCode'?: unknown; 'o:errorPath'?: unknown }>;
}

/** Builds the error for an HTTP response that was not a success. */
export function errorFromResponse(
  status: number,
  bodyText: string,
  context: Omit<NetSuiteErrorInit, 'status' | 'code' | 'detail' | 'errorPath'>,
  wwwAuthenticate?: string,
): NetSuiteError {
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(bodyText) as ErrorBody;
  } catch {
    body = undefined;
  }
  const first = Array.isArray(body?.['o:errorDetails']) ? body!['o:errorDetails']![0] : undefined;
  let code = str(first?.['o:errorCode']) ?? str(body?.['o:errorCode']);
  let detail = str(first?.detail) ?? str(body?.title);
  if (!code && wwwAuthenticate) {
    // OAuth 2.0 failures are told in the WWW-Authenticate header (reference §1.9).
    code = /error="([^"]*)"/.exec(wwwAuthenticate)?.[1]?.toUpperCase();
    detail = detail ?? /error_description="([^"]*)"/.exec(wwwAuthenticate)?.[1];
  }
  return new NetSuiteError({
    ...context,
    status,
    code: code ?? `HTTP_${status}`,
    detail: detail ?? (bodyText.slice(0, 200) || 'no error body'),
    errorPath: str(first?.['o:errorPath']),
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * NetSuite is down: several requests in a row got no answer or a 5xx. Every later request fails at once with this
 * (a circuit breaker), so an outage costs a handful of requests and ends the run quickly, naming the service.
 */
export class NetSuiteUnavailableError extends Error {
  constructor(readonly last: NetSuiteError, readonly failuresInARow: number) {
    super(`NetSuite unreachable: ${failuresInARow} requests in a row failed (last: ${last.message})`);
    this.name = 'NetSuiteUnavailableError';
  }
}
