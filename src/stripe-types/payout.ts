// Stripe payouts: the deposits pass's subject; a paid payout's balance transactions are listed with it.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const payout = {
  object: 'payout',
  api: {
    list: (s, p) => s.payouts.list(p as any),
    retrieve: (s, id, p) => s.payouts.retrieve(id, p as any),
    expand: [],
  },
  windowed: true,
  events: ['payout.created', 'payout.updated', 'payout.paid', 'payout.failed', 'payout.canceled'],
  finality: { kind: 'status', final: ['paid', 'failed', 'canceled'] },
  sweep: 'list',
  references: [],
  plan: { bucket: 'payouts', partition: 'deposit' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'payout'>;
