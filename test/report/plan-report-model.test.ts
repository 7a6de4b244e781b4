import { expect } from 'chai';
import { buildReportModel } from '../../src/report/plan-report-model.js';
import { PASSES } from '../../src/plan/operation.js';
import { samplePlan } from './sample-plan.js';

describe('report: plan report model', () => {
  it('lists every pass in PASSES order, each with its operations in plan order', () => {
    const model = buildReportModel(samplePlan());
    expect(model.passes.map((p) => p.name)).to.deep.equal([...PASSES]);
    expect(model.passes.find((p) => p.name === 'invoices')!.operations.map((o) => o.key)).to.deep.equal([
      'invoice:in_1',
      'invoice:in_2',
      'invoice:in_3',
      'invoice:in_4',
    ]);
    expect(model.operationCount).to.equal(13);
  });

  it('groups by pass but keeps plan order inside a pass when the plan interleaves passes', () => {
    const plan = samplePlan();
    const reversed = { operations: [...plan.operations].reverse() };
    const model = buildReportModel(reversed);
    expect(model.passes.map((p) => p.name)).to.deep.equal([...PASSES]);
    expect(model.passes[0].operations.map((o) => o.key)).to.deep.equal(['customer:cus_B', 'customer:cus_A']);
    expect(model.passes.find((p) => p.name === 'closures')!.operations.map((o) => o.key)).to.deep.equal([
      'creditMemo:in_6-balance#apply',
      'creditMemo:in_5-close',
    ]);
  });

  it('counts by action, with blocked operations counted as blocked only', () => {
    const model = buildReportModel(samplePlan());
    expect(model.counts).to.deep.equal({ create: 8, link: 1, close: 1, apply: 1, blocked: 2 });
    const byName = Object.fromEntries(model.passes.map((p) => [p.name, p.counts]));
    expect(byName.customers).to.deep.equal({ create: 1, link: 1, close: 0, apply: 0, blocked: 0 });
    expect(byName.invoices).to.deep.equal({ create: 3, link: 0, close: 0, apply: 0, blocked: 1 });
    expect(byName.payments).to.deep.equal({ create: 1, link: 0, close: 0, apply: 0, blocked: 1 });
    expect(byName.closures).to.deep.equal({ create: 0, link: 0, close: 1, apply: 1, blocked: 0 });
    const blocked = model.passes.flatMap((p) => p.operations).filter((o) => o.reportAction === 'blocked');
    expect(blocked.map((o) => [o.key, o.action, o.blocked])).to.deep.equal([
      ['invoice:in_4', 'create', 'customer cus_X is not in the ledger'],
      ['customerPayment:ch_2', 'create', 'invoice in_9 is not in the ledger'],
    ]);
  });

  it('totals per record type and currency in integer minor units, applications not counted again, blocked apart', () => {
    const model = buildReportModel(samplePlan());
    const invoices = model.passes.find((p) => p.name === 'invoices')!;
    expect(invoices.willPost).to.deep.equal([
      { recordType: 'invoice', currency: 'jpy', amountMinor: 1500, amount: '1500', operations: 1 },
      { recordType: 'invoice', currency: 'kwd', amountMinor: 1234, amount: '1.234', operations: 1 },
      { recordType: 'invoice', currency: 'usd', amountMinor: 12000, amount: '120.00', operations: 1 },
    ]);
    expect(invoices.blocked).to.deep.equal([{ recordType: 'invoice', currency: 'usd', amountMinor: 500, amount: '5.00', operations: 1 }]);
    // The closing memo counts; the PATCH applying the balance memo re-applies an amount already posted and does not.
    const closures = model.passes.find((p) => p.name === 'closures')!;
    expect(closures.willPost).to.deep.equal([{ recordType: 'creditMemo', currency: 'usd', amountMinor: 3000, amount: '30.00', operations: 1 }]);
    expect(model.passes.find((p) => p.name === 'customers')!.willPost).to.deep.equal([]);

    // Never a sum across record types: an invoice and the payment of it are two views of the same money.
    expect(model.willPost).to.deep.equal([
      { recordType: 'creditMemo', currency: 'usd', amountMinor: 3000, amount: '30.00', operations: 1 },
      { recordType: 'customerPayment', currency: 'usd', amountMinor: 12000, amount: '120.00', operations: 1 },
      { recordType: 'customerRefund', currency: 'usd', amountMinor: 2000, amount: '20.00', operations: 1 },
      { recordType: 'deposit', currency: 'jpy', amountMinor: 1500, amount: '1500', operations: 1 },
      { recordType: 'invoice', currency: 'jpy', amountMinor: 1500, amount: '1500', operations: 1 },
      { recordType: 'invoice', currency: 'kwd', amountMinor: 1234, amount: '1.234', operations: 1 },
      { recordType: 'invoice', currency: 'usd', amountMinor: 12000, amount: '120.00', operations: 1 },
    ]);
    expect(model.blocked).to.deep.equal([
      { recordType: 'customerPayment', currency: 'kwd', amountMinor: 5, amount: '0.005', operations: 1 },
      { recordType: 'invoice', currency: 'usd', amountMinor: 500, amount: '5.00', operations: 1 },
    ]);
  });

  it('normalises currency codes and gives each operation its decimal amount', () => {
    const model = buildReportModel(samplePlan());
    const ops = new Map(model.passes.flatMap((p) => p.operations).map((o) => [o.key, o]));
    expect(ops.get('invoice:in_3')).to.include({ currency: 'kwd', amountMinor: 1234, amount: '1.234' });
    expect(ops.get('invoice:in_2')).to.include({ currency: 'jpy', amountMinor: 1500, amount: '1500' });
    expect(ops.get('customer:cus_A')!.amount).to.equal(undefined);
    expect(ops.get('creditMemo:in_6-balance#apply')!.target).to.equal('creditMemo:in_6-balance');
  });

  it('carries no timestamp unless one is passed in', () => {
    const a = buildReportModel(samplePlan(), { generatedFor: 'ledger.sqlite' });
    expect(a).to.not.have.property('generatedAt');
    expect(a.generatedFor).to.equal('ledger.sqlite');
    const b = buildReportModel(samplePlan(), { generatedAt: '2026-03-11T00:00:00Z' });
    expect(b.generatedAt).to.equal('2026-03-11T00:00:00Z');
  });

  it('refuses an amount that is not an integer of minor units', () => {
    const plan = samplePlan();
    plan.operations[3].summary.amount = 120.5;
    expect(() => buildReportModel(plan)).to.throw(/invoice:in_1.*not an integer/);
  });
});
