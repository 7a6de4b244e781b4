// Money the plan cannot carry exactly is refused and named, never rounded (issue 13, item 2).
import { expect } from 'chai';
import { minorToNetSuite, netSuiteToMinor } from '../../src/accounting/money.js';
import { dependentsOfInvalid, invalidInput, unsafeNumber } from '../../src/plan/invalid-input.js';
import { exactParse, exactStringify } from '../../src/netsuite/exact-json.js';

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

  it('blocks what names an invalid shared object: a price (and the price of an invalid product), a coupon', () => {
    const product = invalidInput('product', { id: 'prod_bad', x: 2 ** 60 })!;
    const coupon = invalidInput('coupon', { id: 'co_bad', amount_off: 2 ** 60 })!;
    expect(coupon.problem).to.include('coupon co_bad: field amount_off = ');
    const line = (price: string) => ({ pricing: { price_details: { price, product: 'prod_ok' } } });
    const snapshots = [
      { type: 'product', object: { id: 'prod_bad' } },
      { type: 'price', object: { id: 'price_bad', product: 'prod_bad' } },
      { type: 'invoice', object: { id: 'in_1', lines: { data: [line('price_ok'), line('price_bad')] } } },
      { type: 'invoice', object: { id: 'in_2', discounts: [{ id: 'di_1', source: { coupon: 'co_bad' } }], lines: { data: [line('price_ok')] } } },
      { type: 'invoice', object: { id: 'in_3', lines: { data: [line('price_ok')] } } },
    ];
    const dependents = dependentsOfInvalid(snapshots, new Map([[product.id, product], [coupon.id, coupon]]));
    expect([...dependents.keys()].sort()).to.deep.equal(['in_1', 'in_2', 'price_bad']);
    expect(dependents.get('in_1')).to.equal(product);
    expect(dependents.get('in_2')).to.equal(coupon);
  });

  it('converts to NetSuite amounts exactly: 2^53−1 goes on the wire with every digit, never one unit off', () => {
    expect(minorToNetSuite(12345, 'usd')).to.equal(123.45);
    expect(minorToNetSuite(Number.MAX_SAFE_INTEGER, 'jpy')).to.equal(Number.MAX_SAFE_INTEGER);
    expect(minorToNetSuite(999_999_999_999_999, 'usd')).to.equal(9_999_999_999_999.99);
    for (const [amount, currency, text] of [
      [Number.MAX_SAFE_INTEGER, 'usd', '90071992547409.91'],
      [Number.MAX_SAFE_INTEGER, 'kwd', '9007199254740.991'],
      [-Number.MAX_SAFE_INTEGER, 'eur', '-90071992547409.91'],
    ] as const) {
      const wire = exactStringify({ amount: minorToNetSuite(amount, currency) });
      // A JSON number, digit for digit (a double would send 90071992547409.9).
      expect(wire).to.equal(`{"amount":${text}}`);
      const read = (exactParse(wire) as { amount: string }).amount;
      expect(netSuiteToMinor(read, currency)).to.equal(amount);
    }
  });
});
