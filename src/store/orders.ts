import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { orderEvents, orderItems, orders } from './schema.js';

export type Order = typeof orders.$inferSelect;
export type NewOrder = Omit<typeof orders.$inferInsert, 'id'>;
export type OrderItem = typeof orderItems.$inferSelect;
export type NewOrderItem = Omit<typeof orderItems.$inferInsert, 'id' | 'orderId'>;
export type OrderEvent = typeof orderEvents.$inferSelect;
export type NewOrderEvent = Omit<typeof orderEvents.$inferInsert, 'id' | 'orderId'>;

export function createOrdersRepo(db: DbOrTx) {
  return {
    byId: (id: number) => db.select().from(orders).where(eq(orders.id, id)).get(),
    byNumber: (number: number) => db.select().from(orders).where(eq(orders.number, number)).get(),
    byPublicId: (publicId: string) => db.select().from(orders).where(eq(orders.publicId, publicId)).get(),
    recentOfGuest: (guestId: number, limit: number): Order[] =>
      db.select().from(orders).where(eq(orders.guestId, guestId)).orderBy(desc(orders.id)).limit(limit).all(),
    items: (orderId: number): OrderItem[] =>
      db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id)).all(),
    events: (orderId: number): OrderEvent[] =>
      db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)).all(),

    insert(order: NewOrder, items: NewOrderItem[]): Order {
      const row = db.insert(orders).values(order).returning().get();
      if (items.length > 0) db.insert(orderItems).values(items.map((item) => ({ ...item, orderId: row.id }))).run();
      return row;
    },

    addEvent(orderId: number, event: NewOrderEvent): void {
      db.insert(orderEvents).values({ ...event, orderId }).run();
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
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
