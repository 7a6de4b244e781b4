import { expect } from 'chai';
import { PlanContext } from '../../src/plan/plan-context.js';
import {
  invoiceLines,
  invoiceLinesProblem,
  netsuiteInvoiceTotal,
  netsuiteLineItems,
  invoiceBalanceCredit,
  invoiceBalanceDebit,
} from '../../src/plan/passes/invoices/invoice-lines.js';
import { couponItemKey, globalItemKey, priceItemKey } from '../../src/plan/keys.js';
import { world, customer, invoice, price, product, coupon, T0, DAY } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('plan: invoice lines', () => {
  it('keeps zero and proration lines, one per Stripe line, with revenue dates (end = period.end − 1 day)', () => {
    const w = world().put(customer('cus_1', { name: 'Acme' }), product('prod_pro', 'Pro'), price('price_pro', 'prod_pro', { nickname: 'Monthly' }));
    const start = T0; // 2025-03-01 in Los Angeles
    const inv = invoice({
      id: 'in_pr',
      customer: 'cus_1',
      lines: [
        { price: 'price_pro', product: 'prod_pro', amount: -500, proration: true, description: 'Unused time', period: { start: start, end: start + 15 * DAY } },
        { price: 'price_pro', product: 'prod_pro', amount: 1500, proration: true, description: 'Remaining time', period: { start: start, end: start + 15 * DAY } },
        { price: 'price_pro', product: 'prod_pro', amount: 0, quantity: 3, description: 'Free seats', period: { start: start, end: start + 31 * DAY } },
      ],
    });
    w.put(inv);
    const ctx = new PlanContext(w).forPass('invoices');
    const lines = invoiceLines(ctx, inv);
    expect(lines.map((l) => l.amount)).to.deep.equal([-500, 1500, 0]);
    expect(lines[2].quantity).to.equal(3);
    expect(lines[0].item).to.deep.equal({ $ref: priceItemKey('price_pro') });
    expect(lines[0].revRecStartDate).to.equal('2025-03-01');
    expect(lines[0].revRecEndDate).to.equal('2025-03-15'); // Stripe end 2025-03-16 is exclusive
    expect(lines[2].revRecEndDate).to.equal('2025-03-31');
    expect(invoiceLinesProblem(inv, lines)).to.equal(undefined);
    expect(sum(lines.map((l) => l.amount))).to.equal(inv.total).and.to.equal(1000);
    // The per-price item was planned once, named after product and nickname, keyed and identified by the price.
    const item = ctx.plan.operations.find((o) => o.key === priceItemKey('price_pro'));
    expect(item?.pass).to.equal('items');
    expect(item?.body).to.include({ itemId: 'Pro - Monthly (price_pro)', displayName: 'Pro - Monthly', externalId: 'price_pro' });
    expect(item?.body.incomeAccount).to.deep.equal({ id: '6' });
    expect(ctx.plan.operations.filter((o) => o.recordType === 'serviceSaleItem')).to.have.length(1);
  });

  it('puts each discount on its own line after the discounted line: percent and fixed coupons', () => {
    const w = world().put(
      customer('cus_1'),
      product('prod_a', 'A'),
      price('price_a', 'prod_a'),
      product('prod_b', 'B'),
      price('price_b', 'prod_b'),
      coupon('SAVE20', { name: '20% off', percent_off: 20 }),
      coupon('five-off!', { name: '$5 off', amount_off: 500 }),
    );
    const inv = invoice({
      id: 'in_disc',
      customer: 'cus_1',
      discounts: { di_pct: 'SAVE20', di_fix: 'five-off!' },
      lines: [
        { price: 'price_a', product: 'prod_a', amount: 2000, discounts: [['di_pct', 400], ['di_fix', 300]] },
        { price: 'price_b', product: 'prod_b', amount: 1000, discounts: [['di_pct', 200], ['di_fix', 200]] },
      ],
    });
    w.put(inv);
    const ops = plan(w);
    const nsInvoice = opByKey(ops, 'invoice:in_disc');
    const lines = itemLines(nsInvoice);
    expect(lines.map((l) => l.amount)).to.deep.equal([20, -4, -3, 10, -2, -2]);
    expect(lines[1].item).to.deep.equal({ $ref: couponItemKey('SAVE20') });
    expect(lines[2].item).to.deep.equal({ $ref: 'discountItem:coupon_five-off_' });
    expect(lines[1].description).to.equal('Discount: 20% off');
    expect(inv.total).to.equal(1900);
    const couponItem = opByKey(ops, couponItemKey('SAVE20'));
    expect(couponItem.pass).to.equal('items');
    // Non-posting by default, with no account: NetSuite takes one or the other (discountItem.md).
    expect(couponItem.body).to.deep.include({ nonPosting: true, externalId: 'coupon_SAVE20' });
    expect(couponItem.body).to.not.have.property('account');
    expect(nsInvoice.blocked).to.equal(undefined);
  });

  it('uses the global Stripe Discount item with globalDiscountItem', () => {
    const w = world((s) => (s.features.globalDiscountItem = true)).put(customer('cus_1'), coupon('SAVE20', { percent_off: 20 }));
    const inv = invoice({ id: 'in_g', customer: 'cus_1', discounts: { di_1: 'SAVE20' }, lines: [{ amount: 1000, discounts: [['di_1', 200]] }] });
    w.put(inv);
    const ops = plan(w);
    expect(itemLines(opByKey(ops, 'invoice:in_g'))[1].item).to.deep.equal({ $ref: globalItemKey('discount') });
    expect(opByKey(ops, globalItemKey('discount')).body).to.deep.include({ itemId: 'Stripe Discount', nonPosting: true });
  });

  it('syncs a 100% coupon invoice with a zero total (it has GL impact)', () => {
    const w = world().put(customer('cus_1'), coupon('FREE', { percent_off: 100 }));
    const inv = invoice({ id: 'in_free', customer: 'cus_1', status: 'paid', discounts: { di_1: 'FREE' }, lines: [{ amount: 4900, discounts: [['di_1', 4900]] }] });
    w.put(inv);
    const op = opByKey(plan(w), 'invoice:in_free');
    expect(op.blocked).to.equal(undefined);
    expect(itemLines(op).map((l) => l.amount)).to.deep.equal([49, -49]);
    expect(op.summary.amount).to.equal(0);
  });

  it('adds tax per rate on Stripe Tax (inclusive tax taken out of its line) and shipping on Stripe Shipping', () => {
    const w = world().put(customer('cus_1'));
    const inv = invoice({
      id: 'in_tax',
      customer: 'cus_1',
      lines: [
        { amount: 1000, taxes: [['txr_ca', 88, 'exclusive']] },
        { amount: 1200, taxes: [['txr_vat', 200, 'inclusive']] },
        { amount: 500, taxes: [['txr_ca', 44, 'exclusive']] },
      ],
      shipping: { total: 750, tax: 50 },
    });
    w.put(inv);
    const ctx = new PlanContext(w).forPass('invoices');
    const lines = invoiceLines(ctx, inv);
    expect(lines.map((l) => [l.description, l.amount])).to.deep.equal([
      ['', 1000],
      ['', 1000],
      ['', 500],
      ['Tax (txr_ca)', 132],
      ['Tax (txr_vat)', 200],
      ['Shipping (shr_1)', 700],
      ['Shipping tax', 50],
    ]);
    expect(lines[3].item).to.deep.equal({ $ref: globalItemKey('tax') });
    expect(lines[5].item).to.deep.equal({ $ref: globalItemKey('shipping') });
    expect(inv.total).to.equal(1000 + 1200 + 500 + 132 + 750);
    expect(sum(lines.map((l) => l.amount))).to.equal(inv.total);
    expect(invoiceLinesProblem(inv, lines)).to.equal(undefined);
    expect(ctx.plan.operations.find((o) => o.key === globalItemKey('tax'))?.body.incomeAccount).to.deep.equal({ id: '8' });
    expect(netsuiteLineItems(lines, 'usd').items[6]).to.deep.equal({ item: { $ref: globalItemKey('tax') }, amount: 0.5, description: 'Shipping tax' });
  });

  it('carries a consumed positive customer balance on Stripe Customer Balance Debit Item', () => {
    const w = world().put(customer('cus_1'));
    const inv = invoice({ id: 'in_debit', customer: 'cus_1', startingBalance: 300, lines: [{ amount: 1000 }] });
    w.put(inv);
    expect(inv.amount_due).to.equal(1300);
    expect(invoiceBalanceDebit(inv)).to.equal(300);
    expect(netsuiteInvoiceTotal(inv)).to.equal(1300);
    const lines = invoiceLines(new PlanContext(w).forPass('invoices'), inv);
    expect(lines.at(-1)).to.deep.include({ amount: 300, item: { $ref: globalItemKey('customerBalanceDebit') } });
    expect(invoiceLinesProblem(inv, lines)).to.equal(undefined);
  });

  it('measures consumed credit balance for the balance credit memo', () => {
    const inv = invoice({ id: 'in_cr', customer: 'cus_1', startingBalance: -500, lines: [{ amount: 1000 }] });
    expect(inv.amount_due).to.equal(500);
    expect(invoiceBalanceCredit(inv)).to.equal(500);
    expect(invoiceBalanceDebit(inv)).to.equal(0);
    const big = invoice({ id: 'in_cr2', customer: 'cus_1', startingBalance: -1500, lines: [{ amount: 1000 }] });
    expect(invoiceBalanceCredit(big)).to.equal(1000);
  });

  it('uses the global Stripe Item for one-time prices; a configured mapping or price metadata wins', () => {
    const w = world((s) => (s.items.mapping = { prod_mapped: '77' })).put(
      customer('cus_1'),
      product('prod_x', 'Setup'),
      price('price_once', 'prod_x', { type: 'one_time' }),
      product('prod_mapped', 'Mapped'),
      price('price_m', 'prod_mapped'),
      price('price_meta', 'prod_x', { metadata: { netsuite_service_sale_item_id: '88' } }),
    );
    const inv = invoice({
      id: 'in_items',
      customer: 'cus_1',
      lines: [
        { price: 'price_once', product: 'prod_x', amount: 100 },
        { price: 'price_m', product: 'prod_mapped', amount: 200 },
        { price: 'price_meta', product: 'prod_x', amount: 300 },
      ],
    });
    w.put(inv);
    const ctx = new PlanContext(w).forPass('invoices');
    const lines = invoiceLines(ctx, inv);
    expect(lines.map((l) => l.item)).to.deep.equal([{ $ref: globalItemKey('item') }, { id: '77' }, { id: '88' }]);
    expect(ctx.plan.operations.map((o) => o.key)).to.deep.equal([globalItemKey('item')]);
  });

  it('uses the global Stripe Item for every price with globalItem', () => {
    const w = world((s) => (s.features.globalItem = true)).put(customer('cus_1'), price('price_pro', 'prod_basic'));
    const inv = invoice({ id: 'in_gi', customer: 'cus_1', lines: [{ price: 'price_pro', amount: 100 }] });
    const lines = invoiceLines(new PlanContext(w.put(inv)).forPass('invoices'), inv);
    expect(lines[0].item).to.deep.equal({ $ref: globalItemKey('item') });
  });

  it('zeroes every line of a negative invoice, keeping the lines', () => {
    const w = world().put(customer('cus_1'));
    const inv = invoice({ id: 'in_neg', customer: 'cus_1', lines: [{ amount: 1000 }, { amount: -2234, proration: true }] });
    w.put(inv);
    const lines = invoiceLines(new PlanContext(w).forPass('invoices'), inv);
    expect(inv.total).to.equal(-1234);
    expect(lines.map((l) => l.amount)).to.deep.equal([0, 0]);
    expect(netsuiteInvoiceTotal(inv)).to.equal(0);
    expect(invoiceLinesProblem(inv, lines)).to.equal(undefined);
  });

  it('reports lines that do not add up to the invoice total, and incomplete line lists', () => {
    const w = world().put(customer('cus_1'));
    const inv = invoice({ id: 'in_bad', customer: 'cus_1', lines: [{ amount: 1000 }] });
    (inv as { total: number }).total = 1100;
    w.put(inv);
    const op = opByKey(plan(w), 'invoice:in_bad');
    expect(op.blocked).to.equal('invoice in_bad: lines (items, discounts, tax, shipping) sum to 10.00 USD but the invoice total is 11.00 USD');
    const partial = invoice({ id: 'in_more', customer: 'cus_1', lines: [{ amount: 1000 }] });
    (partial.lines as { has_more: boolean }).has_more = true;
    expect(invoiceLinesProblem(partial, invoiceLines(new PlanContext(w).forPass('invoices'), partial))).to.match(/in_more\.lines has more pages/);
  });

  it('converts amounts with the currency exponent (JPY, KWD)', () => {
    const w = world().put(customer('cus_1'));
    const jpy = invoice({ id: 'in_jpy', customer: 'cus_1', currency: 'jpy', lines: [{ amount: 1500 }] });
    const kwd = invoice({ id: 'in_kwd', customer: 'cus_1', currency: 'kwd', lines: [{ amount: 1234 }] });
    w.put(jpy, kwd);
    const ops = plan(w);
    expect(itemLines(opByKey(ops, 'invoice:in_jpy'))[0].amount).to.equal(1500);
    expect(itemLines(opByKey(ops, 'invoice:in_kwd'))[0].amount).to.equal(1.234);
  });
});
