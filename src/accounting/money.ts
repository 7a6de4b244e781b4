// Money stays in integer minor units until the NetSuite boundary; these convert with integer arithmetic only.
import { ExactDecimal } from './exact-decimal.js';

/** ISO 4217 exponents that differ from 2 (Stripe's zero- and three-decimal currencies). */
const EXPONENTS: Record<string, number> = {
  bif: 0, clp: 0, djf: 0, gnf: 0, jpy: 0, kmf: 0, krw: 0, mga: 0, pyg: 0, rwf: 0, ugx: 0, vnd: 0, vuv: 0,
  xaf: 0, xof: 0, xpf: 0,
  bhd: 3, jod: 3, kwd: 3, omr: 3, tnd: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toLowerCase()] ?? 2;
}

/** 12345 usd → "123.45"; -5 usd → "-0.05"; 1500 jpy → "1500"; 1234 kwd → "1.234". */
export function minorToDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount ${amount} ${currency} is not an integer of minor units`);
  const exp = currencyExponent(currency);
  const sign = amount < 0 ? '-' : '';
  const digits = Math.abs(amount).toString();
  if (exp === 0) return sign + digits;
  const padded = digits.padStart(exp + 1, '0');
  return `${sign}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

/** An amount as NetSuite receives it (see minorToNetSuite). */
export type NetSuiteAmount = number | ExactDecimal;

/**
 * The JSON number NetSuite receives: a number when JSON's shortest form of the double is the decimal itself (up to
 * 15 significant digits always is), else an ExactDecimal holding the decimal's text (e.g. 2^53−1 cents), which the
 * NetSuite client writes digit for digit.
 */
export function minorToNetSuite(amount: number, currency: string): NetSuiteAmount {
  const text = minorToDecimalString(amount, currency);
  const value = Number(text);
  return netSuiteToMinor(JSON.stringify(value), currency) === amount ? value : new ExactDecimal(text);
}

/** A NetSuite amount (number or string) back to minor units, rounding half away from zero on the last digit. */
export function netSuiteToMinor(value: number | string, currency: string): number {
  const exp = currencyExponent(currency);
  const text = typeof value === 'number' ? value.toFixed(exp) : value.trim();
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a decimal amount`);
  const [, neg, whole = '', frac = ''] = m;
  const fracPadded = (frac + '0'.repeat(exp + 1)).slice(0, exp + 1);
  let minor = Number(whole || '0') * 10 ** exp + Number(fracPadded.slice(0, exp) || '0');
  if (Number(fracPadded[exp]) >= 5) minor += 1;
  return neg ? -minor : minor;
}

export function sumMinor(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new Error(`cannot sum minor amount ${v}: not an integer within ±${Number.MAX_SAFE_INTEGER}`);
    total += v;
  }
  return total;
}
