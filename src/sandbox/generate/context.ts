/** What every part of the generator shares while it builds one world. */
import type { BalanceBook } from './balance-book.js';
import type { Catalog } from './catalog.js';
import type { Rng } from './prng.js';
import type { WorldItems } from './world-items.js';

export interface GenContext {
  rng: Rng;
  items: WorldItems;
  book: BalanceBook;
  catalog: Catalog;
  /** Nothing new starts at or after this time (start + months). */
  windowEnd: number;
}
