import { expect } from 'chai';
import type Stripe from 'stripe';
import { buildPlan } from '../../src/plan/build-plan.js';
import { world, customer, invoice, charge, coupon, price, product, creditNote, T0, DAY, type World } from './fixtures.js';

/** A small mixed world: several customers, currencies, coupons, tax, closures, a charge without customer. */
function objects(): Array<{ id: string; object: string }> {
  return [
    customer('cus_a', { name: 'Acme Inc.', email: 'ap@acme.example' }),
    customer('cus_b', { name: 'Ava Smith', individual_name: 'Ava Smith' } as Partial<Stripe.Customer>),
    customer('cus_c', { metadata: { netsuite_customer_id: '900' } }),
    product('prod_pro', 'Pro'),
    price('price_pro', 'prod_pro', { nickname: 'Monthly' }),
    price('price_setup', 'prod_pro', { type: 'one_time' }),
    coupon('HALF', { name: '50%', percent_off: 50 }),
    invoice({ id: 'in_1', customer: 'cus_a', created: T0, status: 'paid', discounts: { di_1: 'HALF' }, lines: [{ price: 'price_pro', product: 'prod_pro', amount: 4000, discounts: [['di_1', 2000]], taxes: [['txr_1', 170, 'exclusive']] }] }),
    invoice({ id: 'in_2', customer: 'cus_b', currency: 'eur', created: T0 + DAY, status: 'uncollectible', lines: [{ price: 'price_setup', amount: 900 }], transitions: { marked_uncollectible_at: T0 + 9 * DAY } }),
    invoice({ id: 'in_3', customer: 'cus_c', created: T0 + DAY, status: 'void', lines: [{ price: 'price_pro', product: 'prod_pro', amount: 4000 }], transitions: { voided_at: T0 + 2 * DAY } }),
    invoice({ id: 'in_4', customer: 'cus_a', created: T0 + 2 * DAY, fromInvoice: 'in_3', lines: [{ amount: 100 }] }),
    charge('ch_anon', { customer: null, amount: 777, created: T0 + 3 * DAY }),
    creditNote('cn_1', { customer: 'cus_b', invoice: 'in_2', total: 100, currency: 'eur', created: T0 + 4 * DAY }),
  ];
}

function load(order: 'forward' | 'reverse'): World {
  const list = objects();
  const w = world();
  for (const o of order === 'forward' ? list : [...list].reverse()) w.put(o);
  return w;
}

describe('plan: determinism', () => {
  it('produces the same operations in the same order whatever the input maps’ insertion order', () => {
    const a = buildPlan(load('forward')).operations;
    const b = buildPlan(load('reverse')).operations;
    expect(a.length).to.be.greaterThan(10);
    expect(JSON.stringify(b)).to.equal(JSON.stringify(a));
    expect(JSON.stringify(buildPlan(load('forward')).operations)).to.equal(JSON.stringify(a));
  });

  it('orders passes customers → items → invoices → … → closures, with unique keys and externalIds', () => {
    const ops = buildPlan(load('forward')).operations;
    const order = ['customers', 'items', 'invoices', 'payments', 'refunds', 'closures', 'deposits'];
    const mine = ops.filter((o) => ['customers', 'invoices', 'closures'].includes(o.pass)).map((o) => order.indexOf(o.pass));
    expect(mine).to.deep.equal([...mine].sort((x, y) => x - y));
    expect(new Set(ops.map((o) => o.key)).size).to.equal(ops.length);
    for (const o of ops) {
      expect(o.externalId).to.match(/^[A-Za-z0-9_-]+$/);
      if (['invoice', 'creditMemo'].includes(o.recordType) && o.action !== 'apply') {
        expect(String(o.body.memo)).to.match(new RegExp(`^Stripe: ${o.stripeId}`));
        expect(o.externalId.startsWith(o.stripeId)).to.equal(true);
      }
    }
  });

  it('re-plans nothing for records already done', () => {
    const first = buildPlan(load('forward')).operations;
    const w = load('forward');
    for (const o of first) w.link(o.key);
    expect(buildPlan(w).operations.filter((o) => ['customers', 'items', 'invoices', 'closures'].includes(o.pass))).to.deep.equal([]);
  });
});
