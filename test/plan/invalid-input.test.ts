// Money the plan cannot carry exactly is refused and named, never rounded (issue 13, item 2).
import { expect } from 'chai';
import { minorToNetSuite, netSuiteToMinor } from '../../src/accounting/money.js';
import { dependentsOfInvalid, invalidInput, unsafeNumber } from '../../src/plan/invalid-input.js';

describe('plan: input it cannot use', () => {
  it('names the first number outside the safe-integer range by its path, and leaves fractions (rates) alone', () => {
    expect(unsafeNumber({ id: 'ch_1', amount: 100, exchange_rate: 1.1234 })).to.equal(undefined);
    expect(unsafeNumber({ id: 'ch_1', amount: Number.MAX_SAFE_INTEGER })).to.equal(undefined);
    expect(unsafeNumber({ id: 'in_1', lines: { data: [{ amount: 5 }, { amount: 2 ** 53 + 2 }] } })).to.deep.equal({
      field: 'lines.data[1].amount',
      value: 2 ** 53 + 2,
    });
    const bad = invalidInput('charge', { id: 'ch_9', amount: -(2 ** 53) });
    expect(bad?.problem).to.equal(
      `charge ch_9: field amount = ${-(2 ** 53)} is outside the range of exact amounts (±9007199254740991); not rounded, not synced`,
    );
  });

  it('blocks what refers to an invalid object, directly or through others, and the payout whose deposit would miss it', () => {
    const bad = invalidInput('charge', { id: 'ch_bad', amount: 2 ** 60 })!;
    const snapshots = [
      { type: 'charge', object: { id: 'ch_bad', amount: 2 ** 60 } },
      { type: 'refund', object: { id: 're_1', charge: 'ch_bad', amount: 5 } },
      { type: 'balance_transaction', object: { id: 'txn_1', source: 'ch_bad', payout: 'po_1' } },
      { type: 'payout', object: { id: 'po_1', amount: 5 } },
      { type: 'payout', object: { id: 'po_2', amount: 5 } },
      { type: 'charge', object: { id: 'ch_ok', amount: 5 } },
    ];
    const dependents = dependentsOfInvalid(snapshots, new Map([[bad.id, bad]]));
    expect([...dependents.keys()].sort()).to.deep.equal(['po_1', 're_1', 'txn_1']);
    expect(dependents.get('po_1')).to.equal(bad);
  });

  it('converts to NetSuite amounts exactly, or refuses: 2^53−1 is never posted one unit off', () => {
    expect(minorToNetSuite(12345, 'usd')).to.equal(123.45);
    expect(minorToNetSuite(Number.MAX_SAFE_INTEGER, 'jpy')).to.equal(Number.MAX_SAFE_INTEGER);
    expect(minorToNetSuite(999_999_999_999_999, 'usd')).to.equal(9_999_999_999_999.99);
    for (const [amount, currency] of [[Number.MAX_SAFE_INTEGER, 'usd'], [Number.MAX_SAFE_INTEGER, 'kwd'], [-Number.MAX_SAFE_INTEGER, 'eur']] as const) {
      let sent: number | undefined;
      let error: unknown;
      try {
        sent = minorToNetSuite(amount, currency);
      } catch (e) {
        error = e;
      }
      // Either what goes on the wire reads back as the same amount, or nothing goes.
      if (sent !== undefined) expect(netSuiteToMinor(JSON.stringify(sent), currency)).to.equal(amount);
      else expect((error as Error).message).to.match(/has more digits than a JSON number carries exactly .*not sent/);
    }
  });
});
