// Errors the sandbox answers with, in the body shape Stripe uses so the SDK maps them to its
// own error classes (StripeInvalidRequestError, StripeAuthenticationError, ...).

export interface StripeErrorBody {
  type: string;
  message: string;
  code?: string;
  /** Stripe's page for the code, present whenever there is a code (see docUrl). */
  doc_url?: string;
  param?: string;
  /** Optional in Stripe's error object; this sandbox has no dashboard to link to, so never sets it. */
  request_log_url?: string;
}

/**
 * Stripe's documentation page for an error code. Stripe spells the code with hyphens in the URL:
 * `idempotency_key_in_use` → https://stripe.com/docs/error-codes/idempotency-key-in-use (as in the
 * error bodies quoted in stripe/stripe-go#647 and beam-community/stripity-stripe#564).
 */
export function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
}

export class StripeHttpError extends Error {
  readonly body: StripeErrorBody;

  constructor(
    readonly status: number,
    body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    // Key order as Stripe serializes its error object (alphabetical): code, doc_url, message, param, type.
    const { code, message, param, type } = body;
    this.body = {
      ...(code ? { code, doc_url: body.doc_url ?? docUrl(code) } : {}),
      message,
      ...(param ? { param } : {}),
      ...(body.request_log_url ? { request_log_url: body.request_log_url } : {}),
      type,
    };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeHttpError {
  return new StripeHttpError(400, { type: 'invalid_request_error', message, ...(code ? { code } : {}), ...(param ? { param } : {}) });
}

export function unknownParameter(param: string): StripeHttpError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

/** A path id that does not exist (or is not visible yet at the sandbox clock). */
export function resourceMissing(noun: string, id: string, param = 'id', status = 404): StripeHttpError {
  return new StripeHttpError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${noun}: '${id}'`,
    param,
  });
}

export function unrecognizedUrl(method: string, path: string): StripeHttpError {
  return new StripeHttpError(404, {
    type: 'invalid_request_error',
    message:
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at ` +
      `https://support.stripe.com/. (This local Stripe sandbox serves read-only list and retrieve endpoints.)`,
  });
}
