// Dates as NetSuite shows them (reference/netsuite-rest.md §3.13: `YYYY-MM-DD`, no time-zone conversion), restated
// for the checker independently of src/accounting.

/** The day an instant falls on in the NetSuite account's time zone (a charge's `created`: I12 "tranDate = the charge date"). */
export function dayInTimeZone(unixSeconds: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(unixSeconds * 1000),
  );
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * A calendar date Stripe encodes as midnight UTC of the day (a payout's `arrival_date`): that UTC day, in every
 * account time zone (I17 "deposit date = the bank-arrival date").
 */
export function utcCalendarDay(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}
