// Deadlines are data (`expires_at`), set when an item enters a stage. When the seller changes a
// stage's length in /settings, the deadlines of items already in that stage move by the difference.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { customRequests, orders } from '../store/schema.js';
import type { ExpiryStage } from './policy.js';

const shift = (iso: string, deltaMs: number) => new Date(new Date(iso).getTime() + deltaMs).toISOString();

interface Waiting {
  table: typeof orders | typeof customRequests;
  rows: { id: number; expiresAt: string | null }[];
}

/** The items waiting in a stage with a deadline of their own (quotes keep theirs; COD runs from when it was asked). */
function waitingIn(db: DbOrTx, stage: ExpiryStage): Waiting | null {
  if (stage === 'customRequest') {
    const rows = db.select({ id: customRequests.id, expiresAt: customRequests.expiresAt }).from(customRequests)
      .where(and(eq(customRequests.status, 'pending'), isNotNull(customRequests.expiresAt))).all();
    return { table: customRequests, rows };
  }
  const where =
    stage === 'pendingConfirmation'
      ? and(eq(orders.status, 'pending'), eq(orders.type, 'catalog'))
      : stage === 'acceptedUnconfirmed'
        ? and(eq(orders.status, 'pending'), eq(orders.type, 'custom'))
        : stage === 'readyNotShipped'
          ? eq(orders.status, 'ready_for_shipping')
          : undefined;
  if (!where) return null;
  return { table: orders, rows: db.select({ id: orders.id, expiresAt: orders.expiresAt }).from(orders).where(and(where, isNotNull(orders.expiresAt))).all() };
}

/** What moving a stage's deadlines by `deltaMs` would do: how many items move, and how many would then be past due. */
export function previewStageShift(db: DbOrTx, stage: ExpiryStage, deltaMs: number, now: Date): { moved: number; due: number } {
  const waiting = deltaMs === 0 ? null : waitingIn(db, stage);
  if (!waiting) return { moved: 0, due: 0 };
  const due = waiting.rows.filter((row) => new Date(row.expiresAt!).getTime() + deltaMs <= now.getTime()).length;
  return { moved: waiting.rows.length, due };
}

/** Moves the open deadlines of one stage by `deltaMs` (new length minus old); returns how many moved. */
export function shiftStageDeadlines(db: DbOrTx, stage: ExpiryStage, deltaMs: number): number {
  const waiting = deltaMs === 0 ? null : waitingIn(db, stage);
  if (!waiting) return 0;
  for (const row of waiting.rows) {
    db.update(waiting.table).set({ expiresAt: shift(row.expiresAt!, deltaMs) }).where(eq(waiting.table.id, row.id)).run();
  }
  return waiting.rows.length;
}
