import { eq, sql } from 'drizzle-orm';
import type { Language } from '../orders/language.js';
import type { DbOrTx } from './db.js';
import { insertRow, param, prepared } from './prepared.js';
import { guests } from './schema.js';
import { perHandle } from './per-handle.js';

export type Guest = typeof guests.$inferSelect;

export interface SeenIdentity {
  phone: string | null;
  lid: string | null;
  chatAddress: string;
  pushName: string | null;
  at: Date;
}

export const createGuestsRepo = perHandle((db: DbOrTx) => {
  const byPhone = (phone: string): Guest | undefined =>
    prepared(db, 'guests.byPhone', (r) => r.select().from(guests).where(eq(guests.phoneE164, sql.placeholder('phone'))).prepare()).get({ phone });
  const byLid = (lid: string): Guest | undefined =>
    prepared(db, 'guests.byLid', (r) => r.select().from(guests).where(eq(guests.lid, sql.placeholder('lid'))).prepare()).get({ lid });
  const byId = (id: number): Guest | undefined =>
    prepared(db, 'guests.byId', (r) => r.select().from(guests).where(eq(guests.id, sql.placeholder('id'))).prepare()).get({ id });

  return {
    byId,
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
        return insertRow(db, guests, {
          phoneE164: seen.phone,
          lid: seen.lid,
          chatAddress: seen.chatAddress,
          displayName: seen.pushName,
          verifiedAt: at,
          createdAt: at,
          updatedAt: at,
        });
      }
      const known = {
        phoneE164: existing.phoneE164 ?? seen.phone,
        lid: existing.lid ?? seen.lid,
        chatAddress: seen.chatAddress,
        displayName: seen.pushName ?? existing.displayName,
        verifiedAt: existing.verifiedAt ?? at,
      };
      // Most messages come from a guest exactly as we know them: no write.
      if (
        known.phoneE164 === existing.phoneE164 &&
        known.lid === existing.lid &&
        known.chatAddress === existing.chatAddress &&
        known.displayName === existing.displayName &&
        known.verifiedAt === existing.verifiedAt
      ) {
        return existing;
      }
      const update = prepared(db, 'guests.recordSender', (r) =>
        r
          .update(guests)
          .set({
            phoneE164: param('phone'),
            lid: param('lid'),
            chatAddress: param('chatAddress'),
            displayName: param('displayName'),
            verifiedAt: param('verifiedAt'),
            updatedAt: param('at'),
          })
          .where(eq(guests.id, sql.placeholder('id')))
          .prepare(),
      );
      update.run({ id: existing.id, phone: known.phoneE164, lid: known.lid, chatAddress: known.chatAddress, displayName: known.displayName, verifiedAt: known.verifiedAt, at });
      return { ...existing, ...known, updatedAt: at };
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
});
export type GuestsRepo = ReturnType<typeof createGuestsRepo>;
