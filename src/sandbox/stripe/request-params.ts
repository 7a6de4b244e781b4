// Validates a parsed query against the parameters an endpoint accepts, the way Stripe answers a
// bad one: 400 `invalid_request_error` naming the parameter (`param`) as the client sent it.
import type { QueryObject, QueryValue } from './form-query.js';
import type { ParamKind } from './resources.js';
import { invalidRequest, unknownParameter } from './stripe-error.js';

/** Inclusive bounds from `created=…` or `created[gt|gte|lt|lte]=…`. */
export interface Range {
  lo: number;
  hi: number;
}
export type ParamValue = string | number | boolean | string[] | Range;

export const PAGINATION: Record<string, ParamKind> = {
  limit: 'int',
  starting_after: 'string',
  ending_before: 'string',
  expand: 'strings',
};
export const RETRIEVE: Record<string, ParamKind> = { expand: 'strings' };

export interface Pagination {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

function parseInt10(v: QueryValue, param: string): number {
  if (typeof v !== 'string' || !/^-?\d+$/.test(v.trim())) {
    throw invalidRequest(`Invalid integer: ${typeof v === 'string' ? v : JSON.stringify(v)}`, param);
  }
  return Number(v.trim());
}

function parseValue(v: QueryValue, kind: ParamKind, param: string, out: Map<string, ParamValue>): void {
  if (typeof kind === 'object') {
    if (typeof v !== 'object' || Array.isArray(v)) throw invalidRequest(`Invalid object: ${param}`, param);
    for (const [k, sub] of Object.entries(v)) {
      const subKind = kind[k];
      if (!subKind) throw unknownParameter(`${param}[${k}]`);
      parseValue(sub, subKind, `${param}[${k}]`, out);
    }
    return;
  }
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') throw invalidRequest(`Invalid string: ${param} must be a string`, param);
      out.set(param, v);
      return;
    case 'int':
      out.set(param, parseInt10(v, param));
      return;
    case 'bool':
      if (v !== 'true' && v !== 'false') throw invalidRequest(`Invalid boolean: ${String(v)}`, param);
      out.set(param, v === 'true');
      return;
    case 'strings': {
      const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
      if (!list || list.some((x) => typeof x !== 'string')) throw invalidRequest(`Invalid array: ${param}`, param);
      out.set(param, list as string[]);
      return;
    }
    case 'range': {
      if (typeof v === 'string') {
        const n = parseInt10(v, param);
        out.set(param, { lo: n, hi: n });
        return;
      }
      if (Array.isArray(v)) throw invalidRequest(`Invalid ${param}: expected an integer or a hash`, param);
      const r: Range = { lo: -Infinity, hi: Infinity };
      for (const [op, raw] of Object.entries(v)) {
        const n = parseInt10(raw, `${param}[${op}]`);
        if (op === 'gt') r.lo = Math.max(r.lo, n + 1);
        else if (op === 'gte') r.lo = Math.max(r.lo, n);
        else if (op === 'lt') r.hi = Math.min(r.hi, n - 1);
        else if (op === 'lte') r.hi = Math.min(r.hi, n);
        else throw unknownParameter(`${param}[${op}]`);
      }
      out.set(param, r);
      return;
    }
  }
}

/** Parameter values by name as sent (`payment[type]` for nested ones). */
export function validateParams(query: QueryObject, schema: Record<string, ParamKind>): Map<string, ParamValue> {
  const out = new Map<string, ParamValue>();
  for (const [k, v] of Object.entries(query)) {
    const kind = schema[k];
    if (!kind) throw unknownParameter(k);
    parseValue(v, kind, k, out);
  }
  return out;
}

export function pagination(p: Map<string, ParamValue>): Pagination {
  const limit = (p.get('limit') as number | undefined) ?? 10;
  if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit');
  const startingAfter = p.get('starting_after') as string | undefined;
  const endingBefore = p.get('ending_before') as string | undefined;
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('Received both starting_after and ending_before parameters. Please pass in only one.');
  }
  return { limit, startingAfter, endingBefore };
}
