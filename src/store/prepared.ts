// Queries on the hot path are built once per connection and reused: drizzle otherwise rebuilds the
// SQL on every call, which costs more than running it. A query prepared here runs inside whatever
// transaction is open on the connection (better-sqlite3 has one connection per database).
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
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

/**
 * Inserts one row through a statement prepared once per table and set of columns given, and returns the stored
 * row. drizzle would otherwise build the SQL of a wide insert on every call. Each value goes through its column's
 * own mapping (booleans, JSON, timestamps), as drizzle's own insert does.
 */
export function insertRow<TTable extends SQLiteTable>(db: DbOrTx, table: TTable, row: TTable['$inferInsert']): TTable['$inferSelect'] {
  const given = row as Record<string, unknown>;
  const tableColumns = getTableColumns(table);
  const columns = Object.keys(given).filter((column) => given[column] !== undefined);
  const values: Record<string, unknown> = {};
  for (const column of columns) {
    const definition = tableColumns[column];
    if (!definition) throw new Error(`insertRow: ${getTableName(table)} has no column ${column}`);
    const value = given[column];
    values[column] = value === null ? null : definition.mapToDriverValue(value);
  }
  const statement = prepared(db, `insert:${getTableName(table)}:${columns.join(',')}`, (r) =>
    r
      .insert(table)
      .values(Object.fromEntries(columns.map((column) => [column, param(column)])) as TTable['$inferInsert'])
      .returning()
      .prepare(),
  );
  return (statement as unknown as { get(values: Record<string, unknown>): TTable['$inferSelect'] }).get(values);
}

/**
 * A LIMIT written into the SQL text instead of bound. SQLite treats a bound LIMIT as a value to optimise for and
 * compiles the statement again whenever it is bound anew, which costs 10 to 30 times the query itself; so hot
 * queries use a literal, and one prepared statement per limit value. (drizzle's `limit()` types only numbers and
 * placeholders; at run time it writes any SQL it is given.)
 */
export const literalLimit = (n: number): number => sql.raw(String(Math.max(0, Math.trunc(n)))) as unknown as number;
