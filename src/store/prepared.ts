// Queries on the hot path are built once per connection and reused: drizzle otherwise rebuilds the
// SQL on every call, which costs more than running it. A query prepared here runs inside whatever
// transaction is open on the connection (better-sqlite3 has one connection per database).
import type Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db, DbOrTx } from './db.js';
import { sqliteOf } from './raw-sqlite.js';
import * as schema from './schema.js';

const perConnection = new WeakMap<Database.Database, { root: Db; queries: Map<string, unknown> }>();

export function prepared<T>(db: DbOrTx, key: string, build: (root: Db) => T): T {
  const client = sqliteOf(db);
  let entry = perConnection.get(client);
  if (!entry) {
    entry = { root: drizzle(client, { schema }), queries: new Map() };
    perConnection.set(client, entry);
  }
  let query = entry.queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(entry.root);
    entry.queries.set(key, query);
  }
  return query;
}

/** A named parameter where drizzle takes only SQL (update `set`, insert `values`). */
export const param = (name: string): SQL => sql`${sql.placeholder(name)}`;
