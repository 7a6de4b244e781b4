// JSON for NetSuite that keeps every digit of an amount. JSON itself has arbitrary-precision numbers; JavaScript's
// JSON.parse/stringify round them to doubles, which loses a unit of amounts with 16+ digits (2^53−1 cents posts
// as 90071992547409.9). lossless-json writes an ExactDecimal raw and reads such numbers as their text.
import { isSafeNumber, parse, stringify } from 'lossless-json';

/** The request body: amounts as exact JSON numbers. */
export function exactStringify(value: unknown, space?: number): string {
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
