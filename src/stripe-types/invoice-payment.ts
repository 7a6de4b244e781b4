// Stripe invoice payments: the invoice ↔ payment links of the pinned API version.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const invoicePayment = {
  object: 'invoice_payment',
  api: {
    list: (s, p) => s.invoicePayments.list(p as any),
    retrieve: (s, id, p) => s.invoicePayments.retrieve(id, p as any),
    expand: ['payment.payment_intent'],
  },
  windowed: true,
  events: ['invoice_payment.paid'],
  finality: { kind: 'status', final: ['paid', 'canceled'] },
  sweep: 'list',
  references: [
    { path: 'invoice', to: 'invoice', for: ['fetch', 'partition'] },
    { path: 'payment.payment_intent', to: 'payment_intent', for: ['fetch', 'partition'] },
    { path: 'payment.charge', to: 'charge', for: ['fetch', 'partition'] },
  ],
  plan: { bucket: 'invoicePayments', partition: 'linked' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'invoice_payment'>;
