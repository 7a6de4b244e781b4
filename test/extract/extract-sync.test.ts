// Extraction against the Stripe sandbox over HTTP, into a real SQLite ledger.
import { expect } from 'chai';
import { extract, StripeAccessError } from '../../src/extract/extract-run.js';
import { createStripeClient } from '../../src/extract/stripe-client.js';
import { readCursor } from '../../src/ledger/cursors.js';
import { DAY, WorldBuilder, type Obj } from './world-builder.js';
import { ledgerHashes, requestsSince, startHarness, stored, type Harness } from './harness.js';

const T0 = 1_780_000_000;

describe('extract (sync) against the Stripe sandbox', function () {
  this.timeout(60_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('sees an invoice open, then paid, then refunded across three runs', async () => {
    const w = new WorldBuilder();
    const cus = w.customer(T0 - 10 * DAY);
    const prod = w.product(T0 - 20 * DAY);
    const price = w.price(T0 - 20 * DAY, prod.id);
    const inv = w.add(w.invoiceObject({ created: T0, customer: cus.id, price, lineCount: 2 }));
    const pay = w.payment(inv, T0 + DAY);
    w.event('invoice.paid', T0 + DAY, w.paid(inv, T0 + DAY));
    const re = w.refund(pay.charge, T0 + 2 * DAY);
    w.event('charge.refunded', T0 + 2 * DAY, { ...pay.charge, amount_refunded: pay.charge.amount, refunded: true });

    h = await startHarness({ world: w.items, now: T0 + 3600 });
    const r1 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r1.errors).to.deep.equal([]);
    expect(stored(h.ledger, inv.id)?.object.status).to.equal('open');
    expect(stored(h.ledger, inv.id)?.final).to.equal(false);
    // The customer came expanded on the invoice; price and product were fetched lazily.
    expect(stored(h.ledger, inv.id)?.object.customer).to.equal(cus.id);
    expect(stored(h.ledger, cus.id)?.object.email).to.equal(cus.email);
    expect(stored(h.ledger, price.id)?.object.product).to.equal(prod.id);
    expect(stored(h.ledger, prod.id)?.final).to.equal(true);
    expect(stored(h.ledger, pay.charge.id)).to.equal(undefined);
    expect(r1.byType).to.deep.include({ invoice: 1, customer: 1, price: 1, product: 1 });
    expect(r1.inserted).to.equal(4);

    h.sandbox.advance(DAY);
    const r2 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r2.errors).to.deep.equal([]);
    const paid = stored(h.ledger, inv.id)!;
    expect(paid.object.status).to.equal('paid');
    expect(paid.final).to.equal(true);
    expect(paid.updatedAt).to.equal(T0 + DAY); // the event's time: when Stripe changed it
    expect(stored(h.ledger, pay.ip.id)?.object.invoice).to.equal(inv.id);
    // The payment intent came expanded on the invoice payment, stored on its own, the reference collapsed.
    expect((stored(h.ledger, pay.ip.id)?.object.payment as { payment_intent: string }).payment_intent).to.equal(pay.pi.id);
    expect(stored(h.ledger, pay.pi.id)?.object.latest_charge).to.equal(pay.charge.id);
    expect(stored(h.ledger, pay.charge.id)?.object.amount_refunded).to.equal(0);
    expect(r2.changed).to.equal(1);
    expect(r2.inserted).to.equal(3); // invoice_payment, payment_intent, charge

    h.sandbox.advance(DAY);
    const r3 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r3.errors).to.deep.equal([]);
    expect(stored(h.ledger, re.id)?.object.status).to.equal('succeeded');
    expect(stored(h.ledger, re.id)?.final).to.equal(true);
    expect(stored(h.ledger, pay.charge.id)?.object.amount_refunded).to.equal(pay.charge.amount);
    expect(stored(h.ledger, inv.id)?.object.status).to.equal('paid');
    expect(r3.inserted).to.equal(1);
    expect(r3.changed).to.equal(1); // the charge, from charge.refunded
  });

  it('picks up a change older than the 30 days of events through the sweep', async () => {
    const w = new WorldBuilder();
    const cus = w.customer(T0 - DAY);
    const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
    const inv = w.add(w.invoiceObject({ created: T0, customer: cus.id, price }));
    w.event('invoice.paid', T0 + 5 * DAY, w.paid(inv, T0 + 5 * DAY));

    h = await startHarness({ world: w.items, now: T0 + 3600 });
    await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(stored(h.ledger, inv.id)?.object.status).to.equal('open');

    h.sandbox.advance(40 * DAY);
    const mark = h.sandbox.requestLog.length;
    const r = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r.errors).to.deep.equal([]);
    expect(stored(h.ledger, inv.id)?.object.status).to.equal('paid');
    expect(stored(h.ledger, inv.id)?.final).to.equal(true);
    const log = requestsSince(h.sandbox, mark);
    // The feed no longer has the event; the sweep re-read the invoice by id.
    expect(log.some((l) => l.startsWith(`GET /v1/invoices/${inv.id}?`) || l === `GET /v1/invoices/${inv.id}`)).to.equal(true);
  });

  it('extracts an object created exactly on a window boundary once', async () => {
    const settle = 60;
    const overlap = 600;
    const now1 = T0 + 10_000;
    const end1 = now1 - settle;
    const w = new WorldBuilder();
    const cus = w.customer(T0 - DAY);
    const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
    const atEnd = w.payment(w.add(w.invoiceObject({ created: end1, customer: cus.id, price })), end1).charge;
    const atOverlapStart = w.payment(w.add(w.invoiceObject({ created: end1 - overlap, customer: cus.id, price })), end1 - overlap).charge;

    h = await startHarness({ world: w.items, now: now1, extract: { settleDelaySeconds: settle, overlapSeconds: overlap } });
    const r1 = await extract(h.ledger, h.client, h.settings, { now: now1, mode: 'sync' });
    expect(r1.errors).to.deep.equal([]);
    expect(stored(h.ledger, atEnd.id)).to.equal(undefined); // [start, end): the end second is the next window's
    expect(stored(h.ledger, atOverlapStart.id)).to.not.equal(undefined);
    expect(await readCursor(h.ledger, 'created:charge')).to.equal(String(end1));

    h.sandbox.advance(3600);
    const r2 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r2.errors).to.deep.equal([]);
    expect(stored(h.ledger, atEnd.id)).to.not.equal(undefined);
    const charges = h.ledger.sqlite.prepare("SELECT id FROM stripe_objects WHERE type = 'charge' ORDER BY id").all() as Array<{ id: string }>;
    expect(charges.map((c) => c.id)).to.deep.equal([atEnd.id, atOverlapStart.id].sort());
    // The overlap re-read the earlier one: unchanged, not inserted again.
    expect(r1.byType.charge).to.equal(1);
    expect(r2.byType.charge).to.equal(2);
    expect(r1.inserted + r2.inserted).to.equal(ledgerHashes(h.ledger).size);
  });

  it('stores an invoice with all of its lines when they do not fit on the embedded page', async () => {
    const w = new WorldBuilder();
    const cus = w.customer(T0 - DAY);
    const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
    const coupon = w.coupon(T0 - DAY);
    const inv = w.add(w.invoiceObject({ created: T0, customer: cus.id, price, lineCount: 25, discount: coupon }));
    h = await startHarness({ world: w.items, now: T0 + 3600 });
    const mark = h.sandbox.requestLog.length;
    const r = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r.errors).to.deep.equal([]);
    const lines = stored(h.ledger, inv.id)!.object.lines as { data: Array<{ id: string; discounts: unknown[] }>; has_more: boolean };
    expect(lines.has_more).to.equal(false);
    expect(lines.data.map((l) => l.id)).to.deep.equal((inv.lines as { data: Array<{ id: string }> }).data.map((l) => l.id));
    // Line discounts name their coupon: resolved from the invoice's expanded discounts.
    expect((lines.data[24].discounts[0] as { source: { coupon: string } }).source.coupon).to.equal(coupon.id);
    expect(stored(h.ledger, coupon.id)?.object.percent_off).to.equal(20);
    expect(requestsSince(h.sandbox, mark).filter((l) => l.startsWith(`GET /v1/invoices/${inv.id}/lines`))).to.have.length(1);
  });

  it('records a reference it cannot fetch, stores everything else, and retries it next run', async () => {
    const w = new WorldBuilder();
    const cus = w.customer(T0 - DAY);
    const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
    const good = w.payment(w.add(w.invoiceObject({ created: T0, customer: cus.id, price })), T0);
    const orphan = w.add({ ...good.charge, id: 'ch_orphan', customer: 'cus_missing', payment_intent: null, created: T0 + 5 } as Obj);
    h = await startHarness({ world: w.items, now: T0 + 3600 });
    const r = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.include({ stripeId: 'cus_missing', type: 'customer' });
    expect(r.errors[0].message).to.match(/404/);
    expect(stored(h.ledger, orphan.id)?.object.customer).to.equal('cus_missing');
    expect(stored(h.ledger, good.charge.id)).to.not.equal(undefined);
    expect(JSON.parse((await readCursor(h.ledger, 'lazy:pending'))!)).to.deep.equal([{ type: 'customer', id: 'cus_missing' }]);

    h.sandbox.advance(600);
    const mark = h.sandbox.requestLog.length;
    const r2 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r2.errors.map((e) => e.stripeId)).to.deep.equal(['cus_missing']);
    expect(requestsSince(h.sandbox, mark).some((l) => l.startsWith('GET /v1/customers/cus_missing'))).to.equal(true);
  });

  it('re-reads an object whose event payload is in another API version instead of trusting it', async () => {
    const w = new WorldBuilder();
    const cus = w.customer(T0 - DAY);
    const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
    const inv = w.add(w.invoiceObject({ created: T0, customer: cus.id, price }));
    // A later event rendered in an old API version (the sandbox serves its payload from then on).
    w.event('invoice.paid', T0 + 2 * 3600, w.paid(inv, T0 + 2 * 3600), '2020-08-27');
    h = await startHarness({ world: w.items, now: T0 + 3600 });
    await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    h.sandbox.advance(3 * 3600);
    const mark = h.sandbox.requestLog.length;
    const r = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync', sweep: 'auto' });
    expect(r.errors).to.deep.equal([]);
    expect(stored(h.ledger, inv.id)?.object.status).to.equal('paid');
    // Read by id in our version, rather than stored from the payload.
    const log = requestsSince(h.sandbox, mark);
    expect(log.filter((l) => l.startsWith(`GET /v1/invoices/${inv.id}?`))).to.have.length(1);
    expect(stored(h.ledger, inv.id)?.updatedAt).to.equal(h.sandbox.now());
  });

  it('an account still on an older default API version: events re-read by id, the ledger keeps the current shape', async () => {
    const run = async (accountApiVersion?: { version: string; upgradedAt: number }): Promise<{ retrieves: number; obj: Obj }> => {
      const w = new WorldBuilder();
      const cus = w.customer(T0 - DAY);
      const price = w.price(T0 - DAY, w.product(T0 - DAY).id);
      const inv = w.add({
        ...w.invoiceObject({ created: T0, customer: cus.id, price }),
        parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: 'sub_X' } },
      });
      // The world's events are written in the current version; the account option decides what is served.
      w.event('invoice.paid', T0 + 2 * 3600, w.paid(inv, T0 + 2 * 3600));
      h = await startHarness({ world: w.items, now: T0 + 3600, accountApiVersion });
      await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
      h.sandbox.advance(3 * 3600);
      const mark = h.sandbox.requestLog.length;
      const r = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync', sweep: 'auto' });
      expect(r.errors).to.deep.equal([]);
      const retrieves = requestsSince(h.sandbox, mark).filter((l) => l.startsWith(`GET /v1/invoices/${inv.id}?`)).length;
      const obj = stored(h.ledger, inv.id)!.object as Obj;
      await h.close();
      h = undefined;
      return { retrieves, obj };
    };

    // Upgraded long ago: the event payload is in our version and is trusted (no retrieve).
    const current = await run({ version: '2024-06-20', upgradedAt: T0 - 30 * DAY });
    expect(current.retrieves).to.equal(0);
    expect(current.obj.status).to.equal('paid');

    // Upgraded after the event: its payload is the 2024-06-20 shape, so the invoice is read again by id.
    const older = await run({ version: '2024-06-20', upgradedAt: T0 + 10 * DAY });
    expect(older.retrieves).to.equal(1);
    expect(older.obj.status).to.equal('paid');
    // The ledger holds the current (basil and later) shape, never the payload's.
    expect((older.obj.parent as { subscription_details: { subscription: string } }).subscription_details.subscription).to.equal('sub_X');
    expect(older.obj).to.not.have.property('subscription');
    expect(older.obj).to.not.have.property('total_tax_amounts');
    const line = (older.obj.lines as { data: Obj[] }).data[0];
    expect(line).to.have.property('pricing');
    expect(line).to.not.have.property('price');
  });

  it('stops at a refused API key: one request, an access error without the key, no cursor moved', async () => {
    const w = new WorldBuilder();
    w.customer(T0 - DAY);
    h = await startHarness({ world: w.items, now: T0 + 3600 });
    const wrongKey = 'sk_test_51WrongKeyNeverPrinted0987654321';
    const client = createStripeClient({ stripeApiKey: wrongKey, stripeApiBase: h.sandbox.url }, { requestsPerSecond: 1000 });
    let failure: unknown;
    try {
      await extract(h.ledger, client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    } catch (err) {
      failure = err;
    }
    // Every request would be refused the same way, so the run stops instead of calling itself partial.
    expect(failure).to.be.instanceOf(StripeAccessError);
    expect((failure as StripeAccessError).statusCode).to.equal(401);
    expect((failure as Error).message).to.include('HTTP 401');
    expect((failure as Error).message).to.not.include('WrongKeyNeverPrinted');
    expect(client.stats.requests).to.be.lessThanOrEqual(7); // a 401 is not retried
    expect(await readCursor(h.ledger, 'created:invoice')).to.equal(undefined);
    expect(ledgerHashes(h.ledger).size).to.equal(0);
  });
});
