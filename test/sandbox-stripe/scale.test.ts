import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { charge, customer, DAY, invoice, T0 } from './world-fixtures.js';
import { startStripe, stripeSdk } from '../support/sandboxes.js';

// A larger world written to NDJSON, with many objects sharing a `created` second, checked
// page by page against a brute-force reference (sort everything, filter, slice).
const CUSTOMERS = 1500;
const MONTHS = 6;

interface Ref { id: string; created: number; customer: string }

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) & 0x7fffffff;
    return a / 0x80000000;
  };
}

describe('Stripe sandbox: a larger world against a reference', function () {
  this.timeout(120000);
  let dir: string;
  let sb: StripeSandbox;
  let stripe: Stripe;
  const invoices: Ref[] = [];
  const now = T0 + MONTHS * 30 * DAY;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stripe-sandbox-scale-'));
    const lines: string[] = [];
    for (let c = 0; c < CUSTOMERS; c++) {
      const cid = `cus_${c}`;
      lines.push(JSON.stringify(customer(cid, T0 + Math.floor(c / 7))));
      for (let m = 0; m < MONTHS; m++) {
        const created = T0 + m * 30 * DAY + Math.floor(c / 5); // five invoices per second
        const id = `in_${c}_${m}`;
        invoices.push({ id, created, customer: cid });
        lines.push(JSON.stringify(invoice(id, created, cid, { status: 'paid', amount: 100 + c })));
        lines.push(JSON.stringify(charge(`ch_${c}_${m}`, created + 60, cid, 100 + c, `pi_${c}_${m}`, `txn_${c}_${m}`)));
      }
    }
    // one invoice from the future must stay hidden
    lines.push(JSON.stringify(invoice('in_future', now + 1, 'cus_0')));
    const file = join(dir, 'world.ndjson');
    await writeFile(file, lines.join('\n'));
    sb = await startStripe({ world: file, now });
    stripe = stripeSdk(sb);
    invoices.sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
  });
  after(async () => {
    await sb?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('auto-pages every invoice exactly once in Stripe order', async () => {
    const seen: string[] = [];
    for await (const inv of stripe.invoices.list({ limit: 100 })) seen.push(inv.id);
    expect(seen).to.have.length(CUSTOMERS * MONTHS);
    expect(seen).to.deep.equal(invoices.map((i) => i.id));
  });

  it('matches the reference for random created windows, cursors and limits', async () => {
    const rnd = seeded(99);
    for (let k = 0; k < 60; k++) {
      const a = T0 + Math.floor(rnd() * MONTHS * 30 * DAY);
      const b = a + Math.floor(rnd() * 40 * DAY);
      const limit = 1 + Math.floor(rnd() * 100);
      const inRange = invoices.filter((i) => i.created >= a && i.created <= b);
      const params: Stripe.InvoiceListParams = { created: { gte: a, lte: b }, limit };
      let expected: Ref[];
      let expectMore: boolean;
      const pivot = inRange.length > 0 && rnd() < 0.7 ? Math.floor(rnd() * inRange.length) : -1;
      if (pivot >= 0 && rnd() < 0.5) {
        params.starting_after = inRange[pivot].id;
        expected = inRange.slice(pivot + 1, pivot + 1 + limit);
        expectMore = pivot + 1 + limit < inRange.length;
      } else if (pivot >= 0) {
        params.ending_before = inRange[pivot].id;
        expected = inRange.slice(Math.max(0, pivot - limit), pivot);
        expectMore = pivot - limit > 0;
      } else {
        expected = inRange.slice(0, limit);
        expectMore = inRange.length > limit;
      }
      const page = await stripe.invoices.list(params);
      expect(page.data.map((i) => i.id), JSON.stringify(params)).to.deep.equal(expected.map((i) => i.id));
      expect(page.has_more, JSON.stringify(params)).to.equal(expectMore);
    }
  });

  it('filters charges by customer through the index and sums their amounts', async () => {
    let total = 0;
    let count = 0;
    for await (const ch of stripe.charges.list({ customer: 'cus_777', limit: 4 })) {
      expect(ch.customer).to.equal('cus_777');
      total += ch.amount;
      count++;
    }
    expect(count).to.equal(MONTHS);
    expect(total).to.equal(MONTHS * 877);
  });
});
