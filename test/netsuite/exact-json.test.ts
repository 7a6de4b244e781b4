import { expect } from 'chai';
import { stringify } from 'lossless-json';
import { exactStringify } from '../../src/netsuite/exact-json.js';
import { ExactDecimal } from '../../src/accounting/exact-decimal.js';
import { minorToNetSuite } from '../../src/accounting/money.js';

describe('exact JSON: request bodies', () => {
  // Random bodies shaped like the connector's: records, sublists, references, amounts (some beyond a double).
  let seed = 7; // mulberry32: the same bodies every run
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const value = (depth: number): unknown => {
    switch (rand(depth > 3 ? 6 : 9)) {
      case 0: return rand(2) ? rand(1e6) / 100 : -rand(1e9);
      case 1: return `s${rand(1000)} "é" \\ \n ${'€'.repeat(rand(3))}`;
      case 2: return rand(2) === 1;
      case 3: return null;
      case 4: return minorToNetSuite(rand(2) ? Number.MAX_SAFE_INTEGER - rand(100) : rand(1e7), rand(2) ? 'usd' : 'jpy');
      case 5: return rand(2) ? new Date(1_700_000_000_000 + rand(1e9)) : undefined;
      case 6: return Array.from({ length: rand(4) }, () => value(depth + 1));
      case 7: return { items: Array.from({ length: rand(3) }, () => value(depth + 1)) };
      default: return Object.fromEntries(Array.from({ length: rand(5) }, (_, i) => [`f${i}`, value(depth + 1)]));
    }
  };

  it('writes what lossless-json writes, whichever path it takes, over 3,000 random bodies', () => {
    let exact = 0;
    for (let i = 0; i < 3000; i++) {
      const body = { externalId: `in_${i}`, entity: { id: String(rand(100)) }, x: value(0), y: value(0) };
      const wire = exactStringify(body);
      expect(wire).to.equal(stringify(body));
      if (wire.length !== JSON.stringify(body).length) exact++;
    }
    expect(exact, 'bodies holding an amount beyond a double').to.be.greaterThan(100);
  });

  it('writes an amount beyond a double digit for digit, and one within it as a plain number', () => {
    expect(exactStringify({ amount: new ExactDecimal('90071992547409.91'), n: 1.5 })).to.equal('{"amount":90071992547409.91,"n":1.5}');
    expect(exactStringify({ amount: 12.34, lines: { items: [{ amount: 0.1 }] } })).to.equal('{"amount":12.34,"lines":{"items":[{"amount":0.1}]}}');
  });
});
