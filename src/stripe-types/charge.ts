// Stripe charges: payments (and their failures), refunded or disputed later.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

/** How long a succeeded charge can still be refunded or disputed in practice (card networks: ~120 days). */
export const CHARGE_OPEN_SECONDS = 120 * 86_400;

export const charge = {
  object: 'charge',
  api: {
    list: (s, p) => s.charges.list(p as any),
    retrieve: (s, id, p) => s.charges.retrieve(id, p as any),
    expand: ['customer'],
  },
  windowed: true,
  events: ['charge.succeeded', 'charge.captured', 'charge.updated', 'charge.refunded', 'charge.failed'],
  finality: {
    kind: 'rule',
    // A failed charge moved no money; a succeeded one can be refunded or disputed for months.
    isFinal: (object, now) => {
      if (object.status === 'failed') return true;
      const created = typeof object.created === 'number' ? object.created : 0;
      return now - created >= CHARGE_OPEN_SECONDS;
    },
  },
  sweep: 'list',
  references: [
    { path: 'customer', to: 'customer', for: ['fetch', 'partition'] },
    { path: 'payment_intent', to: 'payment_intent', for: ['partition'] },
    { path: 'balance_transaction', to: 'balance_transaction', for: ['partition'] },
    // A failed bank debit's refund is dated on its failure transaction, which no payout may have swept yet.
    {
      path: 'failure_balance_transaction',
      to: 'balance_transaction',
      for: ['fetch', 'partition', 'deposit-referrer'],
    },
  ],
  plan: { bucket: 'charges', partition: 'linked' },
  unusedByPlan: [
    'payment_method_details', 'billing_details', 'outcome', 'fraud_details', 'radar_options', 'receipt_url',
    'receipt_email', 'calculated_statement_descriptor', 'statement_descriptor_suffix', 'transfer_data',
    'transfer_group', 'payment_method',
  ],
} as const satisfies ObjectTypeDescription<'charge'>;
