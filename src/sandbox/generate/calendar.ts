/** Time arithmetic in Unix seconds, UTC, the way Stripe bills calendar periods. */
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/** Adds calendar months keeping the day of month, clamped to the month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonthsUtc(unix: number, months: number): number {
  const d = new Date(unix * 1000);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** "15 Jan 2026", the date format Stripe uses in proration line descriptions. */
export function shortDate(unix: number): string {
  const d = new Date(unix * 1000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
