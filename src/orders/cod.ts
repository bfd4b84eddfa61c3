// Cash-on-delivery confirmation: first-time or risky customers confirm in chat before the order
// ships. `asked` with no `cod_asked_at` means "ask once the seller confirms the order".
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { orders } from '../store/schema.js';
import type { StorePolicy } from './policy.js';

type OrderRow = typeof orders.$inferSelect;

export function codConfirmationNeeded(db: DbOrTx, order: OrderRow, policy: StorePolicy): boolean {
  if (policy.codConfirmation === 'never') return false;
  if (policy.codConfirmation === 'always') return true;
  if (order.riskLevel === 'high') return true;
  const identity = order.customerId !== null ? eq(orders.customerId, order.customerId) : eq(orders.guestId, order.guestId ?? -1);
  const delivered = db
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(and(identity, ne(orders.id, order.id), eq(orders.status, 'delivered')))
    .get()?.n;
  return (delivered ?? 0) === 0;
}

/**
 * A confirmation marked at placement that is no longer wanted: the cash is already in (marked paid), or the shop
 * stopped asking (`never`) before the question went out. One that was asked under `never` still waits for its answer.
 */
export function codNoLongerNeeded(order: Pick<OrderRow, 'codConfirmation' | 'codAskedAt' | 'paymentStatus'>, policy: StorePolicy): boolean {
  if (order.codConfirmation !== 'asked') return false;
  return order.paymentStatus !== 'unpaid' || (order.codAskedAt === null && policy.codConfirmation === 'never');
}

/** Marks a new order as needing the customer's confirmation (asked after the seller confirms). */
export function requireCodConfirmation(db: DbOrTx, orderId: number): void {
  db.update(orders).set({ codConfirmation: 'asked', codAskedAt: null }).where(eq(orders.id, orderId)).run();
}

export type CodAnswerResult = { ok: true; order: OrderRow } | { ok: false; reason: 'not_found' | 'not_asked' };

/** The customer's answer; compare-and-set, so a late or repeated answer changes nothing. */
export function answerCodConfirmation(db: DbOrTx, input: { orderNumber: number; guestId: number; confirm: boolean; now: Date }): CodAnswerResult {
  const order = db.select().from(orders).where(eq(orders.number, input.orderNumber)).get();
  if (!order || order.guestId !== input.guestId) return { ok: false, reason: 'not_found' };
  const updated = db
    .update(orders)
    .set({ codConfirmation: input.confirm ? 'confirmed' : 'declined', updatedAt: input.now.toISOString() })
    .where(and(eq(orders.id, order.id), eq(orders.codConfirmation, 'asked')))
    .returning()
    .get();
  return updated ? { ok: true, order: updated } : { ok: false, reason: 'not_asked' };
}
