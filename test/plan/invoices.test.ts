import { expect } from 'chai';
import { customerKey, invoiceKey } from '../../src/plan/keys.js';
import { world, customer, invoice, T0, DAY } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';

describe('plan: invoices', () => {
  it('creates one NetSuite invoice per finalized invoice, dated on finalization, with due date, currency, AR account', () => {
    const finalized = T0 + 2 * DAY + 3600; // 2025-03-03 in Los Angeles
    const w = world().put(
      customer('cus_1', { name: 'Acme' }),
      invoice({ id: 'in_1', customer: 'cus_1', currency: 'eur', created: T0, finalizedAt: finalized, dueDate: T0 + 32 * DAY, number: 'ACME-0001', lines: [{ amount: 12345 }] }),
    );
    const op = opByKey(plan(w), invoiceKey('in_1'));
    expect(op).to.deep.include({ pass: 'invoices', action: 'create', recordType: 'invoice', externalId: 'in_1', stripeId: 'in_1' });
    expect(op.body).to.deep.include({
      entity: { $ref: customerKey('cus_1') },
      tranDate: '2025-03-03',
      dueDate: '2025-04-02',
      currency: { id: '4' },
      memo: 'Stripe: in_1',
      externalId: 'in_1',
      account: { id: '5' },
      subsidiary: { id: '1' },
    });
    expect(itemLines(op).map((l) => l.amount)).to.deep.equal([123.45]);
    expect(op.summary).to.deep.include({ customer: 'Acme (cus_1)', date: '2025-03-03', currency: 'eur', amount: 12345 });
    expect(op.dependsOn).to.include(customerKey('cus_1'));
    expect(op.blocked).to.equal(undefined);
  });

  it('dates an invoice without finalized_at on its creation, in the NetSuite time zone', () => {
    const created = Date.UTC(2025, 2, 2, 3, 0, 0) / 1000; // 2025-03-01 19:00 in Los Angeles
    const w = world().put(customer('cus_1'), invoice({ id: 'in_tz', customer: 'cus_1', created, finalizedAt: null, lines: [{ amount: 100 }] }));
    expect(opByKey(plan(w), invoiceKey('in_tz')).body.tranDate).to.equal('2025-03-01');
  });

  it('syncs open, paid, uncollectible and void invoices and never drafts', () => {
    const w = world().put(customer('cus_1'));
    for (const status of ['draft', 'open', 'paid', 'uncollectible', 'void'] as const) {
      w.put(invoice({ id: `in_${status}`, customer: 'cus_1', status, lines: [{ amount: 100 }] }));
    }
    const keys = plan(w).filter((o) => o.recordType === 'invoice').map((o) => o.key);
    expect(keys).to.deep.equal(['invoice:in_open', 'invoice:in_paid', 'invoice:in_uncollectible', 'invoice:in_void']);
    expect(keys).to.not.include('invoice:in_draft');
  });

  it('skips invoices created before the start date (a date is a day in the NetSuite time zone)', () => {
    const w = world((s) => (s.extract.startDate = '2025-03-02')).put(
      customer('cus_1'),
      invoice({ id: 'in_before', customer: 'cus_1', created: T0 + DAY - 3600, lines: [{ amount: 100 }] }),
      invoice({ id: 'in_after', customer: 'cus_1', created: T0 + DAY, lines: [{ amount: 100 }] }),
    );
    // T0 + DAY − 1 h is 2025-03-02 11:00 UTC = 2025-03-02 03:00 in Los Angeles: on the start day, so it syncs;
    // an invoice at 2025-03-02 07:00 UTC (2025-03-01 23:00 local) does not.
    w.put(invoice({ id: 'in_local_prev_day', customer: 'cus_1', created: Date.UTC(2025, 2, 2, 7, 0, 0) / 1000, lines: [{ amount: 100 }] }));
    const keys = plan(w).filter((o) => o.recordType === 'invoice').map((o) => o.key);
    expect(keys).to.include('invoice:in_before');
    expect(keys).to.include('invoice:in_after');
    expect(keys).to.not.include('invoice:in_local_prev_day');

    const instant = world((s) => (s.extract.startDate = '2025-03-02T00:00:00Z')).put(
      customer('cus_1'),
      invoice({ id: 'in_x', customer: 'cus_1', created: Date.UTC(2025, 2, 1, 23, 59, 59) / 1000, lines: [{ amount: 100 }] }),
    );
    expect(plan(instant).filter((o) => o.recordType === 'invoice')).to.have.length(0);
  });

  it('skips trial invoices (every line 0) unless syncTrialInvoices', () => {
    const trial = (): ReturnType<typeof invoice> =>
      invoice({ id: 'in_trial', customer: 'cus_1', status: 'paid', lines: [{ amount: 0, description: 'Trial period for Pro' }] });
    const off = world().put(customer('cus_1'), trial());
    expect(plan(off)).to.have.length(0); // nothing: no invoice, no customer, no item
    const on = world((s) => (s.features.syncTrialInvoices = true)).put(customer('cus_1'), trial());
    const op = opByKey(plan(on), invoiceKey('in_trial'));
    expect(itemLines(op)).to.deep.equal([
      { item: itemLines(op)[0].item, amount: 0, quantity: 1, description: 'Trial period for Pro', revRecStartDate: '2025-03-01', revRecEndDate: '2025-03-01' },
    ]);
  });

  it('syncs a negative invoice as a zero invoice whose memo notes the balance increase', () => {
    const w = world().put(customer('cus_1'), invoice({ id: 'in_neg', customer: 'cus_1', status: 'paid', lines: [{ amount: 1000 }, { amount: -2234, proration: true }] }));
    const op = opByKey(plan(w), invoiceKey('in_neg'));
    expect(op.body.memo).to.equal('Stripe: in_neg Customer balance increased by 12.34 USD');
    expect(itemLines(op).map((l) => l.amount)).to.deep.equal([0, 0]);
    expect(op.summary.amount).to.equal(0);
    expect(op.blocked).to.equal(undefined);
  });

  it('creates a revised invoice as a new invoice that names the original', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_orig', customer: 'cus_1', status: 'void', lines: [{ amount: 1000 }], transitions: { voided_at: T0 + DAY } }),
      invoice({ id: 'in_rev', customer: 'cus_1', created: T0 + DAY, fromInvoice: 'in_orig', lines: [{ amount: 800 }] }),
    );
    const ops = plan(w);
    expect(opByKey(ops, invoiceKey('in_rev')).body.memo).to.equal('Stripe: in_rev (revision of in_orig)');
    expect(opByKey(ops, invoiceKey('in_orig')).body.memo).to.equal('Stripe: in_orig');
  });

  it('never edits a synced invoice, even when Stripe’s copy changed', () => {
    const w = world().put(customer('cus_1'), invoice({ id: 'in_1', customer: 'cus_1', status: 'paid', lines: [{ amount: 1000 }] }));
    w.link(customerKey('cus_1')).link(invoiceKey('in_1'));
    const ops = plan(w);
    expect(ops.filter((o) => o.pass === 'invoices' || o.pass === 'items')).to.have.length(0);
  });

  it('blocks an invoice in a currency NetSuite has no mapping for, naming the currency', () => {
    const w = world().put(customer('cus_1'), invoice({ id: 'in_chf', customer: 'cus_1', currency: 'chf', lines: [{ amount: 100 }] }));
    const ops = plan(w);
    expect(opByKey(ops, invoiceKey('in_chf')).blocked).to.equal('invoice in_chf: no NetSuite currency is configured for CHF; fix: add "chf" (the NetSuite currency\'s internal id) to netsuite.currencies');
    expect(opByKey(ops, customerKey('cus_1')).blocked).to.match(/no NetSuite currency is configured for CHF; fix: add "chf"/);
  });
});
