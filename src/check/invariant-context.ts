// What every invariant check is given: the Stripe world, NetSuite, the settings, and where results go.
import type { Settings } from '../config/settings.js';
import type { InvariantResult } from './invariant-report.js';
import type { NetSuiteRecords } from './netsuite-records.js';
import type { StripeWorld } from './stripe-world.js';

export interface InvariantContext {
  stripe: StripeWorld;
  ns: NetSuiteRecords;
  settings: Settings;
  /** The record-sync start date as a Unix time (I4: nothing created before it is synced). */
  start: number;
  record(invariant: string, subject: string, ok: boolean, detail: string): void;
}

export function newContext(stripe: StripeWorld, ns: NetSuiteRecords, settings: Settings, results: InvariantResult[]): InvariantContext {
  return {
    stripe,
    ns,
    settings,
    start: settings.extract.startDate ? Math.floor(Date.parse(settings.extract.startDate) / 1000) : 0,
    record: (invariant, subject, ok, detail) => results.push({ invariant, subject, ok, ...(ok ? {} : { detail }) }),
  };
}

/** The id of an expandable Stripe field (an id string or an expanded object). */
export function stripeId(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'id' in v) return String((v as { id: unknown }).id);
  return null;
}

