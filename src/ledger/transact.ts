// One transaction function per connection, reused by every call: better-sqlite3 builds one in ~60 µs, which a path
// that commits per request (apply's outbox batches, the NetSuite sandbox's records) would pay each time. Called
// inside another transaction, it nests as a savepoint, as better-sqlite3's transactions do.
import type BetterSqlite3 from 'better-sqlite3';

const runners = new WeakMap<BetterSqlite3.Database, (fn: () => unknown) => unknown>();

export function transact<T>(db: BetterSqlite3.Database, fn: () => T): T {
  let run = runners.get(db);
  if (!run) {
    run = db.transaction((body: () => unknown) => body());
    runners.set(db, run);
  }
  return run(fn) as T;
}
