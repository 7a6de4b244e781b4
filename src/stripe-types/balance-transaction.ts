// Stripe balance transactions: listed per paid payout (`?payout=`), or fetched when a failed charge points at one.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const balanceTransaction = {
  object: 'balance_transaction',
  api: {
    list: (s, p) => s.balanceTransactions.list(p as any),
    retrieve: (s, id, p) => s.balanceTransactions.retrieve(id, p as any),
    expand: [],
  },
  windowed: false,
  events: [],
  finality: { kind: 'status', final: ['available'] },
  // Listing a created range would read every balance transaction of the account in it.
  sweep: 'retrieve',
  references: [{ path: 'source', to: 'any', for: ['partition', 'deposit-source'] }],
  plan: { bucket: 'balanceTransactions', partition: 'linked' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'balance_transaction'>;
