// Same seed → byte-identical NDJSON; a 1,000-customer year generates and writes at a useful speed.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld, writeWorld } from '../../src/sandbox/generate/generate-world.js';

describe('world generation: determinism, NDJSON output and speed', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gen-world-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('writes byte-identical NDJSON for the same seed and different output for another seed', () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    const c = join(dir, 'c.ndjson');
    writeWorld(a, generateWorld({ customers: 40, months: 3, seed: 1 }).items);
    writeWorld(b, generateWorld({ customers: 40, months: 3, seed: 1 }).items);
    writeWorld(c, generateWorld({ customers: 40, months: 3, seed: 2 }).items);
    expect(hashOf(a)).to.equal(hashOf(b));
    expect(hashOf(a)).to.not.equal(hashOf(c));
  });

  it('writes one JSON item per line, in the order and number generated', () => {
    const { items, summary } = generateWorld({ customers: 20, months: 3, seed: 1 });
    const file = join(dir, 'lines.ndjson');
    writeWorld(file, items);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).to.equal('');
    expect(lines).to.have.length(items.length);
    expect(summary.objects + summary.events).to.equal(items.length);
    expect(JSON.parse(lines[0])).to.deep.equal(items[0]);
    expect(JSON.parse(lines[lines.length - 1])).to.deep.equal(items[items.length - 1]);
    expect(summary.start).to.equal(Date.UTC(2026, 0, 1) / 1000);
    expect(summary.end).to.equal(Math.max(...items.map((i) => (i as { created: number }).created)));
    expect(summary.end).to.be.below(Date.UTC(2026, 3, 1) / 1000);
    expect(summary.byType.customer).to.equal(20);
    expect(Object.values(summary.byType).reduce((s, n) => s + n, 0)).to.equal(summary.objects);
  });

  it('writes exactly JSON.stringify of every item, events included', () => {
    const { items } = generateWorld({ customers: 25, months: 3, seed: 9 });
    const file = join(dir, 'exact.ndjson');
    writeWorld(file, items);
    expect(readFileSync(file, 'utf8')).to.equal(items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  });

  it('starts where asked and rejects nonsense options', () => {
    const start = Date.UTC(2025, 5, 15) / 1000;
    const { items, summary } = generateWorld({ customers: 3, months: 1, seed: 3, start });
    expect(summary.start).to.equal(start);
    expect(Math.min(...items.map((i) => (i as { created: number }).created))).to.equal(start);
    expect(() => generateWorld({ customers: -1, months: 1, seed: 1 })).to.throw(/customers/);
    expect(() => generateWorld({ customers: 1, months: 0, seed: 1 })).to.throw(/months/);
    expect(() => generateWorld({ customers: 1, months: 1, seed: 1, accountCurrency: 'chf' })).to.throw(/account currency/);
  });

  it('generates and writes 1,000 customers × 12 months', function () {
    this.timeout(300_000);
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const { items, summary } = generateWorld({ customers: 1000, months: 12, seed: 1 });
    const t1 = process.hrtime.bigint();
    const file = join(dir, 'big.ndjson');
    writeWorld(file, items);
    const t2 = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpu0);
    const genSeconds = Number(t1 - t0) / 1e9;
    const totalSeconds = Number(t2 - t0) / 1e9;
    const bytes = statSync(file).size;
    console.log(
      `      1,000 × 12: ${items.length} items (${summary.objects} objects, ${summary.events} events), ` +
        `${(bytes / 1e6).toFixed(0)} MB; generate ${genSeconds.toFixed(1)} s, total ${totalSeconds.toFixed(1)} s, ` +
        `${Math.round(items.length / totalSeconds)} items/s (${Math.round(summary.objects / totalSeconds)} objects/s), ` +
        `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
    );
    expect(summary.byType.customer).to.equal(1000);
    expect(summary.byType.invoice).to.be.greaterThan(5000);
    expect(summary.byType.payout).to.be.greaterThan(300);
    expect(bytes).to.be.greaterThan(50e6);
  });
});
