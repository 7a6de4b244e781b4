// canonicalJson writes sorted JSON directly. Every hash in an existing ledger (snapshots, operation hashes, the
// settings fingerprint) was made by the JSON.stringify replacer it replaced, so its output must stay the same,
// byte for byte, on real Stripe objects and on JSON's corner cases.
import { expect } from 'chai';
import { canonicalJson } from '../../src/stripe-objects/canonical-json.js';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';

/** The implementation every stored hash was computed with. */
function replacerCanonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

describe('ledger: canonical JSON', () => {
  it('is byte for byte the former replacer output on every object of a generated world', () => {
    const { items } = generateWorld({ customers: 40, months: 3, seed: 4 });
    expect(items.length).to.be.greaterThan(1000);
    for (const item of items) expect(canonicalJson(item)).to.equal(replacerCanonicalJson(item));
  });

  it('sorts keys at every depth, and keeps JSON.stringify\'s rules for the corner cases', () => {
    const cases: unknown[] = [
      { b: 1, a: { d: [3, { z: 1, y: null }], c: 'x' } },
      { skipped: undefined, fn: () => 1, kept: 0, list: [undefined, () => 1, 'x'] },
      { date: new Date(Date.UTC(2026, 0, 2)), nested: { toJSON: () => ({ b: 2, a: 1 }) } },
      { 'é': 1, Z: 2, a: 3, '10': 4, '9': 5, 'quote"key': 'line\nbreak', emoji: '💸' },
      { '4294967295': 1, '4294967294': 2, '01': 3, '-1': 4, '1': 5, '1.5': 6 },
      JSON.parse('{"__proto__": {"x": 1}, "a": 1}'),
      { n: -0, big: 1e21, small: 1e-7, nan: Number.NaN, inf: Number.POSITIVE_INFINITY },
      [],
      {},
      'text',
      42,
      null,
      [[], [{}], [{ b: [], a: {} }]],
    ];
    for (const c of cases) expect(canonicalJson(c), JSON.stringify(c)).to.equal(replacerCanonicalJson(c));
  });
});
