// Delivers outbox rows after their transaction committed: in order per chat, paced per chat,
// retried with backoff, and kept (not lost) when the transport is down or the process stops.
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { contentOf, createOutboxRepo } from '../store/outbox.js';
import type { Transport } from './transport.js';

export interface OutboxSenderOptions {
  maxAttempts?: number;
  pollIntervalMs?: number;
  batchSize?: number;
}

const backoffMs = (attempt: number) => Math.min(300_000, 2_000 * 2 ** (attempt - 1));

export function createOutboxSender(deps: { db: Db; transport: Transport; clock: Clock; logger: Logger }, options: OutboxSenderOptions = {}) {
  const { db, transport, clock, logger } = deps;
  const repo = createOutboxRepo(db);
  const maxAttempts = options.maxAttempts ?? 8;
  const batchSize = options.batchSize ?? 50;
  const lastSentAt = new Map<string, number>();
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** One pass over what is due; returns the wait (ms) before a paced row may go, if any. */
  async function pass(): Promise<number | null> {
    if (!transport.isReady()) return null;
    const blocked = new Set<string>();
    let nextPaceWait: number | null = null;
    for (const row of repo.due(clock.now(), batchSize)) {
      if (stopped) break;
      if (blocked.has(row.address)) continue;
      if (repo.hasOlderPending(row.address, row.id)) {
        blocked.add(row.address);
        continue;
      }
      const wait = (lastSentAt.get(row.address) ?? -Infinity) + transport.perChatPaceMs - clock.now().getTime();
      if (wait > 0) {
        blocked.add(row.address);
        nextPaceWait = Math.min(nextPaceWait ?? wait, wait);
        continue;
      }
      try {
        const result = await transport.send(row.address, contentOf(row), row.messageId);
        repo.markSent(row.id, result.payload, clock.now());
        lastSentAt.set(row.address, clock.now().getTime());
      } catch (err) {
        // Later rows of this chat wait, so the customer never reads messages out of order.
        blocked.add(row.address);
        const attempts = row.attempts + 1;
        const message = err instanceof Error ? err.message : String(err);
        if (attempts >= maxAttempts) {
          repo.markFailed(row.id, attempts, message);
          logger.error({ err, outboxId: row.id, attempts }, 'outbound message failed for good');
        } else {
          repo.markRetry(row.id, attempts, new Date(clock.now().getTime() + backoffMs(attempts)), message);
          logger.warn({ err, outboxId: row.id, attempts }, 'outbound message failed, will retry');
        }
      }
    }
    return nextPaceWait;
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      const paceWait = await pass();
      if (paceWait !== null && !stopped) schedule(paceWait);
    } while (again && !stopped);
  }

  function schedule(ms: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      kick();
    }, ms);
    timer.unref?.();
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = loop()
      .catch((err: unknown) => logger.error({ err }, 'outbox sender pass failed'))
      .finally(() => {
        running = null;
      });
  }

  const interval = setInterval(kick, options.pollIntervalMs ?? 1_000);
  interval.unref?.();

  return {
    kick,
    /** Resolves when the current pass, and any pass it asked for, is done. */
    async settle(): Promise<void> {
      while (running) await running;
    },
    /** Keeps sending until nothing is due now (a paced transport may make this take a while). */
    async drain(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      kick();
      while (Date.now() < deadline) {
        await this.settle();
        if (repo.due(clock.now(), 1).length === 0 || !transport.isReady()) return;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, transport.perChatPaceMs || 1)));
        kick();
      }
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(interval);
      if (timer) clearTimeout(timer);
      await this.settle();
    },
    pendingCount: () => repo.pendingCount(),
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;
