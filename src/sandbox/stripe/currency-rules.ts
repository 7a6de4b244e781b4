// Stripe's amount rules per currency that a world must keep. Three-decimal currencies: "The API supports
// three-decimal currencies for the standard payment flows, including Payment Intents, Refunds, and Disputes.
// However, to ensure compatibility with Stripe's payments partners, these API calls require the least-significant
// (last) digit to be 0" (https://docs.stripe.com/currencies#three-decimal). A world that breaks it is refused.
import type { JsonObject } from './world-source.js';

export const THREE_DECIMAL_CURRENCIES = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** The money flows the rule covers, and the amount fields Stripe refuses on them. */
const PAYMENT_FLOWS: Record<string, readonly string[]> = {
  charge: ['amount'],
  payment_intent: ['amount'],
  refund: ['amount'],
  dispute: ['amount'],
};

/** Why Stripe would never have produced this object, or undefined. */
export function currencyRuleBroken(obj: JsonObject): string | undefined {
  const fields = PAYMENT_FLOWS[String(obj.object)];
  const currency = typeof obj.currency === 'string' ? obj.currency.toLowerCase() : '';
  if (!fields || !THREE_DECIMAL_CURRENCIES.has(currency)) return undefined;
  for (const f of fields) {
    const v = obj[f];
    if (typeof v === 'number' && v % 10 !== 0) {
      return `${String(obj.object)} ${String(obj.id)}: ${f} ${v} ${currency.toUpperCase()} does not end in 0, which Stripe requires of three-decimal currencies (https://docs.stripe.com/currencies#three-decimal)`;
    }
  }
  return undefined;
}
