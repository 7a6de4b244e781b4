import { expect } from 'chai';
import { customerKey, globalItemKey, invoiceCloseKey, invoiceKey, paymentKey } from '../../src/plan/keys.js';
import { PlanContext } from '../../src/plan/plan-context.js';
import { netsuiteOpenAmount } from '../../src/plan/passes/invoices/invoice-open-amount.js';
import { world, customer, invoice, charge, paymentIntent, invoicePayment, product, price, T0, DAY } from './fixtures.js';
import { plan, opByKey, itemLines } from './plan-helpers.js';

const MARKED = T0 + 40 * DAY + 3600; // 2025-04-10 in Los Angeles

function uncollectible(id = 'in_bad', lines = [{ amount: 5000, period: { start: T0, end: T0 + 31 * DAY } }]): ReturnType<typeof invoice> {
  return invoice({ id, customer: 'cus_1', status: 'uncollectible', lines, transitions: { marked_uncollectible_at: MARKED } });
}

describe('plan: closures', () => {
  it('closes an uncollectible invoice with a credit memo dated on the transition, copying its lines', () => {
    const w = world().put(customer('cus_1'), product('prod_pro', 'Pro'), price('price_pro', 'prod_pro'));
    w.put(uncollectible('in_bad', [
      { price: 'price_pro', product: 'prod_pro', amount: 5000, period: { start: T0, end: T0 + 31 * DAY } } as never,
    ]));
    const ops = plan(w);
    const close = opByKey(ops, invoiceCloseKey('in_bad'));
    expect(close).to.deep.include({ pass: 'closures', action: 'close', recordType: 'creditMemo', externalId: 'in_bad-close', stripeId: 'in_bad' });
    expect(close.body).to.deep.include({
      entity: { $ref: customerKey('cus_1') },
      tranDate: '2025-04-10',
      currency: { id: '1' },
      memo: 'Stripe: in_bad marked uncollectible',
      externalId: 'in_bad-close',
      account: { id: '5' },
      subsidiary: { id: '1' },
      apply: { items: [{ doc: { $ref: invoiceKey('in_bad') }, apply: true, amount: 50 }] },
    });
    // Same item and revenue dates as the invoice line (I26).
    expect(itemLines(close)).to.deep.equal(itemLines(opByKey(ops, invoiceKey('in_bad'))));
    expect(itemLines(close)[0]).to.deep.include({ amount: 50, revRecStartDate: '2025-03-01', revRecEndDate: '2025-03-31' });
    expect(close.dependsOn).to.include(invoiceKey('in_bad'));
    expect(close.summary).to.deep.include({ date: '2025-04-10', amount: 5000, currency: 'usd' });
    // The closure comes after the invoice it closes.
    expect(ops.indexOf(close)).to.be.greaterThan(ops.findIndex((o) => o.key === invoiceKey('in_bad')));
  });

  it('uses the Stripe Bad Debt Item for an uncollectible invoice with useBadDebtItem', () => {
    const w = world((s) => (s.features.useBadDebtItem = true)).put(customer('cus_1'), uncollectible());
    const ops = plan(w);
    const close = opByKey(ops, invoiceCloseKey('in_bad'));
    expect(itemLines(close)).to.deep.equal([{ item: { $ref: globalItemKey('badDebt') }, amount: 50, description: 'Closes in_bad (uncollectible)' }]);
    expect(opByKey(ops, globalItemKey('badDebt')).body.incomeAccount).to.deep.equal({ id: '9' });
  });

  it('keeps an uncollectible invoice open with keepUnpaidInvoicesOpen, but still closes a void one', () => {
    const w = world((s) => (s.features.keepUnpaidInvoicesOpen = true)).put(
      customer('cus_1'),
      uncollectible(),
      invoice({ id: 'in_void', customer: 'cus_1', status: 'void', lines: [{ amount: 700 }], transitions: { voided_at: T0 + 5 * DAY } }),
    );
    const ops = plan(w);
    expect(ops.some((o) => o.key === invoiceCloseKey('in_bad'))).to.equal(false);
    expect(ops.some((o) => o.key === invoiceKey('in_bad'))).to.equal(true);
    expect(opByKey(ops, invoiceCloseKey('in_void')).body).to.deep.include({ tranDate: '2025-03-06', memo: 'Stripe: in_void voided' });
  });

  it('closes a void invoice for its open amount; a void invoice with nothing open needs no memo', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_void', customer: 'cus_1', status: 'void', lines: [{ amount: 1999 }], transitions: { voided_at: T0 + DAY } }),
      invoice({ id: 'in_zero', customer: 'cus_1', status: 'void', lines: [{ amount: 1000 }, { amount: -1000 }], transitions: { voided_at: T0 + DAY } }),
    );
    const ops = plan(w);
    expect((opByKey(ops, invoiceCloseKey('in_void')).body.apply as { items: Array<{ amount: number }> }).items[0].amount).to.equal(19.99);
    expect(ops.some((o) => o.key === invoiceKey('in_zero'))).to.equal(true);
    expect(ops.some((o) => o.key === invoiceCloseKey('in_zero'))).to.equal(false);
  });

  it('closes the original of a revised invoice and names the revision', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_orig', customer: 'cus_1', status: 'void', lines: [{ amount: 1000 }], transitions: { voided_at: T0 + DAY } }),
      invoice({ id: 'in_rev', customer: 'cus_1', created: T0 + DAY, fromInvoice: 'in_orig', lines: [{ amount: 800 }] }),
    );
    const ops = plan(w);
    expect(opByKey(ops, invoiceCloseKey('in_orig')).body.memo).to.equal('Stripe: in_orig voided, revised by in_rev');
    expect(opByKey(ops, invoiceKey('in_rev')).summary.amount).to.equal(800);
    expect(ops.some((o) => o.key === invoiceCloseKey('in_rev'))).to.equal(false);
  });

  it('closes only what a partial payment left open: the single line’s item, or Stripe Bad Debt Item across lines', () => {
    const w = world().put(customer('cus_1'), product('prod_pro', 'Pro'), price('price_pro', 'prod_pro'));
    // One line, 30.00 of 50.00 paid by a charge already in NetSuite.
    w.put(
      invoice({ id: 'in_one', customer: 'cus_1', status: 'uncollectible', amountPaid: 3000, lines: [{ price: 'price_pro', product: 'prod_pro', amount: 5000, period: { start: T0, end: T0 + 31 * DAY } }], transitions: { marked_uncollectible_at: MARKED } }),
      charge('ch_1', { customer: 'cus_1', amount: 3000, payment_intent: 'pi_1' }),
      paymentIntent('pi_1', 'ch_1'),
      invoicePayment('inpay_1', 'in_one', 'pi_1', 3000),
    );
    // Two lines, 10.00 of 50.00 paid.
    w.put(
      invoice({ id: 'in_two', customer: 'cus_1', status: 'uncollectible', amountPaid: 1000, lines: [{ amount: 2000 }, { amount: 3000 }], transitions: { marked_uncollectible_at: MARKED } }),
      charge('ch_2', { customer: 'cus_1', amount: 1000, payment_intent: 'pi_2' }),
      paymentIntent('pi_2', 'ch_2'),
      invoicePayment('inpay_2', 'in_two', 'pi_2', 1000),
    );
    w.link(customerKey('cus_1')).link(invoiceKey('in_one')).link(invoiceKey('in_two')).link(paymentKey('ch_1')).link(paymentKey('ch_2'));
    const ops = plan(w);
    const one = opByKey(ops, invoiceCloseKey('in_one'));
    expect(one.summary.amount).to.equal(2000);
    expect(itemLines(one)).to.deep.equal([
      { item: { $ref: 'serviceSaleItem:price_pro' }, amount: 20, description: '', revRecStartDate: '2025-03-01', revRecEndDate: '2025-03-31' },
    ]);
    // A linked invoice is referenced by its key; apply resolves it to the internal id.
    expect((one.body.apply as { items: unknown[] }).items).to.deep.equal([{ doc: { $ref: invoiceKey('in_one') }, apply: true, amount: 20 }]);
    expect(one.dependsOn).to.not.include(invoiceKey('in_one'));
    const two = opByKey(ops, invoiceCloseKey('in_two'));
    expect(itemLines(two)).to.deep.equal([{ item: { $ref: globalItemKey('badDebt') }, amount: 40, description: 'Closes in_two (uncollectible)' }]);
  });

  it('counts payments planned in the same run (netsuiteOpenAmount)', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_p', customer: 'cus_1', status: 'uncollectible', amountPaid: 1500, lines: [{ amount: 5000 }], transitions: { marked_uncollectible_at: MARKED } }),
      charge('ch_p', { customer: 'cus_1', amount: 1500, payment_intent: 'pi_p' }),
      paymentIntent('pi_p', 'ch_p'),
      invoicePayment('inpay_p', 'in_p', 'pi_p', 1500),
    );
    const ops = plan(w);
    const payment = opByKey(ops, paymentKey('ch_p'));
    expect(payment.body.apply).to.deep.equal({ items: [{ doc: { $ref: invoiceKey('in_p') }, apply: true, amount: 15 }] });
    expect(opByKey(ops, invoiceCloseKey('in_p')).summary.amount).to.equal(3500);

    // The helper itself: total − planned applications (any op with an apply line on the invoice), blocked ops ignored.
    const ctx = new PlanContext(world().put(customer('cus_1'), invoice({ id: 'in_h', customer: 'cus_1', lines: [{ amount: 10000 }] }))).forPass('payments');
    expect(netsuiteOpenAmount(ctx, 'in_h')).to.equal(10000);
    const applyTo = (externalId: string, amount: number, blocked?: string): void => {
      ctx.add({
        action: 'create',
        recordType: 'customerPayment',
        externalId,
        stripeId: externalId,
        body: { apply: { items: [{ doc: { $ref: invoiceKey('in_h') }, apply: true, amount }] } },
        summary: { description: 'test' },
        ...(blocked ? { blocked } : {}),
      });
    };
    applyTo('ch_a', 25.5);
    applyTo('ch_b', 10, 'blocked for the test');
    expect(netsuiteOpenAmount(ctx, 'in_h')).to.equal(7450);
    applyTo('ch_c', 80);
    expect(netsuiteOpenAmount(ctx, 'in_h')).to.equal(0);
    expect(netsuiteOpenAmount(ctx, 'in_unknown')).to.equal(0);
  });

  it('plans no new closure for an uncollectible invoice later paid, nor for one already closed', () => {
    const w = world().put(
      customer('cus_1'),
      invoice({ id: 'in_paid_later', customer: 'cus_1', status: 'paid', lines: [{ amount: 5000 }], transitions: { marked_uncollectible_at: MARKED, paid_at: MARKED + DAY } }),
      uncollectible('in_closed'),
    );
    w.link(customerKey('cus_1')).link(invoiceKey('in_paid_later')).link(invoiceCloseKey('in_paid_later'));
    w.link(invoiceKey('in_closed')).link(invoiceCloseKey('in_closed'));
    const ops = plan(w);
    expect(ops.filter((o) => o.pass === 'closures')).to.have.length(0);
  });

  it('does not close invoices the connector never synced (trial, before go-live)', () => {
    const w = world((s) => (s.extract.startDate = '2025-03-15')).put(
      customer('cus_1'),
      invoice({ id: 'in_old', customer: 'cus_1', status: 'void', lines: [{ amount: 500 }], transitions: { voided_at: T0 + 20 * DAY } }),
      invoice({ id: 'in_trial', customer: 'cus_1', created: T0 + 20 * DAY, status: 'void', lines: [{ amount: 0 }], transitions: { voided_at: T0 + 21 * DAY } }),
    );
    expect(plan(w)).to.have.length(0);
  });

  it('blocks a closure whose status timestamp is missing', () => {
    const w = world().put(customer('cus_1'), invoice({ id: 'in_nots', customer: 'cus_1', status: 'void', lines: [{ amount: 500 }] }));
    expect(opByKey(plan(w), invoiceCloseKey('in_nots')).blocked).to.equal(
      'invoice in_nots is void but status_transitions.voided_at is missing, so the closing date is unknown',
    );
  });
});
