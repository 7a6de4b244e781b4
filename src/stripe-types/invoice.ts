// Stripe invoices: the customer-side documents (invoice pass, payments, closures).
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const invoice = {
  object: 'invoice',
  api: {
    list: (s, p) => s.invoices.list(p as any),
    retrieve: (s, id, p) => s.invoices.retrieve(id, p as any),
    // Discounts are kept expanded in the stored invoice: a discount id alone does not name its coupon,
    // and Stripe has no endpoint to retrieve a discount.
    expand: ['customer', 'discounts', 'lines.data.discounts'],
    lines: { list: (s, id, p) => s.invoices.listLineItems(id, p as any), expand: ['data.discounts'] },
  },
  windowed: true,
  events: [
    'invoice.finalized', 'invoice.updated', 'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed',
    'invoice.voided', 'invoice.marked_uncollectible', 'invoice.deleted',
  ],
  // uncollectible can still be paid, draft/open can still be anything.
  finality: { kind: 'status', final: ['paid', 'void'] },
  sweep: 'list',
  // Only a draft can be deleted; it never reached the books.
  deletion: { event: 'invoice.deleted', status: 'draft' },
  references: [
    { path: 'customer', to: 'customer', for: ['fetch', 'partition'] },
    { discounts: 'discounts' },
    {
      each: 'lines.data',
      references: [
        { path: 'pricing.price_details.price', to: 'price', for: ['fetch'] },
        { path: 'pricing.price_details.product', to: 'product', for: ['fetch'] },
        { discounts: 'discounts' },
      ],
    },
    { path: 'from_invoice.invoice', to: 'invoice', for: ['partition'] },
  ],
  plan: { bucket: 'invoices', partition: 'linked' },
  unusedByPlan: [
    'account_country', 'account_name', 'account_tax_ids', 'attempt_count', 'attempted', 'auto_advance', 'automatic_tax',
    'automatically_finalizes_at', 'custom_fields', 'customer_address', 'customer_email', 'customer_name',
    'customer_phone', 'customer_shipping', 'customer_tax_exempt', 'customer_tax_ids', 'default_payment_method',
    'default_source', 'default_tax_rates', 'footer', 'hosted_invoice_url', 'invoice_pdf', 'issuer',
    'last_finalization_error', 'next_payment_attempt', 'on_behalf_of', 'payment_settings', 'receipt_number',
    'rendering', 'shipping_details', 'statement_descriptor', 'test_clock', 'webhooks_delivered_at',
  ],
} as const satisfies ObjectTypeDescription<'invoice'>;
