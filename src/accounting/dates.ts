// Stripe Unix timestamps → NetSuite `YYYY-MM-DD` dates in the NetSuite account's time zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function netsuiteDate(unixSeconds: number, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(unixSeconds * 1000));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * A calendar date Stripe encodes as midnight UTC of that day (a payout's `arrival_date`): its UTC date, never
 * shifted by the account's time zone, which would date it a day early west of UTC (DESIGN.md, Dates).
 */
export function stripeCalendarDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Revenue end date: Stripe's `period.end` is exclusive, NetSuite's end date inclusive, so the last day is
 * the day before (DESIGN.md decision 1). A zero-length period (start = end) keeps its single day.
 */
export function revenueEndDate(periodStart: number, periodEnd: number, timeZone: string): string {
  if (periodEnd <= periodStart) return netsuiteDate(periodStart, timeZone);
  return netsuiteDate(periodEnd - 86400, timeZone);
}
