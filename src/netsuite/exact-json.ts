// JSON for NetSuite that keeps every digit of an amount. JSON itself has arbitrary-precision numbers; JavaScript's
// JSON.parse/stringify round them to doubles, which loses a unit of amounts with 16+ digits (2^53−1 cents posts
// as 90071992547409.9). lossless-json writes an ExactDecimal raw and reads such numbers as their text.
import { isLosslessNumber, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * Whether the native JSON.stringify writes `value` exactly as lossless-json does: it holds no exact decimal
 * (ExactDecimal, a LosslessNumber), no bigint, and no object of its own `toJSON` but Dates.
 */
function nativeWritesIt(value: unknown): boolean {
  if (typeof value === 'bigint') return false;
  if (value === null || typeof value !== 'object') return true;
  if (isLosslessNumber(value)) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!nativeWritesIt(item)) return false;
    return true;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value instanceof Date;
  for (const key of Object.keys(value)) if (!nativeWritesIt((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** The request body: amounts as exact JSON numbers. Most bodies hold none beyond a double, and take the native path
 *  (a tenth of lossless-json's time); test/netsuite/exact-json.test.ts holds both paths' output equal. */
export function exactStringify(value: unknown, space?: number): string {
  if (nativeWritesIt(value)) return JSON.stringify(value, undefined, space) ?? 'null';
  return stringify(value, undefined, space) ?? 'null';
}

/** A number with 16 or more digits is the only kind a double can round: the fast native parse suffices otherwise. */
const LONG_NUMBER = /\d[\d.]{15}/;

/**
 * A response body: a number a double would round stays its exact text (a string), which netSuiteToMinor reads
 * exactly; every other number is a JavaScript number as JSON.parse makes it.
 */
export function exactParse(text: string, unsafe: (digits: string) => unknown = (digits) => digits): unknown {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text) as unknown;
  return parse(text, null, (n) => (isSafeNumber(n) ? Number(n) : unsafe(n)));
}
