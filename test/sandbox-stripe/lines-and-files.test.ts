import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { parseSandboxTime, type StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, invoice, lineItem, T0 } from './world-fixtures.js';
import { startStripe, stripeSdk } from '../support/sandboxes.js';
import * as stripe from '../support/stripe-objects.js';

const lines = Array.from({ length: 13 }, (_, i) => lineItem(`il_${String(i).padStart(2, '0')}`, 'in_big', 100 * (i + 1)));
const total = lines.reduce((s, l) => s + (l as { amount: number }).amount, 0);
const creditNote = stripe.creditNote({
  id: 'cn_1', amount: 300, created: T0 + 2 * DAY, currency: 'usd', customer: 'cus_A',
  invoice: 'in_big', number: 'CN-1', reason: 'product_unsatisfactory', status: 'issued', total: 300, type: 'pre_payment',
  pre_payment_amount: 300, post_payment_amount: 0, subtotal: 300, subtotal_excluding_tax: 300, total_excluding_tax: 300,
  lines: {
    object: 'list', has_more: false, url: '/v1/credit_notes/cn_1/lines',
    data: Array.from({ length: 12 }, (_, i) => stripe.creditNoteLineItem({
      id: `cnli_${i}`, amount: 25, description: 'credit', discount_amount: 0,
      discount_amounts: [], invoice_line_item: `il_${String(i).padStart(2, '0')}`, livemode: false, quantity: 1,
      tax_rates: [], taxes: [], type: 'invoice_line_item', unit_amount: 25,
    })),
  },
});
const world = [customer('cus_A', T0), invoice('in_big', T0 + DAY, 'cus_A', { lines, amount: total }), creditNote];

describe('Stripe sandbox: embedded lines', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 3 * DAY });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  it('embeds the first 10 lines with has_more and pages the rest through /lines', async () => {
    const inv = await stripe.invoices.retrieve('in_big');
    expect(inv.lines.data.map((l) => l.id)).to.deep.equal(lines.slice(0, 10).map((l) => (l as { id: string }).id));
    expect(inv.lines.has_more).to.equal(true);
    expect(inv.lines.url).to.equal('/v1/invoices/in_big/lines');
    const listed = (await stripe.invoices.list()).data[0];
    expect(listed.lines.data).to.have.length(10);

    const all: Stripe.InvoiceLineItem[] = [];
    for await (const l of stripe.invoices.listLineItems('in_big', { limit: 4 })) all.push(l);
    expect(all).to.have.length(13);
    expect(all.reduce((s, l) => s + l.amount, 0)).to.equal(total);
    const rest = await stripe.invoices.listLineItems('in_big', { starting_after: inv.lines.data[9].id });
    expect(rest.data.map((l) => l.id)).to.deep.equal(['il_10', 'il_11', 'il_12']);
    expect(rest.has_more).to.equal(false);
    expect(rest.url).to.equal('/v1/invoices/in_big/lines');
    const back = await stripe.invoices.listLineItems('in_big', { ending_before: 'il_03', limit: 2 });
    expect(back.data.map((l) => l.id)).to.deep.equal(['il_01', 'il_02']);
    expect(back.has_more).to.equal(true);
  });

  it('does the same for credit note lines, and filters credit notes by invoice', async () => {
    const cn = await stripe.creditNotes.retrieve('cn_1');
    expect(cn.lines.data).to.have.length(10);
    expect(cn.lines.has_more).to.equal(true);
    const all: Stripe.CreditNoteLineItem[] = [];
    for await (const l of stripe.creditNotes.listLineItems('cn_1')) all.push(l);
    expect(all.map((l) => l.id)).to.deep.equal(Array.from({ length: 12 }, (_, i) => `cnli_${i}`));
    expect((await stripe.creditNotes.list({ invoice: 'in_big' })).data.map((c) => c.id)).to.deep.equal(['cn_1']);
    expect((await stripe.creditNotes.list({ invoice: 'in_other' })).data).to.have.length(0);
  });
});

describe('Stripe sandbox: world files and time parsing', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stripe-sandbox-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const [name, text] of [
    ['array.json', JSON.stringify(world, null, 2)],
    ['world.ndjson', world.map((o) => JSON.stringify(o)).join('\n') + '\n'],
  ] as const) {
    it(`loads ${name} from disk and serves it`, async () => {
      const file = join(dir, name);
      await writeFile(file, text);
      const sb = await startStripe({ world: file, now: T0 + 3 * DAY });
      try {
        const stripe = stripeSdk(sb);
        const inv = await stripe.invoices.retrieve('in_big', { expand: ['customer'] });
        expect(inv.total).to.equal(total);
        expect((inv.customer as Stripe.Customer).email).to.equal('cus_A@example.com');
        expect((await stripe.creditNotes.list()).data.map((c) => c.id)).to.deep.equal(['cn_1']);
      } finally {
        await sb.close();
      }
    });
  }

  it('refuses a broken world file with the line of the problem', async () => {
    const file = join(dir, 'broken.ndjson');
    await writeFile(file, `${JSON.stringify(world[0])}\n42\n`);
    const err = await startStripe({ world: file, now: T0 }).catch((e: unknown) => e);
    expect((err as Error).message).to.match(/expected a JSON object at line 2/);
  });

  it('parses Unix seconds and ISO 8601 date-times, and rejects anything else clearly', () => {
    expect(parseSandboxTime('1767225600')).to.equal(T0);
    expect(parseSandboxTime('2026-01-01T00:00:00Z')).to.equal(T0);
    expect(parseSandboxTime('2026-01-01T02:00:00+02:00')).to.equal(T0);
    expect(parseSandboxTime('2026-01-01')).to.equal(T0);
    expect(parseSandboxTime('2026-01-01T00:00:30.500Z')).to.equal(T0 + 30);
    expect(() => parseSandboxTime('next tuesday')).to.throw(/Invalid sandbox time "next tuesday"/);
    expect(() => parseSandboxTime('2026-02-30T00:00:00Z')).to.throw(/ISO 8601/);
  });
});

describe('Stripe sandbox: world text with escapes', () => {
  it('reads strings holding quotes, backslashes and brackets in a pretty-printed array', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stripe-sandbox-esc-'));
    try {
      const odd = customer('cus_odd', T0, { name: 'He said "hi" \\ {not} [an] object\\', description: '\\"' });
      const file = join(dir, 'world.json');
      await writeFile(file, JSON.stringify([odd, customer('cus_next', T0 + 1)], null, 2));
      const sb = await startStripe({ world: file, now: T0 + 10 });
      try {
        const list = await stripeSdk(sb).customers.list();
        expect(list.data.map((c) => c.id)).to.deep.equal(['cus_next', 'cus_odd']);
        expect(list.data[1].name).to.equal('He said "hi" \\ {not} [an] object\\');
        expect(list.data[1].description).to.equal('\\"');
      } finally {
        await sb.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
