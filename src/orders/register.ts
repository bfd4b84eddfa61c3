// Guest -> registered customer (the plan's section 8): one transaction, full history kept,
// nothing duplicated. Registering twice with the same number links to the same account.
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../store/db.js';
import { customers, customRequests, guests, orders, quotes } from '../store/schema.js';

export type Customer = typeof customers.$inferSelect;

export type RegisterResult =
  | { ok: true; customer: Customer; created: boolean; moved: { orders: number; requests: number; quotes: number } }
  | { ok: false; reason: 'no_phone' | 'not_found' };

export function registerGuest(db: DbOrTx, input: { guestId: number; name: string; email: string | null; now: Date }): RegisterResult {
  const guest = db.select().from(guests).where(eq(guests.id, input.guestId)).get();
  if (!guest) return { ok: false, reason: 'not_found' };
  if (!guest.phoneE164) return { ok: false, reason: 'no_phone' };
  const stamp = input.now.toISOString();
  const existing = db.select().from(customers).where(eq(customers.phoneE164, guest.phoneE164)).get();
  const customer =
    existing ??
    db
      .insert(customers)
      .values({ name: input.name, phoneE164: guest.phoneE164, email: input.email, createdAt: stamp, updatedAt: stamp })
      .returning()
      .get();
  db.update(guests).set({ customerId: customer.id, updatedAt: stamp }).where(eq(guests.id, guest.id)).run();
  const customerId = customer.id;
  const moved = {
    orders: db.update(orders).set({ customerId }).where(and(eq(orders.guestId, guest.id), isNull(orders.customerId))).run().changes,
    requests: db
      .update(customRequests)
      .set({ customerId })
      .where(and(eq(customRequests.guestId, guest.id), isNull(customRequests.customerId)))
      .run().changes,
    quotes: db.update(quotes).set({ customerId }).where(and(eq(quotes.guestId, guest.id), isNull(quotes.customerId))).run().changes,
  };
  return {
    ok: true,
    customer,
    created: !existing,
    moved,
  };
}
