// The durable sweep (DESIGN.md section 3, expiry): every SWEEP_INTERVAL it finds what is due
// through indexes and applies each item as a compare-and-set in its own synchronous transaction,
// so a second sweep, a second process or a crash in the middle changes nothing twice.
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { lifecycleTexts, type ExpiredOrderStage } from '../flows/lifecycle-texts.js';
import { cancelOrder } from '../orders/cancel-order.js';
import { codNoLongerNeeded } from '../orders/cod.js';
import { expireQuote } from '../orders/custom-requests.js';
import { readPolicy, reminderLeadMs, ttlFor, type ExpiryStage, type StorePolicy } from '../orders/policy.js';
import { inTransaction, type Db, type Tx } from '../store/db.js';
import { sqliteOf } from '../store/raw-sqlite.js';
import { createGuestsRepo } from '../store/guests.js';
import { customRequests, orders, quotes } from '../store/schema.js';
import { askCodConfirmation, stepCustomer } from './customer-questions.js';
import type { OutboxSender } from './outbox-sender.js';
import type { BotConfig, SystemContext } from './pipeline.js';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  outbox: Pick<OutboxSender, 'kick'>;
  systemContext(tx: Tx, now: Date): SystemContext;
  config: Pick<BotConfig, 'ttl'>;
  intervalMs: number;
}

/** Items handled per query; a sweep keeps going until nothing is due. */
const BATCH = 200;

export interface SweepReport {
  expired: number;
  reminded: number;
  codAsked: number;
  feedbackAsked: number;
}

type OrderRow = typeof orders.$inferSelect;

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  /**
   * One batch, one transaction; each item inside its own savepoint, so a failing item rolls back
   * alone (logged, tried again next sweep) and a crash loses only uncommitted work, never half an item.
   */
  function each<T>(rows: readonly T[], apply: (tx: Tx, row: T, ctx: SystemContext) => boolean): number {
    return inTransaction(db, (outer) => {
      const ctx = deps.systemContext(outer, clock.now());
      let done = 0;
      for (const row of rows) {
        try {
          // better-sqlite3 nests this as a SAVEPOINT on the same connection (cheaper than a drizzle nested transaction).
          if (sqliteOf(outer).transaction(() => apply(outer, row, ctx))()) done++;
        } catch (err) {
          logger.error({ err }, 'sweep item failed; it will be tried again next sweep');
        }
      }
      return done;
    });
  }

  /** Pages through `find` by id (rows stay matched after `apply`, as reminders do) until nothing is left. */
  function drain<T extends { id: number }>(find: (afterId: number) => T[], apply: (tx: Tx, row: T, ctx: SystemContext) => boolean): number {
    let total = 0;
    let afterId = 0;
    for (;;) {
      const rows = find(afterId);
      if (rows.length === 0) return total;
      total += each(rows, apply);
      afterId = rows[rows.length - 1]!.id;
    }
  }

  function toCustomer(ctx: SystemContext, guestId: number | null, make: (t: (typeof lifecycleTexts)['en']) => string) {
    const guest = guestId === null ? undefined : createGuestsRepo(ctx.tx).byId(guestId);
    const address = guest?.chatAddress ?? (guest?.phoneE164 ? ctx.messenger.addressOfGuest(guest.id) : null);
    if (guest && address) ctx.messenger.text(address, guest.id, make(lifecycleTexts[guest.language ?? ctx.config.defaultLanguage]));
  }

  function expireOrder(tx: Tx, order: OrderRow, stage: ExpiredOrderStage, ctx: SystemContext, policy: StorePolicy): boolean {
    const result = cancelOrder(tx, {
      orderNumber: order.number,
      reason: 'expired',
      note: stage,
      actor: { type: 'system', id: null },
      now: ctx.now,
    });
    if (!result.ok) return false;
    toCustomer(ctx, order.guestId, (t) => t.orderExpired(order.number, stage));
    ctx.messenger.toSellers((l) => lifecycleTexts[l].sellerOrderExpired(order.number, stage));
    return true;
  }

  const dueOrders = (status: OrderRow['status'], before: string) => (afterId: number) =>
    db
      .select()
      .from(orders)
      .where(and(eq(orders.status, status), lte(orders.expiresAt, before), gt(orders.id, afterId)))
      .orderBy(asc(orders.id))
      .limit(BATCH)
      .all();

  function sweep(): SweepReport {
    const now = clock.now();
    const stamp = now.toISOString();
    const policy = readPolicy(db);
    const report: SweepReport = { expired: 0, reminded: 0, codAsked: 0, feedbackAsked: 0 };

    // Expiry: each row leaves the due set when its compare-and-set succeeds.
    report.expired += expireUntilDone(() =>
      db.select().from(customRequests).where(and(eq(customRequests.status, 'pending'), lte(customRequests.expiresAt, stamp))).limit(BATCH).all(),
      (tx, request, ctx) => {
        const changed = tx
          .update(customRequests)
          .set({ status: 'expired', expiresAt: null, updatedAt: stamp })
          .where(and(eq(customRequests.id, request.id), eq(customRequests.status, 'pending')))
          .run().changes === 1;
        if (!changed) return false;
        toCustomer(ctx, request.guestId, (t) => t.requestExpired(request.number));
        ctx.messenger.toSellers((l) => lifecycleTexts[l].sellerRequestExpired(request.number));
        return true;
      },
    );
    report.expired += expireUntilDone(
      () => db.select().from(quotes).where(and(eq(quotes.status, 'open'), lte(quotes.expiresAt, stamp))).limit(BATCH).all(),
      (tx, quote, ctx) => {
        if (!expireQuote(tx, quote, now)) return false;
        const request = tx.select().from(customRequests).where(eq(customRequests.id, quote.requestId)).get();
        if (request) {
          toCustomer(ctx, quote.guestId, (t) => t.quoteExpired(request.number));
          ctx.messenger.toSellers((l) => lifecycleTexts[l].sellerQuoteExpired(request.number));
        }
        return true;
      },
    );
    report.expired += expireUntilDone(
      () => db.select().from(orders).where(and(eq(orders.status, 'pending'), lte(orders.expiresAt, stamp))).limit(BATCH).all(),
      (tx, order, ctx) => expireOrder(tx, order, order.type === 'custom' ? 'accepted' : 'pending', ctx, policy),
    );
    report.expired += expireUntilDone(
      () => db.select().from(orders).where(and(eq(orders.status, 'ready_for_shipping'), lte(orders.expiresAt, stamp))).limit(BATCH).all(),
      (tx, order, ctx) => expireOrder(tx, order, 'ready', ctx, policy),
    );
    // No answer to the COD question in time cancels the order.
    const codDeadline = new Date(now.getTime() - ttlFor(policy, deps.config, 'codConfirmation')).toISOString();
    report.expired += expireUntilDone(
      () => db.select().from(orders).where(and(eq(orders.codConfirmation, 'asked'), lte(orders.codAskedAt, codDeadline))).limit(BATCH).all(),
      (tx, order, ctx) => {
        const marked = tx
          .update(orders)
          .set({ codConfirmation: 'declined' })
          .where(and(eq(orders.id, order.id), eq(orders.codConfirmation, 'asked')))
          .run().changes === 1;
        return marked && expireOrder(tx, order, 'cod', ctx, policy);
      },
    );

    // Reminders before a deadline, once per stage (remindedAt is cleared when a stage starts).
    const remindBefore = (stage: ExpiryStage) => new Date(now.getTime() + reminderLeadMs(ttlFor(policy, deps.config, stage))).toISOString();
    for (const [status, stage, label] of [
      ['pending', 'pendingConfirmation', 'pending'],
      ['ready_for_shipping', 'readyNotShipped', 'ready'],
    ] as const) {
      report.reminded += drain(dueOrders(status, remindBefore(stage)), (tx, order, ctx) => {
        if (order.remindedAt !== null || order.expiresAt === null || order.expiresAt <= stamp) return false;
        const marked = tx.update(orders).set({ remindedAt: stamp }).where(and(eq(orders.id, order.id), isNull(orders.remindedAt))).run().changes === 1;
        if (marked) ctx.messenger.toSellers((l) => lifecycleTexts[l].sellerOrderReminder(order.number, order.expiresAt!, label));
        return marked;
      });
    }
    report.reminded += drain(
      (afterId) =>
        db
          .select()
          .from(customRequests)
          .where(and(eq(customRequests.status, 'pending'), lte(customRequests.expiresAt, remindBefore('customRequest')), gt(customRequests.id, afterId)))
          .orderBy(asc(customRequests.id))
          .limit(BATCH)
          .all(),
      (tx, request, ctx) => {
        if (request.remindedAt !== null || request.expiresAt === null || request.expiresAt <= stamp) return false;
        const marked = tx.update(customRequests).set({ remindedAt: stamp }).where(and(eq(customRequests.id, request.id), isNull(customRequests.remindedAt))).run().changes === 1;
        if (marked) ctx.messenger.toSellers((l) => lifecycleTexts[l].sellerRequestReminder(request.number, request.expiresAt!));
        return marked;
      },
    );
    report.reminded += drain(
      (afterId) =>
        db
          .select()
          .from(quotes)
          .where(and(eq(quotes.status, 'open'), lte(quotes.expiresAt, remindBefore('quote')), gt(quotes.id, afterId)))
          .orderBy(asc(quotes.id))
          .limit(BATCH)
          .all(),
      (tx, quote, ctx) => {
        if (quote.remindedAt !== null || quote.expiresAt <= stamp) return false;
        const marked = tx.update(quotes).set({ remindedAt: stamp }).where(and(eq(quotes.id, quote.id), isNull(quotes.remindedAt))).run().changes === 1;
        const request = tx.select().from(customRequests).where(eq(customRequests.id, quote.requestId)).get();
        if (marked && request) toCustomer(ctx, quote.guestId, (t) => t.quoteReminder(request.number, quote.expiresAt));
        return marked;
      },
    );

    // Ask confirmed first-time or risky orders for the customer's cash-on-delivery yes.
    report.codAsked += expireUntilDone(
      () =>
        db
          .select()
          .from(orders)
          .where(and(eq(orders.codConfirmation, 'asked'), isNull(orders.codAskedAt), eq(orders.status, 'confirmed')))
          .limit(BATCH)
          .all(),
      (tx, order, ctx) => {
        if (codNoLongerNeeded(order, policy)) {
          // Paid meanwhile, or the shop stopped asking: nothing to ask (and the order leaves this due set).
          return tx.update(orders).set({ codConfirmation: 'not_needed' }).where(and(eq(orders.id, order.id), eq(orders.codConfirmation, 'asked'))).run().changes === 1;
        }
        // Normally asked when the seller confirms (seller /confirm); this catches any confirmation made otherwise.
        return askCodConfirmation(ctx, order);
      },
    );
    // Ask once for a rating after delivery.
    report.feedbackAsked += expireUntilDone(
      () => db.select().from(orders).where(and(eq(orders.status, 'delivered'), isNull(orders.feedbackAskedAt))).limit(BATCH).all(),
      (tx, order, ctx) => {
        const marked = tx.update(orders).set({ feedbackAskedAt: stamp }).where(and(eq(orders.id, order.id), isNull(orders.feedbackAskedAt))).run().changes === 1;
        if (marked) stepCustomer(ctx, order.guestId, { type: 'FEEDBACK_DUE', orderNumber: order.number });
        return marked;
      },
    );

    if (report.expired + report.reminded + report.codAsked + report.feedbackAsked > 0) {
      logger.info(report, 'sweep done');
      deps.outbox.kick();
    }
    return report;
  }

  /** For queries whose rows leave the due set once applied: repeat until a batch changes nothing. */
  function expireUntilDone<T>(find: () => T[], apply: (tx: Tx, row: T, ctx: SystemContext) => boolean): number {
    let total = 0;
    for (;;) {
      const rows = find();
      if (rows.length === 0) return total;
      const done = each(rows, apply);
      total += done;
      if (done === 0) return total; // every row refused: leave them for the next sweep rather than loop
    }
  }

  return {
    sweep,
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        try {
          sweep();
        } catch (err) {
          logger.error({ err }, 'sweep failed');
        } finally {
          running = false;
        }
      }, deps.intervalMs);
      timer.unref?.();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
export type Scheduler = ReturnType<typeof createScheduler>;

