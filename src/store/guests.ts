import { eq } from 'drizzle-orm';
import type { Language } from '../orders/language.js';
import type { DbOrTx } from './db.js';
import { guests } from './schema.js';

export type Guest = typeof guests.$inferSelect;

export interface SeenIdentity {
  phone: string | null;
  lid: string | null;
  chatAddress: string;
  pushName: string | null;
  at: Date;
}

export function createGuestsRepo(db: DbOrTx) {
  const byPhone = (phone: string) => db.select().from(guests).where(eq(guests.phoneE164, phone)).get();
  const byLid = (lid: string) => db.select().from(guests).where(eq(guests.lid, lid)).get();

  return {
    byId: (id: number) => db.select().from(guests).where(eq(guests.id, id)).get(),
    byPhone,
    byLid,

    /**
     * The guest behind a message that arrived over WhatsApp. Writing to the store proves the
     * sender owns the number, so the guest is verified from then on.
     */
    recordSender(seen: SeenIdentity): Guest {
      const at = seen.at.toISOString();
      const existing = (seen.phone ? byPhone(seen.phone) : undefined) ?? (seen.lid ? byLid(seen.lid) : undefined);
      if (!existing) {
        return db
          .insert(guests)
          .values({
            phoneE164: seen.phone,
            lid: seen.lid,
            chatAddress: seen.chatAddress,
            displayName: seen.pushName,
            verifiedAt: at,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .get();
      }
      return db
        .update(guests)
        .set({
          phoneE164: existing.phoneE164 ?? seen.phone,
          lid: existing.lid ?? seen.lid,
          chatAddress: seen.chatAddress,
          displayName: seen.pushName ?? existing.displayName,
          verifiedAt: existing.verifiedAt ?? at,
          updatedAt: at,
        })
        .where(eq(guests.id, existing.id))
        .returning()
        .get();
    },

    /** A guest for a number the store reached first (not verified: they have not written to us). */
    findOrCreateUnverified(seen: Omit<SeenIdentity, 'pushName'>): Guest {
      const existing = (seen.phone ? byPhone(seen.phone) : undefined) ?? (seen.lid ? byLid(seen.lid) : undefined);
      if (existing) return existing;
      const at = seen.at.toISOString();
      return db
        .insert(guests)
        .values({ phoneE164: seen.phone, lid: seen.lid, chatAddress: seen.chatAddress, createdAt: at, updatedAt: at })
        .returning()
        .get();
    },

    markBlockedNoticeSent(id: number, at: Date): void {
      db.update(guests).set({ blockedNoticeAt: at.toISOString(), updatedAt: at.toISOString() }).where(eq(guests.id, id)).run();
    },

    setLanguage(id: number, language: Language, at: Date): void {
      db.update(guests).set({ language, updatedAt: at.toISOString() }).where(eq(guests.id, id)).run();
    },
  };
}
export type GuestsRepo = ReturnType<typeof createGuestsRepo>;
