// NetSuite's REST error bodies (reference netsuite-rest.md §1.6, §4), raised by any handler and rendered by the server.

const RFC2616 = 'https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html';

export interface NsErrorDetail {
  detail: string;
  'o:errorCode': string;
  'o:errorPath'?: string;
  'o:errorQueryParam'?: string;
}

export class NsError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly typeAnchor: string,
    readonly details: NsErrorDetail[],
    readonly topLevelCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(details[0]?.detail ?? title);
  }

  body(): Record<string, unknown> {
    return {
      type: this.typeAnchor ? `${RFC2616}#${this.typeAnchor}` : RFC2616,
      title: this.title,
      status: this.status,
      ...(this.topLevelCode ? { 'o:errorCode': this.topLevelCode } : {}),
      'o:errorDetails': this.details,
    };
  }
}

const LOGIN_DETAIL =
  'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';

/** The one 401 every TBA failure produces, whatever the reason (§1.6): exactly this body, no anchor. */
export function invalidLogin(headers: Record<string, string> = {}): NsError {
  return new NsError(401, 'Unauthorized', '', [{ detail: LOGIN_DETAIL, 'o:errorCode': 'INVALID_LOGIN' }], undefined, headers);
}

export function concurrencyExceeded(): NsError {
  return new NsError(
    429,
    'Bad Request',
    '',
    [{ detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }],
    'USER_ERROR',
  );
}

export function unexpectedError(errorId: string): NsError {
  return new NsError(500, 'Internal Server Error', 'sec10.5.1', [
    { detail: `An unexpected error occurred. Error ID: ${errorId}`, 'o:errorCode': 'UNEXPECTED_ERROR' },
  ]);
}

export function nonexistentId(): NsError {
  return new NsError(404, 'Not Found', 'sec10.4.5', [{ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' }]);
}

/** A record type the account does not have (unknown, or not given by its features). */
export function unknownRecordType(type: string): NsError {
  return new NsError(404, 'Not Found', 'sec10.4.5', [{ detail: `Record type '${type}' does not exist.`, 'o:errorCode': 'NONEXISTENT_ID' }]);
}

/** Posting in a closed accounting period. */
export function closedPeriod(periodName: string, path: string): NsError {
  return userError(`The accounting period you selected is closed (${periodName}). Choose a date in an open period.`, path);
}

export function invalidRequest(detail = 'The request could not be understood by the server due to malformed syntax.'): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [{ detail, 'o:errorCode': 'INVALID_REQUEST' }]);
}

export function invalidParameter(param: string, detail: string): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [
    { detail, 'o:errorCode': 'INVALID_PARAMETER', 'o:errorQueryParam': param },
  ]);
}

/** A reference (or other value) NetSuite cannot accept for a field: §4.2 "invalid body ref". */
export function invalidFieldValue(value: unknown, field: string, path: string): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [
    {
      detail: `Error while accessing resource: You have entered an Invalid Field Value ${String(value)} for the following field: ${field}`,
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': path,
    },
  ]);
}

/** A business rule NetSuite enforces when saving a record. */
export function userError(detail: string, path?: string): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [
    { detail: `Error while accessing a resource. ${detail}`, 'o:errorCode': 'USER_ERROR', ...(path ? { 'o:errorPath': path } : {}) },
  ]);
}

export function invalidContent(detail: string, path?: string): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [
    { detail, 'o:errorCode': 'INVALID_CONTENT', ...(path ? { 'o:errorPath': path } : {}) },
  ]);
}

export function searchError(detail: string): NsError {
  return new NsError(400, 'Bad Request', 'sec10.4.1', [
    { detail: `Invalid search query. ${detail}`, 'o:errorCode': 'USER_ERROR' },
  ]);
}
