// Links from completed operations to the NetSuite records they made.
import type { Ledger } from './open-ledger.js';
import { prepared } from './prepared.js';

/** Operation key → internal id of the NetSuite record it made, for every completed operation. */
export function readLinks(ledger: Ledger): Map<string, string> {
  const links = new Map<string, string>();
  const rows = ledger.sqlite.prepare('SELECT op_key, internal_id FROM links').iterate() as IterableIterator<{
    op_key: string;
    internal_id: string;
  }>;
  for (const r of rows) links.set(r.op_key, r.internal_id);
  return links;
}

/** Whether the operation `key` has a link (its record exists in NetSuite). */
export function hasLink(ledger: Ledger, key: string): boolean {
  return prepared(ledger.sqlite, 'SELECT 1 FROM links WHERE op_key = ?').get(key) !== undefined;
}

export async function linksForStripeId(ledger: Ledger, stripeId: string) {
  return ledger.db.selectFrom('links').selectAll().where('stripe_id', '=', stripeId).orderBy('created_at').execute();
}

/**
 * The links as they were when it was made, read one key at a time: a run that plans the few partitions its changes
 * reach looks up a few links instead of reading every link the ledger holds. A link recorded after it was made
 * (the same run applying an earlier partition) is not seen, so the plan stays the plan of the ledger as it was.
 * Only `get` and `has` read the ledger; the plan and apply use nothing else.
 */
export class LinksAsOf extends Map<string, string> {
  private readonly absent = new Set<string>();
  private readonly lookup;
  private readonly upTo: number;

  /** `frozen: false`: links recorded later are seen too, unless looked up (and found missing) before. */
  constructor(ledger: Ledger, o = { frozen: true }) {
    super();
    this.upTo = o.frozen
      ? (ledger.sqlite.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM links').get() as { n: number }).n
      : Number.MAX_SAFE_INTEGER;
    this.lookup = ledger.sqlite.prepare('SELECT internal_id FROM links WHERE op_key = ? AND rowid <= ?').pluck();
  }

  override get(key: string): string | undefined {
    const known = super.get(key);
    if (known !== undefined || this.absent.has(key)) return known;
    const found = this.lookup.get(key, this.upTo) as string | undefined;
    if (found === undefined) this.absent.add(key);
    else super.set(key, found);
    return found;
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}
