// Errors the sandbox answers with, in the body shape Stripe uses so the SDK maps them to its
// own error classes (StripeInvalidRequestError, StripeAuthenticationError, ...).

export interface StripeErrorBody {
  type: string;
  message: string;
  code?: string;
  param?: string;
}

export class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
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
