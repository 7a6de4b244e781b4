// The walking skeleton: one customer and one finalized invoice go extract → ledger → plan → apply into NetSuite
// over HTTP (TBA-signed), and a second run makes no NetSuite write.
import { expect } from 'chai';
import { runSync } from '../../src/run/sync-run.js';
import { startSandboxes, type Sandboxes } from '../support/sandboxes.js';
import * as stripe from '../support/stripe-objects.js';

const T0 = Date.UTC(2026, 2, 1, 17, 0, 0) / 1000; // 2026-03-01 17:00 UTC = 09:00 in Los Angeles

const customer = stripe.customer({
  id: 'cus_SkeletonA1b2C3',
  created: T0 - 3600,
  email: 'ada@example.com',
  name: 'Analytical Engines Ltd',
  description: null,
  phone: '+1 555 0100',
  address: null,
  shipping: null,
  balance: 0,
  currency: 'usd',
  metadata: {},
  livemode: false,
  delinquent: false,
  invoice_prefix: 'SKEL',
  preferred_locales: [],
  tax_exempt: 'none',
  default_source: null,
  discount: null,
  invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
  next_invoice_sequence: 2,
  test_clock: null,
});

const invoice = stripe.invoice({
  id: 'in_SkeletonInv001',
  created: T0,
  customer: customer.id,
  currency: 'usd',
  status: 'open',
  collection_method: 'send_invoice',
  billing_reason: 'manual',
  number: 'SKEL-0001',
  description: null,
  due_date: T0 + 30 * 86400,
  effective_at: T0,
  livemode: false,
  metadata: {},
  parent: null,
  from_invoice: null,
  latest_revision: null,
  discounts: [],
  subtotal: 12000,
  subtotal_excluding_tax: 12000,
  total: 12000,
  total_excluding_tax: 12000,
  total_discount_amounts: [],
  total_taxes: [],
  total_pretax_credit_amounts: [],
  amount_due: 12000,
  amount_paid: 0,
  amount_remaining: 12000,
  amount_overpaid: 0,
  amount_shipping: 0,
  shipping_cost: null,
  shipping_details: null,
  starting_balance: 0,
  ending_balance: 0,
  pre_payment_credit_notes_amount: 0,
  post_payment_credit_notes_amount: 0,
  period_start: T0,
  period_end: T0,
  status_transitions: { finalized_at: T0, marked_uncollectible_at: null, paid_at: null, voided_at: null },
  lines: {
    object: 'list',
    url: '/v1/invoices/in_SkeletonInv001/lines',
    has_more: false,
    data: [
      stripe.invoiceLineItem({
        id: 'il_SkeletonLine001',
        invoice: 'in_SkeletonInv001',
        amount: 12000,
        currency: 'usd',
        description: 'Consulting, March',
        discount_amounts: [],
        discountable: true,
        discounts: [],
        livemode: false,
        metadata: {},
        parent: {
          type: 'invoice_item_details',
          invoice_item_details: { invoice_item: 'ii_Skeleton001', proration: false, proration_details: { credited_items: null }, subscription: null },
          subscription_item_details: null,
        },
        period: { start: T0, end: T0 + 31 * 86400 },
        pretax_credit_amounts: [],
        pricing: { type: 'price_details', price_details: { price: 'price_Skeleton001', product: 'prod_Skeleton001' }, unit_amount_decimal: '12000' },
        quantity: 1,
        subtotal: 12000,
        taxes: [],
      }),
    ],
  },
});

const product = stripe.product({ id: 'prod_Skeleton001', created: T0 - 7200, name: 'Consulting', active: true, metadata: {}, livemode: false, description: null, type: 'service', updated: T0 - 7200 });
const price = stripe.price({
  id: 'price_Skeleton001', created: T0 - 7200, active: true, currency: 'usd', product: product.id,
  type: 'one_time', recurring: null, unit_amount: 12000, unit_amount_decimal: '12000', billing_scheme: 'per_unit',
  livemode: false, lookup_key: null, metadata: {}, nickname: null, tax_behavior: 'unspecified', tiers_mode: null, transform_quantity: null, custom_unit_amount: null,
});

describe('walking skeleton: one customer and one invoice, end to end', function () {
  let h: Sandboxes;
  before(async () => {
    h = await startSandboxes({ world: [product, price, customer, invoice], now: T0 + 86400 });
  });
  after(async () => h?.close());

  it('creates the NetSuite customer and invoice with the right externalIds, memos, currency and amounts', async () => {
    const first = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
    expect(first.summary.status, JSON.stringify(first.summary.failures)).to.equal('success');
    expect(first.summary.operations.failed).to.equal(0);

    const nsCustomer = await h.client.getByExternalId('customer', customer.id);
    expect(nsCustomer, 'customer by externalId').to.not.equal(undefined);
    expect(nsCustomer!.externalId).to.equal(customer.id);
    expect(String(nsCustomer!.companyName)).to.equal('Analytical Engines Ltd');
    expect(String(nsCustomer!.email)).to.equal('ada@example.com');

    const nsInvoice = await h.client.getByExternalId('invoice', invoice.id, { expandSubResources: true });
    expect(nsInvoice, 'invoice by externalId').to.not.equal(undefined);
    expect(nsInvoice!.externalId).to.equal(invoice.id);
    expect(String(nsInvoice!.memo)).to.match(/^Stripe: in_SkeletonInv001/);
    expect((nsInvoice!.currency as { id: string }).id).to.equal('1'); // USD in the sandbox seed
    expect((nsInvoice!.entity as { id: string }).id).to.equal(String(nsCustomer!.id));
    expect(Number(nsInvoice!.total)).to.equal(120);
    expect(Number(nsInvoice!.amountRemaining)).to.equal(120);
    expect(String(nsInvoice!.tranDate)).to.equal('2026-03-01');
    const lines = (nsInvoice!.item as { items: Array<Record<string, unknown>> }).items;
    expect(lines).to.have.length(1);
    expect(Number(lines[0].amount)).to.equal(120);
  });

  it('a second run on the same world makes no NetSuite write', async () => {
    const before = h.netsuite.stats();
    const second = await runSync(h.config, { kind: 'sync', dryRun: false, extract: true });
    const after = h.netsuite.stats();
    expect(second.summary.status).to.equal('success');
    expect(second.summary.operations.planned).to.equal(0);
    expect(after.recordWrites - before.recordWrites, 'record writes').to.equal(0);
    expect(after.requests - before.requests, 'requests: the credential check only').to.equal(1);
  });
});
