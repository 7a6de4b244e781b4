// The one phrasing of a blocked reason: "<what>: <cause>; fix: <fix>". Reports group blocked operations by
// cause and fix (src/report/blocked-groups.ts), so the cause names no single object and the fix names a key that
// exists in src/config/schema.ts.

export const FIX_MARKER = '; fix: ';

export function blockedReason(what: string, cause: string, fix: string): string {
  return `${what}: ${cause}${FIX_MARKER}${fix}`;
}

/** A Stripe currency without a NetSuite currency id in netsuite.currencies. */
export function unmappedCurrency(what: string, currency: string): string {
  const code = currency.toLowerCase();
  return blockedReason(
    what,
    `no NetSuite currency is configured for ${code.toUpperCase()}`,
    `add "${code}" (the NetSuite currency's internal id) to netsuite.currencies`,
  );
}

/** A dependent's reason: its prerequisite `key` is blocked, with the prerequisite's own reason inside. */
export function prerequisiteBlocked(key: string, reason: string): string {
  return `${key} is blocked (${reason})`;
}
