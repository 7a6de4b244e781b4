// Stripe refunds.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const refund = {
  object: 'refund',
  api: {
    list: (s, p) => s.refunds.list(p as any),
    retrieve: (s, id, p) => s.refunds.retrieve(id, p as any),
    expand: [],
  },
  windowed: true,
  events: ['charge.refund.updated', 'refund.created', 'refund.updated', 'refund.failed'],
  finality: { kind: 'status', final: ['succeeded', 'failed', 'canceled'] },
  sweep: 'list',
  references: [
    { path: 'charge', to: 'charge', for: ['fetch', 'partition', 'deposit-source'] },
    { path: 'payment_intent', to: 'payment_intent', for: ['partition'] },
    { path: 'balance_transaction', to: 'balance_transaction', for: ['partition'] },
  ],
  plan: { bucket: 'refunds', partition: 'linked' },
  unusedByPlan: ['destination_details'],
} as const satisfies ObjectTypeDescription<'refund'>;
