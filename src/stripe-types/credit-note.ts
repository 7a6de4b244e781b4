// Stripe credit notes.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const creditNote = {
  object: 'credit_note',
  api: {
    list: (s, p) => s.creditNotes.list(p as any),
    retrieve: (s, id, p) => s.creditNotes.retrieve(id, p as any),
    expand: ['customer'],
    lines: { list: (s, id, p) => s.creditNotes.listLineItems(id, p as any), expand: [] },
  },
  windowed: true,
  events: ['credit_note.created', 'credit_note.updated', 'credit_note.voided'],
  finality: {
    kind: 'rule',
    // Stripe voids only a note whose invoice is open (https://docs.stripe.com/api/credit_notes/void), i.e. one with
    // a pre-payment part; a void note, or one issued after payment, can no longer change.
    isFinal: (object) => object.status === 'void' || !(typeof object.pre_payment_amount === 'number' && object.pre_payment_amount > 0),
  },
  sweep: 'retrieve',
  references: [
    { path: 'customer', to: 'customer', for: ['fetch', 'partition'] },
    { path: 'invoice', to: 'invoice', for: ['fetch', 'partition'] },
    { path: 'refunds[].refund', to: 'refund', for: ['partition'] },
  ],
  plan: { bucket: 'creditNotes', partition: 'linked' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'credit_note'>;
