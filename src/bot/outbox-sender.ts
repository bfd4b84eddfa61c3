// Delivers outbox rows after their transaction committed: in order per chat, paced per chat,
// retried with backoff, and kept (not lost) when the transport is down or the process stops.
// A message the network refuses for good (PermanentSendError, at once or as a later NACK) is marked failed,
// never retried, and the sellers are told in their language; a refused message to a seller tells no one (no loop).
import type { Clock } from '../clock.js';
import type { IdGenerator } from '../ids.js';
import type { Logger } from '../logger.js';
import type { Language } from '../orders/language.js';
import { inTransaction, type Db } from '../store/db.js';
import type { GroupCommit } from '../store/group-commit.js';
import { createGuestsRepo } from '../store/guests.js';
import { contentOf, createOutboxRepo, type OutboxRow } from '../store/outbox.js';
import { deliveryFailedText, excerptOf, GAVE_UP } from '../flows/delivery-texts.js';
import { createMessenger } from './messenger.js';
import { createSendBudget } from './send-budget.js';
import { PermanentSendError, type Transport } from './transport.js';

export interface OutboxSenderOptions {
  maxAttempts?: number;
  pollIntervalMs?: number;
  batchSize?: number;
}

export interface OutboxSenderDeps {
  db: Db;
  /** "Sent" marks join the shared transaction, with the transport's own record of the message (SendResult.record). */
  commits: GroupCommit;
  transport: Transport;
  clock: Clock;
  logger: Logger;
  /** Who is told about a message that could not be delivered; without it the failure is only logged. */
  sellers?: { numbers: readonly string[]; defaultLanguage: Language; ids: IdGenerator };
}

const backoffMs = (attempt: number) => Math.min(300_000, 2_000 * 2 ** (attempt - 1));

export function createOutboxSender(deps: OutboxSenderDeps, options: OutboxSenderOptions = {}) {
  const { db, transport, clock, logger } = deps;
  const repo = createOutboxRepo(db);
  const maxAttempts = options.maxAttempts ?? 8;
  const batchSize = options.batchSize ?? 50;
  const lastSentAt = new Map<string, number>();
  /** The whole number's pace, when the transport has one; its ramp restarts at each connection. */
  const budget = transport.sendRate ? createSendBudget(transport.sendRate) : null;
  /** The transport was down (or not up yet) at a pass: the first pass that finds it up starts the ramp. */
  let sawDown = true;
  /** Message ids being sent right now, with a refusal that arrived before `send` resolved. */
  const inFlight = new Map<string, PermanentSendError | null>();
  /** This pass's "sent" marks, waiting for their group commit. */
  let marking: Array<Promise<void>> = [];
  // Sent, but the "sent" mark could not be written (a full disk): the next passes retry only the mark, never the
  // send, and wait longer each time, so a storage failure neither repeats messages nor spins the loop.
  const sentUnrecorded = new Map<number, { result: Awaited<ReturnType<Transport['send']>>; sentAt: Date }>();
  let storagePauseMs = 0;
  let pausedUntil = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** True when the row was written to a seller: a notice about it would go to a seller too, and could loop. */
  function isToSeller(row: OutboxRow, guests: ReturnType<typeof createGuestsRepo>): boolean {
    for (const phone of deps.sellers?.numbers ?? []) {
      const seller = guests.byPhone(phone);
      if (row.address === transport.addressForPhone(phone) || (seller && (seller.id === row.guestId || seller.chatAddress === row.address))) return true;
    }
    return false;
  }

  /** Marks the row failed and, in the same transaction, queues the sellers' notice. Once per row. */
  function failForGood(row: OutboxRow, attempts: number, code: string, reason: string): void {
    const told = inTransaction(db, (tx) => {
      const txRepo = createOutboxRepo(tx);
      const status = txRepo.statusOf(row.id);
      if (status === undefined || status === 'failed') return null;
      txRepo.markFailed(row.id, attempts, reason);
      const sellers = deps.sellers;
      const guests = createGuestsRepo(tx);
      if (!sellers || sellers.numbers.length === 0 || isToSeller(row, guests)) return false;
      const guest = row.guestId !== null ? guests.byId(row.guestId) : undefined;
      const failed = { name: guest?.displayName ?? null, recipient: guest?.phoneE164 ?? row.address, excerpt: excerptOf(row.text), code };
      const messenger = createMessenger(tx, { ids: sellers.ids, clock, transport, sellerNumbers: sellers.numbers, defaultLanguage: sellers.defaultLanguage });
      messenger.toSellers((language) => deliveryFailedText[language](failed));
      return true;
    });
    if (told === null) return;
    logger.error({ outboxId: row.id, messageId: row.messageId, attempts, code, sellersTold: told }, 'outbound message failed for good; not retrying');
    if (told) kick();
  }

  function onRejected(messageId: string, error: PermanentSendError): void {
    if (inFlight.has(messageId)) {
      // The refusal overtook our own bookkeeping: the pass records it when send() returns.
      inFlight.set(messageId, error);
      return;
    }
    const row = repo.byMessageId(messageId);
    if (!row) return; // not one of ours
    failForGood(row, row.attempts || 1, error.code, `${error.code}: ${error.message}`);
  }
  transport.onSendRejected?.(onRejected);

  /** Only chats inside their pace window are remembered, so memory does not grow with the number of chats. */
  function forgetPacedOut(): void {
    if (lastSentAt.size < 1_000) return;
    const cutoff = clock.now().getTime() - transport.perChatPaceMs;
    for (const [address, at] of lastSentAt) if (at <= cutoff) lastSentAt.delete(address);
  }

  type Outcome = 'sent' | 'failed' | 'retry' | 'connection-lost';

  async function sendOne(row: OutboxRow): Promise<Outcome> {
    const attempts = row.attempts + 1;
    inFlight.set(row.messageId, null);
    try {
      const earlier = sentUnrecorded.get(row.id);
      const result = earlier?.result ?? (await transport.send(row.address, contentOf(row), row.messageId));
      if (!earlier && transport.perChatPaceMs > 0) lastSentAt.set(row.address, clock.now().getTime());
      const refused = inFlight.get(row.messageId);
      if (refused) {
        failForGood(row, attempts, refused.code, `${refused.code}: ${refused.message}`);
        return 'failed';
      }
      const sentAt = earlier?.sentAt ?? clock.now();
      sentUnrecorded.set(row.id, { result, sentAt });
      marking.push(
        deps.commits
          .run((tx) => {
            try {
              result.record?.(tx);
            } catch (err) {
              // The message went out; losing the transport's own note of it must not make it go out again and again.
              logger.error({ err, outboxId: row.id }, 'the transport could not record a sent message');
            }
            repo.markSent(row.id, result.payload, sentAt);
          })
          .then(() => {
            sentUnrecorded.delete(row.id);
          }),
      );
      return 'sent';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentSendError) {
        failForGood(row, attempts, err.code, `${err.code}: ${message}`);
        return 'failed';
      }
      if (!transport.isReady()) {
        // The connection dropped under this send: not this message's fault, so it keeps its attempts and goes
        // first when the transport is back.
        repo.markRetry(row.id, row.attempts, clock.now(), message);
        logger.warn({ err, outboxId: row.id }, 'connection lost while sending; the message waits for the reconnect');
        return 'connection-lost';
      }
      if (attempts >= maxAttempts) {
        failForGood(row, attempts, GAVE_UP, message);
        return 'failed';
      }
      repo.markRetry(row.id, attempts, new Date(clock.now().getTime() + backoffMs(attempts)), message);
      logger.warn({ err, outboxId: row.id, attempts }, 'outbound message failed, will retry');
      return 'retry';
    } finally {
      inFlight.delete(row.messageId);
    }
  }

  /**
   * One pass: each chat's due messages in order, at most `batchSize` per chat, chats in the order their oldest
   * message was queued. A retry or the pace blocks only that chat. Returns the wait (ms) before a paced chat may
   * go, if any, and whether anything changed (so another pass may find more).
   */
  async function pass(): Promise<{ paceWait: number | null; progressed: boolean }> {
    const pause = pausedUntil - clock.now().getTime();
    if (pause > 0) return { paceWait: pause, progressed: false };
    if (!transport.isReady()) {
      sawDown = true;
      return { paceWait: null, progressed: false };
    }
    if (sawDown) {
      budget?.connected(clock.now().getTime());
      sawDown = false;
    }
    forgetPacedOut();
    let paceWait: number | null = null;
    let progressed = false;
    chats: for (const head of repo.chatHeadsDue(clock.now(), batchSize * 10)) {
      let row: OutboxRow | undefined = head.row;
      let queue: OutboxRow[] = [];
      let exhausted = head.pending <= 1;
      for (let sent = 0; row && sent < batchSize; sent++) {
        if (stopped || !transport.isReady()) break chats;
        const wait = (lastSentAt.get(row.address) ?? -Infinity) + transport.perChatPaceMs - clock.now().getTime();
        if (wait > 0) {
          paceWait = Math.min(paceWait ?? wait, wait);
          break;
        }
        // The number's own pace: when it is spent, every chat waits (the oldest go first next time).
        const budgetWait = budget ? budget.take(clock.now().getTime()) : 0;
        if (budgetWait > 0) {
          paceWait = Math.min(paceWait ?? budgetWait, budgetWait);
          break chats;
        }
        progressed = true;
        const outcome = await sendOne(row);
        if (outcome === 'connection-lost') break chats;
        // After a retry the rest of this chat waits, so the customer never reads messages out of order.
        if (outcome === 'retry') break;
        if (queue.length === 0 && !exhausted) {
          queue = repo.nextInChat(row.address, row.id, batchSize);
          exhausted = queue.length < batchSize;
        }
        const next = queue.shift();
        row = next && next.nextAttemptAt <= clock.now().toISOString() ? next : undefined;
      }
    }
    const unrecorded = await marksCommitted();
    if (unrecorded !== null) {
      storagePauseMs = Math.min(Math.max(1_000, storagePauseMs * 2), 30_000);
      pausedUntil = clock.now().getTime() + storagePauseMs;
      // One line per pause, not per message: a full disk must not also fill up with log lines.
      logger.error({ err: unrecorded, unrecorded: sentUnrecorded.size, retryInMs: storagePauseMs }, 'could not record sent messages; sending paused, they will not be sent twice');
      return { paceWait: storagePauseMs, progressed: false };
    }
    storagePauseMs = 0;
    return { paceWait, progressed };
  }

  /** Before the next pass reads what is due, this pass's sends must read as sent. Returns why one could not be, or null. */
  async function marksCommitted(): Promise<unknown> {
    const waiting = marking;
    marking = [];
    const failed = (await Promise.allSettled(waiting)).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    return failed ? (failed.reason ?? 'unknown error') : null;
  }

  async function loop(): Promise<void> {
    let progressed = false;
    do {
      again = false;
      const result = await pass();
      progressed = result.progressed;
      if (result.paceWait !== null && !stopped) schedule(result.paceWait);
    } while ((again || progressed) && !stopped);
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
        if (repo.chatHeadsDue(clock.now(), 1).length === 0 || !transport.isReady()) return;
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
