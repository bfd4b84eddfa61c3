// Requests a customer makes about an order (address change, cancellation, contact, delivery
// confirmation, return, refund) and the ratings they leave. Rules live in src/orders/customer-requests.ts.
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { customerRequests, feedback } from './schema.js';

export type CustomerRequest = typeof customerRequests.$inferSelect;
export type CustomerRequestKind = CustomerRequest['kind'];
export type CustomerRequestStatus = CustomerRequest['status'];
export type Feedback = typeof feedback.$inferSelect;

export const CUSTOMER_REQUEST_KINDS: readonly CustomerRequestKind[] = ['address_change', 'cancellation', 'contact', 'delivery_confirmation', 'return', 'refund'];
export const CUSTOMER_REQUEST_STATUSES: readonly CustomerRequestStatus[] = ['open', 'approved', 'declined'];

export function createCustomerRequestsRepo(db: DbOrTx) {
  return {
    byId: (id: number) => db.select().from(customerRequests).where(eq(customerRequests.id, id)).get(),
    forOrder: (orderId: number): CustomerRequest[] =>
      db.select().from(customerRequests).where(eq(customerRequests.orderId, orderId)).orderBy(asc(customerRequests.id)).all(),
    openOfKind: (orderId: number, kinds: readonly CustomerRequestKind[]): CustomerRequest[] =>
      db
        .select()
        .from(customerRequests)
        .where(and(eq(customerRequests.orderId, orderId), eq(customerRequests.status, 'open'), inArray(customerRequests.kind, [...kinds])))
        .orderBy(asc(customerRequests.id))
        .all(),
    /** Requests of these kinds made after `since`. */
    countSince: (orderId: number, kinds: readonly CustomerRequestKind[], since: Date): number =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(customerRequests)
        .where(and(eq(customerRequests.orderId, orderId), inArray(customerRequests.kind, [...kinds]), gt(customerRequests.createdAt, since.toISOString())))
        .get()?.n ?? 0,
    /** Newest first; `status` null lists every status. */
    list(status: CustomerRequestStatus | null, limit: number, offset: number): { rows: CustomerRequest[]; total: number } {
      const where = status ? eq(customerRequests.status, status) : undefined;
      const total = db.select({ n: sql<number>`count(*)` }).from(customerRequests).where(where).get()?.n ?? 0;
      const rows = db.select().from(customerRequests).where(where).orderBy(desc(customerRequests.id)).limit(limit).offset(offset).all();
      return { rows, total };
    },
    insert(row: Omit<typeof customerRequests.$inferInsert, 'id'>): CustomerRequest {
      return db.insert(customerRequests).values(row).returning().get();
    },
    /** Compare-and-set: resolves the request only while it is still open; undefined when someone else did first. */
    resolveIfOpen(id: number, status: 'approved' | 'declined', by: string, payload: string | null, at: Date): CustomerRequest | undefined {
      return db
        .update(customerRequests)
        .set({ status, resolvedBy: by, resolvedAt: at.toISOString(), payload })
        .where(and(eq(customerRequests.id, id), eq(customerRequests.status, 'open')))
        .returning()
        .get();
    },
  };
}
export type CustomerRequestsRepo = ReturnType<typeof createCustomerRequestsRepo>;

export function createFeedbackRepo(db: DbOrTx) {
  return {
    forOrder: (orderId: number) => db.select().from(feedback).where(eq(feedback.orderId, orderId)).orderBy(asc(feedback.id)).get(),
    insert(row: Omit<typeof feedback.$inferInsert, 'id'>): Feedback {
      return db.insert(feedback).values(row).returning().get();
    },
  };
}
export type FeedbackRepo = ReturnType<typeof createFeedbackRepo>;
