// One executor per action, against a fake NetSuite writer: what each sends, given the resolved body.
import { expect } from 'chai';
import { executeApply, executeClose, executeCreate, executeLink, type ExecutorContext } from '../../src/apply/executors/index.js';
import { UnresolvedReferenceError } from '../../src/apply/resolve-refs.js';
import type { ApplyOperation, CloseOperation, CreateOperation, LinkOperation, LinkSpec } from '../../src/plan/operation.js';
import { FakeWriter } from './fake-writer.js';
import { NetSuiteError } from '../../src/netsuite/errors.js';

const common = { dependsOn: [], hash: 'h', summary: { description: 'test' } };

function createOp(externalId: string): CreateOperation {
  return { key: `customer:${externalId}`, pass: 'customers', action: 'create', recordType: 'customer', externalId, stripeId: externalId, body: {}, ...common };
}

function closeOp(invoiceId: string): CloseOperation {
  const externalId = `${invoiceId}-close`;
  return { key: `creditMemo:${externalId}`, pass: 'closures', action: 'close', recordType: 'creditMemo', externalId, stripeId: invoiceId, body: {}, ...common };
}

function linkOp(externalId: string, link: LinkSpec): LinkOperation {
  return { key: `customer:${externalId}`, pass: 'customers', action: 'link', recordType: 'customer', externalId, stripeId: externalId, link, body: {}, ...common };
}

function applyOp(externalId: string, target: string): ApplyOperation {
  return { key: `creditMemo:${externalId}#apply`, pass: 'refunds', action: 'apply', recordType: 'creditMemo', externalId, stripeId: externalId, target, body: {}, ...common };
}

function context(client: FakeWriter, o: { unsure?: boolean; ids?: Record<string, string> } = {}): ExecutorContext {
  const ids = new Map(Object.entries(o.ids ?? {}));
  return { client, unsure: o.unsure ?? false, internalIdOf: (k) => ids.get(k) };
}

describe('apply executors', () => {
  describe('create', () => {
    it('posts the resolved body with the operation’s externalId', async () => {
      const client = new FakeWriter();
      const done = await executeCreate(createOp('cus_A'), { companyName: 'A', entity: { id: '7' } }, context(client));
      expect(done).to.deep.equal({ internalId: '100', created: true });
      expect(client.calls).to.deep.equal(['create customer cus_A']);
    });

    it('an unsure earlier attempt: looks the record up first, and takes it without writing again', async () => {
      const client = new FakeWriter();
      client.records.set('customer:cus_A', '42');
      const done = await executeCreate(createOp('cus_A'), { companyName: 'A' }, context(client, { unsure: true }));
      expect(done).to.deep.equal({ internalId: '42', created: false });
      expect(client.calls).to.deep.equal(['lookup customer cus_A']);
    });

    it('an unsure earlier attempt that made nothing: looks it up, then creates it', async () => {
      const client = new FakeWriter();
      const done = await executeCreate(createOp('cus_A'), { companyName: 'A' }, context(client, { unsure: true }));
      expect(done).to.deep.equal({ internalId: '100', created: true });
      expect(client.calls).to.deep.equal(['lookup customer cus_A', 'create customer cus_A']);
    });

    it('a refusal is thrown to the caller', async () => {
      const client = new FakeWriter();
      client.failCreate.set('cus_A', new Error('refused'));
      let thrown: unknown;
      await executeCreate(createOp('cus_A'), {}, context(client)).catch((e) => (thrown = e));
      expect((thrown as Error).message).to.equal('refused');
    });
  });

  describe('close', () => {
    it('creates the closing credit memo once: looked up first when an attempt is unsure', async () => {
      const client = new FakeWriter();
      expect(await executeClose(closeOp('in_1'), { memo: 'x' }, context(client))).to.deep.equal({ internalId: '100', created: true });
      expect(await executeClose(closeOp('in_1'), { memo: 'x' }, context(client, { unsure: true }))).to.deep.equal({
        internalId: '100',
        created: false,
      });
      expect(client.calls).to.deep.equal(['create creditMemo in_1-close', 'lookup creditMemo in_1-close']);
    });
  });

  describe('link', () => {
    it('by the internal id metadata gives: checks it exists, links it without creating', async () => {
      const client = new FakeWriter();
      client.ids.add('4711');
      const done = await executeLink(linkOp('cus_L', { internalId: '4711', createIfMissing: false }), { companyName: 'L' }, context(client));
      expect(done).to.deep.equal({ internalId: '4711', created: false });
      expect(client.calls).to.deep.equal(['get customer 4711']);
    });

    it('by an internal id NetSuite does not have: fails naming the metadata', async () => {
      const client = new FakeWriter();
      let thrown: unknown;
      await executeLink(linkOp('cus_L', { internalId: '4711', createIfMissing: false }), {}, context(client)).catch((e) => (thrown = e));
      expect((thrown as Error).message).to.match(/^cus_L: metadata netsuite_customer_id 4711 does not name a NetSuite customer \(/);
      expect(client.calls).to.deep.equal(['get customer 4711']);
    });

    it('a refused login while checking the internal id is reported as the refused login, not as bad metadata', async () => {
      const client = new FakeWriter();
      client.ids.add('4711');
      client.get = () => Promise.reject(new NetSuiteError({ status: 401, code: 'INVALID_LOGIN', detail: 'Invalid login attempt.' }));
      let thrown: unknown;
      await executeLink(linkOp('cus_L', { internalId: '4711', createIfMissing: false }), {}, context(client)).catch((e) => (thrown = e));
      expect(thrown).to.be.instanceOf(NetSuiteError);
      expect((thrown as NetSuiteError).kind).to.equal('auth');
      expect((thrown as Error).message).to.not.include('does not name');
    });

    it('by the match field: the first match is linked', async () => {
      const client = new FakeWriter();
      client.suiteqlRows = [{ id: '9' }, { id: '12' }];
      const op = linkOp('cus_E', { match: { field: 'email', value: 'AP@Matched.example' }, createIfMissing: true });
      expect(await executeLink(op, { companyName: 'E' }, context(client))).to.deep.equal({ internalId: '9', created: false });
      expect(client.calls).to.deep.equal(['suiteql ap@matched.example']);
    });

    it('by the match field, nothing matching: created from the body, or failed when the plan says not to create', async () => {
      const client = new FakeWriter();
      const match = { field: 'email', value: 'ap@new.example' };
      const created = await executeLink(linkOp('cus_N', { match, createIfMissing: true }), { companyName: 'N' }, context(client));
      expect(created).to.deep.equal({ internalId: '100', created: true });
      let thrown: unknown;
      await executeLink(linkOp('cus_M', { match, createIfMissing: false }), {}, context(client)).catch((e) => (thrown = e));
      expect((thrown as Error).message).to.equal('customer:cus_M: no matching NetSuite customer');
      expect(client.calls).to.deep.equal(['suiteql ap@new.example', 'create customer cus_N', 'suiteql ap@new.example']);
    });
  });

  describe('apply', () => {
    it('patches the target’s record with the resolved body', async () => {
      const client = new FakeWriter();
      const body = { apply: { items: [{ doc: { id: '31' }, apply: true }] } };
      const done = await executeApply(applyOp('cn_1', 'creditMemo:cn_1'), body, context(client, { ids: { 'creditMemo:cn_1': '30' } }));
      expect(done).to.deep.equal({ internalId: '30', created: false });
      expect(client.calls).to.deep.equal([`update creditMemo 30 ${JSON.stringify(body)}`]);
    });

    it('a target with no record yet: an unresolved reference, nothing sent', async () => {
      const client = new FakeWriter();
      let thrown: unknown;
      await executeApply(applyOp('cn_1', 'creditMemo:cn_1'), {}, context(client)).catch((e) => (thrown = e));
      expect(thrown).to.be.instanceOf(UnresolvedReferenceError);
      expect((thrown as UnresolvedReferenceError).key).to.equal('creditMemo:cn_1');
      expect(client.calls).to.deep.equal([]);
    });
  });
});
