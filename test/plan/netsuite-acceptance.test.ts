// The plan's bodies sent to the NetSuite sandbox, which enforces NetSuite's rules (unknown field names
// rejected, currency on the customer, totals ≥ 0, apply ≤ remaining, references exist). Operations are sent
// one by one in plan order with their references resolved, as apply does.
import { expect } from 'chai';
import type Stripe from 'stripe';
import type { NetSuiteSandbox } from '../../src/sandbox/netsuite/server.js';
import { createNetSuiteClient, type NetSuiteClient } from '../../src/netsuite/netsuite-client.js';
import { resolveRefs } from '../../src/apply/resolve-refs.js';
import { findMatchingCustomer } from '../../src/apply/customer-match.js';
import { minorToNetSuite } from '../../src/accounting/money.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Operation } from '../../src/plan/operation.js';
import type { Secrets } from '../../src/config/settings.js';
import { customerKey, globalCustomerKey, invoiceCloseKey, invoiceKey } from '../../src/plan/keys.js';
import { generateWorld } from '../../src/sandbox/generate/generate-world.js';
import { SNAPSHOT_BUCKETS } from '../../src/plan/plan-input.js';
import { world, customer, invoice, charge, coupon, price, product, T0, DAY, type World } from './fixtures.js';
import { startNetSuite, TEST_SECRETS } from '../support/sandboxes.js';

const BUCKETS = new Set(Object.keys(SNAPSHOT_BUCKETS));

async function send(client: NetSuiteClient, ops: Operation[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const op of ops) {
    if (op.blocked) continue;
    const body = resolveRefs(op.body, (k) => ids.get(k)) as Record<string, unknown>;
    try {
      if (op.action === 'apply') {
        const target = ids.get(op.target as string) as string;
        await client.update(op.recordType, target, body);
        ids.set(op.key, target);
        continue;
      }
      const link = op.action === 'link' ? op.link : undefined;
      if (op.action === 'link' && link?.internalId) {
        ids.set(op.key, link.internalId);
        continue;
      }
      const matched = link?.match ? await findMatchingCustomer(client, link.match.field, link.match.value) : undefined;
      const { internalId } = matched
        ? { internalId: matched }
        : await client.createWithExternalId(op.recordType, { ...body, externalId: op.externalId });
      ids.set(op.key, internalId);
    } catch (err) {
      throw new Error(`${op.key}: ${(err as Error).message}`);
    }
  }
  return ids;
}

describe('plan: bodies accepted by the NetSuite sandbox', function () {
  this.timeout(60000);
  let sandbox: NetSuiteSandbox;
  let client: NetSuiteClient;

  beforeEach(async () => {
    sandbox = await startNetSuite();
    const secrets: Secrets = {
      stripeApiKey: 'sk_test_unused',
      stripeApiBase: 'http://127.0.0.1:9',
      netsuiteAccountId: TEST_SECRETS.accountId,
      netsuiteBaseUrl: sandbox.url,
      netsuiteAuth: { method: 'tba', ...TEST_SECRETS.tba },
      ledgerPath: ':memory:',
    };
    const w: World = world();
    client = createNetSuiteClient(secrets, w.settings, { maxAttempts: 2 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('creates customers, items, invoices and closing memos that NetSuite accepts, leaving the expected amounts open', async () => {
    const address = { line1: '1 Market Street', line2: 'Suite 5', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' };
    const w = world().put(
      customer('cus_co', { name: 'Acme Inc.', email: 'ap@acme.example', phone: '+14155550100', address, shipping: { name: 'Acme', phone: null, address } } as Partial<Stripe.Customer>),
      customer('cus_in', { name: 'Ava Smith', individual_name: 'Ava Smith' } as Partial<Stripe.Customer>),
      customer('cus_twin', { name: 'Acme Inc.' }),
      product('prod_pro', 'Pro'),
      price('price_pro', 'prod_pro', { nickname: 'Monthly' }),
      coupon('HALF', { name: 'Half off', percent_off: 50 }),
      invoice({
        id: 'in_open',
        customer: 'cus_co',
        discounts: { di_1: 'HALF' },
        lines: [
          { price: 'price_pro', product: 'prod_pro', amount: 4000, discounts: [['di_1', 2000]], taxes: [['txr_1', 170, 'exclusive']], period: { start: T0, end: T0 + 31 * DAY } },
          { price: 'price_pro', product: 'prod_pro', amount: -1000, proration: true },
        ],
        shipping: { total: 500 },
      }),
      invoice({ id: 'in_eur', customer: 'cus_in', currency: 'eur', created: T0 + DAY, status: 'uncollectible', lines: [{ price: 'price_pro', product: 'prod_pro', amount: 2500 }], transitions: { marked_uncollectible_at: T0 + 20 * DAY } }),
      invoice({ id: 'in_jpy', customer: 'cus_in', currency: 'jpy', created: T0 + DAY, status: 'void', lines: [{ amount: 1500 }, { amount: 300 }], transitions: { voided_at: T0 + 2 * DAY } }),
      invoice({ id: 'in_neg', customer: 'cus_twin', status: 'paid', lines: [{ amount: 1000 }, { amount: -3000, proration: true }] }),
      charge('ch_anon', { customer: null, currency: 'gbp', amount: 1234, created: T0 + 3 * DAY }),
    );
    const ops = buildPlan(w).operations;
    expect(ops.filter((o) => o.blocked && o.pass !== 'deposits').map((o) => `${o.key}: ${o.blocked}`)).to.deep.equal([]);
    const ids = await send(client, ops);

    const inv = await client.get('invoice', ids.get(invoiceKey('in_open')) as string);
    // 40.00 − 20.00 + 1.70 tax − 10.00 proration + 5.00 shipping
    expect(inv.total).to.equal(16.7);
    expect(inv.amountRemaining).to.equal(16.7);
    expect(inv.memo).to.equal('Stripe: in_open');
    expect(inv.tranDate).to.equal('2025-03-01');

    for (const id of ['in_eur', 'in_jpy']) {
      const closed = await client.get('invoice', ids.get(invoiceKey(id)) as string);
      expect(closed.amountRemaining, id).to.equal(0);
      const memo = await client.get('creditMemo', ids.get(invoiceCloseKey(id)) as string);
      expect(memo.total, id).to.equal(closed.total);
    }
    const eurMemo = await client.get('creditMemo', ids.get(invoiceCloseKey('in_eur')) as string);
    expect(eurMemo.tranDate).to.equal('2025-03-21');
    const neg = await client.get('invoice', ids.get(invoiceKey('in_neg')) as string);
    expect(neg.total).to.equal(0);

    const person = await client.get('customer', ids.get(customerKey('cus_in')) as string);
    expect(person).to.include({ isPerson: true, firstName: 'Ava', lastName: 'Smith', externalId: 'cus_in' });
    const twin = await client.get('customer', ids.get(customerKey('cus_twin')) as string);
    expect(twin.entityId).to.equal('Acme Inc. (cus_twin)');
    expect(ids.has(globalCustomerKey())).to.equal(true);
  });
});

describe('plan: a generated Stripe world applied to the NetSuite sandbox', function () {
  this.timeout(120000);
  let sandbox: NetSuiteSandbox;
  let client: NetSuiteClient;

  before(async () => {
    sandbox = await startNetSuite();
    client = createNetSuiteClient(
      {
        stripeApiKey: 'sk_test_unused',
        stripeApiBase: 'http://127.0.0.1:9',
        netsuiteAccountId: TEST_SECRETS.accountId,
        netsuiteBaseUrl: sandbox.url,
        netsuiteAuth: { method: 'tba', ...TEST_SECRETS.tba },
        ledgerPath: ':memory:',
      },
      world().settings,
      { maxAttempts: 2 },
    );
  });
  after(async () => {
    await sandbox.close();
  });

  it('leaves every NetSuite invoice with the amount Stripe says is open (I5–I9)', async () => {
    const { items } = generateWorld({ customers: 30, months: 3, seed: 11 });
    // The latest snapshot of each object, as the ledger holds it at the end of the world.
    const latest = new Map<string, { id: string; object: string }>();
    for (const raw of items as Array<{ object: string; id: string; data?: { object: { id: string; object: string } } }>) {
      const obj = raw.object === 'event' ? raw.data!.object : raw;
      latest.set(obj.id, obj);
    }
    const w = world();
    for (const o of latest.values()) if (BUCKETS.has(o.object)) w.put(o);
    const ops = buildPlan(w).operations;
    const mine = ops.filter((o) => ['customers', 'items', 'invoices', 'closures'].includes(o.pass));
    expect(mine.filter((o) => o.blocked).map((o) => `${o.key}: ${o.blocked}`)).to.deep.equal([]);
    const sendable = ops.filter((o) => o.pass !== 'deposits');
    const ids = await send(client, sendable.filter((o) => !o.blocked));

    let checked = 0;
    let closed = 0;
    for (const inv of w.stripe.invoices.values()) {
      const id = ids.get(invoiceKey(inv.id));
      if (!id) continue;
      const ns = await client.get('invoice', id);
      const expected = inv.status === 'open' ? minorToNetSuite(inv.amount_remaining + (inv.pre_payment_credit_notes_amount ?? 0), inv.currency) : 0;
      expect(ns.amountRemaining, `${inv.id} (${inv.status})`).to.equal(expected);
      if (inv.status === 'uncollectible' || inv.status === 'void') {
        if (Number(ns.total) > 0) {
          expect(ids.has(invoiceCloseKey(inv.id)), `${inv.id} closed`).to.equal(true);
          closed++;
        }
      }
      checked++;
    }
    expect(checked).to.be.greaterThan(20);
    expect(closed).to.be.greaterThan(0);
  });
});
