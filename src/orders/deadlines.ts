// Deadlines are data (`expires_at`), set when an item enters a stage. When the seller changes a
// stage's length in /settings, the deadlines of items already in that stage move by the difference.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { customRequests, orders } from '../store/schema.js';
import type { ExpiryStage } from './policy.js';

const shift = (iso: string, deltaMs: number) => new Date(new Date(iso).getTime() + deltaMs).toISOString();

/** Moves the open deadlines of one stage by `deltaMs` (new length minus old); returns how many moved. */
export function shiftStageDeadlines(db: DbOrTx, stage: ExpiryStage, deltaMs: number): number {
  if (deltaMs === 0) return 0;
  let moved = 0;
  if (stage === 'customRequest') {
    const rows = db.select({ id: customRequests.id, expiresAt: customRequests.expiresAt }).from(customRequests)
      .where(and(eq(customRequests.status, 'pending'), isNotNull(customRequests.expiresAt))).all();
    for (const row of rows) {
      db.update(customRequests).set({ expiresAt: shift(row.expiresAt!, deltaMs) }).where(eq(customRequests.id, row.id)).run();
      moved++;
    }
    return moved;
  }
  const where =
    stage === 'pendingConfirmation'
      ? and(eq(orders.status, 'pending'), eq(orders.type, 'catalog'))
      : stage === 'acceptedUnconfirmed'
        ? and(eq(orders.status, 'pending'), eq(orders.type, 'custom'))
        : stage === 'readyNotShipped'
          ? eq(orders.status, 'ready_for_shipping')
          : undefined;
  if (!where) return 0; // quotes keep the expiry they were sent with; COD confirmation is measured from when it was asked
  for (const row of db.select({ id: orders.id, expiresAt: orders.expiresAt }).from(orders).where(and(where, isNotNull(orders.expiresAt))).all()) {
    db.update(orders).set({ expiresAt: shift(row.expiresAt!, deltaMs) }).where(eq(orders.id, row.id)).run();
    moved++;
  }
  return moved;
}
