// npm run backup -- <file>: a consistent online copy of the database, safe while the bot runs
// (SQLite's backup API copies a snapshot page by page). Restore: stop the bot, replace
// DATABASE_PATH with the copy (and delete any -wal/-shm files beside it), start the bot.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.js';

async function main(): Promise<number> {
  const target = process.argv[2];
  if (!target || target.startsWith('-')) {
    process.stderr.write('Usage: npm run backup -- <file>\n');
    return 2;
  }
  const config = loadConfig();
  const source = resolve(config.databasePath);
  if (!existsSync(source)) {
    process.stderr.write(`No database at ${source} (DATABASE_PATH).\n`);
    return 1;
  }
  const destination = resolve(target);
  if (destination === source) {
    process.stderr.write('The backup must go to another file than the database itself.\n');
    return 2;
  }
  // `backups/shop-2026-11-27.db` works the first time too.
  mkdirSync(dirname(destination), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  const copy = new Database(destination, { readonly: true });
  const check = copy.pragma('integrity_check', { simple: true });
  const orders = (copy.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  copy.close();
  if (check !== 'ok') {
    process.stderr.write(`The copy failed its integrity check: ${String(check)}\n`);
    return 1;
  }
  process.stdout.write(`Backed up ${source} to ${destination} (${orders} orders, integrity ok).\n`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `Backup failed: ${err instanceof Error ? err.message : String(err)}`}\n`);
    process.exit(1);
  });
