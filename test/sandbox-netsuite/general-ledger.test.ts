// GL postings: every transaction balances, accounts move as the connector's accounting expects.
import { expect } from 'chai';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { basicSetup, NsTestClient } from './ns-test-client.js';
import { startNetSuite } from '../support/sandboxes.js';

interface Side {
  debitMinor: number;
  creditMinor: number;
}

describe('NetSuite sandbox: general ledger', () => {
  let sb: NetSuiteSandbox;
  let client: NsTestClient;
  before(async () => {
    sb = await startNetSuite();
    client = new NsTestClient(sb.url);
  });
  after(() => sb.close());

  it('a month of activity posts balanced lines; AR, Undeposited Funds, bank and income end where they should', async () => {
    const s = await basicSetup(client);
    // Invoice 120 + tax 9.60 − discount 20 = 109.60
    const inv = await client.create('invoice', {
      entity: { id: s.customer },
      item: { items: [{ item: { id: s.item }, quantity: 4, rate: 30 }, { item: { id: s.discount }, amount: -20 }, { item: { id: s.taxItem }, amount: 9.6 }] },
    });
    const pay = await client.create('customerPayment', { customer: { id: s.customer }, payment: 109.6, apply: { items: [{ doc: { id: inv }, amount: 109.6 }] } });
    // Partial refund: credit memo 30 refunded in cash.
    const cm = await client.create('creditMemo', { entity: { id: s.customer }, item: { items: [{ item: { id: s.item }, amount: 30 }] } });
    const refund = await client.create('customerRefund', { customer: { id: s.customer }, apply: { items: [{ doc: { id: cm }, amount: 30 }] } });
    // Payout: payment − refund − fees 3.48 + dispute reversal 0.00 → bank 76.12
    const dep = await client.create('deposit', {
      account: { id: '1' },
      payment: { items: [{ id: Number(pay), deposit: true }, { id: Number(refund), deposit: true }] },
      cashback: { items: [{ account: { id: '7' }, amount: 3.48 }] },
    });
    expect((await client.get('deposit', dep)).total).to.equal(76.12);
    // A EUR sale stays open; a journal moves bad debt.
    await client.create('invoice', { entity: { id: s.customer }, currency: { id: '4' }, item: { items: [{ item: { id: s.item }, amount: 50 }] } });
    await client.create('journalEntry', { line: { items: [{ account: { id: '9' }, debit: 1.25 }, { account: { id: '5' }, credit: 1.25, entity: { id: s.customer } }] } });

    const tb = await client.sandbox('trial-balance');
    expect(tb.balanced).to.equal(true);
    expect(tb.totals.debit).to.equal(tb.totals.credit);
    const usd = tb.byCurrency.USD as Side;
    expect(usd.debitMinor).to.equal(usd.creditMinor);
    const bal = (id: string, cur = 'USD') => {
      const a = tb.accounts.find((x: { id: string }) => x.id === id);
      const c = a?.currencies[cur] as (Side & { balance: number }) | undefined;
      return c ? c.debitMinor - c.creditMinor : 0;
    };
    expect(bal('5')).to.equal(10960 - 10960 - 3000 + 3000 - 125); // AR: invoice − payment − memo + refund − journal
    expect(bal('4')).to.equal(0); // Undeposited Funds drained by the deposit
    expect(bal('1')).to.equal(7612);
    expect(bal('7')).to.equal(348);
    expect(bal('6')).to.equal(-12000 + 3000); // Sales credited by the invoice, debited by the memo
    expect(bal('12')).to.equal(2000); // discount debit
    expect(bal('8')).to.equal(-960); // tax payable
    expect(bal('9')).to.equal(125);
    expect(bal('5', 'EUR')).to.equal(5000);
    expect(tb.byCurrency.EUR.debitMinor).to.equal(tb.byCurrency.EUR.creditMinor);

    const cb = await client.sandbox(`customer-balance/${s.customer}`);
    expect(cb.balancesMinor).to.deep.equal({ USD: -125, EUR: 5000 });
    expect(cb.balances).to.deep.equal({ USD: -1.25, EUR: 50 });

    const stats = await client.sandbox('stats');
    expect(stats.requests).to.be.greaterThan(10);
    expect(stats.byMethod.POST).to.be.greaterThan(5);
  });

  it('each transaction posts equal debits and credits, also after an update and a delete', async () => {
    const customer = await client.create('customer', { companyName: 'GL Per Tx', subsidiary: { id: '1' } });
    const item = (await client.get('serviceSaleItem', 'eid:stripe_item')).id;
    const inv = await client.create('invoice', { entity: { id: customer }, item: { items: [{ item: { id: item }, amount: 10 }] } });
    await client.record('PATCH', `invoice/${inv}`, { item: { items: [{ line: 1, amount: 12 }] } });
    const lines: Array<{ account: string; debit: number; credit: number }> = await client.sandbox(`gl/${inv}`);
    expect(lines.reduce((t, l) => t + l.debit, 0)).to.equal(1200);
    expect(lines.reduce((t, l) => t + l.credit, 0)).to.equal(1200);
    expect(lines.find((l) => l.account === '5')!.debit).to.equal(1200);
    await client.record('DELETE', `invoice/${inv}`);
    expect(await client.sandbox(`gl/${inv}`)).to.deep.equal([]);
    expect((await client.sandbox('trial-balance')).balanced).to.equal(true);
  });

  it('a non-posting discount item has no account and nets against the revenue of the line it discounts', async () => {
    const customer = await client.create('customer', { companyName: 'GL Non-Posting', subsidiary: { id: '1' } });
    const item = (await client.get('serviceSaleItem', 'eid:stripe_item')).id;
    // discountItem.md: `nonPosting` (label "Posting") and `account` are the two kinds of discount item, not both.
    const both = await client.record('POST', 'discountItem', { itemId: 'Both', nonPosting: true, account: { id: '12' } });
    expect(both.status).to.equal(400);
    const discount = await client.create('discountItem', { itemId: 'Non-posting 10', externalId: 'np10', nonPosting: true });
    const first = await client.record('POST', 'invoice', { entity: { id: customer }, item: { items: [{ item: { id: discount }, amount: -1 }] } });
    expect(first.status, 'a non-posting discount needs the line it discounts').to.equal(400);
    const inv = await client.create('invoice', {
      entity: { id: customer },
      item: { items: [{ item: { id: item }, amount: 50 }, { item: { id: discount }, amount: -10 }] },
    });
    expect((await client.get('invoice', inv)).total).to.equal(40);
    const lines: Array<{ account: string; debit: number; credit: number }> = await client.sandbox(`gl/${inv}`);
    const on = (account: string) => lines.filter((l) => l.account === account).reduce((t, l) => t + l.credit - l.debit, 0);
    expect(on('6'), 'Sales: 50 of revenue less the 10 discount').to.equal(4000);
    expect(on('12'), 'nothing on the discount account').to.equal(0);
    expect(on('5')).to.equal(-4000);
  });

  it('a payment goes to Undeposited Funds or to a bank account, not both', async () => {
    const s = { customer: await client.create('customer', { companyName: 'Cash Account', subsidiary: { id: '1' } }) };
    const both = await client.record('POST', 'customerPayment', { customer: { id: s.customer }, payment: 5, undepFunds: { id: 'T' }, account: { id: '1' } });
    expect(both.status).to.equal(400);
    expect(JSON.stringify(both.json)).to.match(/either to Undeposited Funds or to a bank account/);
    const undeposited = await client.create('customerPayment', { customer: { id: s.customer }, payment: 5, undepFunds: { id: 'T' } });
    expect((await client.get('customerPayment', undeposited)).account.id).to.equal('4');
    const banked = await client.create('customerPayment', { customer: { id: s.customer }, payment: 5, undepFunds: { id: 'F' }, account: { id: '1' } });
    expect((await client.get('customerPayment', banked)).account.id).to.equal('1');
  });
});
