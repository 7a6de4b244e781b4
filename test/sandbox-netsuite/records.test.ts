// Record API semantics for every record type: create/get/eid/upsert/patch/delete/list, output shapes, sublists.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { basicSetup, NsTestClient } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

interface Ctx {
  customer: string;
  item: string;
  creditMemo: string;
}

interface TypeCase {
  type: string;
  body: (c: Ctx, n: number) => Record<string, unknown>;
  patch: Record<string, unknown>;
}

const CASES: TypeCase[] = [
  { type: 'subsidiary', body: (_c, n) => ({ name: `Sub ${n}` }), patch: { legalName: 'Patched Ltd' } },
  { type: 'currency', body: (_c, n) => ({ name: `Cur ${n}`, symbol: `X${n}`, currencyPrecision: 2 }), patch: { displaySymbol: 'X$' } },
  { type: 'account', body: (_c, n) => ({ acctName: `Acct ${n}`, acctType: { id: 'Expense' } }), patch: { description: 'patched' } },
  { type: 'paymentMethod', body: (_c, n) => ({ name: `Method ${n}` }), patch: { name: 'Patched Method' } },
  { type: 'serviceSaleItem', body: (_c, n) => ({ itemId: `Svc ${n}`, incomeAccount: { id: '6' } }), patch: { description: 'patched' } },
  { type: 'nonInventorySaleItem', body: (_c, n) => ({ itemId: `NonInv ${n}`, incomeAccount: { id: '10' } }), patch: { description: 'patched' } },
  { type: 'otherChargeSaleItem', body: (_c, n) => ({ itemId: `Other ${n}`, incomeAccount: { id: '6' } }), patch: { description: 'patched' } },
  { type: 'discountItem', body: (_c, n) => ({ itemId: `Disc ${n}`, account: { id: '12' }, rate: -5 }), patch: { description: 'patched' } },
  { type: 'customer', body: (_c, n) => ({ companyName: `Company ${n}`, subsidiary: { id: '1' } }), patch: { comments: 'patched' } },
  { type: 'invoice', body: (c) => ({ entity: { id: c.customer }, item: { items: [{ item: { id: c.item }, quantity: 2, rate: 10 }] } }), patch: { memo: 'patched' } },
  { type: 'creditMemo', body: (c) => ({ entity: { id: c.customer }, item: { items: [{ item: { id: c.item }, amount: 3 }] } }), patch: { memo: 'patched' } },
  { type: 'customerPayment', body: (c) => ({ customer: { id: c.customer }, payment: 5 }), patch: { memo: 'patched' } },
  { type: 'customerRefund', body: (c) => ({ customer: { id: c.customer }, apply: { items: [{ doc: { id: c.creditMemo }, amount: 1 }] } }), patch: { memo: 'patched' } },
  { type: 'deposit', body: () => ({ account: { id: '1' }, other: { items: [{ account: { id: '11' }, amount: 3 }] } }), patch: { memo: 'patched' } },
  { type: 'journalEntry', body: () => ({ line: { items: [{ account: { id: '7' }, debit: 2 }, { account: { id: '1' }, credit: 2 }] } }), patch: { memo: 'patched' } },
];

describe('NetSuite sandbox: records', () => {
  let sb: NetSuiteSandbox;
  let client: NsTestClient;
  let ctx: Ctx;
  before(async () => {
    sb = await startNetSuite();
    client = new NsTestClient(sb.url);
    const setup = await basicSetup(client);
    const creditMemo = await client.create('creditMemo', { entity: { id: setup.customer }, item: { items: [{ item: { id: setup.item }, amount: 100 }] } });
    ctx = { customer: setup.customer, item: setup.item, creditMemo };
  });
  after(() => sb.close());

  let n = 0;
  for (const c of CASES) {
    it(`${c.type}: create, get by id and eid, list, upsert (create then update), patch, delete`, async () => {
      n++;
      const eidA = `${c.type}_a_${n}`;
      const createRes = await client.record('POST', c.type, { ...c.body(ctx, n), externalId: eidA });
      expect(createRes.status, JSON.stringify(createRes.json)).to.equal(204);
      const location = createRes.headers.get('location')!;
      expect(location).to.match(new RegExp(`^${sb.url}/services/rest/record/v1/${c.type}/\\d+$`));
      const idA = location.split('/').pop()!;

      const byId = await client.get(c.type, idA);
      expect(byId.id).to.equal(idA);
      expect(byId.externalId).to.equal(eidA);
      expect(byId.links[0]).to.deep.equal({ rel: 'self', href: `${sb.url}/services/rest/record/v1/${c.type.toLowerCase()}/${idA}` });
      expect((await client.get(c.type, `eid:${eidA}`)).id).to.equal(idA);

      const list = await client.record('GET', `${c.type}?limit=1000`);
      expect(list.status).to.equal(200);
      expect(list.json.items.map((i: { id: string }) => i.id)).to.include(idA);
      expect(Object.keys(list.json.items[0]).sort()).to.deep.equal(['id', 'links']);

      const eidB = `${c.type}_b_${n}`;
      const up1 = await client.record('PUT', `${c.type}/eid:${eidB}`, c.body(ctx, n + 100));
      expect(up1.status, JSON.stringify(up1.json)).to.equal(204);
      const idB = (await client.get(c.type, `eid:${eidB}`)).id;
      expect(idB).to.not.equal(idA);
      const up2 = await client.record('PUT', `${c.type}/eid:${eidB}`, c.patch);
      expect(up2.status, JSON.stringify(up2.json)).to.equal(204);
      const afterUpsert = await client.get(c.type, `eid:${eidB}`);
      expect(afterUpsert.id).to.equal(idB);
      const [field, value] = Object.entries(c.patch)[0];
      expect(afterUpsert[field]).to.equal(value);

      const patch = await client.record('PATCH', `${c.type}/${idA}`, c.patch);
      expect(patch.status, JSON.stringify(patch.json)).to.equal(204);
      expect((await client.get(c.type, idA))[field]).to.equal(value);

      expect((await client.record('DELETE', `${c.type}/${idB}`)).status).to.equal(204);
      const gone = await client.record('GET', `${c.type}/${idB}`);
      expect(gone.status).to.equal(404);
      expect(gone.json['o:errorDetails'][0]).to.deep.equal({ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' });
      expect((await client.record('GET', `${c.type}/eid:${eidB}`)).status).to.equal(404);
    });
  }

  it('type segments and input names are case-insensitive; output is camelCase', async () => {
    const id = await client.create('CUSTOMER', { companyname: 'Mixed Case Co', SUBSIDIARY: { ID: '1' }, EMAIL: 'm@example.com', externalid: 'cus_mixed' });
    const rec = await client.get('Customer', id);
    expect(rec).to.include({ companyName: 'Mixed Case Co', email: 'm@example.com', externalId: 'cus_mixed', entityId: 'Mixed Case Co' });
    expect(rec.subsidiary).to.deep.equal({
      links: [{ rel: 'self', href: `${sb.url}/services/rest/record/v1/subsidiary/1` }],
      id: '1',
      refName: 'Stripe Sandbox Inc.',
    });
  });

  it('references accept {id} and {externalId}; a bare number or string is refused (invoice.md, invoice: entity is a $ref to customer)', async () => {
    const forms = [{ id: ctx.customer }, { externalId: 'cus_ACME' }];
    for (const entity of forms) {
      const id = await client.create('invoice', { entity, item: { items: [{ item: { externalId: 'stripe_item' }, amount: 1 }] } });
      expect((await client.get('invoice', id)).entity.id).to.equal(ctx.customer);
    }
    for (const entity of [Number(ctx.customer), ctx.customer]) {
      const r = await client.record('POST', 'invoice', { entity, item: { items: [{ item: { externalId: 'stripe_item' }, amount: 1 }] } });
      expect(r.status).to.equal(400);
      expect(r.json['o:errorDetails'][0]).to.include({ 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'entity' });
    }
  });

  it('sublists are link stubs unless expandSubResources=true; fields= projects body fields', async () => {
    const id = await client.create('invoice', {
      entity: { id: ctx.customer },
      tranDate: '2025-03-05',
      item: { items: [{ item: { id: ctx.item }, quantity: 3, rate: 2.5, description: 'three at 2.50' }] },
    });
    const plain = await client.get('invoice', id);
    expect(plain.item).to.deep.equal({ links: [{ rel: 'self', href: `${sb.url}/services/rest/record/v1/invoice/${id}/item` }] });
    expect(plain).to.include({ total: 7.5, amountRemaining: 7.5, amountPaid: 0, tranDate: '2025-03-05' });
    expect(plain.status).to.deep.equal({ id: 'A', refName: 'Open' });
    expect(plain.currency).to.include({ id: '1', refName: 'USD' });

    const expanded = await client.get('invoice', id, '?expandSubResources=true');
    expect(expanded.item.items).to.have.length(1);
    expect(expanded.item.items[0]).to.include({ line: 1, quantity: 3, rate: 2.5, amount: 7.5, description: 'three at 2.50' });
    expect(expanded.item.items[0].item).to.include({ id: ctx.item, refName: 'Stripe Item' });

    const sub = await client.record('GET', `invoice/${id}/item`);
    expect(sub.status).to.equal(200);
    expect(sub.json.totalResults).to.equal(1);

    const projected = await client.get('invoice', id, '?fields=total,memo');
    expect(Object.keys(projected).sort()).to.deep.equal(['id', 'links', 'total']);
  });

  it('PATCH: keyed item lines update by line, lines without `line` are added, replace=item replaces', async () => {
    const id = await client.create('invoice', {
      entity: { id: ctx.customer },
      item: { items: [{ item: { id: ctx.item }, quantity: 1, rate: 10 }, { item: { id: ctx.item }, quantity: 2, rate: 5 }] },
    });
    expect((await client.get('invoice', id)).total).to.equal(20);
    await client.record('PATCH', `invoice/${id}`, { item: { items: [{ line: 1, rate: 50 }] } });
    expect((await client.get('invoice', id)).total).to.equal(60);
    await client.record('PATCH', `invoice/${id}`, { item: { items: [{ item: { id: ctx.item }, amount: 1 }] } });
    const three = await client.get('invoice', id, '?expandSubResources=true');
    expect(three.total).to.equal(61);
    expect(three.item.items.map((l: { line: number }) => l.line)).to.deep.equal([1, 2, 3]);
    await client.record('PATCH', `invoice/${id}?replace=item`, { item: { items: [{ line: 2, quantity: 4 }] } });
    const replaced = await client.get('invoice', id, '?expandSubResources=true');
    expect(replaced.item.items).to.have.length(1);
    expect(replaced.item.items[0]).to.include({ line: 2, quantity: 4, amount: 20 });
    expect(replaced.total).to.equal(20);
  });

  it('PUT upsert of an existing transaction appends unkeyed lines unless ?replace=item', async () => {
    const body = { entity: { id: ctx.customer }, item: { items: [{ item: { id: ctx.item }, amount: 10 }] } };
    await client.record('PUT', 'invoice/eid:in_upsert1', body);
    await client.record('PUT', 'invoice/eid:in_upsert1', body);
    expect((await client.get('invoice', 'eid:in_upsert1')).total).to.equal(20);
    await client.record('PUT', 'invoice/eid:in_upsert1?replace=item', body);
    expect((await client.get('invoice', 'eid:in_upsert1')).total).to.equal(10);
  });

  it('amount = quantity × rate exactly, rounded to the currency precision (JPY 0, KWD 3)', async () => {
    const cust = await client.create('customer', {
      companyName: 'Multi Currency KK',
      subsidiary: { id: '1' },
      currency: { id: '5' },
      currencyList: { items: [{ currency: { id: '7' } }] },
    });
    const jpy = await client.create('invoice', { entity: { id: cust }, item: { items: [{ item: { id: ctx.item }, quantity: 3, rate: 333.5 }] } });
    expect((await client.get('invoice', jpy)).total).to.equal(1001); // 1000.5 rounds half away from zero
    const kwd = await client.create('invoice', {
      entity: { id: cust },
      currency: { id: '7' },
      item: { items: [{ item: { id: ctx.item }, quantity: 0.1, rate: 0.3 }, { item: { id: ctx.item }, amount: 1.2345 }] },
    });
    const k = await client.get('invoice', kwd);
    expect(k.total).to.equal(1.265); // 0.03 + 1.235
    expect(k.currency.refName).to.equal('KWD');
  });

  it('list pages with limit/offset and rejects an offset that is not a multiple of the limit', async () => {
    const total = (await client.record('GET', 'currency?limit=2')).json.totalResults;
    const page = await client.record('GET', 'currency?limit=2&offset=2');
    expect(page.json).to.include({ count: 2, offset: 2, totalResults: total, hasMore: total > 4 });
    expect(page.json.items.map((i: { id: string }) => i.id)).to.deep.equal(['3', '4']);
    const bad = await client.record('GET', 'currency?limit=2&offset=3');
    expect(bad.status).to.equal(400);
    expect(bad.json['o:errorDetails'][0]['o:errorCode']).to.equal('INVALID_PARAMETER');
  });

  it('the seed matches config/stripe-netsuite.json', async () => {
    const expectAccount = async (id: string, name: string, type: string) => {
      const a = await client.get('account', id);
      expect(a.acctName).to.equal(name);
      expect(a.acctType.id).to.equal(type);
      return a;
    };
    await expectAccount('1', 'Checking USD', 'Bank');
    expect((await expectAccount('2', 'Checking EUR', 'Bank')).currency.id).to.equal('4');
    expect((await expectAccount('4', 'Undeposited Funds', 'OthCurrAsset')).sSpecAcct.id).to.equal('UndepFunds');
    await expectAccount('5', 'Accounts Receivable', 'AcctRec');
    await expectAccount('13', 'Customer Credits', 'OthCurrLiab');
    expect((await client.get('currency', '5')).currencyPrecision).to.equal(0);
    expect((await client.get('paymentMethod', '1')).name).to.equal('Stripe');
  });
});

describe('NetSuite sandbox: state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ns-sandbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reopening the same SQLite file keeps records and continues ids', async () => {
    const stateFile = join(dir, 'netsuite.sqlite');
    const first = await startNetSuite({ stateFile });
    const id1 = await new NsTestClient(first.url).create('customer', { companyName: 'Persisted Inc', subsidiary: { id: '1' }, externalId: 'cus_persist' });
    await first.close();
    const second = await startNetSuite({ stateFile });
    const secondClient = new NsTestClient(second.url);
    try {
      expect((await secondClient.get('customer', 'eid:cus_persist')).id).to.equal(id1);
      const id2 = await secondClient.create('customer', { companyName: 'Second Inc', subsidiary: { id: '1' } });
      expect(Number(id2)).to.equal(Number(id1) + 1);
      expect((await secondClient.record('GET', 'currency?limit=1000')).json.totalResults).to.equal(7);
    } finally {
      await second.close();
    }
  });
});
