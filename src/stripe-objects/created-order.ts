// The order the plan reads Stripe objects in: by creation time, then id, so the same input always gives the
// same plan (never Map insertion or storage order).

export interface Created {
  created: number;
  id: string;
}

/** Comparator for `Array.prototype.sort`. */
export function byCreatedThenId(a: Created, b: Created): number {
  return a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A sorted copy. */
export function inCreatedOrder<T extends Created>(values: Iterable<T>): T[] {
  return [...values].sort(byCreatedThenId);
}
