// The ids of one tile of a tiled ledger (tile-ledger.ts): every Stripe id of the account's own objects gets the
// tile's suffix, wherever it appears (snapshots, operation keys, externalIds, parked operations), so each tile is an
// independent copy of the account; the shared catalog (prices, products, coupons) keeps its ids, as a larger account
// sells the same catalog to more customers. Tile 0 is the base ledger itself.

/** Prefixes of the Stripe ids the world generator makes (src/sandbox/generate/). */
const PREFIXES = [
  'ba', 'card', 'cbtxn', 'ch', 'cn', 'cnli', 'cus', 'di', 'du', 'evt', 'ii', 'il', 'in', 'inpay', 'pi', 'pm', 'po', 'pr',
  'price', 'prod', 'py', 're', 'seti', 'si', 'src', 'sub', 'txn', 'txr',
] as const;

/**
 * A Stripe id token: a known prefix and at least 12 base62 characters, not inside a longer word. The length keeps
 * Stripe's words out (`in_transit`, `re_…`); a generated id has 14 or 24. An id with a suffix of its own
 * (`in_…_zz1`) is a token followed by `_zz1`, and gets the tile's suffix after the token.
 */
export const STRIPE_ID_TOKEN = new RegExp(`(?<![A-Za-z0-9])(?:${PREFIXES.join('|')})_[A-Za-z0-9]{12,}(?![A-Za-z0-9])`, 'g');

/** The suffix of tile k (k ≥ 1). `_` never occurs in a generated id's base62 part, so no tile id is a base id. */
export const tileSuffix = (k: number): string => `_t${k}`;

/** The tile a (rewritten) id belongs to: 0 for a base id. */
export function tileOf(id: string): number {
  const m = /_t(\d+)(?![A-Za-z0-9])/.exec(id);
  return m ? Number(m[1]) : 0;
}

/** Whether the whole of `id` is an id the tiling rewrites (a token, possibly with a suffix of its own). */
export function isTileableId(id: string): boolean {
  STRIPE_ID_TOKEN.lastIndex = 0;
  const m = STRIPE_ID_TOKEN.exec(id);
  return m !== null && m.index === 0;
}

/** Rewrites every id token of `text` into tile k's, except the shared ones. */
export function tileRewriter(k: number, shared: ReadonlySet<string>): (text: string) => string {
  const suffix = tileSuffix(k);
  const one = (token: string) => (shared.has(token) ? token : token + suffix);
  return (text) => text.replace(STRIPE_ID_TOKEN, one);
}
