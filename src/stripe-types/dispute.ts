// Stripe disputes (chargebacks and inquiries).
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const dispute = {
  object: 'dispute',
  api: {
    list: (s, p) => s.disputes.list(p as any),
    retrieve: (s, id, p) => s.disputes.retrieve(id, p as any),
    expand: [],
  },
  windowed: true,
  events: [
    'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn',
    'charge.dispute.funds_reinstated',
  ],
  // warning_closed: an inquiry closed without becoming a chargeback; prevented: resolved before it was filed.
  finality: { kind: 'status', final: ['won', 'lost', 'warning_closed', 'prevented'] },
  sweep: 'list',
  references: [
    { path: 'charge', to: 'charge', for: ['fetch', 'partition', 'deposit-source'] },
    { path: 'balance_transactions[]', to: 'balance_transaction', for: ['partition', 'deposit-referrer'] },
  ],
  plan: { bucket: 'disputes', partition: 'linked' },
  unusedByPlan: ['evidence', 'evidence_details'],
} as const satisfies ObjectTypeDescription<'dispute'>;
