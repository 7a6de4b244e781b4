// Feature scenarios, payouts and deposits (reference #38–#44; I17–I19): a world with three automatic payouts —
// payments, a partial refund, a foreign-currency charge and a dispute withdrawal; a won dispute's reinstatement;
// and one whose sources cannot all be deposited — synced over HTTP, asserting every deposit line and total.
import { expect } from 'chai';
import { glAsPreviewed } from './gl-as-previewed.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { Account, DAY, FEATURE_SETS, HOUR, ScenarioWorld, cardFee, cents, failuresOf, type Scenario } from './scenario-world.js';

/** 2026-09-01 18:00 UTC = 11:00 in Los Angeles. */
const T0 = Date.UTC(2026, 8, 1, 18, 0, 0) / 1000;

for (const features of FEATURE_SETS) {
  describe(`features: deposits [${features}]`, function () {
    const account = new Account(features);
    const single = account.single;
    this.timeout(120_000);

    const w = new ScenarioWorld(T0, 'DEP');
    const alice = w.customer({ name: 'Alice Imports', email: 'alice@example.com' });
    const bob = w.customer({ name: 'Bob Widgets', email: 'bob@example.com' });
    const price = w.price(w.product('Plan'), { unitAmount: 10000 });

    // Payout 1 sweeps: an invoice payment, a EUR charge settled in USD, a charge later disputed, a partial
    // refund (fee kept by Stripe), and the dispute's withdrawal with its 15.00 fee.
    const inv = w.invoice({ customer: alice, at: T0 - HOUR, lines: [{ price, amount: 10000, description: 'Plan' }] });
    const paidA = w.pay(inv, T0);
    // Stripe's rate differs from NetSuite's own EUR rate (1.08 in the sandbox), so the deposit shows whose rate is used.
    const eur = w.charge({ customer: alice, amount: 4200, currency: 'eur', exchangeRate: 1.1234, at: T0 + HOUR, description: 'EUR order' });
    const disputed = w.charge({ customer: bob, amount: 5000, at: T0 + 2 * HOUR, description: 'Widget order' });
    const refundA = w.refund(paidA.charge, 2000, T0 + 3 * HOUR);
    const dispute = w.dispute(disputed.charge, T0 + 4 * HOUR, 'won', T0 + 5 * DAY);
    const po1 = w.payout(T0 + 3 * DAY);
    // Payout 2: a new charge and the won dispute's reinstatement (funds back, dispute fee refunded).
    const later = w.charge({ customer: bob, amount: 3000, at: T0 + 4 * DAY, description: 'Second widget order' });
    const po2 = w.payout(T0 + 7 * DAY);
    // Payout 3: a charge in a currency NetSuite has no mapping for (its payment is blocked) and a balance
    // transaction whose source charge Stripe never showed us.
    const chf = w.charge({ customer: null, amount: 2500, currency: 'chf', exchangeRate: 1.1, at: T0 + 8 * DAY, description: 'CHF order' });
    const ghost = w.txn({ amount: 1200, at: T0 + 8 * DAY, source: 'ch_DEPghost', type: 'charge', reportingCategory: 'charge', fee: cardFee(1200) });
    const ok3 = w.charge({ customer: bob, amount: 4000, at: T0 + 8 * DAY + HOUR, description: 'Third widget order' });
    const po3 = w.payout(T0 + 11 * DAY);

    // A single-currency (USD) account cannot take the EUR payment, so payout 1, which sweeps it, is held too.
    const eurReason = account.currencyReason('customerPayment', eur.charge.id, 'eur');
    const heldForEur: Record<string, string> = single
      ? { [`customerPayment:${eur.charge.id}`]: eurReason, [`deposit:${po1.payout.id}`]: `its record customerPayment:${eur.charge.id} is blocked (${eurReason})` }
      : {};

    let s: Scenario;
    let run: Awaited<ReturnType<Scenario['sync']>>;
    before(async () => {
      s = await account.start(w, { now: T0 + 13 * DAY });
      run = await s.sync();
    });
    after(async () => s?.close());

    it("the books' impact the plan previewed is what NetSuite posted, record by record", async () => {
      const gl = await glAsPreviewed(s.h, run.plan.operations);
      expect(gl.failures, renderInvariantReport(gl)).to.equal(0);
      expect(gl.compared).to.be.greaterThan(3);
    });

    it(single ? 'only the CHF and EUR payments and the deposits that need them are held' : 'only the CHF payment and the deposit that needs it are held', () => {
      expect(run.summary.failures.map((f) => f.key).sort()).to.deep.equal([`customerPayment:${chf.charge.id}`, `deposit:${po3.payout.id}`, ...Object.keys(heldForEur)].sort());
      account.expectFailures(run, { ...heldForEur, [`customerPayment:${chf.charge.id}`]: 'no NetSuite currency is configured for CHF', [`deposit:${po3.payout.id}`]: 'is not proved' });
    });

    if (single) {
      it('payout 1 is held, naming the EUR payment a single-currency account cannot take; its USD records are synced and wait in Undeposited Funds', async () => {
        expect(await s.ns.find('deposit', po1.payout.id)).to.equal(undefined);
        const op = run.plan.operations.find((o) => o.key === `deposit:${po1.payout.id}`)!;
        expect(op.blocked).to.match(new RegExp(`^deposit for payout ${po1.payout.id} \\(${(po1.payout.amount / 100).toFixed(2)} USD\\) is not proved: `));
        expect(op.blocked).to.contain(`${eur.txn.id} (charge ${eur.charge.id}): its record customerPayment:${eur.charge.id} is blocked (${eurReason})`);
        for (const t of [paidA.txn, disputed.txn, refundA.balance_transaction, dispute.withdrawal.id]) expect(op.blocked).to.not.contain(typeof t === 'string' ? t : t.id);
        for (const charge of [paidA.charge, disputed.charge]) {
          const pay = await s.ns.record('customerPayment', charge.id);
          expect((pay.status as { id: string }).id, 'undeposited').to.equal('B');
          account.expectPaymentFields(pay);
        }
        expect(Number((await s.ns.record('customerPayment', paidA.charge.id)).payment)).to.equal(100);
        expect(await s.ns.applied(await s.ns.record('customerPayment', paidA.charge.id))).to.deep.equal({ [inv.id]: 100 });
        const refund = await s.ns.record('customerRefund', refundA.id);
        expect(Number(refund.total)).to.equal(20);
        account.expectPaymentFields(refund);
      });
    }


    it(single ? '#40 #43 payout 1 is not deposited while it sweeps a record the account cannot take' : '#40 #43 #44 payout 1: payment lines per record (EUR charge at its converted amount), fees as cash back, total = payout amount', async () => {
      if (single) return void expect(await s.ns.find('deposit', po1.payout.id)).to.equal(undefined);
      const dep = await s.ns.record('deposit', po1.payout.id);
      expect(String(dep.memo)).to.equal(`Stripe: ${po1.payout.id}`);
      expect((dep.account as { id: string }).id).to.equal('1'); // USD bank
      expect(dep.tranDate, 'arrival date').to.equal('2026-09-05');
      expect(Math.round(Number(dep.total) * 100)).to.equal(po1.payout.amount);

      const payments = await s.ns.lines(dep, 'payment');
      expect(Object.fromEntries(payments.map((l) => [l.doc, l.amount]))).to.deep.equal({
        [paidA.charge.id]: 100,
        [eur.charge.id]: 47.18, // 42.00 EUR × 1.1234
        [disputed.charge.id]: 50,
        [refundA.id]: -20,
        [dispute.opened.id]: -50,
      });
      const cashback = await s.ns.lines(dep, 'cashback');
      const processing = cardFee(10000) + cardFee(4718) + cardFee(5000);
      expect(cashback.map((l) => [l.account, Math.round(l.amount * 100), l.raw.memo])).to.deep.equal([
        ['7', processing, `Stripe: ${po1.payout.id} processing fees (3 transactions)`],
        ['7', 1500, `Stripe: ${po1.payout.id} dispute fees (1 transaction)`],
      ]);
      expect(await s.ns.lines(dep, 'other')).to.deep.equal([]);
      expect(cents(payments.map((l) => l.amount)) - cents(cashback.map((l) => l.amount))).to.equal(po1.payout.amount);
    });

    it(single ? '#44 the EUR payment is blocked: the account has only USD' : '#44 the EUR payment stays in EUR on the customer, carrying Stripe\'s rate', async () => {
      if (single) return account.expectCurrencyBlocked(s, run, 'customerPayment', eur.charge.id, 'eur');
      const pay = await s.ns.record('customerPayment', eur.charge.id);
      expect((pay.currency as { id: string }).id).to.equal('4');
      expect(Number(pay.payment)).to.equal(42);
      expect(Number(pay.exchangeRate)).to.equal(1.1234);
      expect((pay.status as { id: string }).id, 'deposited').to.equal('C');
    });

    it('#39 #41 payout 2: a won dispute adds only deposit lines — the reinstatement and the fee refund as other deposits', async () => {
      const dep = await s.ns.record('deposit', po2.payout.id);
      expect(Math.round(Number(dep.total) * 100)).to.equal(po2.payout.amount);
      const payments = await s.ns.lines(dep, 'payment');
      expect(payments.map((l) => [l.doc, l.amount])).to.deep.equal([[later.charge.id, 30]]);
      const cashback = await s.ns.lines(dep, 'cashback');
      expect(cashback.map((l) => [l.account, Math.round(l.amount * 100)])).to.deep.equal([['7', cardFee(3000)]]);
      const other = await s.ns.lines(dep, 'other');
      expect(other.map((l) => [l.account, l.amount, l.raw.memo]).sort()).to.deep.equal(
        [
          ['11', 50, `Stripe: ${dispute.opened.id} dispute won: funds reinstated`],
          ['7', 15, `Stripe: ${po2.payout.id} fee refunds (1 transaction)`],
        ].sort(),
      );
      // The dispute's AR records are the ones its withdrawal made; winning adds none.
      const refunds = await s.ns.externalIds('customerRefund');
      expect(refunds).to.deep.equal([dispute.opened.id, refundA.id].sort());
      const memos = await s.ns.externalIds('creditMemo');
      expect(memos, 'a charge without an invoice is refunded against its payment, without a memo').to.deep.equal([`${refundA.id}-memo`]);
    });

    it('#38 the dispute withdrawal on a non-invoice charge is a customer refund applied to the payment', async () => {
      const refund = await s.ns.record('customerRefund', dispute.opened.id);
      expect(Number(refund.total)).to.equal(50);
      expect(await s.ns.applied(refund)).to.deep.equal({ [disputed.charge.id]: 50 });
    });

    it('#43 payout 3 is held, and the reason names each balance transaction that cannot be deposited and why', async () => {
      expect(await s.ns.find('deposit', po3.payout.id)).to.equal(undefined);
      const op = run.plan.operations.find((o) => o.key === `deposit:${po3.payout.id}`)!;
      expect(op.blocked).to.match(new RegExp(`^deposit for payout ${po3.payout.id} \\(${(po3.payout.amount / 100).toFixed(2)} USD\\) is not proved: `));
      expect(op.blocked).to.contain(`${chf.txn.id} (charge ${chf.charge.id}): its record customerPayment:${chf.charge.id} is blocked (`);
      expect(op.blocked).to.match(/no NetSuite currency is configured for CHF/i);
      expect(op.blocked).to.contain(`${ghost.id} (charge ch_DEPghost): ch_DEPghost is not in the ledger, so it has no NetSuite record`);
      expect(op.blocked).to.not.contain(ok3.txn.id);
      // Everything else of that payout is still synced and waits in Undeposited Funds.
      const pay = await s.ns.record('customerPayment', ok3.charge.id);
      expect((pay.status as { id: string }).id).to.equal('B');
    });

    it(
      single
        ? '#44 on a USD-only account a foreign-currency payment, its refund and the payout sweeping them are blocked; the USD payment syncs'
        : '#44 a foreign-currency payment and refund synced days before their payout are deposited at Stripe\'s converted amounts',
      async () => {
      const fx = new ScenarioWorld(T0, 'FX');
      const c = fx.customer({ name: 'Euro GmbH' });
      const eurCharge = fx.charge({ customer: c, amount: 4200, currency: 'eur', exchangeRate: 1.1234, at: T0, description: 'EUR order' });
      const usd = fx.charge({ customer: c, amount: 1000, at: T0 + HOUR });
      const refund = fx.refund(eurCharge.charge, 1000, T0 + 2 * HOUR, { settlementTxn: eurCharge.txn });
      const po = fx.payout(T0 + 3 * DAY);
      const sc = await account.start(fx, { now: T0 + 3 * HOUR });
      try {
        if (single) {
          const reason = account.currencyReason('customerPayment', eurCharge.charge.id, 'eur');
          const held = { [`customerPayment:${eurCharge.charge.id}`]: reason, [`customerRefund:${refund.id}`]: reason };
          account.expectFailures(await sc.sync(), held);
          const pay = await sc.ns.record('customerPayment', usd.charge.id);
          expect(Number(pay.payment)).to.equal(10);
          expect(await sc.ns.entity(pay, 'customer')).to.equal(c.id);
          account.expectPaymentFields(pay);
          sc.h.stripe.advance(4 * DAY);
          const r2 = await sc.sync();
          account.expectFailures(r2, { ...held, [`deposit:${po.payout.id}`]: `its record customerPayment:${eurCharge.charge.id} is blocked (${reason})` });
          expect(await sc.ns.find('deposit', po.payout.id)).to.equal(undefined);
          return;
        }
        const r1 = await sc.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        sc.h.stripe.advance(4 * DAY);
        const r2 = await sc.sync();
        expect(r2.summary.failures, failuresOf(r2)).to.deep.equal([]);
        const dep = await sc.ns.record('deposit', po.payout.id);
        expect(Object.fromEntries((await sc.ns.lines(dep, 'payment')).map((l) => [l.doc, l.amount]))).to.deep.equal({
          [eurCharge.charge.id]: 47.18,
          [usd.charge.id]: 10,
          [refund.id]: -11.23,
        });
        expect(Math.round(Number(dep.total) * 100), 'I17: deposit total = payout amount').to.equal(po.payout.amount);
        expect(Number((await sc.ns.record('customerPayment', eurCharge.charge.id)).exchangeRate)).to.equal(1.1234);
        const again = await sc.sync();
        expect(again.summary.operations.planned, 'the rate is set once').to.equal(0);
      } finally {
        await sc.close();
      }
    },
    );

    it('#40 I17 I18 a failed payout gets no deposit; the payout carrying its payout_failure deposits its records and equals its own amount', async () => {
      const pf = new ScenarioWorld(T0, 'PF');
      const c = pf.customer({ name: 'Failing Bank Co' });
      const a = pf.charge({ customer: c, amount: 5000, at: T0, description: 'First order' });
      const refund = pf.refund(a.charge, 1000, T0 + HOUR);
      const failed = pf.payout(T0 + 3 * DAY, 'usd', { failsAt: T0 + 5 * DAY });
      const b = pf.charge({ customer: c, amount: 3000, at: T0 + 4 * DAY, description: 'Second order' });
      const po = pf.payout(T0 + 7 * DAY);
      expect(po.swept.map((t) => t.id)).to.include(failed.returned!.id);
      expect(po.payout.amount, 'the second payout carries the first one\'s funds').to.equal(failed.payout.amount + b.txn.net);
      const sc = await account.start(pf, { now: T0 + 9 * DAY });
      try {
        const r1 = await sc.sync();
        expect(r1.summary.failures, failuresOf(r1)).to.deep.equal([]);
        expect(await sc.ns.find('deposit', failed.payout.id), 'no deposit for the failed payout').to.equal(undefined);
        expect(r1.plan.operations.some((o) => o.key === `deposit:${failed.payout.id}`)).to.equal(false);
        const dep = await sc.ns.record('deposit', po.payout.id);
        expect(Math.round(Number(dep.total) * 100), 'I17: deposit total = payout amount').to.equal(po.payout.amount);
        expect(Object.fromEntries((await sc.ns.lines(dep, 'payment')).map((l) => [l.doc, l.amount]))).to.deep.equal({
          [a.charge.id]: 50,
          [refund.id]: -10,
          [b.charge.id]: 30,
        });
        const cashback = await sc.ns.lines(dep, 'cashback');
        expect(cashback.map((l) => Math.round(l.amount * 100))).to.deep.equal([cardFee(5000) + cardFee(3000)]);
        for (const [type, id] of [['customerPayment', a.charge.id], ['customerRefund', refund.id], ['customerPayment', b.charge.id]] as const) {
          expect(((await sc.ns.record(type, id)).status as { id: string }).id, `${id} deposited`).to.be.oneOf(['C', 'Y']);
        }
        const again = await sc.sync();
        expect(again.summary.failures, failuresOf(again)).to.deep.equal([]);
        expect(again.summary.operations.planned).to.equal(0);
      } finally {
        await sc.close();
      }
    });

    it(
      single
        ? '#44 FX rounding: a USD-only account holds the EUR payments and their deposits'
        : "#44 I17 FX rounding: 42.00 EUR at 1.1234 with a sweep of refunds, one payout each — every deposit posts its payout, with an FX-rounding line where NetSuite's per-line conversion differs",
      async () => {
        const fx = new ScenarioWorld(T0, 'FXR');
        const c = fx.customer({ name: 'Rundung GmbH' });
        const nsLine = (eur: number): number => Math.floor((eur * 11234 + 5000) / 10000);
        const stripeSettled = (eur: number): number => Math.round((4718 * eur) / 4200);
        const mismatching = Array.from({ length: 4199 }, (_, i) => i + 1).filter((r) => nsLine(r) !== stripeSettled(r));
        // The 0.77, the first mismatching amounts, and some that agree.
        const refunds = [77, ...mismatching.filter((r) => r !== 77).slice(0, 14), 100, 1000, 2100, 3000];
        const pairs = refunds.map((r, k) => {
          const at = T0 + k * DAY;
          const ch = fx.charge({ customer: c, amount: 4200, currency: 'eur', exchangeRate: 1.1234, at, description: `EUR order ${k}` });
          const re = fx.refund(ch.charge, r, at + HOUR, { settlementTxn: ch.txn });
          const po = fx.payout(at + 2 * DAY + 3 * HOUR);
          return { r, ch, re, po };
        });
        const sc = await account.start(fx, { now: T0 + (refunds.length + 3) * DAY });
        try {
          const run1 = await sc.sync();
          if (single) {
            expect(run1.summary.failures.filter((f) => f.key.startsWith('deposit:')).length).to.equal(pairs.length);
            return;
          }
          expect(run1.summary.failures, failuresOf(run1)).to.deep.equal([]);
          let withRounding = 0;
          for (const { r, re, po } of pairs) {
            const dep = await sc.ns.record('deposit', po.payout.id);
            expect(Math.round(Number(dep.total) * 100), `refund ${r}: deposit total = payout`).to.equal(po.payout.amount);
            const refundLine = (await sc.ns.lines(dep, 'payment')).find((l) => l.doc === re.id)!;
            expect(Math.round(refundLine.amount * 100), `refund ${r}: NetSuite's own line`).to.equal(-nsLine(r));
            const rounding = [...(await sc.ns.lines(dep, 'other')), ...(await sc.ns.lines(dep, 'cashback'))].filter((l) => l.account === '14');
            expect(rounding.length, `refund ${r}`).to.equal(nsLine(r) === stripeSettled(r) ? 0 : 1);
            withRounding += rounding.length;
          }
          expect(withRounding).to.equal(15);
          const again = await sc.sync();
          expect(again.summary.operations.planned).to.equal(0);
        } finally {
          await sc.close();
        }
      },
    );

    describe('the account', () => {
      it(`no NetSuite request was refused for a property the account (features ${features}) lacks`, () => {
        account.expectNoRefusedProperties();
      });
    });
  });
}
