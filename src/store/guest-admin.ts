// Guests as sellers see them: found or created by number (a phone order's customer stays
// unverified until the number writes to the store), blocked and unblocked.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import type { Guest } from './guests.js';
import { guests } from './schema.js';

export function createGuestAdminRepo(db: DbOrTx) {
  const byPhone = (phone: string) => db.select().from(guests).where(eq(guests.phoneE164, phone)).get();
  return {
    byPhone,
    /** The guest with this E.164 number; a new, unverified one when the number is new. */
    findOrCreateByPhone(phone: string, name: string | null, at: Date): { guest: Guest; created: boolean } {
      const existing = byPhone(phone);
      if (existing) return { guest: existing, created: false };
      const stamp = at.toISOString();
      const guest = db
        .insert(guests)
        .values({ phoneE164: phone, displayName: name, verifiedAt: null, createdAt: stamp, updatedAt: stamp })
        .returning()
        .get();
      return { guest, created: true };
    },
    setBlocked(id: number, blocked: boolean, at: Date): Guest {
      const stamp = at.toISOString();
      return db
        .update(guests)
        .set({ blockedAt: blocked ? stamp : null, updatedAt: stamp })
        .where(eq(guests.id, id))
        .returning()
        .get()!;
    },
  };
}
export type GuestAdminRepo = ReturnType<typeof createGuestAdminRepo>;
