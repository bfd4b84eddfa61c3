// Group commit: work submitted in the same turn of the event loop shares one SQLite transaction,
// each piece in its own savepoint. A commit costs more than the writes of a typical message, so
// with many chats active at once this is where the pipeline's rate comes from (see README, bench).
// Each caller still gets all-or-nothing for its own piece: a piece that throws rolls back only its
// savepoint and its promise rejects; the others commit. Nothing resolves before the commit, so
// "answered" (an HTTP 200, a reply in the outbox) still means "on disk".
import type Database from 'better-sqlite3';
import type { Db, Tx } from './db.js';
import { sqliteOf } from './raw-sqlite.js';

export interface GroupCommit {
  /** Runs `fn` in the next shared transaction, in its own savepoint; resolves after that transaction commits. */
  run<T>(fn: (tx: Tx) => T): Promise<T>;
  /** Resolves when everything submitted so far has committed (or failed). */
  flush(): Promise<void>;
  /** Pieces waiting for the next commit. */
  pending(): number;
  /** Why the last commit could not be written (a full disk, a read-only or vanished file), until one is. */
  storageFailure(): string | null;
}

/** SQLite's codes for "the file cannot be written or read" as opposed to a piece's own mistake. */
const STORAGE_CODES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
export const isStorageError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && STORAGE_CODES.test(err.code);

interface Piece {
  fn: (tx: Tx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** The most pieces in one transaction, so one commit never holds the event loop for long. */
  maxBatch?: number;
}

export function createGroupCommit(db: Db, options: GroupCommitOptions = {}): GroupCommit {
  const sqlite: Database.Database = sqliteOf(db);
  const maxBatch = options.maxBatch ?? 500;
  let queue: Piece[] = [];
  let scheduled = false;
  let idle: Array<() => void> = [];
  let storageFailure: string | null = null;

  // Created once: better-sqlite3 turns a call inside an open transaction into a savepoint.
  const inSavepoint = sqlite.transaction((fn: (tx: Tx) => unknown) => fn(db as unknown as Tx));
  // A piece that hits a full disk can make SQLite roll the whole transaction back; the commit then fails with
  // "no transaction is active", and this is the error that says why.
  let batchStorageError: unknown = null;
  const runBatch = sqlite.transaction((batch: Piece[]): Outcome[] =>
    batch.map((piece): Outcome => {
      try {
        return { ok: true, value: inSavepoint(piece.fn) };
      } catch (error) {
        if (isStorageError(error)) batchStorageError = error;
        return { ok: false, error };
      }
    }),
  );
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  function commitNext(): void {
    scheduled = false;
    const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
    queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
    if (queue.length > 0) schedule();
    let outcomes: Outcome[];
    batchStorageError = null;
    try {
      outcomes = runBatch(batch);
    } catch (error) {
      // The commit itself failed (disk full, database closed): nothing of this batch is on disk.
      const cause = isStorageError(error) ? error : (batchStorageError ?? error);
      if (isStorageError(cause)) storageFailure = messageOf(cause);
      for (const piece of batch) piece.reject(cause);
      settleIdle();
      return;
    }
    // One piece written shows the storage works again.
    if (batchStorageError !== null) storageFailure = messageOf(batchStorageError);
    else if (outcomes.some((o) => o.ok)) storageFailure = null;
    batch.forEach((piece, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) piece.resolve(outcome.value);
      else piece.reject(outcome.error);
    });
    settleIdle();
  }

  function settleIdle(): void {
    if (queue.length > 0) return;
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    // After this turn's I/O callbacks, so everything that arrived together commits together.
    setImmediate(commitNext);
  }

  return {
    run<T>(fn: (tx: Tx) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    flush(): Promise<void> {
      if (queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    pending: () => queue.length,
    storageFailure: () => storageFailure,
  };
}
