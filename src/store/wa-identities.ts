// LID <-> phone-number pairs WhatsApp has shown us. Baileys can map LID -> PN only from pairs it has seen,
// and forgets nothing durable outside its key store, so we keep our own copy (research guide 4.7, step 4).
import { eq } from 'drizzle-orm';
import { jidNormalizedUser } from '@whiskeysockets/baileys';
import type { DbOrTx } from './db.js';
import { waIdentities } from './schema.js';

export interface WaIdentitiesRepo {
  /** Records (or refreshes) that `lid` belongs to `phoneJid`. Device suffixes are dropped. */
  remember(lid: string, phoneJid: string, at: Date): void;
  /** The phone-number JID (`digits@s.whatsapp.net`) last seen for `lid`, or null. */
  phoneJidForLid(lid: string): string | null;
}

export function createWaIdentitiesRepo(db: DbOrTx): WaIdentitiesRepo {
  return {
    remember(lid, phoneJid, at) {
      const row = { lid: jidNormalizedUser(lid), phoneJid: jidNormalizedUser(phoneJid), updatedAt: at.toISOString() };
      if (!row.lid || !row.phoneJid) return;
      db.insert(waIdentities)
        .values(row)
        .onConflictDoUpdate({ target: waIdentities.lid, set: { phoneJid: row.phoneJid, updatedAt: row.updatedAt } })
        .run();
    },
    phoneJidForLid(lid) {
      const key = jidNormalizedUser(lid);
      if (!key) return null;
      const row = db
        .select({ phoneJid: waIdentities.phoneJid })
        .from(waIdentities)
        .where(eq(waIdentities.lid, key))
        .get();
      return row?.phoneJid ?? null;
    },
  };
}
