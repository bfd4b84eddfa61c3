// Seller-side reads and writes on orders beyond the core repo: filtered pages, notes, tags, item
// edits, the payment compare-and-set, risk flags. Call inside the caller's transaction.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PaymentStatus } from '../orders/status.js';
import type { DbOrTx } from './db.js';
import { orderFilterSql, type OrderFilter } from './order-filter.js';
import type { NewOrder, NewOrderItem, Order, OrderItem } from './orders.js';
import { fraudFlags, orderItems, orderNotes, orders, orderTags } from './schema.js';

export type OrderNote = typeof orderNotes.$inferSelect;
export type FraudFlag = typeof fraudFlags.$inferSelect;

export function createOrderAdminRepo(db: DbOrTx) {
  return {
    /** Newest first. */
    page(filter: OrderFilter, page: number, pageSize: number): { rows: Order[]; total: number } {
      const where = orderFilterSql(filter);
      const total = db.get<{ n: number }>(sql`select count(*) as n from orders o where ${where}`)?.n ?? 0;
      const ids = db
        .all<{ id: number }>(sql`select o.id as id from orders o where ${where} order by o.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`)
        .map((r) => r.id);
      if (ids.length === 0) return { rows: [], total };
      const rows = db.select().from(orders).where(inArray(orders.id, ids)).all();
      rows.sort((a, b) => b.id - a.id);
      return { rows, total };
    },

    count: (filter: OrderFilter): number => db.get<{ n: number }>(sql`select count(*) as n from orders o where ${orderFilterSql(filter)}`)?.n ?? 0,

    /** Compare-and-set on the payment status, as `updateIfStatus` is for the order status. */
    updateIfPayment(id: number, from: PaymentStatus, patch: Partial<NewOrder>): Order | undefined {
      return db
        .update(orders)
        .set(patch)
        .where(and(eq(orders.id, id), eq(orders.paymentStatus, from)))
        .returning()
        .get();
    },

    /** Plain update of an order's own fields (edits); the caller checked the status in this transaction. */
    update(id: number, patch: Partial<NewOrder>): Order {
      return db.update(orders).set(patch).where(eq(orders.id, id)).returning().get()!;
    },

    notes: (orderId: number): OrderNote[] => db.select().from(orderNotes).where(eq(orderNotes.orderId, orderId)).orderBy(asc(orderNotes.id)).all(),
    addNote(orderId: number, author: string, text: string, at: Date): void {
      db.insert(orderNotes).values({ orderId, author, text, at: at.toISOString() }).run();
    },

    tags: (orderId: number): string[] =>
      db
        .select({ tag: orderTags.tag })
        .from(orderTags)
        .where(eq(orderTags.orderId, orderId))
        .orderBy(asc(orderTags.tag))
        .all()
        .map((r) => r.tag),
    /** True when the tag was not there yet. */
    addTag(orderId: number, tag: string, at: Date): boolean {
      return db.insert(orderTags).values({ orderId, tag, at: at.toISOString() }).onConflictDoNothing().run().changes === 1;
    },
    removeTag(orderId: number, tag: string): boolean {
      return db.delete(orderTags).where(and(eq(orderTags.orderId, orderId), eq(orderTags.tag, tag))).run().changes === 1;
    },

    setItemQuantity(item: OrderItem, quantity: number): void {
      db.update(orderItems)
        .set({ quantity, lineTotalMinor: item.unitPriceMinor * quantity })
        .where(eq(orderItems.id, item.id))
        .run();
    },
    removeItem(itemId: number): void {
      db.delete(orderItems).where(eq(orderItems.id, itemId)).run();
    },
    addItem(orderId: number, item: NewOrderItem): void {
      db.insert(orderItems).values({ ...item, orderId }).run();
    },

    fraudFlags: (orderId: number): FraudFlag[] => db.select().from(fraudFlags).where(eq(fraudFlags.orderId, orderId)).orderBy(asc(fraudFlags.id)).all(),
  };
}
export type OrderAdminRepo = ReturnType<typeof createOrderAdminRepo>;
