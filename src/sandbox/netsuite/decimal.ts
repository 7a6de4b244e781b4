// Exact decimal arithmetic for amounts: NetSuite sends JSON numbers, the sandbox keeps integer minor units.
import { invalidFieldValue } from './ns-error.js';
import { isLosslessNumber, LosslessNumber } from './exact-json.js';

/** A decimal as an integer of 10^-scale units (BigInt, so quantity × rate never touches a float). */
interface Scaled {
  units: bigint;
  scale: number;
}

/** Parses a JSON number or numeric string exactly; returns undefined when it is not a decimal. */
export function parseDecimal(value: unknown): Scaled | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    // JSON numbers such as 1e-7 print in exponent form; toFixed(20) is exact enough for any amount NetSuite takes.
    if (/e/i.test(text)) text = value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  } else if (typeof value === 'string') {
    text = value.trim();
  } else if (isLosslessNumber(value)) {
    text = value.toString();
  } else {
    return undefined;
  }
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  const units = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

/** Rounds half away from zero to `precision` decimals, as NetSuite does for currency amounts. */
function roundTo(d: Scaled, precision: number): number {
  let units = d.units;
  if (d.scale <= precision) {
    units *= 10n ** BigInt(precision - d.scale);
  } else {
    const div = 10n ** BigInt(d.scale - precision);
    const neg = units < 0n;
    const abs = neg ? -units : units;
    let q = abs / div;
    if ((abs % div) * 2n >= div) q += 1n;
    units = neg ? -q : q;
  }
  const n = Number(units);
  if (!Number.isSafeInteger(n)) throw new RangeError('amount out of range');
  return n;
}

/** A money value from a request to minor units of a currency with `precision` decimals. */
export function toMinor(value: unknown, precision: number, field: string, path: string): number {
  const d = parseDecimal(value);
  if (!d) throw invalidFieldValue(value, field, path);
  try {
    return roundTo(d, precision);
  } catch {
    throw invalidFieldValue(value, field, path);
  }
}

/** quantity × rate, rounded once to `precision` decimals (negative: to tens, hundreds, ...). */
export function multiplyToMinor(quantity: string, rate: string, precision: number): number {
  const q = parseDecimal(quantity);
  const r = parseDecimal(rate);
  if (!q || !r) throw new Error('quantity and rate must be decimals');
  return roundTo({ units: q.units * r.units, scale: q.scale + r.scale }, precision);
}

/** Minor units as their exact decimal text, without trailing zeros ("12.5", "100", "-0.01"). */
export function minorToString(minor: number, precision: number): string {
  if (precision === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const digits = Math.abs(minor).toString().padStart(precision + 1, '0');
  const text = `${digits.slice(0, -precision)}.${digits.slice(-precision)}`.replace(/0+$/, '').replace(/\.$/, '');
  return sign + text;
}

/** Minor units back to the JSON number NetSuite answers with: every digit, even beyond a double's (exact-json.ts). */
export function minorToNumber(minor: number, precision: number): number | LosslessNumber {
  const text = minorToString(minor, precision);
  const n = Number(text);
  return String(n) === text ? n : new LosslessNumber(text);
}

/** Normalised decimal string of a number-ish value (for rates and quantities kept exactly). */
export function decimalString(value: unknown): string | undefined {
  const d = parseDecimal(value);
  if (!d) return undefined;
  const neg = d.units < 0n;
  const digits = (neg ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  let text = d.scale ? `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}` : digits;
  if (d.scale) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return (neg && text !== '0' ? '-' : '') + text;
}
