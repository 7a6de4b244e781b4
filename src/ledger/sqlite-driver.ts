// The SQLite driver for this Node.js. better-sqlite3 12 is built on node::ObjectWrap, whose destructor aborts the
// process on Node 24 ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook, from a statement
// finalised by the GC; upstream WiseLibs/better-sqlite3#1515). better-sqlite3 13 is built on Node-API and ships
// prebuilt binaries, but needs Node 22 and crashes on Node 20. Both are installed (13 under the alias
// `better-sqlite3-napi`), and each Node gets the one that works on it. Their JavaScript API is the same.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
const nodeMajor = Number(process.versions.node.split('.')[0]);

export const SqliteDatabase: typeof BetterSqlite3 = require(nodeMajor >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3') as typeof BetterSqlite3;
export type SqliteDatabase = BetterSqlite3.Database;
