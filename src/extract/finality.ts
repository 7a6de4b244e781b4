// Which snapshots are final: no later change to them can matter to the books, so the sweep stops
// re-reading them. Anything that can still move money or change an accounting state is not final.
// Each type's rule is its description's `finality` (stripe-types/).
import type { StripeObjectLike } from '../ledger/snapshots.js';
import { descriptionOf, typesWhere } from '../stripe-types/catalog.js';

export { CHARGE_OPEN_SECONDS } from '../stripe-types/charge.js';

export function isFinal(object: StripeObjectLike, now: number): boolean {
  if (object.deleted === true) return true;
  const finality = descriptionOf(object.object)?.finality;
  // Types we do not track changes for are not swept: they have no retrieve in the sweep.
  if (!finality) return true;
  switch (finality.kind) {
    case 'always':
      return true;
    case 'rule':
      return finality.isFinal(object, now);
    case 'status':
      return finality.final.includes(typeof object.status === 'string' ? object.status : '');
  }
}

/** The types the sweep re-reads (everything that can be non-final), in catalog order. */
export const SWEPT_TYPES = typesWhere((d) => d.finality.kind !== 'always');
