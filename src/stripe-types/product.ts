// Stripe products: fetched when a price or an invoice line refers to one.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const product = {
  object: 'product',
  api: {
    retrieve: (s, id, p) => s.products.retrieve(id, p as any),
    expand: [],
  },
  windowed: false,
  events: [],
  finality: { kind: 'always' },
  sweep: 'retrieve',
  references: [],
  plan: { bucket: 'products', partition: 'shared' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'product'>;
