// The client against the NetSuite sandbox, for both auth methods: every record type the sync writes.
import crypto from 'node:crypto';
import { expect } from 'chai';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { NetSuiteError } from '../../src/netsuite/errors.js';
import type { NetSuiteAuth } from '../../src/config/settings.js';
import { startNetSuite } from '../support/sandboxes.js';

const ACCOUNT = '7654321_SB1';
const TBA = {
  consumerKey: 'ck-sandbox-records',
  consumerSecret: 'CONSUMER-SECRET-6f1c2',
  tokenId: 'tk-sandbox-records',
  tokenSecret: 'TOKEN-SECRET-9a8b7',
};
const keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const OAUTH2 = { clientId: 'client-records', certificateId: 'cert-records' };

const AUTHS: Record<'tba' | 'oauth2', NetSuiteAuth> = {
  tba: { method: 'tba', ...TBA },
  oauth2: { method: 'oauth2', ...OAUTH2, privateKeyPem: PRIVATE_PEM, scope: 'rest_webservices' },
};

async function failure(p: Promise<unknown>): Promise<NetSuiteError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e, 'expected a NetSuiteError').to.be.instanceOf(NetSuiteError);
  return e as NetSuiteError;
}

const ref = (id: string): { id: string } => ({ id });

for (const method of ['tba', 'oauth2'] as const) {
  describe(`NetSuite client against the sandbox (${method})`, () => {
    let sandbox: NetSuiteSandbox;
    let client: NetSuiteClient;
    const ids: Record<string, string> = {};

    before(async () => {
      sandbox = await startNetSuite({
        accountId: ACCOUNT,
        credentials: { tba: TBA, oauth2: { ...OAUTH2, publicKeyPem: PUBLIC_PEM } },
      });
      client = new NetSuiteClient({ baseUrl: sandbox.url, accountId: ACCOUNT, auth: AUTHS[method], concurrency: 4, baseDelayMs: 5 });
    });
    after(async () => {
      client.close();
      await sandbox.close();
    });

    it('serviceSaleItem: create keyed by externalId, and a second create finds it (no duplicate)', async () => {
      const body = { externalId: 'price_SVC1', itemId: 'Stripe Service', displayName: 'Stripe Service', incomeAccount: ref('6'), subsidiary: { items: [ref('1')] } };
      const first = await client.createWithExternalId('serviceSaleItem', body);
      expect(first.created).to.equal(true);
      const again = await client.createWithExternalId('serviceSaleItem', body);
      expect(again).to.deep.equal({ internalId: first.internalId, created: false });
      const rows = await client.suiteql('SELECT id, itemid, itemtype FROM item WHERE externalid = ?', ['price_SVC1']);
      expect(rows).to.deep.equal([{ id: first.internalId, itemid: 'Stripe Service', itemtype: 'Service' }]);
      ids.item = first.internalId;
    });

    it('customer: create, get, getByExternalId, update, upsert, list, suiteql', async () => {
      const c = await client.createWithExternalId('customer', {
        externalId: 'cus_A1',
        companyName: 'Acme Ltd',
        email: 'ap@acme.test',
        subsidiary: ref('1'),
        currency: ref('1'),
        comments: 'Stripe: cus_A1',
      });
      expect(c.created).to.equal(true);
      ids.customer = c.internalId;
      const got = await client.get('customer', c.internalId);
      expect(got).to.include({ id: c.internalId, companyName: 'Acme Ltd', email: 'ap@acme.test', externalId: 'cus_A1' });
      expect((got.currency as { id: string; refName: string }).id).to.equal('1');
      const only = await client.get('customer', c.internalId, { fields: ['email'] });
      expect(only.email).to.equal('ap@acme.test');
      expect(only.companyName).to.equal(undefined);
      expect((await client.getByExternalId('customer', 'cus_A1'))?.id).to.equal(c.internalId);
      expect(await client.getByExternalId('customer', 'cus_NOPE')).to.equal(undefined);

      await client.update('customer', c.internalId, { phone: '+1 555 0100' });
      expect((await client.get('customer', c.internalId)).phone).to.equal('+1 555 0100');
      await client.upsert('customer', 'cus_A1', { companyName: 'Acme Limited', subsidiary: ref('1') });
      await client.upsert('customer', 'cus_B2', { companyName: 'Beta GmbH', subsidiary: ref('1'), email: 'b@beta.test' });
      expect((await client.get('customer', c.internalId)).companyName).to.equal('Acme Limited');
      const b = await client.getByExternalId('customer', 'cus_B2');
      expect(b?.companyName).to.equal('Beta GmbH');
      ids.customerB = String(b!.id);

      const page = await client.list('customer', { limit: 1 });
      expect(page.items).to.have.length(1);
      expect(page.hasMore).to.equal(true);
      expect(page.totalResults).to.equal(2);
      const page2 = await client.list('customer', { limit: 1, offset: 1 });
      expect(page2.hasMore).to.equal(false);
      expect([page.items[0].id, page2.items[0].id].sort()).to.deep.equal([c.internalId, ids.customerB].sort());

      const rows = await client.suiteql(
        'SELECT id, externalid, companyname FROM customer WHERE externalid IN (?, ?) ORDER BY externalid',
        ['cus_A1', 'cus_B2'],
      );
      expect(rows).to.deep.equal([
        { id: c.internalId, externalid: 'cus_A1', companyname: 'Acme Limited' },
        { id: ids.customerB, externalid: 'cus_B2', companyname: 'Beta GmbH' },
      ]);
    });

    it('invoice: create with a service item line; totals as NetSuite computes them', async () => {
      const inv = await client.createWithExternalId('invoice', {
        externalId: 'in_1',
        entity: ref(ids.customer),
        tranDate: '2026-01-15',
        currency: ref('1'),
        subsidiary: ref('1'),
        account: ref('5'),
        memo: 'Stripe: in_1',
        item: { items: [{ item: ref(ids.item), quantity: 2, rate: 49.99, description: 'Pro plan' }] },
      });
      expect(inv.created).to.equal(true);
      ids.invoice = inv.internalId;
      const rec = await client.get('invoice', inv.internalId, { expandSubResources: true });
      expect(rec).to.include({ total: 99.98, amountRemaining: 99.98, memo: 'Stripe: in_1', tranDate: '2026-01-15' });
      expect((rec.status as { id: string }).id).to.equal('A');
      const lines = (rec.item as { items: Array<Record<string, unknown>> }).items;
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ quantity: 2, amount: 99.98, description: 'Pro plan' });
      ids.invoiceLine = String(lines[0].line);
    });

    it('customerPayment by !transform from the invoice, deduplicated by externalId', async () => {
      const body = {
        externalId: 'ch_1',
        tranDate: '2026-01-16',
        payment: 60,
        // customerPayment.md: undepFunds is a {id} enum (T/F); paymentOption (Payment Instruments, on by default) names the method.
        undepFunds: { id: 'T' },
        paymentOption: ref('1'),
        memo: 'Stripe: ch_1',
        apply: { items: [{ doc: ref(ids.invoice), apply: true, amount: 60 }] },
      };
      const pay = await client.transform('invoice', ids.invoice, 'customerPayment', body);
      ids.payment1 = pay.internalId;
      // The same transform again (e.g. a re-run after a crash) finds the payment instead of paying twice.
      expect(await client.transform('invoice', ids.invoice, 'customerPayment', body)).to.deep.equal(pay);
      const p = await client.get('customerPayment', pay.internalId);
      expect(p).to.include({ payment: 60, applied: 60, unapplied: 0 });
      expect((p.undepFunds as { id: string }).id).to.equal('T');
      expect((p.customer as { id: string }).id).to.equal(ids.customer);
      expect((await client.get('invoice', ids.invoice)).amountRemaining).to.equal(39.98);
    });

    it('creditMemo by !transform from the invoice, applied to it', async () => {
      const cm = await client.transform('invoice', ids.invoice, 'creditMemo', {
        externalId: 'cn_1',
        tranDate: '2026-01-17',
        memo: 'Stripe: cn_1',
        item: { items: [{ line: Number(ids.invoiceLine), quantity: 1, rate: 9.98, amount: 9.98 }] },
        apply: { items: [{ doc: ref(ids.invoice), apply: true, amount: 9.98 }] },
      });
      ids.creditMemo = cm.internalId;
      const rec = await client.get('creditMemo', cm.internalId);
      expect(rec).to.include({ total: 9.98, applied: 9.98, unapplied: 0 });
      expect((rec.createdFrom as { id: string }).id).to.equal(ids.invoice);
      expect((await client.get('invoice', ids.invoice)).amountRemaining).to.equal(30);
    });

    it('customerPayment create pays the invoice in full, leaving 10.00 unapplied', async () => {
      const pay = await client.createWithExternalId('customerPayment', {
        externalId: 'ch_2',
        customer: ref(ids.customer),
        currency: ref('1'),
        tranDate: '2026-01-18',
        undepFunds: { id: 'T' },
        payment: 40,
        apply: { items: [{ doc: ref(ids.invoice), apply: true, amount: 30 }] },
      });
      ids.payment2 = pay.internalId;
      expect(await client.get('customerPayment', pay.internalId)).to.include({ payment: 40, applied: 30, unapplied: 10 });
      const inv = await client.get('invoice', ids.invoice);
      expect(inv.amountRemaining).to.equal(0);
      expect((inv.status as { id: string }).id).to.equal('B');
    });

    it('customerRefund of the unapplied payment', async () => {
      const r = await client.createWithExternalId('customerRefund', {
        externalId: 're_1',
        customer: ref(ids.customer),
        currency: ref('1'),
        tranDate: '2026-01-19',
        // customerRefund.md has no undepFunds: a refund sits in Undeposited Funds through its account (4).
        account: ref('4'),
        memo: 'Stripe: re_1',
        apply: { items: [{ doc: ref(ids.payment2), apply: true, amount: 10 }] },
      });
      ids.refund = r.internalId;
      expect((await client.get('customerRefund', r.internalId)).total).to.equal(10);
      expect((await client.get('customerPayment', ids.payment2)).unapplied).to.equal(0);
    });

    it('deposit of the payments and the refund, with the Stripe fee as cash back', async () => {
      const d = await client.createWithExternalId('deposit', {
        externalId: 'po_1',
        account: ref('1'),
        currency: ref('1'),
        tranDate: '2026-01-20',
        memo: 'Stripe: po_1',
        payment: { items: [{ id: Number(ids.payment1), deposit: true }, { id: Number(ids.payment2), deposit: true }, { id: Number(ids.refund), deposit: true }] },
        cashback: { items: [{ account: ref('7'), amount: 2.9, memo: 'Stripe fees' }] },
      });
      ids.deposit = d.internalId;
      // 60 + 40 − 10 − 2.90
      expect((await client.get('deposit', d.internalId)).total).to.equal(87.1);
      expect(((await client.get('customerPayment', ids.payment1)).status as { id: string }).id).to.equal('C');
    });

    it('journalEntry: balanced lines; delete; a deleted record is not_found', async () => {
      const je = await client.createWithExternalId('journalEntry', {
        externalId: 'je_1',
        subsidiary: ref('1'),
        currency: ref('1'),
        tranDate: '2026-01-21',
        memo: 'Stripe: je_1',
        line: { items: [{ account: ref('7'), debit: 1.25, memo: 'fee' }, { account: ref('4'), credit: 1.25 }] },
      });
      const rec = await client.get('journalEntry', je.internalId, { expandSubResources: true });
      const lines = (rec.line as { items: Array<Record<string, unknown>> }).items;
      expect(lines.map((l) => [l.debit ?? 0, l.credit ?? 0])).to.deep.equal([[1.25, 0], [0, 1.25]]);
      await client.delete('journalEntry', je.internalId);
      const gone = await failure(client.get('journalEntry', je.internalId));
      expect(gone).to.include({ kind: 'not_found', status: 404, code: 'NONEXISTENT_ID', recordType: 'journalEntry' });
    });

    it('every transaction type: getByExternalId, update, upsert (PUT eid:) and list', async () => {
      const byType: Array<[string, string, string]> = [
        ['invoice', 'in_1', ids.invoice],
        ['customerPayment', 'ch_1', ids.payment1],
        ['creditMemo', 'cn_1', ids.creditMemo],
        ['customerRefund', 're_1', ids.refund],
        ['deposit', 'po_1', ids.deposit],
      ];
      for (const [type, eid, id] of byType) {
        expect((await client.getByExternalId(type, eid))?.id, type).to.equal(id);
        await client.update(type, id, { memo: `Stripe: ${eid} (updated)` });
        expect((await client.get(type, id)).memo, type).to.equal(`Stripe: ${eid} (updated)`);
        await client.upsert(type, eid, { memo: `Stripe: ${eid}` });
        expect((await client.get(type, id, { fields: ['memo'] })).memo, type).to.equal(`Stripe: ${eid}`);
        const page = await client.list(type);
        expect(page.items.map((i) => i.id), type).to.include(id);
      }
      // Upsert creates a journal entry that does not exist yet, then updates it in place (lines replaced, not appended).
      const je = { subsidiary: ref('1'), tranDate: '2026-01-23', line: { items: [{ account: ref('7'), debit: 3 }, { account: ref('4'), credit: 3 }] } };
      await client.upsert('journalEntry', 'je_2', je);
      await client.upsert('journalEntry', 'je_2', { ...je, memo: 'again' });
      const rec = await client.getByExternalId('journalEntry', 'je_2', { expandSubResources: true });
      expect(rec?.memo).to.equal('again');
      expect((rec!.line as { items: unknown[] }).items).to.have.length(2);
      expect((await client.list('journalEntry')).items.map((i) => i.id)).to.include(String(rec!.id));
    });

    it('SuiteQL sees every transaction exactly once', async () => {
      const rows = await client.suiteql(
        "SELECT id, recordtype, externalid, foreigntotal FROM transaction WHERE externalid IN ('in_1', 'ch_1', 'cn_1', 'ch_2', 're_1', 'po_1') ORDER BY id",
      );
      expect(rows.map((r) => [r.externalid, r.id])).to.deep.equal([
        ['in_1', ids.invoice],
        ['ch_1', ids.payment1],
        ['cn_1', ids.creditMemo],
        ['ch_2', ids.payment2],
        ['re_1', ids.refund],
        ['po_1', ids.deposit],
      ]);
    });

    it('a bad item reference is INVALID_CONTENT naming invoice, its externalId and field item; nothing is created', async () => {
      const err = await failure(
        client.createWithExternalId('invoice', {
          externalId: 'in_BAD',
          entity: ref(ids.customer),
          tranDate: '2026-01-22',
          item: { items: [{ item: ref('9999'), amount: 5 }] },
        }),
      );
      expect(err).to.include({ status: 400, code: 'INVALID_CONTENT', field: 'item', errorPath: 'item.items[0].item', recordType: 'invoice', externalId: 'in_BAD', kind: 'validation', retryable: false });
      expect(err.message).to.match(/invoice externalId in_BAD \(field 'item'\)/);
      expect(await client.getByExternalId('invoice', 'in_BAD')).to.equal(undefined);
    });

    it('a misspelt field fails loudly (X-NetSuite-PropertyNameValidation: error)', async () => {
      const err = await failure(client.update('customer', ids.customer, { compnyName: 'typo' }));
      expect(err.kind).to.equal('validation');
      expect(err.message).to.include('customer');
    });

    it('wrong credentials: a 401 auth error whose message, stack and JSON hold no secret', async () => {
      const badAuth: NetSuiteAuth =
        method === 'tba'
          ? { method: 'tba', ...TBA, tokenSecret: 'WRONG-TOKEN-SECRET-55' }
          : { method: 'oauth2', ...OAUTH2, certificateId: 'cert-unknown', privateKeyPem: PRIVATE_PEM, scope: 'rest_webservices' };
      const bad = new NetSuiteClient({ baseUrl: sandbox.url, accountId: ACCOUNT, auth: badAuth, concurrency: 1, baseDelayMs: 1 });
      const err = await failure(bad.createWithExternalId('customer', { externalId: 'cus_X', companyName: 'X', subsidiary: ref('1') }));
      bad.close();
      expect(err.kind).to.equal('auth');
      expect(err.retryable).to.equal(false);
      const text = `${err.message}\n${err.stack}\n${JSON.stringify(err)}`;
      for (const s of [TBA.consumerSecret, TBA.tokenSecret, 'WRONG-TOKEN-SECRET-55', 'PRIVATE KEY', PRIVATE_PEM.slice(40, 80), 'oauth_signature', 'Bearer ']) {
        expect(text).not.to.include(s);
      }
    });
  });
}
