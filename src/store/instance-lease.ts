// One bot per database file. A second process on the same file fights the first for every write ("database is
// locked"), apologises to customers and can send a message twice. The running bot keeps a lease in the settings
// table, renewed every few seconds; a start that finds a fresh lease of another live process refuses, naming it.
// A lease left by a process that died (kill -9, a power cut) is taken over: its process is gone, or it went stale.
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import { inTransaction, type Db } from './db.js';
import { createSettingsRepo } from './settings.js';

const KEY = 'instance_lease';
export const LEASE_RENEW_MS = 5_000;
/** A lease not renewed for this long (three renewals missed) belongs to a process that stopped, wherever it ran: a
 * container restarted under a new host name waits at most this long. */
export const LEASE_STALE_MS = 15_000;

interface Lease {
  pid: number;
  host: string;
  renewedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DatabaseInUse extends Error {
  override name = 'DatabaseInUse';
}

export interface InstanceLease {
  release(): void;
}

/** Takes the lease or throws DatabaseInUse; renews it until released. */
export function takeInstanceLease(db: Db, clock: Clock, describe: string): InstanceLease {
  const me: Omit<Lease, 'renewedAt'> = { pid: process.pid, host: hostname() };
  inTransaction(db, (tx) => {
    const settings = createSettingsRepo(tx);
    const held = settings.get<Lease>(KEY);
    const now = clock.now();
    if (held && (held.pid !== me.pid || held.host !== me.host)) {
      const fresh = now.getTime() - Date.parse(held.renewedAt) < LEASE_STALE_MS;
      const running = held.host !== me.host || alive(held.pid);
      if (fresh && running) {
        throw new DatabaseInUse(`${describe} is in use by another Tijaratk (process ${held.pid} on ${held.host}); stop it first, or give this one its own DATABASE_PATH`);
      }
    }
    settings.set(KEY, { ...me, renewedAt: now.toISOString() }, now);
  });
  const renew = setInterval(() => {
    try {
      inTransaction(db, (tx) => createSettingsRepo(tx).set(KEY, { ...me, renewedAt: clock.now().toISOString() }, clock.now()));
    } catch {
      // A failing database is reported by /healthz; the lease just goes stale.
    }
  }, LEASE_RENEW_MS);
  renew.unref();
  return {
    release() {
      clearInterval(renew);
      try {
        inTransaction(db, (tx) => {
          const settings = createSettingsRepo(tx);
          const held = settings.get<Lease>(KEY);
          if (held?.pid === me.pid && held.host === me.host) settings.set(KEY, { ...me, renewedAt: new Date(0).toISOString() }, clock.now());
        });
      } catch {
        // Closing anyway: the lease goes stale on its own.
      }
    },
  };
}
