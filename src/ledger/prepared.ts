// A statement prepared once per connection. better-sqlite3 frees a statement only when the garbage collector
// finalizes its JS object, and such objects outlive the young generation: preparing on every call of a per-
// operation path (the outbox during apply) piles up promoted wrappers and native statements until the next full
// collection, which a 100,000-object backfill pays for in peak memory.
import type BetterSqlite3 from 'better-sqlite3';

const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function prepared(db: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
