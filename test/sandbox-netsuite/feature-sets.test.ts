// Issue 11: a sandbox as strict as a real account, per feature set. Field existence and value shapes come from
// the REST API Browser tables (src/sandbox/netsuite/reference/record-schemas.json); features gate fields.
import { expect } from 'chai';
import type { NetSuiteSandbox, NetSuiteSandboxOptions } from '../../src/sandbox/netsuite/server.js';
import { FEATURE_IDS, type FeatureId } from '../../src/sandbox/netsuite/features.js';
import { NsTestClient, type NsResponse } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

const STRICT = { 'X-NetSuite-PropertyNameValidation': 'error' };

function expectRefused(r: NsResponse, path: string, detail?: RegExp): void {
  expect(r.status, JSON.stringify(r.json)).to.equal(400);
  const d = r.json['o:errorDetails'][0];
  expect(d['o:errorPath']).to.equal(path);
  if (detail) expect(d.detail).to.match(detail);
}

const unknownName = (field: string): RegExp => new RegExp(`Invalid field name: ${field}\\. The field does not exist`);

async function withSandbox(features: NetSuiteSandboxOptions['features'], fn: (c: NsTestClient, sb: NetSuiteSandbox) => Promise<void>): Promise<void> {
  const sandbox = await startNetSuite({ features });
  const client = new NsTestClient(sandbox.url);
  try {
    await fn(client, sandbox);
  } finally {
    await sandbox.close();
  }
}

/** Every feature but `off`. */
const allBut = (off: FeatureId): FeatureId[] => FEATURE_IDS.filter((f) => f !== off && !(off === 'MULTICURRENCY' && f === 'MULTICURRENCYCUSTOMER'));

async function customer(c: NsTestClient, withSubsidiary = true): Promise<string> {
  return c.create('customer', { companyName: `C ${Math.random()}`, ...(withSubsidiary ? { subsidiary: { id: '1' } } : {}) });
}

async function item(c: NsTestClient): Promise<string> {
  return c.create('serviceSaleItem', { itemId: `I ${Math.random()}`, incomeAccount: { id: '6' } });
}

describe('NetSuite sandbox: feature sets (issue 11)', () => {
  describe('each feature gates its fields: refused when off (as an unknown name), accepted when on', () => {
    it('SUBSIDIARIES: customer.subsidiary (customer.md, customer: subsidiary → subsidiary); the subsidiary record is not served when off', async () => {
      await withSandbox('all', async (c) => {
        expect((await c.record('POST', 'customer', { companyName: 'On', subsidiary: { id: '1' } }, STRICT)).status).to.equal(204);
        expect((await c.record('GET', 'subsidiary/1')).status).to.equal(200);
      });
      await withSandbox(allBut('SUBSIDIARIES'), async (c) => {
        expectRefused(await c.record('POST', 'customer', { companyName: 'Off', subsidiary: { id: '1' } }, STRICT), 'subsidiary', unknownName('subsidiary'));
        // Nothing needs a subsidiary: one implicit company.
        const id = await c.create('customer', { companyName: 'Off' });
        expect(await c.get('customer', id)).to.not.have.property('subsidiary');
        const inv = await c.create('invoice', { entity: { id }, item: { items: [{ item: { id: await item(c) }, amount: 5 }] } });
        expect((await c.get('invoice', inv)).total).to.equal(5);
        const sub = await c.record('GET', 'subsidiary/1');
        expect(sub.status).to.equal(404);
        expect(sub.json['o:errorDetails'][0]['o:errorCode']).to.equal('NONEXISTENT_ID');
        // serviceSaleItem.md: includeChildren is gated with subsidiaries too.
        expectRefused(await c.record('POST', 'serviceSaleItem', { itemId: 'x', incomeAccount: { id: '6' }, includeChildren: true }, STRICT), 'includeChildren');
      });
    });

    it('MULTICURRENCY: invoice.currency and exchangeRate (invoice.md, invoice); off → one base currency', async () => {
      await withSandbox('all', async (c) => {
        const cust = await customer(c);
        const r = await c.record('POST', 'invoice', { entity: { id: cust }, currency: { id: '1' }, exchangeRate: 1, item: { items: [{ item: { id: await item(c) }, amount: 1 }] } }, STRICT);
        expect(r.status, JSON.stringify(r.json)).to.equal(204);
        expect((await c.record('GET', 'currency/4')).status).to.equal(200);
      });
      await withSandbox(allBut('MULTICURRENCY'), async (c) => {
        const cust = await customer(c);
        const it = await item(c);
        expectRefused(await c.record('POST', 'invoice', { entity: { id: cust }, currency: { id: '1' }, item: { items: [{ item: { id: it }, amount: 1 }] } }, STRICT), 'currency', unknownName('currency'));
        expectRefused(await c.record('POST', 'invoice', { entity: { id: cust }, exchangeRate: 1, item: { items: [{ item: { id: it }, amount: 1 }] } }, STRICT), 'exchangeRate');
        const inv = await c.create('invoice', { entity: { id: cust }, item: { items: [{ item: { id: it }, amount: 1 }] } });
        expect(await c.get('invoice', inv)).to.not.have.property('currency');
        // Only the base currency record exists.
        expect((await c.record('GET', 'currency/1')).status).to.equal(200);
        expect((await c.record('GET', 'currency/4')).status).to.equal(404);
        expect((await c.suiteql('SELECT id FROM currency')).json.items.map((r: { id: string }) => r.id)).to.deep.equal(['1']);
        // The GL is in the base currency.
        const tb = await c.sandbox('trial-balance');
        expect(Object.keys(tb.byCurrency)).to.deep.equal(['USD']);
      });
    });

    it('MULTICURRENCYCUSTOMER: customer.currencyList (customer.md, customer-currencyListElement)', async () => {
      const body = { companyName: 'Multi', subsidiary: { id: '1' }, currencyList: { items: [{ currency: { id: '4' } }] } };
      await withSandbox('all', async (c) => {
        expect((await c.record('POST', 'customer', body, STRICT)).status).to.equal(204);
      });
      await withSandbox(allBut('MULTICURRENCYCUSTOMER'), async (c) => {
        expectRefused(await c.record('POST', 'customer', body, STRICT), 'currencyList', unknownName('currencyList'));
        // The customer's own currency is still there (MULTICURRENCY is on).
        expect((await c.record('POST', 'customer', { companyName: 'Eur', subsidiary: { id: '1' }, currency: { id: '4' } }, STRICT)).status).to.equal(204);
      });
    });

    it('PAYMENTINSTRUMENTS: paymentOption on (customerPayment.md, customerRefund.md); off → paymentMethod instead', async () => {
      await withSandbox('all', async (c) => {
        const cust = await customer(c);
        expect((await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 5, paymentOption: { id: '1' } }, STRICT)).status).to.equal(204);
        expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 5, paymentMethod: { id: '1' } }, STRICT), 'paymentMethod', unknownName('paymentMethod'));
        const pay = await c.create('customerPayment', { customer: { id: cust }, payment: 5 });
        expectRefused(await c.record('POST', 'customerRefund', { customer: { id: cust }, paymentMethod: { id: '1' }, apply: { items: [{ doc: { id: pay }, amount: 1 }] } }, STRICT), 'paymentMethod');
        expect((await c.record('POST', 'customerRefund', { customer: { id: cust }, paymentOption: { id: '1' }, apply: { items: [{ doc: { id: pay }, amount: 1 }] } }, STRICT)).status).to.equal(204);
      });
      await withSandbox(allBut('PAYMENTINSTRUMENTS'), async (c) => {
        const cust = await customer(c);
        const id = await c.create('customerPayment', { customer: { id: cust }, payment: 5, paymentMethod: { id: '1' } });
        expect((await c.get('customerPayment', id)).paymentMethod).to.include({ id: '1', refName: 'Stripe' });
        expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 5, paymentOption: { id: '1' } }, STRICT), 'paymentOption', unknownName('paymentOption'));
        // A bare id is refused for paymentMethod too: it is a reference.
        expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 5, paymentMethod: '1' }, STRICT), 'paymentMethod');
      });
    });

    it('ACCOUNTINGPERIODS: postingPeriod (invoice.md, invoice: postingPeriod → accountingPeriod); off → no periods', async () => {
      await withSandbox('all', async (c) => {
        const cust = await customer(c);
        const r = await c.record('POST', 'invoice', { entity: { id: cust }, tranDate: '2026-03-10', postingPeriod: { id: '75' }, item: { items: [{ item: { id: await item(c) }, amount: 1 }] } }, STRICT);
        expect(r.status, JSON.stringify(r.json)).to.equal(204);
        expect((await c.get('accountingPeriod', '75')).periodName).to.equal('Mar 2026');
      });
      await withSandbox(allBut('ACCOUNTINGPERIODS'), async (c) => {
        const cust = await customer(c);
        expectRefused(
          await c.record('POST', 'invoice', { entity: { id: cust }, postingPeriod: { id: '75' }, item: { items: [{ item: { id: await item(c) }, amount: 1 }] } }, STRICT),
          'postingPeriod',
          unknownName('postingPeriod'),
        );
        expect((await c.record('GET', 'accountingPeriod/75')).status).to.equal(404);
        expect((await c.suiteql('SELECT id FROM accountingperiod')).status).to.equal(400);
        // Any date posts.
        expect((await c.record('POST', 'invoice', { entity: { id: cust }, tranDate: '1999-01-01', item: { items: [{ item: { id: await item(c) }, amount: 1 }] } })).status).to.equal(204);
      });
    });

    it('REVENUERECOGNITION: item line revRecStartDate (invoice.md, invoice-itemElement) and item deferredRevenueAccount (serviceSaleItem.md)', async () => {
      const line = (it: string): unknown => ({ items: [{ item: { id: it }, amount: 1, revRecStartDate: '2026-01-01', revRecEndDate: '2026-12-31' }] });
      await withSandbox('all', async (c) => {
        const cust = await customer(c);
        expect((await c.record('POST', 'invoice', { entity: { id: cust }, item: line(await item(c)) }, STRICT)).status).to.equal(204);
        expect((await c.record('POST', 'serviceSaleItem', { itemId: 'rr', incomeAccount: { id: '6' }, deferredRevenueAccount: { id: '13' } }, STRICT)).status).to.equal(204);
      });
      await withSandbox(allBut('REVENUERECOGNITION'), async (c) => {
        const cust = await customer(c);
        expectRefused(await c.record('POST', 'invoice', { entity: { id: cust }, item: line(await item(c)) }, STRICT), 'item.items[0].revRecStartDate', unknownName('revRecStartDate'));
        expectRefused(await c.record('POST', 'serviceSaleItem', { itemId: 'rr', incomeAccount: { id: '6' }, deferredRevenueAccount: { id: '13' } }, STRICT), 'deferredRevenueAccount');
      });
    });

    it("'none': the seed and the business rules still work end to end", async () => {
      await withSandbox('none', async (c) => {
        const cust = await c.create('customer', { companyName: 'Plain' });
        const it = await item(c);
        const inv = await c.create('invoice', { entity: { id: cust }, item: { items: [{ item: { id: it }, amount: 20 }] } });
        const pay = await c.create('customerPayment', { customer: { id: cust }, payment: 20, paymentMethod: { id: '1' }, apply: { items: [{ doc: { id: inv }, amount: 20 }] } });
        const dep = await c.create('deposit', { account: { id: '1' }, payment: { items: [{ id: Number(pay), deposit: true }] } });
        expect((await c.get('deposit', dep)).total).to.equal(20);
        expect((await c.get('invoice', inv)).amountRemaining).to.equal(0);
        expect((await c.sandbox('trial-balance')).balanced).to.equal(true);
      });
    });
  });

  describe('strict value shapes (as the tables type them)', () => {
    let sb: NetSuiteSandbox;
    let c: NsTestClient;
    let cust: string;
    before(async () => {
      sb = await startNetSuite();
      c = new NsTestClient(sb.url);
      cust = await customer(c);
    });
    after(() => sb.close());

    it('a reference takes {id} or {externalId}, not a bare string or number (customerPayment.md: customer → customer)', async () => {
      expectRefused(await c.record('POST', 'customerPayment', { customer: cust, payment: 1 }), 'customer', /Invalid Field Value/);
      expectRefused(await c.record('POST', 'customerPayment', { customer: Number(cust), payment: 1 }), 'customer', /Invalid Field Value/);
    });

    it('an enum object takes {id} or {refName} with a listed value, not a plain string (customer.md, customer-addressBook-addressBookAddress: country)', async () => {
      const book = (country: unknown): unknown => ({ companyName: `A ${Math.random()}`, subsidiary: { id: '1' }, addressBook: { items: [{ addressBookAddress: { city: 'Paris', country } }] } });
      expectRefused(await c.record('POST', 'customer', book('FR')), 'addressBook.items[0].addressBookAddress.country');
      expectRefused(await c.record('POST', 'customer', book({ id: 'XX' })), 'addressBook.items[0].addressBookAddress.country', /Invalid Field Value XX/);
      const id = await c.create('customer', book({ id: 'FR' }));
      const rec = await c.get('customer', id, '?expandSubResources=true');
      expect(rec.addressBook.items[0].addressBookAddress.country).to.deep.equal({ id: 'FR', refName: 'FR' });
      // customer.md, customer: emailPreference ids PDF, HTML, DEFAULT.
      expectRefused(await c.record('POST', 'customer', { companyName: 'E', subsidiary: { id: '1' }, emailPreference: 'PDF' }), 'emailPreference');
      expectRefused(await c.record('POST', 'customer', { companyName: 'E', subsidiary: { id: '1' }, emailPreference: { id: 'TEXT' } }), 'emailPreference');
      expect((await c.record('POST', 'customer', { companyName: 'E', subsidiary: { id: '1' }, emailPreference: { id: 'PDF' } })).status).to.equal(204);
    });

    it('undepFunds is {id: T|F}, not a boolean (customerPayment.md, customerPayment: undepFunds)', async () => {
      expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 1, undepFunds: true }), 'undepFunds');
      const id = await c.create('customerPayment', { customer: { id: cust }, payment: 1, undepFunds: { id: 'T' } });
      expect((await c.get('customerPayment', id)).undepFunds).to.deep.equal({ id: 'T', refName: 'Yes' });
    });

    it('an int64 deposit payment line id must be a JSON integer (deposit.md, deposit-paymentElement: id)', async () => {
      const pay = await c.create('customerPayment', { customer: { id: cust }, payment: 3 });
      expectRefused(await c.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: pay, deposit: true }] } }), 'payment.items[0].id');
      expectRefused(await c.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: { id: pay }, deposit: true }] } }), 'payment.items[0].id');
      expect((await c.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: Number(pay), deposit: true }] } })).status).to.equal(204);
    });

    it('booleans, numbers and dates refuse strings (customer.md: isPerson boolean; invoice.md: tranDate date; customerPayment.md: payment number)', async () => {
      expectRefused(await c.record('POST', 'customer', { companyName: 'B', subsidiary: { id: '1' }, isPerson: 'F' }), 'isPerson');
      expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: '1.00' }), 'payment');
      expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 1, tranDate: '03/01/2026' }), 'tranDate');
    });

    it('a reference to a record type the sandbox does not serve never resolves (invoice.md, invoice: location → location)', async () => {
      const it = await item(c);
      expectRefused(await c.record('POST', 'invoice', { entity: { id: cust }, location: { id: '1' }, item: { items: [{ item: { id: it }, amount: 1 }] } }), 'location');
    });
  });

  describe('metadata catalog', () => {
    const SCHEMA = { Accept: 'application/schema+json' };

    it("'all': customerPayment has paymentOption, subsidiary, currency and no paymentMethod; shapes as JSON Schema", async () => {
      await withSandbox('all', async (c) => {
        const r = await c.record('GET', 'metadata-catalog/customerpayment', undefined, SCHEMA);
        expect(r.status).to.equal(200);
        expect(r.headers.get('content-type')).to.match(/application\/schema\+json/);
        const p = r.json.properties;
        expect(r.json.type).to.equal('object');
        expect(p).to.include.keys('paymentOption', 'subsidiary', 'currency', 'postingPeriod', 'undepFunds');
        expect(p).to.not.have.property('paymentMethod');
        expect(p.customer).to.deep.include({ type: 'object', 'x-ns-record': 'customer' });
        expect(p.customer.properties.refName).to.deep.equal({ type: 'string', readOnly: true });
        expect(p.tranDate).to.deep.equal({ type: 'string', format: 'date', title: 'Date' });
        expect(p.payment).to.include({ type: 'number', format: 'double', title: 'Payment Amount' });
        expect(p.undepFunds).to.deep.equal({ type: 'object', properties: { id: { type: 'string', enum: ['T', 'F'] }, refName: { type: 'string' } } });
        expect(p.status.properties.id.enum).to.deep.equal(['A', 'R', 'B', 'C']);
        expect(p.apply).to.deep.equal({ $ref: '#/definitions/customerPayment-applyCollection' });
        const coll = r.json.definitions['customerPayment-applyCollection'];
        expect(coll.properties.items).to.deep.equal({ type: 'array', items: { $ref: '#/definitions/customerPayment-applyElement' } });
        expect(r.json.definitions['customerPayment-applyElement'].properties).to.include.keys('doc', 'amount', 'apply');

        const dep = (await c.record('GET', 'metadata-catalog/deposit', undefined, SCHEMA)).json;
        const line = dep.definitions['deposit-paymentElement'].properties;
        expect(line.id).to.include({ type: 'integer', format: 'int64' });
        expect(line.paymentAmount).to.include({ type: 'number' });
        expect(line.paymentAmount).to.not.have.property('readOnly');

        const cust = (await c.record('GET', 'metadata-catalog/customer', undefined, SCHEMA)).json;
        expect(cust.properties.addressBook).to.deep.equal({ $ref: '#/definitions/customer-addressBookCollection' });
        expect(cust.definitions['customer-addressBookElement'].properties.addressBookAddress).to.deep.equal({ $ref: '#/definitions/customer-addressBook-addressBookAddress' });
        expect(cust.definitions['customer-addressBook-addressBookAddress'].properties.country.properties.id.enum).to.include('FR');

        const list = await c.record('GET', 'metadata-catalog/');
        expect(list.status).to.equal(200);
        const names = list.json.items.map((i: { name: string }) => i.name);
        expect(names).to.include.members(['customer', 'invoice', 'subsidiary', 'accountingPeriod', 'paymentMethod']);
        expect(list.json.items[0].links[0].href).to.match(/\/services\/rest\/record\/v1\/metadata-catalog\//);
      });
    });

    it("'none': customerPayment has paymentMethod and no paymentOption, subsidiary, currency or postingPeriod; subsidiary is not served", async () => {
      await withSandbox('none', async (c) => {
        const r = await c.record('GET', 'metadata-catalog/customerPayment', undefined, SCHEMA);
        expect(r.status).to.equal(200);
        const p = r.json.properties;
        expect(p.paymentMethod).to.deep.include({ type: 'object', 'x-ns-record': 'paymentMethod' });
        for (const gone of ['paymentOption', 'subsidiary', 'currency', 'exchangeRate', 'postingPeriod']) expect(p, gone).to.not.have.property(gone);
        const cust = (await c.record('GET', 'metadata-catalog/customer', undefined, SCHEMA)).json;
        expect(cust.properties).to.not.have.property('currencyList');
        const inv = (await c.record('GET', 'metadata-catalog/invoice', undefined, SCHEMA)).json;
        expect(inv.definitions['invoice-itemElement'].properties).to.not.have.any.keys('revRecStartDate', 'revRecEndDate', 'revRecSchedule');
        const sub = await c.record('GET', 'metadata-catalog/subsidiary', undefined, SCHEMA);
        expect(sub.status).to.equal(404);
        expect(sub.json['o:errorDetails'][0]['o:errorCode']).to.equal('NONEXISTENT_ID');
        const names = (await c.record('GET', 'metadata-catalog/')).json.items.map((i: { name: string }) => i.name);
        expect(names).to.not.include.members(['subsidiary']);
        expect(names).to.not.include('accountingPeriod');
        expect((await c.record('GET', 'metadata-catalog/customer')).status).to.equal(400);
      });
    });
  });

  describe('deposits: a payment line paymentAmount is honoured (deposit.md, deposit-paymentElement: paymentAmount is writable)', () => {
    it('total = Σ paymentAmount + Σ other − Σ cashback, and the GL stays balanced', async () => {
      await withSandbox('all', async (c) => {
        const cust = await c.create('customer', { companyName: 'Two currencies', subsidiary: { id: '1' }, currencyList: { items: [{ currency: { id: '4' } }] } });
        const eur = await c.create('customerPayment', { customer: { id: cust }, currency: { id: '4' }, payment: 10, exchangeRate: 1.1 });
        const usd = await c.create('customerPayment', { customer: { id: cust }, payment: 5 });
        const dep = await c.create('deposit', {
          account: { id: '1' },
          payment: { items: [{ id: Number(eur), deposit: true, paymentAmount: 10.87 }, { id: Number(usd), deposit: true }] },
          cashback: { items: [{ account: { id: '7' }, amount: 0.5 }] },
        });
        const d = await c.get('deposit', dep, '?expandSubResources=true');
        // A foreign line posts NetSuite's own conversion (10.00 EUR × 1.1 = 11.00), not the paymentAmount sent (issue 13).
        expect(d.payment.items.map((l: { paymentAmount: number }) => l.paymentAmount)).to.deep.equal([11, 5]);
        expect(d.total).to.equal(15.5); // 11.00 + 5 − 0.50
        const gl = await c.sandbox(`gl/${dep}`);
        const bank = gl.find((l: { account: string }) => l.account === '1');
        expect(bank.debit).to.equal(1550);
        expect((await c.sandbox('trial-balance')).balanced).to.equal(true);
      });
    });
  });

  describe('accounting periods', () => {
    it('monthly periods 2020-01…2030-12 served by the record API and SuiteQL (closed as T/F, TO_CHAR for ISO dates)', async () => {
      await withSandbox('all', async (c) => {
        const p = await c.get('accountingPeriod', '1');
        expect(p).to.include({ periodName: 'Jan 2020', startDate: '2020-01-01', endDate: '2020-01-31', closed: false, isQuarter: false, isYear: false });
        expect((await c.record('GET', 'accountingPeriod?limit=1')).json.totalResults).to.equal(132);
        const r = await c.suiteql("SELECT id, periodname, startdate, enddate, closed FROM accountingperiod WHERE periodname = 'Feb 2028'");
        expect(r.json.items).to.deep.equal([{ links: [], id: '98', periodname: 'Feb 2028', startdate: '2/1/2028', enddate: '2/29/2028', closed: 'F' }]);
        const iso = await c.suiteql("SELECT id, TO_CHAR(startdate, 'YYYY-MM-DD') AS startdate, TO_CHAR(enddate, 'YYYY-MM-DD') enddate FROM accountingperiod WHERE startdate >= ? AND startdate <= ? ORDER BY startdate", ['2026-03-01', '2026-04-01']);
        expect(iso.json.items.map((i: Record<string, string>) => [i.startdate, i.enddate])).to.deep.equal([
          ['2026-03-01', '2026-03-31'],
          ['2026-04-01', '2026-04-30'],
        ]);
      });
    });

    it('closing a period refuses postings dated in it (create and PATCH) and accepts the next month; reopen allows them again', async () => {
      await withSandbox('all', async (c) => {
        const cust = await customer(c);
        const it = await item(c);
        const early = await c.create('invoice', { entity: { id: cust }, tranDate: '2026-03-05', item: { items: [{ item: { id: it }, amount: 1 }] } });
        const closed = await fetch(`${c.baseUrl}/_sandbox/accounting-periods/close`, { method: 'POST', body: JSON.stringify({ period: '2026-03' }) });
        expect(closed.status).to.equal(200);
        expect(await closed.json()).to.include({ periodName: 'Mar 2026', closed: true });
        const inv = { entity: { id: cust }, tranDate: '2026-03-31', item: { items: [{ item: { id: it }, amount: 1 }] } };
        const refused = await c.record('POST', 'invoice', inv);
        expectRefused(refused, 'tranDate', /The accounting period you selected is closed \(Mar 2026\)/);
        expect(refused.json['o:errorDetails'][0]['o:errorCode']).to.equal('USER_ERROR');
        expectRefused(await c.record('PATCH', `invoice/${early}`, { memo: 'late edit' }), 'tranDate', /closed/);
        expectRefused(await c.record('POST', 'journalEntry', { tranDate: '2026-03-15', line: { items: [{ account: { id: '7' }, debit: 1 }, { account: { id: '4' }, credit: 1 }] } }), 'tranDate', /closed/);
        expectRefused(await c.record('POST', 'customerPayment', { customer: { id: cust }, payment: 1, tranDate: '2026-03-02' }), 'tranDate', /closed/);
        expect((await c.record('POST', 'invoice', { ...inv, tranDate: '2026-04-01' })).status).to.equal(204);
        expect((await c.suiteql("SELECT closed FROM accountingperiod WHERE periodname = 'Mar 2026'")).json.items[0].closed).to.equal('T');
        await fetch(`${c.baseUrl}/_sandbox/accounting-periods/reopen`, { method: 'POST', body: JSON.stringify({ period: '2026-03' }) });
        expect((await c.record('POST', 'invoice', inv)).status).to.equal(204);
      });
    });
  });
});
