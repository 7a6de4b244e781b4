// The invariant checker can fail: a generated world is synced over both sandboxes and checks clean; then the
// NetSuite sandbox's stored state is broken one way at a time (as another integration or a person could leave it)
// and the checker must name the violated invariant and the Stripe object. Each break is undone before the next.
import path from 'node:path';
import { expect } from 'chai';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { runSync } from '../../src/run/sync-run.js';
import { checkInvariants } from '../../src/check/check-invariants.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import type { InvariantReport } from '../../src/check/invariant-report.js';
import { readStripeWorld, type StripeWorld } from '../../src/check/stripe-world.js';
import { SandboxStore, type StoredRecord } from '../../src/sandbox/netsuite/sandbox-store.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';

type Line = Record<string, unknown>;

describe('the invariant checker names a broken NetSuite state', function () {
  this.timeout(300_000);
  let h: Sandboxes;
  let store: SandboxStore;
  let stripe: StripeWorld;

  before(async () => {
    const { items, summary } = generateWorld({ customers: 10, months: 2, seed: 7 });
    h = await startSandboxes({ world: items, now: summary.end + 3 * 86400 });
    const run = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
    expect(run.summary.status).to.equal('success');
    store = new SandboxStore(path.join(h.dir, 'netsuite.sqlite'));
    stripe = await readStripeWorld(h.config.secrets.ledgerPath);
  });
  after(async () => {
    store?.close();
    await h?.close();
  });

  const check = () => checkInvariants(h.config, { client: h.client });
  const violations = (r: InvariantReport) => r.results.filter((x) => !x.ok).map((x) => `${x.invariant} ${x.subject}`);
  /** Changes stored records for the length of `fn`, then puts them back. */
  async function broken(records: StoredRecord[], change: () => void, fn: () => Promise<void>): Promise<void> {
    const saved = records.map((r) => ({ ...r, f: structuredClone(r.f) }));
    change();
    try {
      await fn();
    } finally {
      for (const r of saved) store.update(r);
    }
  }
  const deposits = () => store.allOfFamily('transaction').filter((r) => r.type === 'deposit');
  const paymentLines = (deposit: StoredRecord) => (deposit.f.payment as Line[] | undefined) ?? [];

  it('the synced world checks clean', async () => {
    const report = await check();
    expect(report.failures, renderInvariantReport(report)).to.equal(0);
  });

  it('a deposit dated a day after its payout arrived: I17 names the payout', async () => {
    const deposit = deposits()[0]!;
    const payoutId = String(deposit.f.externalId);
    const day = new Date(`${String(deposit.f.tranDate)}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1);
    await broken([deposit], () => store.update({ ...deposit, f: { ...deposit.f, tranDate: day.toISOString().slice(0, 10) } }), async () => {
      const report = await check();
      expect(violations(report)).to.deep.equal([`I17 ${payoutId}`]);
      expect(report.results.find((r) => !r.ok)!.detail).to.contain(`date ${day.toISOString().slice(0, 10)}`);
    });
  });

  it('a deposited payment one cent more than its charge: I12 and I20 name the charge', async () => {
    const deposit = deposits().find((d) => paymentLines(d).length > 0)!;
    const payment = store.get('transaction', String(paymentLines(deposit)[0]!.id))!;
    expect(payment.type).to.equal('customerPayment');
    const chargeId = String(payment.f.externalId);
    await broken([payment], () => store.update({ ...payment, f: { ...payment.f, payment: Number(payment.f.payment) + 1 } }), async () => {
      const report = await check();
      expect(violations(report)).to.include(`I12 ${chargeId}`);
      expect(violations(report)).to.include(`I20 ${String(deposit.f.externalId)}/${chargeId}`);
      expect(report.results.find((r) => r.invariant === 'I12' && !r.ok)!.detail).to.match(/^amount (\d+) ≠ (\d+)/);
    });
  });

  it('a payment deposited twice in one deposit: I19 names the payout and balance transaction', async () => {
    const deposit = deposits().find((d) => paymentLines(d).length > 0)!;
    const first = paymentLines(deposit)[0]!;
    await broken([deposit], () => store.update({ ...deposit, f: { ...deposit.f, payment: [...paymentLines(deposit), { ...first }] } }), async () => {
      const report = await check();
      const failed = report.results.filter((r) => r.invariant === 'I19' && !r.ok);
      expect(failed).to.have.length(1);
      expect(failed[0]!.subject.startsWith(`${String(deposit.f.externalId)}/txn_`)).to.equal(true);
      expect(failed[0]!.detail).to.contain('appears 2×');
    });
  });

  it('a second transaction carrying an invoice\'s externalId: I1 names the invoice', async () => {
    const invoice = store.allOfFamily('transaction').find((r) => r.type === 'invoice')!;
    const copy: StoredRecord = { family: 'transaction', id: store.nextId('transaction'), type: 'creditMemo', f: { ...invoice.f } };
    store.insert(copy);
    try {
      const report = await check();
      expect(violations(report)).to.deep.equal([`I1 ${String(invoice.f.externalId)}`]);
      expect(report.results.find((r) => !r.ok)!.detail).to.equal(`2 transaction records have externalId ${String(invoice.f.externalId)}`);
    } finally {
      store.delete(copy);
    }
  });

  it('a paid invoice whose payment application is missing: I6 names the invoice', async () => {
    const paid = [...stripe.invoices.values()].filter((i) => i.status === 'paid' && i.total > 0);
    let target: { invoice: StoredRecord; payment: StoredRecord } | undefined;
    for (const inv of paid) {
      const invoice = store.byExternalId('invoice', inv.id);
      const app = invoice && store.applicationsTo(invoice.id).find((a) => store.get('transaction', a.src)?.type === 'customerPayment');
      if (invoice && app) {
        target = { invoice, payment: store.get('transaction', app.src)! };
        break;
      }
    }
    expect(target, 'a paid invoice with a payment applied').to.not.equal(undefined);
    const { invoice, payment } = target!;
    const apps = store.applicationsFrom(payment.id);
    const applied = apps.filter((a) => a.dst === invoice.id).reduce((s, a) => s + a.amount, 0);
    await broken(
      [invoice, payment],
      () => {
        store.setApplications(payment.id, apps.filter((a) => a.dst !== invoice.id).map((a) => ({ dst: a.dst, amount: a.amount })));
        store.update({ ...invoice, f: { ...invoice.f, amountRemaining: Number(invoice.f.amountRemaining) + applied } });
        const apply = ((payment.f.apply as Line[] | undefined) ?? []).filter((l) => String(l.doc) !== invoice.id);
        store.update({ ...payment, f: { ...payment.f, apply } });
      },
      async () => {
        const report = await check();
        expect(violations(report)).to.deep.equal([`I6 ${String(invoice.f.externalId)}`]);
        expect(report.results.find((r) => !r.ok)!.detail).to.equal(`paid in Stripe, amountRemaining ${applied}`);
      },
    );
    store.setApplications(payment.id, apps.map((a) => ({ dst: a.dst, amount: a.amount })));
    const report = await check();
    expect(report.failures, renderInvariantReport(report)).to.equal(0);
  });
});
