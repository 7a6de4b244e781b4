import { expect } from 'chai';
import Stripe from 'stripe';
import type { StripeSandbox } from '../../src/sandbox/stripe/server.js';
import { customer, DAY, invoice, invoicePayment, outsideInvoicePayment, paymentIntent, paymentRecord, T0 } from './world-fixtures.js';
import { startStripe, stripeSdk } from '../support/sandboxes.js';

// in_W: 5000 paid wholly by a cheque; in_P: 4000, 1500 by a wire on day 1 and the rest by card on day 2; in_C: card only.
const inW = invoice('in_W', T0, 'cus_A', { status: 'paid', amount: 5000 });
const inP = { ...invoice('in_P', T0 + 60, 'cus_A', { status: 'paid', amount: 4000 }) };
const inPOpen = { ...invoice('in_P', T0 + 60, 'cus_A', { amount: 4000 }), amount_paid: 1500, amount_remaining: 2500 };
const world = [
  customer('cus_A', T0 - 100),
  inW,
  paymentRecord('pr_W', T0 + 10, 'cus_A', 5000),
  outsideInvoicePayment('inpay_W', T0 + 10, 'in_W', 'pr_W', 5000),
  invoice('in_P', T0 + 60, 'cus_A', { amount: 4000 }),
  paymentRecord('pr_P', T0 + DAY, 'cus_A', 1500),
  outsideInvoicePayment('inpay_P1', T0 + DAY, 'in_P', 'pr_P', 1500),
  { ...inPOpen, created: T0 + 60 },
  paymentIntent('pi_P', T0 + 2 * DAY, 'cus_A', 2500, 'ch_P'),
  invoicePayment('inpay_P2', T0 + 2 * DAY, 'in_P', 'pi_P', 2500),
  invoice('in_C', T0 + 120, 'cus_A', { status: 'paid', amount: 700 }),
];
// The later snapshot of in_P (paid) is an event's payload, visible from day 2.
world.push({
  id: 'evt_P', object: 'event', api_version: Stripe.API_VERSION, created: T0 + 2 * DAY, data: { object: inP }, livemode: false,
  pending_webhooks: 0, request: { id: null, idempotency_key: null }, type: 'invoice.paid',
});

describe('Stripe sandbox: invoices paid outside Stripe (payment records, amount_paid_off_stripe)', () => {
  let sb: StripeSandbox;
  let stripe: Stripe;
  before(async () => {
    sb = await startStripe({ world, now: T0 + 3 * DAY });
    stripe = stripeSdk(sb);
  });
  after(() => sb.close());

  const offStripe = (inv: Stripe.Invoice): number | undefined => inv.amount_paid_off_stripe;

  it('leaves amount_paid_off_stripe out unless expand[] names it, on retrieve and on lists', async () => {
    expect('amount_paid_off_stripe' in (await stripe.invoices.retrieve('in_W'))).to.equal(false);
    expect(offStripe(await stripe.invoices.retrieve('in_W', { expand: ['amount_paid_off_stripe'] }))).to.equal(5000);
    expect(offStripe(await stripe.invoices.retrieve('in_P', { expand: ['amount_paid_off_stripe', 'customer'] }))).to.equal(1500);
    expect(offStripe(await stripe.invoices.retrieve('in_C', { expand: ['amount_paid_off_stripe'] }))).to.equal(0);
    const page = await stripe.invoices.list({ expand: ['data.amount_paid_off_stripe'] });
    expect(Object.fromEntries(page.data.map((i) => [i.id, offStripe(i)]))).to.deep.equal({ in_C: 0, in_P: 1500, in_W: 5000 });
    expect((await stripe.invoices.list()).data.every((i) => !('amount_paid_off_stripe' in i))).to.equal(true);
  });

  it('computes it at the sandbox clock, and never puts it in event payloads', async () => {
    sb.setNow(T0 + DAY - 1);
    try {
      expect(offStripe(await stripe.invoices.retrieve('in_P', { expand: ['amount_paid_off_stripe'] }))).to.equal(0);
    } finally {
      sb.setNow(T0 + 3 * DAY);
    }
    const events = await stripe.events.list({ type: 'invoice.paid' });
    expect(events.data.every((e) => !('amount_paid_off_stripe' in (e.data.object as object)))).to.equal(true);
  });

  it('refuses include[] (a v1 request has no include parameter) and the property on other objects', async () => {
    const err = (await stripe.invoices
      .retrieve('in_W', { include: ['amount_paid_off_stripe'] } as Stripe.InvoiceRetrieveParams)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(err.statusCode).to.equal(400);
    expect(err.message).to.match(/unknown parameter: include/i);
    const other = (await stripe.customers.retrieve('cus_A', { expand: ['amount_paid_off_stripe'] }).catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(other.statusCode).to.equal(400);
    expect(other.message).to.match(/cannot be expanded \(amount_paid_off_stripe\)/);
    expect(other.param).to.equal('expand[0]');
  });

  it('lists an invoice\'s payments of both types, expanding the reference each one has', async () => {
    const page = await stripe.invoicePayments.list({ invoice: 'in_P', expand: ['data.payment.payment_intent', 'data.payment.payment_record'] });
    const byId = Object.fromEntries(page.data.map((p) => [p.id, p]));
    expect(Object.keys(byId).sort()).to.deep.equal(['inpay_P1', 'inpay_P2']);
    const record = byId.inpay_P1.payment.payment_record as Stripe.PaymentRecord;
    expect(record.object).to.equal('payment_record');
    expect(record.processor_details.type).to.equal('custom');
    expect(record.amount.value).to.equal(1500);
    expect('payment_intent' in byId.inpay_P1.payment).to.equal(false);
    expect((byId.inpay_P2.payment.payment_intent as Stripe.PaymentIntent).id).to.equal('pi_P');
    expect('payment_record' in byId.inpay_P2.payment).to.equal(false);
    const records = await stripe.invoicePayments.list({ invoice: 'in_P', payment: { type: 'payment_record' } });
    expect(records.data.map((p) => p.id)).to.deep.equal(['inpay_P1']);
  });

  it('retrieves a payment record; an unknown one is Stripe\'s 404, and the list is not served', async () => {
    const record = await stripe.paymentRecords.retrieve('pr_W');
    expect(record).to.deep.include({ id: 'pr_W', object: 'payment_record', reported_by: 'self' });
    expect(record.amount).to.deep.equal({ currency: 'usd', value: 5000 });
    const missing = (await stripe.paymentRecords.retrieve('pr_nope').catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(missing.statusCode).to.equal(404);
    expect(missing.message).to.equal("No such payment record: 'pr_nope'");
    const list = (await stripe.paymentRecords.list().catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(list.statusCode).to.equal(404);
    const ip = await stripe.invoicePayments.retrieve('inpay_W', { expand: ['payment.payment_record'] });
    expect((ip.payment.payment_record as Stripe.PaymentRecord).id).to.equal('pr_W');
  });
});
