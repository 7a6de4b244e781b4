// Currency conversion as NetSuite does it on a deposit line: a foreign-currency payment's amount × the record's
// exchange rate, rounded half away from zero to the deposit currency's precision, once per line. Exact: BigInt
// decimals, never a float product (a float would round 28.085 down as 28.08499…).
import { currencyExponent } from './money.js';

/** The exchange rate as an exact decimal: digits and scale ("1.1234" → 11234n, 4). */
function rateDecimal(rate: number): { units: bigint; scale: number } {
  if (!Number.isFinite(rate) || rate <= 0) throw new Error(`exchange rate ${rate} is not a positive number`);
  // String() is the shortest text that reads back as the same double: the rate as Stripe and NetSuite print it.
  let text = String(rate);
  if (/e/i.test(text)) text = rate.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  const [whole, frac = ''] = text.split('.');
  return { units: BigInt(whole + frac), scale: frac.length };
}

/**
 * `amount` minor units of `from` converted to minor units of `to` at `rate` (units of `to` per unit of `from`), as
 * NetSuite rounds a deposit line: half away from zero.
 */
export function convertLikeNetSuite(amount: number, from: string, rate: number, to: string): number {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount ${amount} ${from} is not an integer of minor units`);
  const r = rateDecimal(rate);
  // amount × 10^-ef × rate × 10^et = amount × r.units × 10^(et − ef − scale)
  const shift = currencyExponent(to) - currencyExponent(from) - r.scale;
  const product = BigInt(amount) * r.units;
  let result: bigint;
  if (shift >= 0) {
    result = product * 10n ** BigInt(shift);
  } else {
    const div = 10n ** BigInt(-shift);
    const neg = product < 0n;
    const abs = neg ? -product : product;
    let q = abs / div;
    if ((abs % div) * 2n >= div) q += 1n;
    result = neg ? -q : q;
  }
  const n = Number(result);
  if (!Number.isSafeInteger(n)) throw new Error(`converted amount of ${amount} ${from} at ${rate} is out of range`);
  return n;
}
