// The generated world served by the Stripe sandbox and read through the official SDK, as the
// connector reads it: lists, invoice payments, payout balance transactions, events.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { generateWorld, writeWorld } from '../../src/sandbox/generate/generate-world.js';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { viewWorld, type WorldView } from './world-view.js';
import { startStripe } from '../support/sandboxes.js';

describe('generated world through the Stripe sandbox and the official SDK', () => {
  let dir: string;
  let sb: StripeSandbox;
  let stripe: Stripe;
  let w: WorldView;

  before(async () => {
    const { items, summary } = generateWorld({ customers: 20, months: 3, seed: 1 });
    w = viewWorld(items);
    dir = mkdtempSync(join(tmpdir(), 'gen-roundtrip-'));
    const file = join(dir, 'world.ndjson');
    writeWorld(file, items);
    sb = await startStripe({ world: file, now: summary.end + 3 * 86400 });
    stripe = new Stripe('sk_test_generated', { host: '127.0.0.1', port: sb.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  });
  after(async () => {
    await sb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every invoice in its latest state', async () => {
    const listed: Stripe.Invoice[] = [];
    for await (const inv of stripe.invoices.list({ limit: 100 })) listed.push(inv);
    expect(listed).to.have.length(w.ofType('invoice').length);
    for (const inv of listed) {
      const expected = w.latest.get(inv.id)!;
      expect(inv.status, inv.id).to.equal(expected.status);
      expect(inv.amount_paid).to.equal(expected.amount_paid);
      expect(inv.total).to.equal(expected.total);
    }
    expect(listed.some((i) => i.status === 'uncollectible')).to.equal(true);
    expect(listed.some((i) => i.status === 'void')).to.equal(true);
  });

  it('leads from a paid invoice to its charge through invoice_payments and the payment intent', async () => {
    const paid = w.ofType('invoice').filter((i) => i.status === 'paid' && i.amount_paid > 0).slice(0, 5);
    expect(paid.length).to.equal(5);
    for (const inv of paid) {
      const payments = await stripe.invoicePayments.list({ invoice: inv.id });
      const ip = payments.data.find((p) => p.status === 'paid')!;
      expect(ip.amount_paid).to.equal(inv.amount_paid);
      const pi = await stripe.paymentIntents.retrieve(ip.payment.payment_intent as string);
      const charge = await stripe.charges.retrieve(pi.latest_charge as string);
      expect(charge.amount).to.equal(inv.amount_paid);
      expect(charge.payment_intent).to.equal(pi.id);
    }
  });

  it("proves every payout: its swept balance transactions' net equals its amount", async () => {
    const payouts: Stripe.Payout[] = [];
    for await (const p of stripe.payouts.list({ limit: 100 })) payouts.push(p);
    expect(payouts).to.have.length(w.ofType('payout').length);
    for (const p of payouts) {
      let net = 0;
      let own = 0;
      for await (const t of stripe.balanceTransactions.list({ payout: p.id, limit: 100 })) {
        if (t.type === 'payout') own += t.amount;
        else net += t.net;
      }
      expect(net, p.id).to.equal(p.amount);
      expect(own).to.equal(-p.amount);
    }
  });

  it('serves disputes, credit notes and refunds in their final states, and the events feed', async () => {
    const disputes = (await stripe.disputes.list({ limit: 100 })).data;
    expect(disputes.map((d) => d.status).sort()).to.deep.equal(['lost', 'won']);
    const won = disputes.find((d) => d.status === 'won')!;
    expect(won.balance_transactions.map((t) => t.reporting_category)).to.deep.equal(['dispute', 'dispute_reversal']);
    const notes = (await stripe.creditNotes.list({ limit: 100 })).data;
    expect(notes).to.have.length(w.ofType('credit_note').length);
    const refunds = (await stripe.refunds.list({ limit: 100 })).data;
    expect(refunds).to.have.length(w.ofType('refund').length);
    const paidEvents = (await stripe.events.list({ type: 'invoice.paid', limit: 100 })).data;
    expect(paidEvents.length).to.be.greaterThan(0);
    expect(paidEvents.every((e) => (e.data.object as Stripe.Invoice).status === 'paid')).to.equal(true);
  });
});
