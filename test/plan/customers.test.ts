import { expect } from 'chai';
import { customerKey, globalCustomerKey, invoiceKey } from '../../src/plan/keys.js';
import { PlanContext } from '../../src/plan/plan-context.js';
import type { LinkOperation } from '../../src/plan/operation.js';
import { customerRef } from '../../src/plan/passes/invoices/invoice-lines.js';
import { world, customer, invoice, charge, creditNote, T0, DAY } from './fixtures.js';
import { plan, opByKey } from './plan-helpers.js';

const address = { line1: '1 Market Street', line2: null, city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' };

describe('plan: customers', () => {
  it('creates a company customer at its first transaction, with id, email, phone and comments', () => {
    const w = world().put(
      customer('cus_A', {
        name: 'Acme Inc.',
        email: 'ap@acme.example',
        phone: '+14155550100',
        address,
        shipping: { name: 'Acme Receiving', phone: null, address: { ...address, line1: '9 Dock Road' } },
      } as never),
      invoice({ id: 'in_1', customer: 'cus_A', lines: [{ amount: 1000 }] }),
    );
    const ops = plan(w);
    const op = opByKey(ops, customerKey('cus_A'));
    expect(op).to.deep.include({ pass: 'customers', action: 'create', recordType: 'customer', externalId: 'cus_A' });
    expect(op.body).to.deep.include({
      entityId: 'Acme Inc. (cus_A)',
      companyName: 'Acme Inc.',
      email: 'ap@acme.example',
      phone: '+14155550100',
      comments: 'Stripe: cus_A',
      externalId: 'cus_A',
      subsidiary: { id: '1' },
      currency: { id: '1' },
      currencyList: { items: [{ currency: { id: '1' } }] },
    });
    // Billing from `address`, shipping from `shipping` (#7).
    expect(op.body.addressBook).to.deep.equal({
      items: [
        {
          defaultBilling: true,
          defaultShipping: false,
          addressBookAddress: { addressee: 'Acme Inc.', addrPhone: '+14155550100', addr1: '1 Market Street', city: 'San Francisco', state: 'CA', zip: '94105', country: { id: 'US' } },
        },
        {
          defaultBilling: false,
          defaultShipping: true,
          addressBookAddress: { addressee: 'Acme Receiving', addr1: '9 Dock Road', city: 'San Francisco', state: 'CA', zip: '94105', country: { id: 'US' } },
        },
      ],
    });
    // The customer comes before the invoice that references it.
    expect(ops.findIndex((o) => o.key === customerKey('cus_A'))).to.be.lessThan(ops.findIndex((o) => o.key === invoiceKey('in_1')));
    expect(opByKey(ops, invoiceKey('in_1')).body.entity).to.deep.equal({ $ref: customerKey('cus_A') });
  });

  it('falls back to the customer id for entity id and email when the customer has neither name nor email', () => {
    const w = world().put(customer('cus_B'), charge('ch_1', { customer: 'cus_B' }));
    const op = opByKey(plan(w), customerKey('cus_B'));
    expect(op.body).to.deep.include({ entityId: 'cus_B', email: 'cus_B', companyName: 'cus_B' });
  });

  it('creates an individual from individual_name or metadata names, split at the first space', () => {
    const w = world().put(
      customer('cus_P', { name: 'Jane Sally Doe', individual_name: 'Jane Sally Doe' } as never),
      customer('cus_M', { name: 'J. Doe', metadata: { netsuite_first_name: 'Jane', netsuite_last_name: 'Doe' } }),
      invoice({ id: 'in_p', customer: 'cus_P', lines: [{ amount: 100 }] }),
      invoice({ id: 'in_m', customer: 'cus_M', lines: [{ amount: 100 }] }),
    );
    const ops = plan(w);
    expect(opByKey(ops, customerKey('cus_P')).body).to.deep.include({ isPerson: true, firstName: 'Jane', lastName: 'Sally Doe', entityId: 'Jane Sally Doe (cus_P)' });
    expect(opByKey(ops, customerKey('cus_P')).body).to.not.have.property('companyName');
    expect(opByKey(ops, customerKey('cus_M')).body).to.deep.include({ isPerson: true, firstName: 'Jane', lastName: 'Doe' });
  });

  it('gives two customers with the same name distinct entity ids', () => {
    const w = world().put(
      customer('cus_1', { name: 'Ava Smith' }),
      customer('cus_2', { name: 'Ava Smith' }),
      charge('ch_1', { customer: 'cus_1' }),
      charge('ch_2', { customer: 'cus_2' }),
    );
    const ops = plan(w);
    expect(opByKey(ops, customerKey('cus_1')).body.entityId).to.not.equal(opByKey(ops, customerKey('cus_2')).body.entityId);
  });

  it('links by metadata.netsuite_customer_id without creating', () => {
    const w = world().put(
      customer('cus_L', { name: 'Linked', metadata: { netsuite_customer_id: '4711' } }),
      invoice({ id: 'in_l', customer: 'cus_L', lines: [{ amount: 100 }] }),
    );
    const op = opByKey(plan(w), customerKey('cus_L'));
    expect(op.action).to.equal('link');
    expect((op as LinkOperation).link).to.deep.equal({ internalId: '4711', createIfMissing: false });
  });

  it('links by the configured match field, creating from the body when nothing matches', () => {
    const w = world((s) => (s.features.customerMatch = { netsuiteField: 'email', stripeField: 'email' })).put(
      customer('cus_E', { name: 'Matched', email: 'ap@matched.example' }),
      customer('cus_N', { name: 'No email' }),
      invoice({ id: 'in_e', customer: 'cus_E', lines: [{ amount: 100 }] }),
      invoice({ id: 'in_n', customer: 'cus_N', lines: [{ amount: 100 }] }),
    );
    const ops = plan(w);
    const matched = opByKey(ops, customerKey('cus_E'));
    expect(matched.action).to.equal('link');
    expect((matched as LinkOperation).link).to.deep.equal({ match: { field: 'email', value: 'ap@matched.example' }, createIfMissing: true });
    expect(matched.body).to.deep.include({ externalId: 'cus_E', companyName: 'Matched' });
    // No value to match on: plain create.
    expect(opByKey(ops, customerKey('cus_N')).action).to.equal('create');
  });

  it('matches on a metadata field', () => {
    const w = world((s) => (s.features.customerMatch = { netsuiteField: 'custentity_erp_id', stripeField: 'metadata.erp_id' })).put(
      customer('cus_E', { metadata: { erp_id: ' 12345 ' } }),
      charge('ch_1', { customer: 'cus_E' }),
    );
    expect((opByKey(plan(w), customerKey('cus_E')) as LinkOperation).link).to.deep.equal({ match: { field: 'custentity_erp_id', value: '12345' }, createIfMissing: true });
  });

  it('lists every currency the customer transacts in, the first transaction’s as primary', () => {
    const w = world().put(
      customer('cus_X', { name: 'Multi' }),
      invoice({ id: 'in_eur', customer: 'cus_X', currency: 'eur', created: T0 + DAY, lines: [{ amount: 100 }] }),
      charge('ch_gbp', { customer: 'cus_X', currency: 'gbp', created: T0 }),
      creditNote('cn_usd', { customer: 'cus_X', invoice: 'in_other', total: 100, currency: 'usd', created: T0 + 2 * DAY }),
    );
    const op = opByKey(plan(w), customerKey('cus_X'));
    expect(op.body.currency).to.deep.equal({ id: '2' });
    expect(op.body.currencyList).to.deep.equal({ items: [{ currency: { id: '2' } }, { currency: { id: '4' } }, { currency: { id: '1' } }] });
  });

  it('books charges without a customer, and everything with globalCustomer, to Stripe Unallocated Charges', () => {
    const w = world().put(customer('cus_A', { name: 'A' }), charge('ch_anon', { customer: null, currency: 'eur' }), invoice({ id: 'in_a', customer: 'cus_A', lines: [{ amount: 100 }] }));
    const ops = plan(w);
    const global = opByKey(ops, globalCustomerKey());
    expect(global.action).to.equal('create');
    expect(global.body).to.deep.include({ entityId: 'Stripe Unallocated Charges', companyName: 'Stripe Unallocated Charges', externalId: 'stripe_unallocated_charges', currency: { id: '4' } });
    // Every mapped currency, the one used first.
    expect((global.body.currencyList as { items: unknown[] }).items).to.have.length(7);
    expect((global.body.currencyList as { items: unknown[] }).items[0]).to.deep.equal({ currency: { id: '4' } });
    expect(ops.some((o) => o.key === customerKey('cus_A'))).to.equal(true);

    const g = world((s) => (s.features.globalCustomer = true)).put(customer('cus_A', { name: 'A' }), invoice({ id: 'in_a', customer: 'cus_A', lines: [{ amount: 100 }] }));
    const gops = plan(g);
    expect(gops.filter((o) => o.recordType === 'customer').map((o) => o.key)).to.deep.equal([globalCustomerKey()]);
    expect(opByKey(gops, invoiceKey('in_a')).body.entity).to.deep.equal({ $ref: globalCustomerKey() });
  });

  it('plans nothing for a customer without in-scope transactions, or one already in NetSuite', () => {
    const w = world().put(
      customer('cus_idle', { name: 'Idle' }),
      customer('cus_draft', { name: 'Draft only' }),
      invoice({ id: 'in_d', customer: 'cus_draft', status: 'draft', lines: [{ amount: 100 }] }),
      charge('ch_failed', { customer: 'cus_idle', status: 'failed' }),
      customer('cus_done', { name: 'Renamed since' }),
      invoice({ id: 'in_done', customer: 'cus_done', lines: [{ amount: 100 }] }),
    );
    w.link(customerKey('cus_done'));
    const ops = plan(w);
    expect(ops.filter((o) => o.recordType === 'customer')).to.have.length(0);
    expect(opByKey(ops, invoiceKey('in_done')).dependsOn).to.not.include(customerKey('cus_done'));
  });

  it('blocks a customer missing from the ledger, naming who references it', () => {
    const w = world().put(invoice({ id: 'in_orphan', customer: 'cus_gone', lines: [{ amount: 100 }] }));
    const ops = plan(w);
    expect(opByKey(ops, customerKey('cus_gone')).blocked).to.equal('Stripe customer cus_gone (referenced by in_orphan.customer) is not in the ledger');
    expect(opByKey(ops, invoiceKey('in_orphan')).dependsOn).to.include(customerKey('cus_gone'));
  });

  it('customerRef plans a customer the customers pass did not see', () => {
    const w = world().put(customer('cus_late', { name: 'Late' }));
    const ctx = new PlanContext(w).forPass('invoices');
    expect(customerRef(ctx, 'cus_late')).to.deep.equal({ $ref: customerKey('cus_late') });
    expect(customerRef(ctx, null)).to.deep.equal({ $ref: globalCustomerKey() });
    expect(ctx.plan.operations.map((o) => o.key)).to.deep.equal([customerKey('cus_late'), globalCustomerKey()]);
  });
});
