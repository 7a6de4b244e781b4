// Extraction of a few hundred objects: request budget, fault storms, resumable backfill, benchmark.
import { expect } from 'chai';
import { benchExtract } from '../../src/bench/extract-throughput.js';
import { extract, type BackfillProgress } from '../../src/extract/extract-run.js';
import { readCursor } from '../../src/ledger/cursors.js';
import { DAY, WorldBuilder, type Obj } from './world-builder.js';
import { ledgerHashes, requestsSince, startHarness, stored, testSettings, type Harness } from './harness.js';

const T0 = 1_780_000_000;

/** ~60 invoices over four weeks, paid, a few refunded, a coupon, weekly payouts (a few hundred objects). */
function mediumWorld(later?: (w: WorldBuilder, customers: Obj[], prices: Obj[]) => void): { items: Obj[]; payouts: Obj[]; invoices: Obj[] } {
  const w = new WorldBuilder();
  const start = T0 - 28 * DAY;
  const prod = w.product(start - 30 * DAY);
  const prices = [w.price(start - 30 * DAY, prod.id, 1000), w.price(start - 30 * DAY, prod.id, 5000)];
  const coupon = w.coupon(start - 30 * DAY);
  const customers = Array.from({ length: 30 }, (_, i) => w.customer(start - 10 * DAY + i));
  const invoices: Obj[] = [];
  for (let i = 0; i < 60; i++) {
    const at = start + i * 11 * 3600 + 7;
    const inv = w.add(w.invoiceObject({
      created: at, customer: customers[i % customers.length].id, price: prices[i % 2], lineCount: 1 + (i % 3),
      discount: i % 10 === 0 ? coupon : undefined,
    }));
    invoices.push(inv);
    const pay = w.payment(inv, at + 600);
    w.event('invoice.paid', at + 600, w.paid(inv, at + 600));
    if (i % 12 === 5) w.refund(pay.charge, at + DAY);
  }
  const payouts = [1, 2, 3].map((k) => w.payout(start + k * 7 * DAY, 1000 * k));
  later?.(w, customers, prices);
  return { items: w.items, payouts, invoices };
}

describe('extract at volume against the Stripe sandbox', function () {
  this.timeout(120_000);
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });
  const start = async (o: Parameters<typeof startHarness>[0]): Promise<Harness> => {
    const h = await startHarness(o);
    harnesses.push(h);
    return h;
  };

  it('stays within one list request per 100 objects plus one per payout and a small constant', async () => {
    const world = mediumWorld();
    const h = await start({ world: world.items, now: T0 });
    const r = await extract(h.ledger, h.client, h.settings, { now: T0, mode: 'sync' });
    expect(r.errors).to.deep.equal([]);
    const objects = ledgerHashes(h.ledger).size;
    expect(objects).to.be.within(250, 600);
    expect(r.objectsSeen).to.equal(objects);
    // 7 windowed lists, 2 prices + 1 coupon fetched lazily: 10
    const budget = objects / 100 + world.payouts.length + 10;
    expect(r.requests).to.be.at.most(budget);
    for (const po of world.payouts) {
      const txns = h.ledger.sqlite.prepare('SELECT COUNT(*) AS n FROM stripe_objects WHERE payout = ?').get(po.id) as { n: number };
      expect(txns.n, po.id).to.be.greaterThan(0);
    }
    // Every invoice is stored paid and final.
    for (const inv of world.invoices) expect(stored(h.ledger, inv.id)?.object.status, inv.id).to.equal('paid');
    // A second run right after reads the windows' overlap and the feed, nothing else.
    h.sandbox.advance(900);
    const r2 = await extract(h.ledger, h.client, h.settings, { now: h.sandbox.now(), mode: 'sync' });
    expect(r2.errors).to.deep.equal([]);
    expect(r2.inserted + r2.changed).to.equal(0);
    expect(r2.requests).to.be.at.most(7 + 2);
  });

  it('ends a 429 and 500 storm with the same ledger as a clean run', async () => {
    const world = mediumWorld();
    const clean = await start({ world: world.items, now: T0 });
    const stormy = await start({
      world: world.items, now: T0, faults: { rateLimitRate: 0.3, serverErrorRate: 0.1, seed: 7 },
    });
    const a = await extract(clean.ledger, clean.client, clean.settings, { now: T0, mode: 'sync' });
    const b = await extract(stormy.ledger, stormy.client, stormy.settings, { now: T0, mode: 'sync' });
    expect(a.errors).to.deep.equal([]);
    expect(b.errors).to.deep.equal([]);
    expect(stormy.client.stats.rateLimited).to.be.greaterThan(0);
    expect(stormy.client.stats.serverErrors).to.be.greaterThan(0);
    expect(b.requests).to.equal(a.requests + stormy.client.stats.retries);
    expect([...ledgerHashes(stormy.ledger)].sort()).to.deep.equal([...ledgerHashes(clean.ledger)].sort());
  });

  it('resumes an interrupted backfill where it stopped and ends with the same ledger', async () => {
    const world = mediumWorld();
    const from = T0 - 28 * DAY;
    const to = T0 - DAY;
    const full = await start({ world: world.items, now: T0, extract: { backfillChunkDays: 7 } });
    const cut = await start({ world: world.items, now: T0, extract: { backfillChunkDays: 7 } });

    const progress: BackfillProgress[] = [];
    const a = await extract(full.ledger, full.client, full.settings, {
      now: T0, mode: 'backfill', from, to, onProgress: (p) => void progress.push(p),
    });
    expect(a.errors).to.deep.equal([]);
    expect(progress.map((p) => p.chunkEnd)).to.deep.equal([from + 7 * DAY, from + 14 * DAY, from + 21 * DAY, to]);
    expect(progress.at(-1)).to.include({ chunksDone: 4, chunksTotal: 4 });

    let calls = 0;
    let failure: unknown;
    try {
      await extract(cut.ledger, cut.client, cut.settings, {
        now: T0, mode: 'backfill', from, to,
        onProgress: () => {
          calls++;
          throw new Error('operator pressed ctrl-c');
        },
      });
    } catch (e) {
      failure = e;
    }
    expect((failure as Error).message).to.equal('operator pressed ctrl-c');
    expect(calls).to.equal(1);
    expect(await readCursor(cut.ledger, `backfill:${from}:${to}`)).to.equal(String(from + 7 * DAY));

    const mark = cut.sandbox.requestLog.length;
    const b = await extract(cut.ledger, cut.client, cut.settings, { now: T0, mode: 'backfill', from, to });
    expect(b.errors).to.deep.equal([]);
    // The re-run did not list the first chunk again.
    const lists = requestsSince(cut.sandbox, mark).filter((l) => l.includes('created[gte]'));
    expect(lists.some((l) => l.includes(`created[gte]=${from}&`) || l.endsWith(`created[gte]=${from}`))).to.equal(false);
    expect(lists.some((l) => l.includes(`created[gte]=${from + 7 * DAY}`))).to.equal(true);
    expect(await readCursor(cut.ledger, `backfill:${from}:${to}`)).to.equal(String(to));
    expect([...ledgerHashes(cut.ledger)].sort()).to.deep.equal([...ledgerHashes(full.ledger)].sort());
    // Nothing created in the last day (outside [from, to)) was listed: the last invoice is not there.
    const lastInvoice = world.invoices.at(-1)!;
    expect(lastInvoice.created).to.be.at.least(to);
    expect(stored(cut.ledger, lastInvoice.id)).to.equal(undefined);
  });

  it('hands a backfill over to sync: the next sync reads what is newer or changed, within 2x a normal incremental sync', async () => {
    // After T0: two new invoices (one paid at once) and an invoice of the backfilled history paid late.
    let late: Obj | undefined;
    const world = mediumWorld((w, customers, prices) => {
      for (let i = 0; i < 2; i++) {
        const at = T0 + 1000 + i * 200;
        const inv = w.add(w.invoiceObject({ created: at, customer: customers[i].id, price: prices[0] }));
        if (i === 0) {
          w.payment(inv, at + 60);
          w.event('invoice.paid', at + 60, w.paid(inv, at + 60));
        }
      }
      const open = w.add(w.invoiceObject({ created: T0 - 3 * DAY, customer: customers[2].id, price: prices[1] }));
      w.payment(open, T0 + 1500);
      w.event('invoice.paid', T0 + 1500, w.paid(open, T0 + 1500));
      late = open;
    });
    const from = T0 - 28 * DAY;
    const to = T0;
    // A ledger filled by backfill, then synced; and a ledger kept by sync all along, then synced the same way.
    const backfilled = await start({ world: world.items, now: T0 });
    const synced = await start({ world: world.items, now: T0 });
    const b = await extract(backfilled.ledger, backfilled.client, backfilled.settings, { now: T0, mode: 'backfill', from, to });
    expect(b.errors).to.deep.equal([]);
    expect(stored(backfilled.ledger, late!.id)?.object.status).to.equal('open');
    const s = await extract(synced.ledger, synced.client, synced.settings, { now: T0, mode: 'sync' });
    expect(s.errors).to.deep.equal([]);

    for (const h of [backfilled, synced]) h.sandbox.advance(1800);
    const mark = backfilled.sandbox.requestLog.length;
    const afterBackfill = await extract(backfilled.ledger, backfilled.client, backfilled.settings, { now: T0 + 1800, mode: 'sync' });
    const incremental = await extract(synced.ledger, synced.client, synced.settings, { now: T0 + 1800, mode: 'sync' });
    expect(afterBackfill.errors).to.deep.equal([]);
    expect(incremental.errors).to.deep.equal([]);
    // The same changes arrived on both ledgers...
    expect(stored(backfilled.ledger, late!.id)?.object.status).to.equal('paid');
    expect([...ledgerHashes(backfilled.ledger)].sort()).to.deep.equal([...ledgerHashes(synced.ledger)].sort());
    // ...for a comparable number of requests, none of them listing or sweeping the backfilled history.
    expect(incremental.requests).to.be.greaterThan(0);
    expect(afterBackfill.requests).to.be.at.most(2 * incremental.requests);
    const settle = backfilled.settings.extract.settleDelaySeconds;
    const overlap = backfilled.settings.extract.overlapSeconds;
    for (const line of requestsSince(backfilled.sandbox, mark)) {
      const gte = /created\[gte\]=(\d+)/.exec(line);
      if (gte) expect(Number(gte[1]), line).to.be.at.least(Math.min(to - settle, T0 - settle) - overlap);
    }
    expect(await readCursor(backfilled.ledger, 'events')).to.equal(String(T0 + 1800 - settle));
  });

  it('benchExtract reports objects, requests and throughput for a world', async () => {
    const world = mediumWorld();
    const r = await benchExtract({ world: world.items, now: T0, settings: testSettings() });
    expect(r.run.errors).to.deep.equal([]);
    expect(r.objects).to.be.within(250, 600);
    expect(r.requests).to.be.at.most(r.objects / 100 + world.payouts.length + 10);
    expect(r.requestsPerObject).to.equal(r.requests / r.objects);
    expect(r.objectsPerSecond).to.be.greaterThan(0);
    expect(r.wallMs).to.be.greaterThan(0);
  });
});
