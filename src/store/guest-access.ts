// What the guest access pages need of guests and orders: verification after an OTP, and a guest's orders.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { guests, orders } from './schema.js';
import type { Order } from './orders.js';

export function createGuestAccessRepo(db: DbOrTx) {
  return {
    /** Passing the OTP proves the number: the guest is verified from then on (first time wins). */
    markVerified(guestId: number, at: Date): void {
      db.update(guests)
        .set({ verifiedAt: at.toISOString(), updatedAt: at.toISOString() })
        .where(and(eq(guests.id, guestId), isNull(guests.verifiedAt)))
        .run();
    },
    /** A guest's most recent orders, newest first. */
    recentOrders: (guestId: number, limit: number): Order[] =>
      db.select().from(orders).where(eq(orders.guestId, guestId)).orderBy(desc(orders.id)).limit(limit).all(),
  };
}
export type GuestAccessRepo = ReturnType<typeof createGuestAccessRepo>;
