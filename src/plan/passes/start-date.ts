// Go-live (`extract.startDate`): Stripe objects created before it never sync (reference #3, invariant I4).
import type { Settings } from '../../config/settings.js';
import { netsuiteDate } from '../../accounting/dates.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date-only start (`2025-01-01`) is a calendar day in the NetSuite account's time zone, as an accountant
 * reading "go-live on the 1st" means it; a date-time (`2025-01-01T00:00:00Z`) is that instant.
 * An unparseable value is treated as "no start date" rather than hiding every object.
 */
export function createdBeforeStartDate(settings: Settings, createdUnix: number): boolean {
  const start = settings.extract.startDate;
  if (!start) return false;
  if (DATE_ONLY.test(start)) return netsuiteDate(createdUnix, settings.netsuite.timeZone) < start;
  const ms = Date.parse(start);
  if (Number.isNaN(ms)) return false;
  return createdUnix * 1000 < ms;
}
