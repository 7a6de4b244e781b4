// Which balance transactions a payout carries (`GET /v1/balance_transactions?payout=po_…`).
// Automatic payouts sweep the balance: a payout takes the transactions of its currency that became
// available (`available_on`) at or before its own `created` and that no earlier payout took, plus
// its own `payout` transaction. Only payouts visible at the clock take part, so a payout that
// appears later does not claim anything before it exists.
import { listOrder, Tomb, type Entry, type World } from './world-index.js';

const CACHE_LIMIT = 16;

export class PayoutMembership {
  // currency + the ids of the payouts visible → payout id → its balance transactions in list order
  private readonly cache = new Map<string, Map<string, Entry[]>>();

  constructor(private readonly world: World) {}

  balanceTransactionsOf(payout: Entry, clock: number): Entry[] {
    const snap = this.world.snapshotAt(payout, clock);
    const currency = snap?.facets.currency;
    if (!snap || typeof currency !== 'string') return [];
    const payouts = this.world
      .byType('payout')
      .filter((p) => {
        const s = this.world.snapshotAt(p, clock);
        return s !== undefined && s.tomb === Tomb.None && s.facets.currency === currency;
      })
      .sort((a, b) => -listOrder(a, b)); // oldest first
    const key = `${currency}\u0000${payouts.map((p) => p.id).join(',')}`;
    let members = this.cache.get(key);
    if (!members) {
      members = this.assign(currency, payouts);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, members);
    }
    return members.get(payout.id) ?? [];
  }

  private assign(currency: string, payouts: Entry[]): Map<string, Entry[]> {
    const members = new Map<string, Entry[]>(payouts.map((p) => [p.id, []]));
    const sources = this.world.facetIndex('balance_transaction', 'source');
    const byCurrency = this.world.facetIndex('balance_transaction', 'currency').get(currency) ?? [];
    for (const bt of byCurrency) {
      const first = bt.snaps[0].facets;
      if (first.type === 'payout') continue; // a payout's own transaction belongs to that payout only
      const availableOn = typeof first.available_on === 'number' ? first.available_on : bt.created;
      // earliest payout created at or after the moment the funds became available
      let lo = 0;
      let hi = payouts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (payouts[mid].created >= availableOn) hi = mid;
        else lo = mid + 1;
      }
      if (lo < payouts.length) members.get(payouts[lo].id)!.push(bt);
    }
    for (const p of payouts) {
      const list = members.get(p.id)!;
      for (const own of sources.get(p.id) ?? []) {
        if (own.snaps[0].facets.type === 'payout' && own.snaps[0].facets.currency === currency) list.push(own);
      }
      list.sort(listOrder);
    }
    return members;
  }
}
