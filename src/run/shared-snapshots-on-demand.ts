// The shared prices, products and coupons of an incremental plan, read from the ledger when a pass asks for one:
// the few partitions a change reaches name a few of them, while reading them all costs what the ledger holds.
import type Stripe from 'stripe';
import type { Ledger } from '../ledger/open-ledger.js';
import { rowsByIds } from '../ledger/plan-rows.js';
import { SNAPSHOT_BUCKETS, type StripeSnapshots } from '../plan/plan-input.js';
import { parseSnapshot } from './plan-input-from-ledger.js';

/** One bucket's objects, each read once on its first `get`; only `get` and `has` read (the passes use nothing else). */
class SnapshotsOnDemand<T> extends Map<string, T> {
  private readonly absent = new Set<string>();

  constructor(
    private readonly ledger: Ledger,
    private readonly bucket: keyof StripeSnapshots,
  ) {
    super();
  }

  override get(id: string): T | undefined {
    const known = super.get(id);
    if (known !== undefined || this.absent.has(id)) return known;
    const row = rowsByIds(this.ledger, [id]).find((r) => SNAPSHOT_BUCKETS[r.type] === this.bucket);
    if (!row) {
      this.absent.add(id);
      return undefined;
    }
    const object = parseSnapshot(row).object as T;
    super.set(id, object);
    return object;
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

export function sharedSnapshotsOnDemand(ledger: Ledger): Pick<StripeSnapshots, 'prices' | 'products' | 'coupons'> {
  return {
    prices: new SnapshotsOnDemand<Stripe.Price>(ledger, 'prices'),
    products: new SnapshotsOnDemand<Stripe.Product>(ledger, 'products'),
    coupons: new SnapshotsOnDemand<Stripe.Coupon>(ledger, 'coupons'),
  };
}
