import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { createGroupCommit } from '../../src/store/group-commit.js';

const NOW = '2024-01-01T00:00:00.000Z';

interface Harness {
  handle: DatabaseHandle;
  /** A second connection to the same file: it only ever sees committed data. */
  observer: Database.Database;
  /** Writes a settings row on the main connection (inside whatever transaction is open). */
  put(key: string): void;
  /** Settings keys visible to the second connection, i.e. committed. */
  committedKeys(): string[];
  /** Settings keys visible to the main connection (including uncommitted writes of the open transaction). */
  ownKeys(): string[];
}

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function setup(): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  const path = join(dir, 'test.db');
  const handle = openDatabase(path);
  const observer = new Database(path, { readonly: true });
  cleanups.push(() => {
    observer.close();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { sqlite } = handle;
  const keysOf = (connection: Database.Database): string[] =>
    (connection.prepare('SELECT key FROM settings ORDER BY key').all() as { key: string }[]).map((row) => row.key);
  return {
    handle,
    observer,
    put: (key) => {
      sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, '"v"', NOW);
    },
    committedKeys: () => keysOf(observer),
    ownKeys: () => keysOf(sqlite),
  };
}

describe('group commit', () => {
  it('commits the pieces submitted in the same turn in one transaction', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db);
    const seen: Array<{ inTransaction: boolean; committed: string[]; own: string[] }> = [];
    const keys = ['k1', 'k2', 'k3', 'k4'];
    const results = keys.map((key) =>
      commits.run(() => {
        h.put(key);
        seen.push({ inTransaction: h.handle.sqlite.inTransaction, committed: h.committedKeys(), own: h.ownKeys() });
        return key.toUpperCase();
      }),
    );
    // Nothing has run yet: the batch waits for the end of this turn.
    expect(commits.pending()).toBe(4);
    expect(seen).toEqual([]);

    expect(await Promise.all(results)).toEqual(['K1', 'K2', 'K3', 'K4']);
    expect(seen).toHaveLength(4);
    seen.forEach((view, i) => {
      expect(view.inTransaction).toBe(true);
      // The main connection sees the earlier pieces' writes (same open transaction) ...
      expect(view.own).toEqual(keys.slice(0, i + 1));
      // ... while no other connection sees any of them yet: none of the earlier pieces had committed.
      expect(view.committed).toEqual([]);
    });
    expect(h.committedKeys()).toEqual(keys);
    expect(h.handle.sqlite.inTransaction).toBe(false);
  });

  it('rejects only the piece that throws, rolls back its writes, and commits the others', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db);
    const first = commits.run(() => h.put('before'));
    const failing = commits.run(() => {
      h.put('doomed-1');
      h.put('doomed-2');
      throw new Error('piece failed');
    });
    const last = commits.run(() => {
      // The failed piece's writes are already gone when the next piece runs.
      expect(h.ownKeys()).toEqual(['before']);
      h.put('after');
      return 'ok';
    });

    const outcomes = await Promise.allSettled([first, failing, last]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: undefined });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: new Error('piece failed') });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(h.committedKeys()).toEqual(['after', 'before']);
  });

  it('resolves a piece only once its transaction has committed', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db);
    let committedWhenResolved: string[] | undefined;
    const done = commits.run(() => h.put('durable')).then(() => {
      committedWhenResolved = h.committedKeys();
    });
    await done;
    expect(committedWhenResolved).toEqual(['durable']);
  });

  it('flush() waits for everything submitted so far; pending() counts waiting pieces', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db);
    expect(commits.pending()).toBe(0);
    await commits.flush(); // nothing waiting: resolves at once

    const settled: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      void commits.run(() => h.put(key)).then(() => settled.push(key));
    }
    expect(commits.pending()).toBe(3);
    await commits.flush();
    expect(commits.pending()).toBe(0);
    expect(h.committedKeys()).toEqual(['a', 'b', 'c']);
    expect(settled).toEqual(['a', 'b', 'c']);
  });

  it('rejects every piece of the batch when the commit itself fails', async () => {
    const h = setup();
    const { sqlite } = h.handle;
    // A deferred foreign key is only checked at COMMIT: each piece's savepoint succeeds, the commit does not.
    sqlite.exec(`
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
    `);
    const commits = createGroupCommit(h.handle.db);
    const ran: string[] = [];
    const pieces = [
      commits.run(() => {
        h.put('innocent');
        ran.push('innocent');
        return 1;
      }),
      commits.run(() => {
        sqlite.prepare('INSERT INTO child (id, parent_id) VALUES (1, 42)').run(); // no parent 42
        ran.push('orphan');
        return 2;
      }),
      commits.run(() => {
        h.put('bystander');
        ran.push('bystander');
        return 3;
      }),
    ];

    const outcomes = await Promise.allSettled(pieces);
    expect(ran).toEqual(['innocent', 'orphan', 'bystander']); // every piece itself succeeded
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/i);
    }
    expect(h.committedKeys()).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) AS n FROM child').get()).toEqual({ n: 0 });
    expect(sqlite.inTransaction).toBe(false);

    // The connection is still usable afterwards.
    await commits.run(() => h.put('later'));
    expect(h.committedKeys()).toEqual(['later']);
  });

  it('rejects every piece of the batch when the database was closed before the commit', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db);
    const pieces = [commits.run(() => h.put('x')), commits.run(() => h.put('y'))];
    h.handle.close();
    const outcomes = await Promise.allSettled(pieces);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(h.committedKeys()).toEqual([]);
    await commits.flush(); // settles rather than hanging
  });

  it('spreads more than maxBatch pieces over several transactions, committing them all', async () => {
    const h = setup();
    const commits = createGroupCommit(h.handle.db, { maxBatch: 2 });
    const keys = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const committedAtRun: string[][] = [];
    const results = keys.map((key) =>
      commits.run(() => {
        committedAtRun.push(h.committedKeys());
        h.put(key);
        return key;
      }),
    );
    expect(commits.pending()).toBe(5);
    const flushed = commits.flush();

    expect(await Promise.all(results)).toEqual(keys);
    await flushed;
    expect(commits.pending()).toBe(0);
    expect(h.committedKeys()).toEqual(keys);
    // Batches [p1 p2] [p3 p4] [p5]: each piece sees exactly the earlier batches as committed.
    expect(committedAtRun).toEqual([[], [], ['p1', 'p2'], ['p1', 'p2'], ['p1', 'p2', 'p3', 'p4']]);
  });
});
