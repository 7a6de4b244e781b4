// Stripe coupons: fetched when a discount refers to one.
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's param types are per resource; the catalog is generic over them */
import type { ObjectTypeDescription } from './object-type.js';

export const coupon = {
  object: 'coupon',
  api: {
    retrieve: (s, id, p) => s.coupons.retrieve(id, p as any),
    expand: [],
  },
  windowed: false,
  events: [],
  finality: { kind: 'always' },
  sweep: 'retrieve',
  references: [],
  plan: { bucket: 'coupons', partition: 'shared' },
  unusedByPlan: [],
} as const satisfies ObjectTypeDescription<'coupon'>;
