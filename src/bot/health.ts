// What GET /healthz reports to a process supervisor: the database answers, the transport is connected (or has not
// been down for long), and how far the outbox is behind. `down` (HTTP 503) means restart me; `degraded` is for people.
import { statSync } from 'node:fs';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { createOutboxRepo } from '../store/outbox.js';
import type { Transport } from './transport.js';

export interface HealthOptions {
  /** The transport may be down this long (reconnect backoff, a WhatsApp outage) before the process counts as down. */
  transportDownLimitMs?: number;
  /** A pending message older than this makes the report `degraded` (still HTTP 200). */
  backlogWarnMs?: number;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checkedAt: string;
  /** Why the status is not `ok`, in words. */
  problems: string[];
  database: { ok: boolean; error?: string };
  transport: { name: string; ready: boolean; downSince: string | null; downForMs: number | null; downLimitMs: number };
  /** Null when the database could not be read. */
  outbox: { pending: number; oldestPendingAgeMs: number | null; failed: number } | null;
}

export const DEFAULT_TRANSPORT_DOWN_LIMIT_MS = 5 * 60_000;
export const DEFAULT_BACKLOG_WARN_MS = 10 * 60_000;

export interface HealthDeps {
  db: Db;
  transport: Pick<Transport, 'name' | 'isReady'>;
  clock: Clock;
  /** Why writes are failing right now (the group commit's last storage error), or null. */
  storageFailure?: () => string | null;
  /** The database file as opened; a file removed or replaced under the bot takes every later write with it. */
  databaseFile?: string;
}

export function createHealthCheck(deps: HealthDeps, options: HealthOptions = {}) {
  const { db, transport, clock } = deps;
  const fileId = deps.databaseFile ? identityOf(deps.databaseFile) : null;
  const downLimitMs = options.transportDownLimitMs ?? DEFAULT_TRANSPORT_DOWN_LIMIT_MS;
  const backlogWarnMs = options.backlogWarnMs ?? DEFAULT_BACKLOG_WARN_MS;
  // The transport starts unconnected: until a check sees it ready, it counts as down since the process began.
  // After that, downtime counts from the first check that finds it down (a supervisor polls often).
  let downSince: number | null = clock.now().getTime();

  function readOutbox(now: number) {
    const backlog = createOutboxRepo(db).backlog();
    return {
      pending: backlog.pending,
      oldestPendingAgeMs: backlog.oldestPendingAt ? Math.max(0, now - Date.parse(backlog.oldestPendingAt)) : null,
      failed: backlog.failed,
    };
  }


  return {
    check(): HealthReport {
      const now = clock.now().getTime();
      const problems: string[] = [];
      let down = false;

      let database: HealthReport['database'] = { ok: true };
      let backlog: HealthReport['outbox'] = null;
      try {
        backlog = readOutbox(now);
      } catch (err) {
        database = { ok: false, error: err instanceof Error ? err.message : String(err) };
        problems.push('the database does not answer');
        down = true;
      }
      // Reads can still succeed (from memory and the WAL) while nothing new can be kept.
      const failing = deps.storageFailure?.() ?? null;
      if (database.ok && failing !== null) {
        database = { ok: false, error: failing };
        problems.push('the database cannot be written');
        down = true;
      }
      if (database.ok && deps.databaseFile && fileId !== null && identityOf(deps.databaseFile) !== fileId) {
        database = { ok: false, error: `${deps.databaseFile} was removed or replaced while the bot runs` };
        problems.push('the database file is gone');
        down = true;
      }

      const ready = transport.isReady();
      if (ready) downSince = null;
      else downSince ??= now;
      const downForMs = downSince === null ? null : now - downSince;
      if (downForMs !== null) {
        if (downForMs > downLimitMs) {
          problems.push(`the ${transport.name} transport has been down for ${Math.round(downForMs / 1000)} s`);
          down = true;
        } else {
          problems.push(`the ${transport.name} transport is not connected`);
        }
      }
      if (backlog?.oldestPendingAgeMs != null && backlog.oldestPendingAgeMs > backlogWarnMs) {
        problems.push(`the oldest undelivered message waits for ${Math.round(backlog.oldestPendingAgeMs / 1000)} s`);
      }

      return {
        status: down ? 'down' : problems.length > 0 ? 'degraded' : 'ok',
        checkedAt: new Date(now).toISOString(),
        problems,
        database,
        transport: {
          name: transport.name,
          ready,
          downSince: downSince === null ? null : new Date(downSince).toISOString(),
          downForMs,
          downLimitMs,
        },
        outbox: backlog,
      };
    },
  };
}
export type HealthCheck = ReturnType<typeof createHealthCheck>;

/** Device and inode of a file, or null when it is not there. */
function identityOf(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}
