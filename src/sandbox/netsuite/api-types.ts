// The request and response shapes the route handlers work with, independent of node:http.
import type { IncomingHttpHeaders } from 'node:http';

export interface ApiRequest {
  method: string;
  /** Path segments after the route prefix, percent-decoded. */
  segments: string[];
  /** Query parameters, form-decoded. */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  /** Scheme and host as the client addressed the sandbox. */
  base: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const SINGULAR = 'application/vnd.oracle.resource+json; type=singular';
export const COLLECTION = 'application/vnd.oracle.resource+json; type=collection';
