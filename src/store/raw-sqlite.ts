// The better-sqlite3 handle behind a drizzle database or transaction, for the few reads that must
// stream with `.iterate()` (exports), which drizzle's better-sqlite3 driver does not expose.
import Database from 'better-sqlite3';
import type { DbOrTx } from './db.js';

/**
 * A drizzle database carries its client as `$client`; a transaction shares its session (and so the
 * same connection) with the database. Reads run on the same connection see the transaction's writes.
 */
export function sqliteOf(db: DbOrTx): Database.Database {
  const direct: unknown = (db as { $client?: unknown }).$client;
  if (direct instanceof Database) return direct;
  const viaSession: unknown = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (viaSession instanceof Database) return viaSession;
  throw new Error('sqliteOf: not a better-sqlite3 drizzle database');
}
