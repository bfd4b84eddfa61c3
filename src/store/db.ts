import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** Inside a synchronous transaction callback: the same query API. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** The committed `drizzle/` folder: found upwards from this file, which runs from `src/store` or `dist/src/store`. */
function findMigrationsFolder(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error('the drizzle/ migrations folder was not found above ' + fileURLToPath(import.meta.url));
  }
}

/** Opens (creating if needed) the SQLite file, turns on WAL and runs the committed migrations. */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  cacheStatements(sqlite);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  // Each message runs in a savepoint, which journals the pages it changes. Past 64 KiB (an order touches ~30 pages)
  // SQLite moves that journal to a temporary file, and every page any later message of the batch journals becomes a
  // write system call: measured, more writes than the WAL itself. In memory, the journal is emptied at each release.
  // Other temporary data stays small here: exports walk orders by id, lists are paged.
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: findMigrationsFolder() });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * drizzle asks better-sqlite3 to compile every query anew; compiling costs more than running.
 * The same SQL text always gets the same compiled statement back (drizzle uses each text one way).
 */
function cacheStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      // Callers that want arrays ask for them (`.raw()`); everyone else gets row objects, as from a fresh statement.
      return hit.reader ? hit.raw(false) : hit;
    }
    const statement = compile(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as Database.Database['prepare'];
}

/**
 * Runs `fn` in one synchronous transaction (a savepoint when one is already open). better-sqlite3's
 * own transaction is used because drizzle's builds a transaction object per call, which costs more
 * than the work of a typical message. `fn` gets the database itself: on one connection, every query
 * runs inside the open transaction, and a nested `tx.transaction(...)` becomes a savepoint.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  const sqlite = (db as unknown as { $client: Database.Database }).$client;
  return sqlite.transaction(() => fn(db as unknown as Tx))();
}
