// End to end over both sandboxes: generated worlds of several seeds are synced, then the invariant checker reads
// NetSuite over REST and verifies reference §2 (I1, I5–I9, I12–I20) and CN1. A second run makes no NetSuite write.
// The worlds end with the generator's uncommon customers: drafts, a 12-line invoice, partial payments, a voided
// credit note, inclusive tax and KWD, each checked to have reached NetSuite as it should.
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { startSandboxes } from '../support/sandboxes.js';
import type { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Each invoice's snapshots in world order (objects and events' payloads). */
function invoiceHistory(items: Obj[]): Map<string, Obj[]> {
  const out = new Map<string, Obj[]>();
  for (const it of items) {
    const o = it.object === 'event' ? it.data.object : it;
    if (o.object === 'invoice') out.set(o.id, [...(out.get(o.id) ?? []), o]);
  }
  return out;
}

/** The uncommon customers' invoices, as NetSuite holds them. */
async function expectUncommonShapes(items: Obj[], client: NetSuiteClient): Promise<void> {
  const history = invoiceHistory(items);
  const last = (id: string): Obj => history.get(id)!.at(-1)!;
  const ids = [...history.keys()];
  const neverFinalized = ids.filter((id) => history.get(id)!.every((s) => s.status === 'draft'));
  const finalizedLater = ids.filter((id) => history.get(id)![0].status === 'draft' && last(id).status !== 'draft');
  expect([neverFinalized.length, finalizedLater.length], 'drafts').to.deep.equal([1, 1]);
  expect(await client.getByExternalId('invoice', neverFinalized[0]), 'a draft is never synced').to.equal(undefined);
  const long = ids.filter((id) => last(id).lines.data.length > 10);
  // Several card payments on one invoice (payments recorded outside Stripe are checked by I28/I29).
  const partlyPaid = ids.filter((id) => items.filter((it) => it.object === 'invoice_payment' && it.invoice === id && it.payment.type === 'payment_intent').length > 1);
  const inclusive = ids.filter((id) => last(id).total_taxes.some((t: Obj) => t.tax_behavior === 'inclusive'));
  const kwd = ids.filter((id) => last(id).currency === 'kwd');
  expect([long.length, partlyPaid.length, inclusive.length, kwd.length], 'long, partly paid, inclusive tax, KWD').to.deep.equal([1, 2, 1, 2]);
  for (const id of [finalizedLater[0], ...long, ...partlyPaid, ...inclusive, ...kwd]) {
    const rec = await client.getByExternalId('invoice', id);
    const inv = last(id);
    const digits = inv.currency === 'kwd' ? 3 : 2;
    expect(rec?.total, `${id} total`).to.equal(Number((inv.total / 10 ** digits).toFixed(digits)));
    expect(Number(rec?.amountRemaining), `${id} paid in full`).to.equal(0);
  }
}

describe('invariants on generated worlds', function () {
  this.timeout(300_000);

  for (const [seed, flags] of [
    [1, {}],
    [7, {}],
    [42, { keepUnpaidInvoicesOpen: true, useRefundItem: true, useBadDebtItem: true }],
    [99, { globalItem: true, globalDiscountItem: true, syncTrialInvoices: true }],
  ] as const) {
    it(`seed ${seed}${Object.keys(flags).length ? ` with ${Object.keys(flags).join(', ')}` : ''}: every invariant holds, and a re-run writes nothing`, async () => {
      const { items, summary } = generateWorld({ customers: 24, months: 3, seed });
      const h = await startSandboxes({
        world: items,
        now: summary.end + 3 * 86400,
        configPatch: (s) => Object.assign(s.features, flags),
      });
      try {
        const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
        expect(first.summary.failures, JSON.stringify(first.summary.failures.slice(0, 5))).to.deep.equal([]);
        expect(first.summary.status).to.equal('success');
        expect(first.summary.operations.done).to.be.greaterThan(100);

        const report = await checkInvariants(h.config, { client: h.client });
        expect(report.failures, renderInvariantReport(report)).to.equal(0);
        const covered = new Set(report.results.map((r) => r.invariant));
        for (const inv of ['I1', 'I5', 'I6', 'I9', 'I12', 'I13', 'I15', 'I17', 'I18', 'I19', 'I20', 'I28', 'I29', 'CN1']) {
          expect(covered.has(inv), `the world exercises ${inv}`).to.equal(true);
        }

        await expectUncommonShapes(items as Obj[], h.client);

        const before = h.netsuite.stats().requests;
        const beforeWrites = h.netsuite.stats().recordWrites;
        const second = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
        expect(second.summary.operations.planned).to.equal(0);
        expect(h.netsuite.stats().recordWrites - beforeWrites, 'record writes').to.equal(0);
        expect(h.netsuite.stats().requests - before, 'requests: the credential check only').to.equal(1);
      } finally {
        await h.close();
      }
    });
  }
});
