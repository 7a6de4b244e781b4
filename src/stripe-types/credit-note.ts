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
  // Never updated in NetSuite after it is created.
  finality: { kind: 'always' },
  sweep: 'retrieve',
  references: [
    { path: 'customer', to: 'customer', for: ['fetch', 'partition'] },
    { path: 'invoice', to: 'invoice', for: ['fetch', 'partition'] },
    { path: 'refunds[].refund', to: 'refund', for: ['partition'] },
  ],
  plan: { bucket: 'creditNotes', partition: 'linked' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'credit_note'>;
