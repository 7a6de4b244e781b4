// Feature scenarios over time (reference #16–#18, #22, I7–I9): Stripe objects change between runs (the sandbox
// clock advances and later snapshots arrive as events), and each run writes only what the change calls for.
import { expect } from 'chai';
import { Account, DAY, FEATURE_SETS, HOUR, ScenarioWorld, failuresOf, REV_REC_FIELDS, type Obj, type Scenario } from './scenario-world.js';

/** 2026-09-15 17:00 UTC = 10:00 in Los Angeles. */
const T0 = Date.UTC(2026, 8, 15, 17, 0, 0) / 1000;
/** 2026-10-01 05:00 UTC: still Sept 30 in Los Angeles. */
const LATE_SEPT_30 = Date.UTC(2026, 9, 1, 5, 0, 0) / 1000;

type Run = Awaited<ReturnType<Scenario['sync']>>;
const keysOf = (run: Run): string[] => run.plan.operations.map((o) => o.key).sort();

for (const features of FEATURE_SETS) {
  describe(`features: lifecycle across runs [${features}]`, function () {
    const account = new Account(features);
    const single = account.single;
    this.timeout(120_000);

    it('updates arrive later: open → paid → refunded over three runs, each writing only the new records; a fourth writes nothing', async () => {
      const w = new ScenarioWorld(T0, 'LC');
      const cust = w.customer({ name: 'Later Ltd' });
      const price = w.price(w.product('Service'), { unitAmount: 15000, nickname: 'Monthly' });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 15000, description: 'Service', period: { start: T0, end: T0 + 30 * DAY } }] });
      const paid = w.pay(inv, T0 + 3 * DAY);
      const refund = w.refund(paid.charge, 15000, T0 + 10 * DAY);
      const s = await account.start(w, { now: T0 + DAY });
      try {
        const r1 = await s.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        expect(keysOf(r1)).to.deep.equal([`customer:${cust.id}`, `invoice:${inv.id}`, `serviceSaleItem:${price.id}`]);
        expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining)).to.equal(150);

        s.h.stripe.advance(3 * DAY);
        const r2 = await s.sync();
        expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
        expect(keysOf(r2)).to.deep.equal([`customerPayment:${paid.charge.id}`]);
        expect(r2.summary.operations.done).to.equal(1);
        const afterPay = await s.ns.record('invoice', inv.id);
        expect(Number(afterPay.amountRemaining)).to.equal(0);
        account.expectPaymentFields(await s.ns.record('customerPayment', paid.charge.id));

        s.h.stripe.advance(7 * DAY);
        const r3 = await s.sync();
        expect(r3.summary.failures, failuresOf(r3)).to.deep.equal([]);
        expect(keysOf(r3)).to.deep.equal([`creditMemo:${refund.id}-memo`, `customerRefund:${refund.id}`]);
        const nsRefund = await s.ns.record('customerRefund', refund.id);
        expect(Number(nsRefund.total)).to.equal(150);
        expect(nsRefund.tranDate).to.equal('2026-09-25');
        account.expectPaymentFields(nsRefund);
        const refundMemoLines = await s.ns.lines(await s.ns.record('creditMemo', `${refund.id}-memo`), 'item');
        await account.withFields(refundMemoLines.map((l) => l.raw), REV_REC_FIELDS, () => {
          expect(refundMemoLines.map((l) => [l.raw.revRecStartDate, l.raw.revRecEndDate])).to.deep.equal([['2026-09-15', '2026-10-14']]);
        });

        const before = s.h.netsuite.stats().requests;
        const beforeWrites = s.h.netsuite.stats().recordWrites;
        const r4 = await s.sync();
        expect(r4.summary.operations.planned).to.equal(0);
        expect(s.h.netsuite.stats().recordWrites - beforeWrites, 'record writes').to.equal(0);
        expect(s.h.netsuite.stats().requests - before, 'requests: the credential check only').to.equal(1);
        expect(await s.ns.externalIds('invoice')).to.deep.equal([inv.id]);
        expect(await s.ns.externalIds('customerPayment')).to.deep.equal([paid.charge.id]);
      } finally {
        await s.close();
      }
    });

    it('#22 a credit note on an open invoice is held (invoice open for amount_remaining + pre-payment credit), then applied when the invoice is paid', async () => {
      const w = new ScenarioWorld(T0, 'CN');
      const cust = w.customer({ name: 'Credit Note Co' });
      const price = w.price(w.product('Licence'), { unitAmount: 10000 });
      const inv = w.invoice({ customer: cust, at: T0, dueDate: T0 + 30 * DAY, lines: [{ price, amount: 10000, description: 'Licence' }] });
      const credited = w.creditNote(inv, T0 + DAY, { lines: [{ invoiceLine: 0, amount: 3000 }], memo: 'Partial outage' });
      const paid = w.pay(credited.invoice, T0 + 5 * DAY);
      const s = await account.start(w, { now: T0 + 2 * DAY });
      try {
        const r1 = await s.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        const open = await s.ns.record('invoice', inv.id);
        expect(Number(open.total)).to.equal(100);
        expect(Number(open.amountRemaining), 'I7: Stripe amount_remaining 70 + pre-payment credit 30').to.equal(100);
        expect(open.dueDate).to.equal('2026-10-15');
        const memo = await s.ns.record('creditMemo', credited.creditNote.id);
        expect(Number(memo.total)).to.equal(30);
        expect(Number(memo.unapplied), 'held until the invoice is paid').to.equal(30);
        expect(memo.tranDate).to.equal('2026-09-16');
        expect((await s.ns.lines(memo, 'item')).map((l) => [l.item, l.amount])).to.deep.equal([[price.id, 30]]);

        s.h.stripe.advance(4 * DAY);
        const r2 = await s.sync();
        expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
        expect(keysOf(r2)).to.deep.equal([`creditMemo:${credited.creditNote.id}#apply`, `customerPayment:${paid.charge.id}`].sort());
        const nsInv = await s.ns.record('invoice', inv.id);
        expect(Number(nsInv.amountRemaining)).to.equal(0);
        const pay = await s.ns.record('customerPayment', paid.charge.id);
        expect(await s.ns.applied(pay)).to.deep.equal({ [inv.id]: 70 });
        const applied = await s.ns.record('creditMemo', credited.creditNote.id);
        expect(await s.ns.applied(applied)).to.deep.equal({ [inv.id]: 30 });
        expect(Number(applied.unapplied)).to.equal(0);
      } finally {
        await s.close();
      }
    });

    it('§3.11 a credit note held on an open invoice that is then voided: the memo is applied, and the closure covers only the rest', async () => {
      const w = new ScenarioWorld(T0, 'CV');
      const cust = w.customer({ name: 'Void After Credit' });
      const price = w.price(w.product('Licence'), { unitAmount: 10000 });
      const inv = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 10000, description: 'Licence' }] });
      const credited = w.creditNote(inv, T0 + DAY, { lines: [{ invoiceLine: 0, amount: 2500 }] });
      w.change(credited.invoice, { status: 'void', amount_remaining: 0, status_transitions: { ...credited.invoice.status_transitions, voided_at: T0 + 3 * DAY } }, T0 + 3 * DAY, 'invoice.voided');
      const s = await account.start(w, { now: T0 + 2 * DAY });
      try {
        const r1 = await s.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        s.h.stripe.advance(2 * DAY);
        const r2 = await s.sync();
        expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
        const memo = await s.ns.record('creditMemo', credited.creditNote.id);
        expect(await s.ns.applied(memo)).to.deep.equal({ [inv.id]: 25 });
        const close = await s.ns.record('creditMemo', `${inv.id}-close`);
        expect(Number(close.total)).to.equal(75);
        expect(await s.ns.applied(close)).to.deep.equal({ [inv.id]: 75 });
        expect((await s.ns.lines(close, 'item')).map((l) => [l.item, l.amount]), 'one-line invoice: its item for what is open').to.deep.equal([[price.id, 75]]);
        expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining)).to.equal(0);
      } finally {
        await s.close();
      }
    });

    it('#19 an invoice paid partly from the customer balance and partly by card: balance memo once the charge paid the rest', async () => {
      const w = new ScenarioWorld(T0, 'PB');
      const cust = w.customer({ name: 'Part Balance Co' });
      const price = w.price(w.product('Plan'), { unitAmount: 5000 });
      const inv = w.invoice({ customer: cust, at: T0, startingBalance: -2000, lines: [{ price, amount: 5000, description: 'Plan' }] });
      expect(inv.amount_due).to.equal(3000);
      const paid = w.pay(inv, T0 + 2 * DAY);
      const s = await account.start(w, { now: T0 + DAY });
      try {
        const r1 = await s.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        expect(await s.ns.find('creditMemo', `${inv.id}-balance`), 'no balance memo while the invoice is open').to.equal(undefined);
        expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining)).to.equal(50);
        s.h.stripe.advance(2 * DAY);
        const r2 = await s.sync();
        expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
        const memo = await s.ns.record('creditMemo', `${inv.id}-balance`);
        expect(await s.ns.applied(memo)).to.deep.equal({ [inv.id]: 20 });
        const pay = await s.ns.record('customerPayment', paid.charge.id);
        expect(await s.ns.applied(pay)).to.deep.equal({ [inv.id]: 30 });
        expect(Number((await s.ns.record('invoice', inv.id)).amountRemaining)).to.equal(0);
      } finally {
        await s.close();
      }
    });

    describe('#16 #18 closures: uncollectible, revised and voided invoices', () => {
      const w = new ScenarioWorld(T0, 'CL');
      const cust = w.customer({ name: 'Closures Inc' });
      const a = w.price(w.product('Alpha'), { unitAmount: 8000 });
      const b = w.price(w.product('Beta'), { unitAmount: 2000 });
      const lines = [
        { price: a, amount: 8000, description: 'Alpha', period: { start: T0, end: T0 + 30 * DAY } },
        { price: b, amount: 2000, description: 'Beta', period: { start: T0, end: T0 + 30 * DAY } },
      ];
      const bad = w.invoice({ customer: cust, at: T0, lines });
      // Marked uncollectible at 22:00 on Sept 30 in Los Angeles (Oct 1 in UTC).
      const uncollectible = markUncollectible(w, bad, LATE_SEPT_30);
      // Paid after NetSuite closed it: "reopening isn't supported" (#17).
      const latePay = w.pay({ ...uncollectible, status: 'open', amount_remaining: uncollectible.amount_due }, LATE_SEPT_30 + 5 * DAY);

      const original = w.invoice({ customer: cust, at: T0 + HOUR, lines });
      const revisedAt = T0 + 2 * DAY;
      const revision = w.invoice({ customer: cust, at: revisedAt, revises: original, lines: [{ price: a, amount: 8000, description: 'Alpha only' }] });
      w.change(original, { status: 'void', latest_revision: revision.id, amount_remaining: 0, status_transitions: { ...original.status_transitions, voided_at: revisedAt } }, revisedAt, 'invoice.voided');

      const plain = w.invoice({ customer: cust, at: T0 + 2 * HOUR, lines: [{ price: b, amount: 2000, description: 'Beta' }] });
      w.change(plain, { status: 'void', amount_remaining: 0, status_transitions: { ...plain.status_transitions, voided_at: T0 + 3 * DAY } }, T0 + 3 * DAY, 'invoice.voided');

      let s: Scenario;
      let r1: Run;
      let r2: Run;
      let r3: Run;
      before(async () => {
        s = await account.start(w, { now: T0 + DAY });
        r1 = await s.sync();
        s.h.stripe.advance(LATE_SEPT_30 + HOUR - s.h.stripe.now());
        r2 = await s.sync();
        s.h.stripe.advance(6 * DAY);
        r3 = await s.sync();
      });
      after(async () => s?.close());

      it('every run is clean', () => {
        for (const r of [r1, r2, r3]) expect(r.summary.failures, failuresOf(r)).to.deep.equal([]);
      });

      it('#16 the uncollectible invoice is closed by a credit memo dated on the transition, copying its lines', async () => {
        const memo = await s.ns.record('creditMemo', `${bad.id}-close`);
        expect(memo.tranDate, 'Oct 1 05:00 UTC is Sept 30 in Los Angeles').to.equal('2026-09-30');
        expect(String(memo.memo)).to.equal(`Stripe: ${bad.id} marked uncollectible`);
        expect(await s.ns.applied(memo)).to.deep.equal({ [bad.id]: 100 });
        const memoLines = await s.ns.lines(memo, 'item');
        expect(memoLines.map((l) => [l.item, l.amount, l.raw.revRecEndDate])).to.deep.equal([
          [a.id, 80, account.revRec('2026-10-14')],
          [b.id, 20, account.revRec('2026-10-14')],
        ]);
        await account.withFields(memoLines.map((l) => l.raw), REV_REC_FIELDS, () => {});
        await account.withFields(memo, ['subsidiary', 'currency', 'exchangeRate'], () => {});
        const inv = await s.ns.record('invoice', bad.id);
        expect(Number(inv.amountRemaining)).to.equal(0);
      });

      it('#17 paid after it was closed: the payment stays unapplied with the payment-error memo', async () => {
        const pay = await s.ns.record('customerPayment', latePay.charge.id);
        expect(await s.ns.applied(pay)).to.deep.equal({});
        expect(String(pay.memo)).to.contain(`Stripe Payment Error: could not apply to invoice ${bad.id}`);
      });

      it('#18 a revised invoice: the original is closed by a memo naming the revision, and the revision is its own invoice', async () => {
        const memo = await s.ns.record('creditMemo', `${original.id}-close`);
        expect(String(memo.memo)).to.equal(`Stripe: ${original.id} voided, revised by ${revision.id}`);
        expect(memo.tranDate).to.equal('2026-09-17');
        expect(await s.ns.applied(memo)).to.deep.equal({ [original.id]: 100 });
        expect(Number((await s.ns.record('invoice', original.id)).amountRemaining)).to.equal(0);
        const rev = await s.ns.record('invoice', revision.id);
        expect(String(rev.memo)).to.equal(`Stripe: ${revision.id} (revision of ${original.id})`);
        expect(Number(rev.total)).to.equal(80);
        expect(Number(rev.amountRemaining)).to.equal(80);
      });

      it('#18 a plain void is closed on the void date by reversing its lines', async () => {
        const memo = await s.ns.record('creditMemo', `${plain.id}-close`);
        expect(String(memo.memo)).to.equal(`Stripe: ${plain.id} voided`);
        expect(memo.tranDate).to.equal('2026-09-18');
        expect((await s.ns.lines(memo, 'item')).map((l) => [l.item, l.amount])).to.deep.equal([[b.id, 20]]);
        expect(Number((await s.ns.record('invoice', plain.id)).amountRemaining)).to.equal(0);
      });
    });

    it('#17 with keepUnpaidInvoicesOpen an uncollectible invoice stays open for its full amount; a void one is still closed', async () => {
      const w = new ScenarioWorld(T0, 'KO');
      const cust = w.customer({ name: 'Keep Open LLC' });
      const price = w.price(w.product('Plan'), { unitAmount: 6000 });
      const bad = w.invoice({ customer: cust, at: T0, lines: [{ price, amount: 6000, description: 'Plan' }] });
      markUncollectible(w, bad, T0 + 20 * DAY);
      const voided = w.invoice({ customer: cust, at: T0 + HOUR, lines: [{ price, amount: 6000, description: 'Plan' }] });
      w.change(voided, { status: 'void', amount_remaining: 0, status_transitions: { ...voided.status_transitions, voided_at: T0 + DAY } }, T0 + DAY, 'invoice.voided');
      const s = await account.start(w, { now: T0 + 21 * DAY, configPatch: (st) => (st.features.keepUnpaidInvoicesOpen = true) });
      try {
        const run = await s.sync();
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        const inv = await s.ns.record('invoice', bad.id);
        expect(Number(inv.amountRemaining)).to.equal(60);
        expect((inv.status as { id: string }).id).to.equal('A');
        expect(await s.ns.find('creditMemo', `${bad.id}-close`)).to.equal(undefined);
        expect(Number((await s.ns.record('invoice', voided.id)).amountRemaining)).to.equal(0);
        expect(await s.ns.find('creditMemo', `${voided.id}-close`)).to.not.equal(undefined);
      } finally {
        await s.close();
      }
    });

    describe('the account', () => {
      it(`no NetSuite request was refused for a property the account (features ${features}) lacks`, () => {
        account.expectNoRefusedProperties();
      });
    });
  });
}

function markUncollectible(w: ScenarioWorld, invoice: Obj, at: number): Obj {
  return w.change(invoice, { status: 'uncollectible', status_transitions: { ...invoice.status_transitions, marked_uncollectible_at: at } }, at, 'invoice.marked_uncollectible');
}
