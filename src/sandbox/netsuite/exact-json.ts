// NetSuite reads and writes JSON numbers with every digit (an amount of 2^53−1 cents is 90071992547409.91, which a
// double would round): requests are parsed, and responses written, without passing such numbers through a double.
import { isLosslessNumber, isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

/** A number with 16 or more digits is the only kind a double can round: the native parse suffices otherwise. */
const LONG_NUMBER = /\d[\d.]{15}/;

/** A request body; a number a double would round is a LosslessNumber (exact text), which decimal.ts reads. */
export function parseRequestJson(text: string): unknown {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text) as unknown;
  return parse(text, null, (n) => (isSafeNumber(n) ? Number(n) : new LosslessNumber(n)));
}

/** A response body, LosslessNumbers written digit for digit. */
export function stringifyResponseJson(body: unknown): string {
  const text = JSON.stringify(body);
  // Only a body holding an exact amount needs the slower writer.
  return text.includes('"isLosslessNumber"') ? (stringify(body) ?? 'null') : text;
}

export { isLosslessNumber, LosslessNumber };
