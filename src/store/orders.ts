import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { insertRow, param, prepared } from './prepared.js';
import type { DbOrTx } from './db.js';
import { orderEvents, orderItems, orders } from './schema.js';
import { perHandle } from './per-handle.js';

export type Order = typeof orders.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, 'id'>;
export type OrderItem = typeof orderItems.$inferSelect;
export type NewOrderItem = Omit<typeof orderItems.$inferInsert, 'id' | 'orderId'>;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type NewOrderEvent = Omit<typeof orderEvents.$inferInsert, 'id' | 'orderId'>;

export const createOrdersRepo = perHandle((db: DbOrTx) => {
  return {
    byId: (id: number): Order | undefined =>
      prepared(db, 'orders.byId', (r) => r.select().from(orders).where(eq(orders.id, sql.placeholder('id'))).prepare()).get({ id }),
    byNumber: (number: number): Order | undefined =>
      prepared(db, 'orders.byNumber', (r) => r.select().from(orders).where(eq(orders.number, sql.placeholder('number'))).prepare()).get({ number }),
    byPublicId: (publicId: string) => db.select().from(orders).where(eq(orders.publicId, publicId)).get(),
    recentOfGuest: (guestId: number, limit: number): Order[] =>
      db.select().from(orders).where(eq(orders.guestId, guestId)).orderBy(desc(orders.id)).limit(limit).all(),
    items: (orderId: number): OrderItem[] =>
      prepared(db, 'orders.items', (r) => r.select().from(orderItems).where(eq(orderItems.orderId, sql.placeholder('orderId'))).orderBy(asc(orderItems.id)).prepare()).all({
        orderId,
      }),
    events: (orderId: number): OrderEvent[] =>
      db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)).all(),

    insert(order: NewOrder, items: NewOrderItem[]): Order {
      const row = insertRow(db, orders, order);
      for (const item of items) insertRow(db, orderItems, { ...item, orderId: row.id });
      return row;
    },

    addEvent(orderId: number, event: NewOrderEvent): void {
      prepared(db, 'orders.addEvent', (r) =>
        r
          .insert(orderEvents)
          .values({
            orderId: param('orderId'),
            actorType: param('actorType'),
            actorId: param('actorId'),
            type: param('type'),
            before: param('before'),
            after: param('after'),
            note: param('note'),
            at: param('at'),
          })
          .prepare(),
      ).run({ orderId, actorType: event.actorType, actorId: event.actorId ?? null, type: event.type, before: event.before ?? null, after: event.after ?? null, note: event.note ?? null, at: event.at });
    },

    /**
     * Compare-and-set on the status: applies `patch` only while the order is still in `from`.
     * Returns the updated row, or undefined when someone else changed it first.
     */
    updateIfStatus(id: number, from: Order['status'], patch: Partial<NewOrder>): Order | undefined {
      return db
        .update(orders)
        .set(patch)
        .where(and(eq(orders.id, id), eq(orders.status, from)))
        .returning()
        .get();
    },
  };
});
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
