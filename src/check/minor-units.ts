// Amounts restated for the checker, independently of src/accounting: Stripe sends integers in the currency's
// smallest unit; NetSuite REST answers decimals in major units (reference/stripe-connector.md §2: "Amounts are in
// currency major units"). The exponents are ISO 4217's, as Stripe lists its zero- and three-decimal currencies
// (https://docs.stripe.com/currencies#zero-decimal, #three-decimal).

const ZERO_DECIMAL = 'bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf'.split(' ');
const THREE_DECIMAL = 'bhd jod kwd omr tnd'.split(' ');

export function decimalsOf(currency: string): number {
  const c = currency.toLowerCase();
  if (ZERO_DECIMAL.includes(c)) return 0;
  if (THREE_DECIMAL.includes(c)) return 3;
  return 2;
}

/**
 * A NetSuite amount in Stripe's minor units. The decimal is read digit by digit (no float multiplication), so a
 * value one unit off stays one unit off; a value with more digits than the currency has is not an exact amount.
 */
export function stripeUnits(value: unknown, currency: string): number {
  const d = decimalsOf(currency);
  const text = typeof value === 'number' ? value.toFixed(d + 2) : String(value ?? '0').trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return Number.NaN;
  const [, sign, whole, frac = ''] = m;
  // Digits beyond the currency's are zeros for an exact amount; anything else is reported as not a whole unit.
  if (/[^0]/.test(frac.slice(d))) return Number.NaN;
  const units = Number(whole) * 10 ** d + Number(frac.slice(0, d).padEnd(d, '0') || '0');
  return sign ? -units : units;
}

export function sumUnits(values: number[]): number {
  return values.reduce((a, v) => a + v, 0);
}
