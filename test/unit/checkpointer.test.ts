import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FALLBACK_CHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from '../../src/store/checkpointer.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';

const logger = pino({ level: 'silent' });

const ROWS = 2_000;
const ROW_BYTES = 1_000;
/** What the scratch rows take at least once they are in the database file itself. */
const PAYLOAD_BYTES = ROWS * ROW_BYTES;

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function setup(): { handle: DatabaseHandle; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
  const path = join(dir, 'test.db');
  const handle = openDatabase(path);
  cleanups.push(() => {
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { handle, path };
}

function track(checkpointer: Checkpointer | null): Checkpointer {
  expect(checkpointer).not.toBeNull();
  cleanups.push(() => checkpointer!.stop());
  return checkpointer!;
}

/** ~2 MB into a scratch table in one transaction: about 500 WAL pages, far below the main connection's own mark. */
function writeScratch(handle: DatabaseHandle): void {
  const { sqlite } = handle;
  sqlite.exec('CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO scratch (body) VALUES (?)');
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(String(i % 10).repeat(ROW_BYTES));
  })();
}

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('the background checkpointer', () => {
  it('checkpoints the WAL into the database file from its worker', async () => {
    const { handle, path } = setup();
    const { sqlite } = handle;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    const checkpointer = track(startCheckpointer(sqlite, { logger, intervalMs: 20 }));
    // The main connection now only checkpoints at 10,000 pages, so it cannot be what moves ~500 pages below.
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_CHECKPOINT_PAGES);

    writeScratch(handle);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(PAYLOAD_BYTES);

    // The data reaches the main file only through a checkpoint; nothing on this thread runs one.
    const checkpointed = await waitFor(() => statSync(path).size >= PAYLOAD_BYTES);
    expect(checkpointed).toBe(true);

    // And the main connection finds nothing left to copy: every frame in the WAL was already checkpointed.
    // (The worker is stopped first: a checkpoint it runs at the same moment would make this one report busy.)
    await checkpointer.stop();
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    expect(result!.log).toBeGreaterThan(0);
    expect(result!.checkpointed).toBe(result!.log);
  });

  it('stop() closes the worker and leaves the main connection working', async () => {
    const { handle, path } = setup();
    const { sqlite } = handle;
    const checkpointer = track(startCheckpointer(sqlite, { logger, intervalMs: 20 }));
    writeScratch(handle);
    await waitFor(() => statSync(path).size >= PAYLOAD_BYTES);

    await expect(checkpointer.stop()).resolves.toBeUndefined();
    await checkpointer.stop(); // a second stop is harmless

    sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('after-stop', '1', '2024-01-01T00:00:00.000Z');
    expect(sqlite.prepare('SELECT value FROM settings WHERE key = ?').get('after-stop')).toEqual({ value: '1' });
    expect(sqlite.prepare('SELECT count(*) AS n FROM scratch').get()).toEqual({ n: ROWS });

    handle.close();
    expect(sqlite.open).toBe(false);
    // SQLite removes the WAL only when the last connection to the file closes: the worker's is gone too.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('does not start for an in-memory database', () => {
    const handle = openDatabase(':memory:');
    try {
      expect(startCheckpointer(handle.sqlite, { logger, intervalMs: 20 })).toBeNull();
    } finally {
      handle.close();
    }
  });
});
