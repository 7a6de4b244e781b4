// Parsing of command-line values, with errors that name the option.
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';

export function parseInteger(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): (v: string) => number {
  return (v: string) => {
    // Digits only: Number() would also take "1e3", "0x10" and " 5".
    const n = /^-?\d+$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}, got "${v}"`,
      );
    }
    return n;
  };
}

export function parseRate(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number between 0 and 1');
  return n;
}

/** A calendar date (YYYY-MM-DD, UTC midnight) or a full ISO 8601 date-time → Unix seconds. */
export function parseDateOption(name: string): (v: string) => number {
  return (v: string) => {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v;
    const ms = Date.parse(iso);
    // Date.parse rolls 2026-02-31 over to March; the calendar date must survive the round trip.
    const sameDay = !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === v.slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms) || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !sameDay)) {
      throw new InvalidArgumentError(`${name} must be a date like 2026-01-31 or an ISO 8601 date-time, got "${v}"`);
    }
    return Math.floor(ms / 1000);
  };
}

export type ReportFormat = 'text' | 'json' | 'markdown' | 'html' | 'csv';

export function parseFormat(v: string): ReportFormat {
  if (v === 'text' || v === 'json' || v === 'markdown' || v === 'html' || v === 'csv') return v;
  if (v === 'md') return 'markdown';
  throw new InvalidArgumentError('must be text, json, markdown, html or csv');
}

/** A file to write: its directory must exist now, not after a whole run. */
export function parseOutFile(v: string): string {
  const dir = path.dirname(path.resolve(v));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new InvalidArgumentError(`the directory ${dir} does not exist`);
  }
  return v;
}
