// Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits copies the WAL back
// into the database file (and syncs it) every 1,000 pages, inside a commit: a pause for every chat. Here a worker
// thread with its own connection runs PASSIVE checkpoints, which never block the writer, on the other core.
// If the worker falls behind or dies, the bot's own connection still checkpoints at a higher mark, so the WAL
// stays bounded either way.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';

/** Where the bot's own connection checkpoints if the worker has not (pages; SQLite's default is 1,000). */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;

// Plain JavaScript run by the worker: it opens the file and checkpoints on its own clock, so a busy event loop in
// the bot (which is exactly when the WAL grows) does not hold checkpoints back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
let failing = false;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (failing) parentPort.postMessage({ ok: true });
    failing = false;
  } catch (error) {
    if (!failing) parentPort.postMessage({ ok: false, error: String((error && error.message) || error) });
    failing = true;
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(sqlite: Database.Database, options: { logger: Logger; intervalMs?: number }): Checkpointer | null {
  if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
  const { logger } = options;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: sqlite.name, driver, intervalMs: options.intervalMs ?? 100 } });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);

  let alive = true;
  worker.on('message', (result: { ok: boolean; error?: string }) => {
    if (result.ok) logger.info('background checkpoints work again');
    else logger.warn({ error: result.error }, 'background checkpoint failed; the bot connection checkpoints instead');
  });
  worker.on('error', (err) => {
    alive = false;
    logger.error({ err }, 'checkpoint worker stopped; the bot connection checkpoints instead');
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  });

  return {
    async stop() {
      if (!alive) return;
      alive = false;
      // Held open until it has closed its connection (it is unref'd while running so it never keeps the process up).
      worker.ref();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timeout = setTimeout(resolve, 1_000)))]);
      clearTimeout(timeout);
      await worker.terminate();
    },
  };
}
