// Stripe payment intents: read for invoice payments and charges, never listed on their own.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const paymentIntent = {
  object: 'payment_intent',
  api: {
    list: (s, p) => s.paymentIntents.list(p as any),
    retrieve: (s, id, p) => s.paymentIntents.retrieve(id, p as any),
    expand: [],
  },
  windowed: false,
  events: [],
  finality: { kind: 'status', final: ['succeeded', 'canceled'] },
  sweep: 'list',
  references: [
    { path: 'customer', to: 'customer', for: ['fetch', 'partition'] },
    { path: 'latest_charge', to: 'charge', for: ['fetch', 'partition'] },
  ],
  plan: { bucket: 'paymentIntents', partition: 'linked' },
  unusedByPlan: [
    'payment_method_types', 'payment_method_configuration_details', 'payment_method_options', 'client_secret',
    'amount_details', 'next_action', 'setup_future_usage', 'automatic_payment_methods',
  ],
} as const satisfies ObjectTypeDescription<'payment_intent'>;
