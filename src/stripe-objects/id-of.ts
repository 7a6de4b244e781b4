// A Stripe reference field is an id or, when expanded, the object: either way, the id.

export function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : v.id;
}
