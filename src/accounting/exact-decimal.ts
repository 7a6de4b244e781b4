// An amount whose decimal has more digits than a JSON number carries (beyond 15 significant digits, e.g. 2^53−1
// cents): kept as its exact text so NetSuite receives every digit (src/netsuite/exact-json.ts writes it raw).
import { LosslessNumber } from 'lossless-json';

export class ExactDecimal extends LosslessNumber {
  /** Outside NetSuite requests (hashes, reports, logs) it is its exact text, never a rounded number. */
  toJSON(): string {
    return this.value;
  }
}
