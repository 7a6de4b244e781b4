// Stripe customers: fetched when a transaction first refers to one.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const customer = {
  object: 'customer',
  api: {
    retrieve: (s, id, p) => s.customers.retrieve(id, p as any),
    expand: [],
  },
  windowed: false,
  events: [],
  // Fetched when first referenced and never updated in NetSuite afterwards.
  finality: { kind: 'always' },
  sweep: 'retrieve',
  references: [],
  plan: { bucket: 'customers', partition: 'linked' },
  unusedByPlan: ['invoice_settings', 'preferred_locales'],
} as const satisfies ObjectTypeDescription<'customer'>;
