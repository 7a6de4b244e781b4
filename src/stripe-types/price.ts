// Stripe prices: fetched when an invoice line refers to one (listed all at once when many are missing).
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const price = {
  object: 'price',
  api: {
    list: (s, p) => s.prices.list(p as any),
    retrieve: (s, id, p) => s.prices.retrieve(id, p as any),
    expand: ['product'],
  },
  windowed: false,
  events: [],
  finality: { kind: 'always' },
  sweep: 'retrieve',
  // A price expanded with its product brings the product along: prices are fetched first.
  lazyFetch: { listAllWhenMoreThan: 3, beforeOthers: true },
  references: [{ path: 'product', to: 'product', for: ['fetch'] }],
  plan: { bucket: 'prices', partition: 'shared' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'price'>;
