// Feature scenarios, customers and invoices (reference #7–#9, #11–#13, #15, #19, #20, #45, #46): hand-built Stripe
// worlds synced over HTTP into the NetSuite sandbox, asserting the NetSuite records an accountant would look at.
import { expect } from 'chai';
import { glAsPreviewed } from './gl-as-previewed.js';
import { renderInvariantReport } from '../../src/check/render-invariant-report.js';
import { Account, DAY, FEATURE_SETS, HOUR, ScenarioWorld, failuresOf, REV_REC_FIELDS, startScenario, type Obj, type Scenario } from './scenario-world.js';

/** 2026-09-01 03:00 UTC = 2026-08-31 20:00 in Los Angeles (the configured NetSuite time zone). */
const T0 = Date.UTC(2026, 8, 1, 3, 0, 0) / 1000;
/** Midnight 2026-09-01 and 2026-10-01 in Los Angeles: a monthly service period. */
const SEPT_1 = Date.UTC(2026, 8, 1, 7, 0, 0) / 1000;
const OCT_1 = Date.UTC(2026, 9, 1, 7, 0, 0) / 1000;

for (const features of FEATURE_SETS) {
  describe(`features: customers and invoices [${features}]`, function () {
    const account = new Account(features);
    const single = account.single;
    this.timeout(120_000);

    describe('one world, default settings', () => {
      const w = new ScenarioWorld(T0, 'CI');
      const acme = w.customer({
        name: 'Acme Rockets Inc.',
        email: 'billing@acme.example',
        phone: '+1 555 0101',
        address: { line1: '1 Launch Way', line2: null, city: 'Mojave', state: 'CA', postal_code: '93501', country: 'US' },
      });
      const nameless = w.customer({ email: 'solo@example.com' });
      const idle = w.customer({ name: 'Never Bought Ltd', email: 'idle@example.com' });
      const product = w.product('Rocket Fuel');
      const monthly = w.price(product, { unitAmount: 10000, nickname: 'Monthly' });
      const setup = w.price(w.product('Setup fee'), { unitAmount: 2500, type: 'one_time' });
      const coupon = w.coupon({ name: '20% off', percentOff: 20 });

      // #7, #11, #12, #45, #46: a subscription line (item per price) discounted by a coupon, with 8.25 % tax,
      // and a one-time setup fee (global Stripe Item). Finalized at 20:00 on Aug 31 in Los Angeles.
      const main = w.invoice({
        customer: acme,
        at: T0,
        coupon,
        lines: [
          { price: monthly, amount: 10000, description: '1 × Rocket Fuel (Monthly)', period: { start: SEPT_1, end: OCT_1 }, discount: 2000, taxes: [{ rate: 'txr_CA', amount: 660, behavior: 'exclusive' }] },
          { price: setup, amount: 2500, description: 'Setup fee' },
        ],
      });
      // The same customer later pays in EUR: its NetSuite record must carry both currencies (#7, #47).
      const eurCharge = w.charge({ customer: acme, amount: 4200, currency: 'eur', at: T0 + HOUR, exchangeRate: 1.08, description: 'One-off EUR order' });
      // #13: proration credit and charge, and a zero-amount line, all kept.
      const proration = w.invoice({
        customer: nameless,
        at: T0 + 2 * HOUR,
        lines: [
          { price: monthly, amount: -5000, description: 'Unused time on Rocket Fuel', proration: true, period: { start: SEPT_1 + 15 * DAY, end: OCT_1 } },
          { price: monthly, amount: 8000, description: 'Remaining time on Rocket Fuel ×2', proration: true, quantity: 2, period: { start: SEPT_1 + 15 * DAY, end: OCT_1 } },
          { price: monthly, amount: 0, description: 'Free add-on' },
        ],
      });
      // #15: a trial invoice (every line 0) is skipped by default; a 100 % coupon invoice nets to 0 and syncs.
      const trial = w.invoice({ customer: nameless, at: T0 + 3 * HOUR, lines: [{ price: monthly, amount: 0, description: 'Trial period' }] });
      const free = w.coupon({ name: 'Free month', percentOff: 100 });
      const comped = w.invoice({ customer: nameless, at: T0 + 4 * HOUR, coupon: free, lines: [{ price: monthly, amount: 10000, description: 'Comped month', discount: 10000 }] });
      // #20: a negative invoice (credit larger than charges) becomes an all-zero invoice noting the balance increase.
      const negative = w.invoice({
        customer: nameless,
        at: T0 + 5 * HOUR,
        lines: [
          { price: monthly, amount: -7500, description: 'Downgrade credit', proration: true },
          { price: monthly, amount: 2500, description: 'Lite plan', proration: true },
        ],
      });
      // #19: the credit balance from the negative invoice pays the next invoice in full (no charge).
      const balancePaid = w.invoice({ customer: nameless, at: T0 + 6 * HOUR, startingBalance: -5000, lines: [{ price: monthly, amount: 3000, description: 'Lite plan, October', period: { start: OCT_1, end: OCT_1 + 31 * DAY } }] });
      // #9: a charge with no Stripe customer.
      const anonymous = w.charge({ customer: null, amount: 1999, at: T0 + 7 * HOUR, description: 'Guest checkout' });
      // A zero-decimal currency: ¥5,000 is 5000 in NetSuite, not 50.
      const yenCustomer = w.customer({ name: 'Tokyo KK', currency: 'jpy' });
      const yen = w.invoice({ customer: yenCustomer, currency: 'jpy', at: T0 + 9 * HOUR, lines: [{ price: null, amount: 5000, description: 'Consulting (JPY)' }] });
      const draft = w.invoice({ customer: idle, at: T0 + 8 * HOUR, status: 'draft', lines: [{ price: monthly, amount: 10000 }] });

      // A single-currency (USD) account cannot take the EUR payment nor the JPY invoice; the JPY customer itself is
      // made in the base currency, so whatever it does in USD can sync.
      const held: Record<string, string> = single
        ? {
            [`customerPayment:${eurCharge.charge.id}`]: account.currencyReason('customerPayment', eurCharge.charge.id, 'eur'),
            [`invoice:${yen.id}`]: account.currencyReason('invoice', yen.id, 'jpy'),
          }
        : {};

      let s: Scenario;
      let firstRun: Awaited<ReturnType<Scenario['sync']>>;
      before(async () => {
        s = await account.start(w, { now: T0 + 2 * DAY });
        firstRun = await s.sync();
      });
      after(async () => s?.close());

      it("the books' impact the plan previewed is what NetSuite posted, record by record", async () => {
        const gl = await glAsPreviewed(s.h, firstRun.plan.operations);
        expect(gl.failures, renderInvariantReport(gl)).to.equal(0);
        expect(gl.compared).to.be.greaterThan(3);
      });

      it(single ? 'runs clean but for what a USD-only account cannot take, blocked naming the currency and MULTICURRENCY' : 'runs clean: nothing failed or blocked', () => {
        account.expectFailures(firstRun, held);
      });

      it('#7 creates the customer at its first transaction with name, email, phone, address, comments and every currency it uses', async () => {
        const c = await s.ns.record('customer', acme.id);
        expect(c.entityId).to.equal(`Acme Rockets Inc. (${acme.id})`);
        expect(c.companyName).to.equal('Acme Rockets Inc.');
        expect(c.email).to.equal('billing@acme.example');
        expect(c.phone).to.equal('+1 555 0101');
        expect(String(c.comments)).to.equal(`Stripe: ${acme.id}`);
        await account.withFields(c, ['subsidiary', 'currency', 'currencyList'], () => {
          expect((c.currency as { id: string }).id).to.equal('1'); // USD: the first transaction's currency
          const currencies = ((c.currencyList as { items: Array<{ currency: { id: string } }> }).items).map((l) => l.currency.id).sort();
          expect(currencies).to.deep.equal(['1', '4']); // USD and EUR
        });
        const book = (c.addressBook as { items: Array<Record<string, unknown>> }).items;
        expect(book).to.have.length(1);
        expect(book[0].defaultBilling).to.equal(true);
        const addr = book[0].addressBookAddress as Record<string, string>;
        // `country` is an enum object (customer.md, customer-addressBook-addressBookAddress).
        expect([addr.addr1, addr.city, addr.state, addr.zip, (addr.country as unknown as { id: string }).id]).to.deep.equal(['1 Launch Way', 'Mojave', 'CA', '93501', 'US']);
      });

      it('#7 a customer without a name is named by its id and its email; one without transactions is not created', async () => {
        const c = await s.ns.record('customer', nameless.id);
        expect(c.entityId).to.equal(nameless.id);
        expect(c.companyName).to.equal('solo@example.com');
        expect(await s.ns.find('customer', idle.id), 'no transaction, no customer (a draft is not one)').to.equal(undefined);
        expect(await s.ns.find('invoice', draft.id)).to.equal(undefined);
      });

      it('#11 #12 #45 #46 invoice lines: item per recurring price, one-time price on Stripe Item, coupon as a discount line, tax on Stripe Tax, revenue dates end − 1 day', async () => {
        const inv = await s.ns.record('invoice', main.id);
        expect(String(inv.memo)).to.match(new RegExp(`^Stripe: ${main.id}`));
        expect(inv.tranDate, 'finalized 2026-09-01 03:00 UTC = Aug 31 in Los Angeles').to.equal('2026-08-31');
        expect(await s.ns.entity(inv)).to.equal(acme.id);
        expect(Number(inv.total)).to.equal(111.6); // 100 − 20 + 6.60 + 25
        const lines = await s.ns.lines(inv, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([
          [monthly.id, 100],
          [`coupon_${coupon.id}`, -20],
          ['stripe_item', 25],
          ['stripe_tax', 6.6],
        ]);
        await account.withFields(lines.map((l) => l.raw), REV_REC_FIELDS, () => {
          expect(lines[0].raw.revRecStartDate).to.equal('2026-09-01');
          expect(lines[0].raw.revRecEndDate).to.equal('2026-09-30');
          expect(lines[1].raw.revRecStartDate, 'the discount carries the dates of the line it discounts').to.equal('2026-09-01');
          expect(lines[1].raw.revRecEndDate).to.equal('2026-09-30');
        });
        await account.withFields(inv, ['subsidiary', 'currency', 'exchangeRate'], () => {});

        const item = await s.ns.record('serviceSaleItem', monthly.id);
        expect(String(item.itemId)).to.equal(`Rocket Fuel - Monthly (${monthly.id})`);
        const discount = await s.ns.record('discountItem', `coupon_${coupon.id}`);
        expect(discount.nonPosting).to.equal(true);
        expect(await s.ns.find('serviceSaleItem', setup.id), 'a one-time price gets no item of its own').to.equal(undefined);
      });

      it('#13 proration and zero-amount lines are all kept, with quantities', async () => {
        const inv = await s.ns.record('invoice', proration.id);
        const lines = await s.ns.lines(inv, 'item');
        expect(lines.map((l) => [l.item, l.amount, l.raw.quantity])).to.deep.equal([
          [monthly.id, -50, 1],
          [monthly.id, 80, 2],
          [monthly.id, 0, 1],
        ]);
        expect(Number(inv.total)).to.equal(30);
        await account.withFields(lines.map((l) => l.raw), REV_REC_FIELDS, () => {
          expect(lines[1].raw.revRecStartDate).to.equal('2026-09-16');
          expect(lines[1].raw.revRecEndDate).to.equal('2026-09-30');
        });
      });

      it('#15 a trial invoice is skipped by default; an invoice that nets to zero with non-zero lines syncs', async () => {
        expect(await s.ns.find('invoice', trial.id)).to.equal(undefined);
        const inv = await s.ns.record('invoice', comped.id);
        const lines = await s.ns.lines(inv, 'item');
        expect(lines.map((l) => [l.item, l.amount])).to.deep.equal([
          [monthly.id, 100],
          [`coupon_${free.id}`, -100],
        ]);
        expect(Number(inv.total)).to.equal(0);
      });

      it('#20 a negative invoice syncs with every line at 0 and a memo stating the balance increase', async () => {
        const inv = await s.ns.record('invoice', negative.id);
        const lines = await s.ns.lines(inv, 'item');
        expect(lines.map((l) => l.amount)).to.deep.equal([0, 0]);
        expect(Number(inv.total)).to.equal(0);
        expect(String(inv.memo)).to.equal(`Stripe: ${negative.id} Customer balance increased by 50.00 USD`);
      });

      it('#19 an invoice paid from the customer balance is closed by a balance credit memo', async () => {
        const inv = await s.ns.record('invoice', balancePaid.id);
        expect(Number(inv.total)).to.equal(30);
        expect(Number(inv.amountRemaining)).to.equal(0);
        const memo = await s.ns.record('creditMemo', `${balancePaid.id}-balance`);
        expect(String(memo.memo)).to.equal(`Stripe: ${balancePaid.id}. This credit memo was created by a Stripe customer's balance.`);
        expect(Number(memo.total)).to.equal(30);
        expect(await s.ns.applied(memo)).to.deep.equal({ [balancePaid.id]: 30 });
        const lines = await s.ns.lines(memo, 'item');
        expect(lines.map((l) => [l.item, l.amount]), 'one-line invoice: the line item itself').to.deep.equal([[monthly.id, 30]]);
      });

      it('#9 a charge without a customer goes to "Stripe Unallocated Charges", unapplied', async () => {
        const global = await s.ns.record('customer', 'stripe_unallocated_charges');
        expect(global.companyName).to.equal('Stripe Unallocated Charges');
        const pay = await s.ns.record('customerPayment', anonymous.charge.id);
        expect(await s.ns.entity(pay, 'customer')).to.equal('stripe_unallocated_charges');
        expect(Number(pay.payment)).to.equal(19.99);
        expect(await s.ns.applied(pay)).to.deep.equal({});
        expect(String(pay.memo)).to.equal(`Stripe: ${anonymous.charge.id} Guest checkout`);
        expect(pay.tranDate).to.equal('2026-09-01'); // 10:00 UTC
        account.expectPaymentFields(pay);
      });

      it(single ? '#44 a foreign-currency charge is blocked: the account has only USD' : '#44 a foreign-currency charge is a payment in its own currency on the customer', async () => {
        if (single) return account.expectCurrencyBlocked(s, firstRun, 'customerPayment', eurCharge.charge.id, 'eur');
        const pay = await s.ns.record('customerPayment', eurCharge.charge.id);
        expect((pay.currency as { id: string }).id).to.equal('4');
        expect(Number(pay.payment)).to.equal(42);
        expect(await s.ns.entity(pay, 'customer')).to.equal(acme.id);
      });

      it(single ? 'a JPY invoice is blocked (the account has only USD); its customer is made without a currency' : 'a JPY invoice keeps zero decimals and the customer is in JPY', async () => {
        if (single) {
          await account.expectCurrencyBlocked(s, firstRun, 'invoice', yen.id, 'jpy');
          const c = await s.ns.record('customer', yenCustomer.id);
          expect(c.companyName).to.equal('Tokyo KK');
          return expect(c).to.not.have.any.keys('currency', 'currencyList');
        }
        const inv = await s.ns.record('invoice', yen.id);
        expect((inv.currency as { id: string }).id).to.equal('5');
        expect(Number(inv.total)).to.equal(5000);
        expect((await s.ns.lines(inv, 'item')).map((l) => [l.item, l.amount]), 'a line without a price is on Stripe Item').to.deep.equal([['stripe_item', 5000]]);
        expect(((await s.ns.record('customer', yenCustomer.id)).currency as { id: string }).id).to.equal('5');
      });

      it(single ? 'a second run writes nothing, and blocks the same operations again' : 'a second run writes nothing', async () => {
        const before = s.h.netsuite.stats().requests;
        const beforeWrites = s.h.netsuite.stats().recordWrites;
        const again = await s.sync();
        expect(again.summary.operations.planned).to.equal(Object.keys(held).length);
        if (single) account.expectFailures(again, held);
        expect(s.h.netsuite.stats().recordWrites - beforeWrites, 'record writes').to.equal(0);
        expect(s.h.netsuite.stats().requests - before, 'requests: the credential check only').to.equal(1);
      });
    });

    it('#15 with syncTrialInvoices the trial invoice syncs (all lines 0)', async () => {
      const w = new ScenarioWorld(T0, 'TR');
      const c = w.customer({ name: 'Trial Co' });
      const price = w.price(w.product('Pro'), { unitAmount: 4900 });
      const trial = w.invoice({ customer: c, at: T0, lines: [{ price, amount: 0, description: 'Trial period', period: { start: SEPT_1, end: SEPT_1 + 14 * DAY } }] });
      const s = await account.start(w, { now: T0 + DAY, configPatch: (st) => (st.features.syncTrialInvoices = true) });
      try {
        const run = await s.sync();
        expect(run.summary.failures, failuresOf(run)).to.deep.equal([]);
        const inv = await s.ns.record('invoice', trial.id);
        expect(Number(inv.total)).to.equal(0);
        expect(inv.status && (inv.status as { id: string }).id, 'nothing is due on a trial').to.equal('B');
        const lines = await s.ns.lines(inv, 'item');
        expect(lines.map((l) => [l.item, l.amount, l.raw.revRecEndDate])).to.deep.equal([[price.id, 0, account.revRec('2026-09-14')]]);
        await account.withFields(lines.map((l) => l.raw), REV_REC_FIELDS, () => {});
        expect(await s.ns.find('customer', c.id), 'the customer is created even for a $0 signup (#7)').to.not.equal(undefined);
      } finally {
        await s.close();
      }
    });

    describe('#8 linking to existing NetSuite customers', () => {
      let s: Scenario;
      let w: ScenarioWorld;
      let byMetadata: Obj;
      let byEmail: Obj;
      let unmatched: Obj;
      let badLink: Obj;
      const invoices: Record<string, Obj> = {};
      let existingId = '';
      let matchedId = '';
      let run: Awaited<ReturnType<Scenario['sync']>>;

      before(async () => {
        w = new ScenarioWorld(T0, 'LK');
        const price = w.price(w.product('Support'), { unitAmount: 5000 });
        // The world is built before the NetSuite ids are known, so metadata uses a placeholder patched below.
        byMetadata = w.customer({ name: 'Linked By Metadata', email: 'meta@example.com', metadata: { netsuite_customer_id: 'PLACEHOLDER' } });
        byEmail = w.customer({ name: 'Grace Hopper Consulting', email: 'grace.hopper@example.com' });
        unmatched = w.customer({ name: 'Nobody Matches', email: 'nobody@example.com' });
        badLink = w.customer({ name: 'Dangling Link', email: 'dangling@example.com', metadata: { netsuite_customer_id: '999999' } });
        for (const [i, c] of [byMetadata, byEmail, unmatched, badLink].entries()) {
          invoices[c.id] = w.invoice({ customer: c, at: T0 + i * HOUR, lines: [{ price, amount: 5000, description: 'Support' }] });
        }
        s = await account.start(w, {
          now: T0 + DAY,
          configPatch: (st) => (st.features.customerMatch = { netsuiteField: 'email', stripeField: 'email' }),
        });
        // Customers the accountant already has in NetSuite, made without any externalId.
        existingId = (await s.h.client.create('customer', { entityId: 'ACCT-0042', companyName: 'Linked By Metadata (legacy)', ...account.given({ subsidiary: { id: '1' }, currency: { id: '1' } }), email: 'someone-else@example.com' })).internalId;
        matchedId = (await s.h.client.create('customer', { entityId: 'ACCT-0043', companyName: 'Grace Hopper Consulting', ...account.given({ subsidiary: { id: '1' }, currency: { id: '1' } }), email: ' Grace.Hopper@Example.COM' })).internalId;
        byMetadata.metadata.netsuite_customer_id = existingId;
        run = await s.sync();
      });
      after(async () => s?.close());

      it('metadata netsuite_customer_id links the invoice to that NetSuite customer and creates none', async () => {
        const inv = await s.ns.record('invoice', invoices[byMetadata.id].id);
        expect((inv.entity as { id: string }).id).to.equal(existingId);
        expect(await s.ns.find('customer', byMetadata.id), 'no second customer with the Stripe id').to.equal(undefined);
      });

      it('customerMatch on email links case- and space-insensitively', async () => {
        const inv = await s.ns.record('invoice', invoices[byEmail.id].id);
        expect((inv.entity as { id: string }).id).to.equal(matchedId);
        const rows = await s.h.client.suiteql('SELECT id FROM customer WHERE companyname = ?', ['Grace Hopper Consulting']);
        expect(rows.map((r) => r.id), 'matched, not duplicated').to.deep.equal([matchedId]);
      });

      it('a customer with no match is created', async () => {
        const c = await s.ns.record('customer', unmatched.id);
        const inv = await s.ns.record('invoice', invoices[unmatched.id].id);
        expect((inv.entity as { id: string }).id).to.equal(String(c.id));
      });

      it('a netsuite_customer_id that does not exist fails the customer, and its invoice waits', async () => {
        const failure = run.summary.failures.find((f) => f.stripeId === badLink.id);
        expect(failure, failuresOf(run)).to.not.equal(undefined);
        expect(failure!.error).to.match(/999999/);
        expect(await s.ns.find('invoice', invoices[badLink.id].id)).to.equal(undefined);
        expect(run.summary.failures.map((f) => f.stripeId).sort()).to.deep.equal([badLink.id, invoices[badLink.id].id].sort());
      });
    });

    describe('the account', () => {
      it(`no NetSuite request was refused for a property the account (features ${features}) lacks`, () => {
        account.expectNoRefusedProperties();
      });

      it('the check sees a refusal: a write with a field the account lacks is reported with that field', async () => {
        const probe = await startScenario(new ScenarioWorld(T0, 'PRB'), { now: T0, features });
        try {
          const field = single ? 'subsidiary' : 'noSuchField';
          const write = probe.h.client.create('customer', { entityId: 'Probe', companyName: 'Probe', [field]: { id: '1' } });
          await write.then(
            () => expect.fail(`NetSuite took ${field}`),
            (e: Error) => expect(e.message).to.contain(`Invalid field name: ${field}. The field does not exist on this record.`),
          );
          expect(probe.refusedProperties().map((r) => [r.method, r.path, r.status, r.properties])).to.deep.equal([['POST', '/services/rest/record/v1/customer', 400, [field]]]);
        } finally {
          await probe.close();
        }
      });
    });
  });
}
