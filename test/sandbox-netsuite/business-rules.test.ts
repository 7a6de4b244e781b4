// Business rules answered with NetSuite's error bodies, and invoice/credit/deposit bookkeeping.
import { expect } from 'chai';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { basicSetup, NsTestClient, type NsResponse } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

function expectError(r: NsResponse, status: number, code: string, path?: string, detail?: RegExp | string): void {
  expect(r.status, JSON.stringify(r.json)).to.equal(status);
  const d = r.json['o:errorDetails'][0];
  expect(d['o:errorCode']).to.equal(code);
  expect(r.json.status).to.equal(status);
  expect(r.json.type).to.match(/^https:\/\/www\.w3\.org\/Protocols\/rfc2616\/rfc2616-sec10\.html/);
  if (path !== undefined) expect(d['o:errorPath']).to.equal(path);
  if (typeof detail === 'string') expect(d.detail).to.equal(detail);
  else if (detail) expect(d.detail).to.match(detail);
}

describe('NetSuite sandbox: business rules', () => {
  let sb: NetSuiteSandbox;
  let client: NsTestClient;
  let s: Awaited<ReturnType<typeof basicSetup>>;
  before(async () => {
    sb = await startNetSuite();
    client = new NsTestClient(sb.url);
    s = await basicSetup(client);
  });
  after(() => sb.close());

  const invoice = (amount: number, extra: Record<string, unknown> = {}) =>
    client.create('invoice', { entity: { id: s.customer }, item: { items: [{ item: { id: s.item }, amount }] }, ...extra });

  it('an unknown item reference → 400 INVALID_CONTENT with the documented detail and errorPath', async () => {
    const r = await client.record('POST', 'invoice', {
      entity: { id: s.customer },
      item: { items: [{ item: { id: s.item }, amount: 1 }, { item: { id: '9999' }, amount: 1 }] },
    });
    expectError(r, 400, 'INVALID_CONTENT', 'item.items[1].item', 'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item');
    expect(r.json.title).to.equal('Bad Request');
  });

  it('unknown references elsewhere: entity, currency, an account of the wrong kind, an unknown externalId', async () => {
    expectError(await client.record('POST', 'invoice', { entity: { id: '424242' }, item: { items: [] } }), 400, 'INVALID_CONTENT', 'entity');
    expectError(await client.record('POST', 'customer', { companyName: 'X', subsidiary: { id: '1' }, currency: { id: '99' } }), 400, 'INVALID_CONTENT', 'currency');
    expectError(await client.record('POST', 'customerPayment', { customer: { id: s.customer }, payment: 1, account: { id: '6' } }), 400, 'INVALID_CONTENT', 'account');
    expectError(
      await client.record('POST', 'invoice', { entity: { externalId: 'cus_nobody' }, item: { items: [{ item: { id: s.item }, amount: 1 }] } }),
      400,
      'INVALID_CONTENT',
      'entity',
      /Invalid Field Value cus_nobody for the following field: entity/,
    );
  });

  it("a transaction's currency must be the customer's or in its currencyList", async () => {
    expect(await invoice(10, { currency: { id: '4' } })).to.match(/^\d+$/); // EUR is in the list
    const gbp = await client.record('POST', 'invoice', { entity: { id: s.customer }, currency: { id: '2' }, item: { items: [{ item: { id: s.item }, amount: 1 }] } });
    expectError(gbp, 400, 'INVALID_CONTENT', 'currency', /Invalid Field Value 2 for the following field: currency/);
    const pay = await client.record('POST', 'customerPayment', { customer: { id: s.customer }, currency: { id: '3' }, payment: 1 });
    expectError(pay, 400, 'INVALID_CONTENT', 'currency');
  });

  it('an invoice total cannot be negative (a discount larger than the lines)', async () => {
    const r = await client.record('POST', 'invoice', {
      entity: { id: s.customer },
      item: { items: [{ item: { id: s.item }, amount: 5 }, { item: { id: s.discount }, amount: -6 }] },
    });
    expectError(r, 400, 'USER_ERROR', 'item', /cannot be negative/);
    const zero = await invoice(0);
    expect((await client.get('invoice', zero)).status).to.deep.equal({ id: 'B', refName: 'Paid In Full' });
  });

  it('a discount item takes a number rate; a percentage string is refused (discountItem.md, discountItem: rate is number/double)', async () => {
    const pct = await client.record('POST', 'discountItem', { itemId: '10 pct', account: { id: '12' }, rate: '-10%' });
    expectError(pct, 400, 'INVALID_CONTENT', 'rate', /Invalid Field Value -10%/);
    const fixed = await client.create('discountItem', { itemId: '10 off', account: { id: '12' }, rate: -10 });
    const id = await client.create('invoice', {
      entity: { id: s.customer },
      item: { items: [{ item: { id: s.item }, quantity: 3, rate: 33.33 }, { item: { id: fixed } }] },
    });
    const inv = await client.get('invoice', id);
    expect(inv).to.include({ subtotal: 99.99, discountTotal: -10, total: 89.99 });
  });

  it('payments cannot apply more than the invoice has remaining, nor more than the payment', async () => {
    const inv = await invoice(50);
    const over = await client.record('POST', 'customerPayment', { customer: { id: s.customer }, payment: 80, apply: { items: [{ doc: { id: inv }, apply: true, amount: 60 }] } });
    expectError(over, 400, 'USER_ERROR', 'apply.items[0].amount', /exceeds the amount remaining/);
    const inv2 = await invoice(50);
    const beyondPayment = await client.record('POST', 'customerPayment', {
      customer: { id: s.customer },
      payment: 70,
      apply: { items: [{ doc: { id: inv }, amount: 50 }, { doc: { id: inv2 }, amount: 30 }] },
    });
    expectError(beyondPayment, 400, 'USER_ERROR', 'apply', /exceeds the payment amount/);
    // Nothing was saved by the failed attempts.
    expect((await client.get('invoice', inv)).amountRemaining).to.equal(50);
  });

  it("a payment cannot apply to another customer's invoice", async () => {
    const other = await client.create('customer', { companyName: 'Other Co', subsidiary: { id: '1' } });
    const inv = await invoice(10);
    const r = await client.record('POST', 'customerPayment', { customer: { id: other }, payment: 10, apply: { items: [{ doc: { id: inv }, amount: 10 }] } });
    expectError(r, 400, 'INVALID_CONTENT', 'apply.items[0].doc');
  });

  it('invoice amountRemaining/amountPaid/status follow payments and credit memos (transforms included)', async () => {
    const inv = await invoice(100, { externalId: 'in_track' });
    const payRes = await client.record('POST', `invoice/${inv}/!transform/customerPayment`, { payment: 30, externalId: 'ch_track' });
    expect(payRes.status, JSON.stringify(payRes.json)).to.equal(204);
    expect(payRes.headers.get('location')).to.match(/\/services\/rest\/record\/v1\/customerPayment\/\d+$/);
    const pay = payRes.headers.get('location')!.split('/').pop()!;
    let i = await client.get('invoice', inv);
    expect(i).to.include({ total: 100, amountPaid: 30, amountRemaining: 70 });
    expect(i.status.id).to.equal('A');
    const p = await client.get('customerPayment', pay, '?expandSubResources=true');
    expect(p).to.include({ payment: 30, applied: 30, unapplied: 0 });
    expect(p.apply.items[0]).to.include({ apply: true, amount: 30, type: 'CustInvc' });
    expect(p.customer.id).to.equal(s.customer);

    const cmRes = await client.record('POST', `invoice/${inv}/!transform/creditMemo?replace=item`, {
      externalId: 'in_track-memo',
      item: { items: [{ item: { id: s.item }, amount: 20 }] },
    });
    expect(cmRes.status, JSON.stringify(cmRes.json)).to.equal(204);
    const cm = cmRes.headers.get('location')!.split('/').pop()!;
    expect(await client.get('creditMemo', cm)).to.include({ total: 20, applied: 20, unapplied: 0 });
    i = await client.get('invoice', inv);
    expect(i).to.include({ amountPaid: 50, amountRemaining: 50 });

    const over = await client.record('POST', 'creditMemo', {
      entity: { id: s.customer },
      item: { items: [{ item: { id: s.item }, amount: 60 }] },
      apply: { items: [{ doc: { id: inv }, amount: 60 }] },
    });
    expectError(over, 400, 'USER_ERROR', 'apply.items[0].amount');

    await client.create('customerPayment', { customer: { id: s.customer }, payment: 50, apply: { items: [{ doc: { id: inv }, apply: true }] } });
    i = await client.get('invoice', inv);
    expect(i).to.include({ amountPaid: 100, amountRemaining: 0 });
    expect(i.status).to.deep.equal({ id: 'B', refName: 'Paid In Full' });
    const again = await client.record('POST', `invoice/${inv}/!transform/customerPayment`, {});
    expectError(again, 400, 'USER_ERROR', undefined, /invalid reference/);
    // An invoice with payments applied cannot be deleted.
    expectError(await client.record('DELETE', `invoice/${inv}`), 400, 'USER_ERROR', undefined, /dependent records/);
  });

  it('refunds apply to credit memos or payments and reduce what they have unapplied', async () => {
    const cm = await client.create('creditMemo', { entity: { id: s.customer }, item: { items: [{ item: { id: s.item }, amount: 40 }] } });
    const pay = await client.create('customerPayment', { customer: { id: s.customer }, payment: 25 });
    const refund = await client.create('customerRefund', {
      customer: { id: s.customer },
      apply: { items: [{ doc: { id: cm }, amount: 15 }, { doc: { id: pay }, amount: 25 }] },
    });
    expect((await client.get('customerRefund', refund)).total).to.equal(40);
    expect(await client.get('creditMemo', cm)).to.include({ applied: 15, unapplied: 25 });
    expect(await client.get('customerPayment', pay)).to.include({ applied: 25, unapplied: 0 });
    const over = await client.record('POST', 'customerRefund', { customer: { id: s.customer }, apply: { items: [{ doc: { id: cm }, amount: 26 }] } });
    expectError(over, 400, 'USER_ERROR', 'apply.items[0].amount');
    const overPay = await client.record('POST', 'customerRefund', { customer: { id: s.customer }, apply: { items: [{ doc: { id: pay }, amount: 0.01 }] } });
    expectError(overPay, 400, 'USER_ERROR', 'apply.items[0].amount');
    const invoiceDoc = await invoice(5);
    const wrongDoc = await client.record('POST', 'customerRefund', { customer: { id: s.customer }, apply: { items: [{ doc: { id: invoiceDoc }, amount: 1 }] } });
    expectError(wrongDoc, 400, 'INVALID_CONTENT', 'apply.items[0].doc');
  });

  it('a payment or refund is deposited once, and only from Undeposited Funds', async () => {
    const p1 = await client.create('customerPayment', { customer: { id: s.customer }, payment: 100 });
    const p2 = await client.create('customerPayment', { customer: { id: s.customer }, payment: 10, account: { id: '4' } });
    const direct = await client.create('customerPayment', { customer: { id: s.customer }, payment: 10, account: { id: '1' } });
    // customerPayment.md, customerPayment: undepFunds is an {id, refName} object (T/F).
    expect((await client.get('customerPayment', direct)).undepFunds).to.deep.equal({ id: 'F', refName: 'No' });
    const cm = await client.create('creditMemo', { entity: { id: s.customer }, item: { items: [{ item: { id: s.item }, amount: 7 }] } });
    const refund = await client.create('customerRefund', { customer: { id: s.customer }, apply: { items: [{ doc: { id: cm }, amount: 7 }] } });

    const dep = await client.create('deposit', {
      account: { id: '1' },
      payment: { items: [{ id: Number(p1), deposit: true }, { id: Number(p2), deposit: true }, { id: Number(refund), deposit: true }] },
      cashback: { items: [{ account: { id: '7' }, amount: 3.2 }] },
      other: { items: [{ account: { id: '11' }, amount: 1.5 }] },
    });
    const d = await client.get('deposit', dep, '?expandSubResources=true');
    expect(d.total).to.equal(101.3); // 100 + 10 − 7 + 1.5 − 3.2
    expect(d.payment.items.map((l: { id: number; paymentAmount: number }) => [l.id, l.paymentAmount])).to.deep.equal([
      [Number(p1), 100],
      [Number(p2), 10],
      [Number(refund), -7],
    ]);
    expect((await client.get('customerPayment', p1)).status).to.deep.equal({ id: 'C', refName: 'Deposited' });

    const twice = await client.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: Number(p1), deposit: true }] } });
    expectError(twice, 400, 'INVALID_CONTENT', 'payment.items[0].id', /Invalid Field Value \d+ for the following field: id/);
    const notUndeposited = await client.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: Number(direct), deposit: true }] } });
    expectError(notUndeposited, 400, 'INVALID_CONTENT', 'payment.items[0].id');
    const eurPay = await client.create('customerPayment', { customer: { id: s.customer }, currency: { id: '4' }, payment: 5 });
    // A EUR payment cannot go into a GBP bank account (neither is the base currency)…
    const wrongCurrency = await client.record('POST', 'deposit', { account: { id: '3' }, payment: { items: [{ id: Number(eurPay), deposit: true }] } });
    expectError(wrongCurrency, 400, 'INVALID_CONTENT', 'payment.items[0].id');
    // …but can go into the base-currency (USD) account at its exchange rate, as Stripe's connector deposits
    // converted charges: 5.00 EUR at 1.1 → 5.50 USD.
    const eurAtRate = await client.create('customerPayment', { customer: { id: s.customer }, currency: { id: '4' }, payment: 5, exchangeRate: 1.1 });
    const converted = await client.record('POST', 'deposit', { account: { id: '1' }, payment: { items: [{ id: Number(eurAtRate), deposit: true }] } });
    expect(converted.status).to.equal(204);
    const convertedId = String(converted.headers.get('location')).split('/').pop();
    expect((await client.record('GET', `deposit/${convertedId}`)).json.total).to.equal(5.5);
    expect((await client.record('POST', 'deposit', { account: { id: '2' }, payment: { items: [{ id: Number(eurPay), deposit: true }] } })).status).to.equal(204);
    // A deposited payment cannot be deleted; deleting the deposit frees it again.
    expectError(await client.record('DELETE', `customerPayment/${p1}`), 400, 'USER_ERROR');
    expect((await client.record('DELETE', `deposit/${dep}`)).status).to.equal(204);
    expect((await client.get('customerPayment', p1)).status.id).to.equal('B');
  });

  it('journal entries must balance', async () => {
    const r = await client.record('POST', 'journalEntry', {
      subsidiary: { id: '1' },
      line: { items: [{ account: { id: '7' }, debit: 10 }, { account: { id: '1' }, credit: 9.99 }] },
    });
    expectError(r, 400, 'USER_ERROR', 'line', /not in balance/);
  });

  it('externalId is unique per record type and limited to letters, digits, _ and -', async () => {
    await invoice(1, { externalId: 'in_dup' });
    const dup = await client.record('POST', 'invoice', { entity: { id: s.customer }, externalId: 'in_dup', item: { items: [{ item: { id: s.item }, amount: 1 }] } });
    expectError(dup, 400, 'USER_ERROR', 'externalId', 'Error while accessing a resource. This record already exists.');
    // The same externalId on another record type is fine.
    expect(await client.create('creditMemo', { entity: { id: s.customer }, externalId: 'in_dup', item: { items: [{ item: { id: s.item }, amount: 1 }] } })).to.match(/^\d+$/);
    const bad = await client.record('POST', 'customer', { companyName: 'Pipe Co', subsidiary: { id: '1' }, externalId: 'a|b' });
    expectError(bad, 400, 'INVALID_CONTENT', 'externalId');
    const colon = await client.record('POST', 'customer', { companyName: 'Colon Co', subsidiary: { id: '1' }, externalId: 'ns_memo:re_1' });
    expectError(colon, 400, 'INVALID_CONTENT', 'externalId');
  });

  it('required fields and duplicate entity ids are USER_ERRORs', async () => {
    expectError(await client.record('POST', 'customer', { companyName: 'No Subsidiary' }), 400, 'USER_ERROR', 'subsidiary', /Please enter value\(s\) for: Subsidiary/);
    expectError(await client.record('POST', 'serviceSaleItem', { itemId: 'No Account' }), 400, 'USER_ERROR', 'incomeAccount');
    expectError(await client.record('POST', 'customer', { companyName: 'Acme Corp', subsidiary: { id: '1' } }), 400, 'USER_ERROR', 'entityId', /This entity already exists/);
    expectError(await client.record('POST', 'invoice', { entity: { id: s.customer }, item: { items: [] } }), 400, 'USER_ERROR', 'item', /at least one line/);
  });

  it('X-NetSuite-PropertyNameValidation: error rejects unknown fields; by default they are ignored', async () => {
    const body = { companyName: 'Typo Co', subsidiary: { id: '1' }, emial: 'x@example.com' };
    const strict = await client.record('POST', 'customer', body, { 'X-NetSuite-PropertyNameValidation': 'error' });
    expectError(strict, 400, 'INVALID_CONTENT', 'emial');
    expect((await client.record('POST', 'customer', body)).status).to.equal(204);
  });
});
