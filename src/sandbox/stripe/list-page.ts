// One page of a Stripe list over candidate arrays already in list order (newest first): binary
// search to the `created` bounds and the cursor, then walk (merging several arrays, e.g. the
// event types a wildcard matches) until the page is full. Cost: O(k·log n + items walked).
import { listOrder, type Entry } from './world-index.js';

export interface PageQuery<T> {
  /** Each array in list order (`listOrder`). */
  sources: Entry[][];
  /** Inclusive bounds on `created`. */
  lo: number;
  hi: number;
  limit: number;
  startingAfter?: Entry;
  endingBefore?: Entry;
  /** What to serve for an entry, or undefined to skip it (not visible, filtered out). */
  accept: (e: Entry) => T | undefined;
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/** First index where `pred` holds, for a predicate that is false then true along the array. */
function firstIndex(arr: Entry[], pred: (e: Entry) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(arr[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function listPage<T>(q: PageQuery<T>): Page<T> {
  return q.endingBefore ? backward(q, q.endingBefore) : forward(q);
}

function forward<T>(q: PageQuery<T>): Page<T> {
  const { lo, hi, startingAfter: cursor } = q;
  const pos = q.sources.map((arr) =>
    Math.max(
      firstIndex(arr, (e) => e.created <= hi),
      cursor ? firstIndex(arr, (e) => listOrder(e, cursor) > 0) : 0,
    ),
  );
  const items: T[] = [];
  let last: Entry | undefined;
  while (items.length <= q.limit) {
    let best = -1;
    for (let s = 0; s < q.sources.length; s++) {
      const e = q.sources[s][pos[s]];
      if (!e || e.created < lo) continue;
      if (best < 0 || listOrder(e, q.sources[best][pos[best]]) < 0) best = s;
    }
    if (best < 0) break;
    const e = q.sources[best][pos[best]++];
    if (e === last) continue; // the same entry reached through two sources
    last = e;
    const v = q.accept(e);
    if (v !== undefined) items.push(v);
  }
  const hasMore = items.length > q.limit;
  if (hasMore) items.length = q.limit;
  return { items, hasMore };
}

// `ending_before`: the page just newer than the cursor, walked oldest-first from the cursor and
// returned newest-first like every page; `has_more` says whether still newer items exist.
function backward<T>(q: PageQuery<T>, cursor: Entry): Page<T> {
  const { lo, hi } = q;
  const pos = q.sources.map(
    (arr) => Math.min(firstIndex(arr, (e) => listOrder(e, cursor) >= 0), firstIndex(arr, (e) => e.created < lo)) - 1,
  );
  const items: T[] = [];
  let last: Entry | undefined;
  while (items.length <= q.limit) {
    let best = -1;
    for (let s = 0; s < q.sources.length; s++) {
      if (pos[s] < 0) continue;
      const e = q.sources[s][pos[s]];
      if (e.created > hi) continue;
      if (best < 0 || listOrder(e, q.sources[best][pos[best]]) > 0) best = s;
    }
    if (best < 0) break;
    const e = q.sources[best][pos[best]--];
    if (e === last) continue;
    last = e;
    const v = q.accept(e);
    if (v !== undefined) items.push(v);
  }
  const hasMore = items.length > q.limit;
  if (hasMore) items.length = q.limit;
  return { items: items.reverse(), hasMore };
}
