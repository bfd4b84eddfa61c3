import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { conversations } from './schema.js';

export type ConversationRow = typeof conversations.$inferSelect;

export interface SavedConversation {
  chatKey: string;
  guestId: number | null;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
}

export function createConversationsRepo(db: DbOrTx) {
  return {
    load: (chatKey: string) => db.select().from(conversations).where(eq(conversations.chatKey, chatKey)).get(),

    /** Writes the snapshot; `expectedRevision` (null for a new chat) guards against lost updates. */
    save(conv: SavedConversation, expectedRevision: number | null, at: Date): void {
      const stamp = at.toISOString();
      const snapshot = JSON.stringify(conv.snapshot);
      if (expectedRevision === null) {
        db.insert(conversations)
          .values({ ...conv, snapshot, revision: 1, updatedAt: stamp })
          .run();
        return;
      }
      const result = db
        .update(conversations)
        .set({ machineId: conv.machineId, machineVersion: conv.machineVersion, snapshot, revision: expectedRevision + 1, updatedAt: stamp })
        .where(and(eq(conversations.chatKey, conv.chatKey), eq(conversations.revision, expectedRevision)))
        .run();
      if (result.changes !== 1) throw new Error(`conversation ${conv.chatKey} changed concurrently`);
    },

    setHandoff(chatKey: string, until: Date | null, at: Date): void {
      db.update(conversations)
        .set({ handoffUntil: until?.toISOString() ?? null, updatedAt: at.toISOString() })
        .where(eq(conversations.chatKey, chatKey))
        .run();
    },
  };
}
export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
