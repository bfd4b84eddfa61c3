// Caches that are checked in one read instead of reloaded: the catalog is read on most messages and changes
// rarely. Triggers (migration 0008) give a table a fresh random version on every write, whoever writes it (the
// bot, the catalog import script, a seller command), and a write rolled back takes its version with it; so a value
// kept under the version read now is what reading the table now would return.
import type Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { prepared } from './prepared.js';
import { sqliteOf } from './raw-sqlite.js';
import { tableVersions } from './schema.js';

export type VersionedTable = 'products';

export function tableVersion(db: DbOrTx, table: VersionedTable): number | undefined {
  return prepared(db, 'tableVersions.get', (r) =>
    r
      .select({ value: tableVersions.value })
      .from(tableVersions)
      .where(eq(tableVersions.name, sql.placeholder('name')))
      .prepare(),
  ).get({ name: table })?.value;
}

/**
 * `load` run again only when `table` changed since its last result on this connection. The result is shared by
 * every caller until then: it must be treated as read-only (freeze it in `load`).
 */
export function versionedCache<T>(table: VersionedTable, load: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const kept = new WeakMap<Database.Database, { version: number; value: T }>();
  return (db) => {
    const version = tableVersion(db, table);
    // No version row (a database the migration has not reached): nothing tells a change, so nothing is kept.
    if (version === undefined) return load(db);
    const connection = sqliteOf(db);
    const entry = kept.get(connection);
    if (entry && entry.version === version) return entry.value;
    const value = load(db);
    kept.set(connection, { version, value });
    return value;
  };
}
