// Parses the time a sandbox clock is set to: Unix seconds, or an ISO 8601 date-time.
// A date-time without an offset is read as UTC, so a world replays the same on every machine.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseSandboxTime(text: string): number {
  const s = String(text).trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  const m = ISO.exec(s);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', , zone] = m;
    const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(se)];
    const ms = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
    const check = new Date(ms);
    // Date.UTC rolls 2026-02-30 over to March; a typo should fail, not move the clock.
    if (
      check.getUTCFullYear() === fields[0] &&
      check.getUTCMonth() === fields[1] - 1 &&
      check.getUTCDate() === fields[2] &&
      fields[3] < 24 && fields[4] < 60 && fields[5] < 60
    ) {
      let offsetMinutes = 0;
      if (zone && zone.toUpperCase() !== 'Z') {
        const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
        offsetMinutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
      }
      return Math.floor(ms / 1000) - offsetMinutes * 60;
    }
  }
  throw new Error(
    `Invalid sandbox time "${s}": expected Unix seconds (e.g. 1767225600) or an ISO 8601 date-time ` +
      `(e.g. 2026-01-01T00:00:00Z)`,
  );
}
