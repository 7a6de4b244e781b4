// SuiteQL: Prefer: transient, paging rules, string values, lowercase keys, params, IN, transaction types.
import { expect } from 'chai';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { basicSetup, NsTestClient } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

describe('NetSuite sandbox: SuiteQL', () => {
  let sb: NetSuiteSandbox;
  let client: NsTestClient;
  let s: Awaited<ReturnType<typeof basicSetup>>;
  let inv: string;
  let pay: string;
  before(async () => {
    sb = await startNetSuite();
    client = new NsTestClient(sb.url);
    s = await basicSetup(client);
    for (let i = 0; i < 24; i++) {
      await client.create('customer', { companyName: `Paged ${String(i).padStart(2, '0')}`, subsidiary: { id: '1' }, externalId: `cus_p${i}`, email: `p${i}@example.com` });
    }
    inv = await client.create('invoice', { entity: { id: s.customer }, externalId: 'in_q1', tranDate: '2025-01-09', item: { items: [{ item: { id: s.item }, amount: 12.5 }] } });
    pay = await client.create('customerPayment', { customer: { id: s.customer }, externalId: 'ch_q1', tranDate: '2025-01-15', payment: 2.5, apply: { items: [{ doc: { id: inv }, amount: 2.5 }] } });
  });
  after(() => sb.close());

  it('pages with limit/offset: count, offset, totalResults, hasMore, links', async () => {
    const r = await client.suiteql('SELECT id, companyname FROM customer ORDER BY id', [], 10, 10);
    expect(r.status).to.equal(200);
    expect(r.json).to.include({ count: 10, offset: 10, totalResults: 25, hasMore: true });
    expect(r.json.links.map((l: { rel: string }) => l.rel)).to.include.members(['next', 'prev', 'first', 'last', 'self']);
    const last = await client.suiteql('SELECT id FROM customer', [], 10, 20);
    expect(last.json).to.include({ count: 5, hasMore: false });
  });

  it('every value is a string, keys are lowercase, each item has links: []', async () => {
    const r = await client.suiteql('SELECT ID, EntityId, IsPerson FROM customer c WHERE c.externalid = ?', ['cus_p3']);
    expect(r.json.items).to.deep.equal([{ links: [], id: r.json.items[0].id, entityid: 'Paged 03', isperson: 'F' }]);
    expect(r.json.items[0].id).to.be.a('string');
  });

  it('transactions of every kind share one table with a type column and string amounts', async () => {
    const r = await client.suiteql(
      "SELECT id, type, status, foreigntotal, foreignamountremaining, trandate, entity, currency FROM transaction WHERE externalid IN ('in_q1', 'ch_q1') ORDER BY id",
    );
    expect(r.json.items).to.deep.equal([
      { links: [], id: inv, type: 'CustInvc', status: 'A', foreigntotal: '12.5', foreignamountremaining: '10', trandate: '1/9/2025', entity: s.customer, currency: '1' },
      { links: [], id: pay, type: 'CustPymt', status: 'B', foreigntotal: '2.5', foreignamountremaining: '0', trandate: '1/15/2025', entity: s.customer, currency: '1' },
    ]);
    const byType = await client.suiteql('SELECT id FROM transaction WHERE type = ? AND entity = ?', ['CustPymt', s.customer]);
    expect(byType.json.items.map((i: { id: string }) => i.id)).to.deep.equal([pay]);
  });

  it('items, accounts, currencies and subsidiaries are queryable', async () => {
    expect((await client.suiteql("SELECT id, itemtype FROM item WHERE itemid = 'Stripe Item'")).json.items).to.deep.equal([{ links: [], id: s.item, itemtype: 'Service' }]);
    expect((await client.suiteql('SELECT id FROM account WHERE sspecacct = ?', ['UndepFunds'])).json.items[0].id).to.equal('4');
    expect((await client.suiteql('SELECT id, currencyprecision FROM currency WHERE symbol = ?', ['JPY'])).json.items).to.deep.equal([{ links: [], id: '5', currencyprecision: '0' }]);
    expect((await client.suiteql('SELECT * FROM subsidiary')).json.items[0]).to.include({ id: '1', name: 'Stripe Sandbox Inc.', currency: '1' });
    expect((await client.suiteql("SELECT id FROM customer WHERE LOWER(email) = 'p7@example.com'")).json.items).to.have.length(1);
    expect((await client.suiteql('SELECT COUNT(*) AS n FROM customer')).json.items).to.deep.equal([{ links: [], n: '25' }]);
  });

  it('enforces Prefer: transient, limit ≤ 1000 and offset divisible by limit', async () => {
    const noPrefer = await client.request('POST', '/services/rest/query/v1/suiteql?limit=10&offset=0', { q: 'SELECT id FROM customer' });
    expect(noPrefer.status).to.equal(400);
    expect((await client.suiteql('SELECT id FROM customer', [], 1001, 0)).status).to.equal(400);
    const odd = await client.suiteql('SELECT id FROM customer', [], 10, 5);
    expect(odd.status).to.equal(400);
    expect(odd.json['o:errorDetails'][0]).to.include({ 'o:errorCode': 'INVALID_PARAMETER', 'o:errorQueryParam': 'offset' });
  });

  it('unknown columns and tables are search errors', async () => {
    const col = await client.suiteql('SELECT foo FROM customer');
    expect(col.status).to.equal(400);
    expect(col.json['o:errorDetails'][0].detail).to.match(/Field 'foo'/);
    expect((await client.suiteql('SELECT id FROM salesorder')).status).to.equal(400);
  });
});
