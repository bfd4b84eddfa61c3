import { and, eq, sql } from 'drizzle-orm';
import { insertRow, param, prepared } from './prepared.js';
import type { DbOrTx } from './db.js';
import { conversations } from './schema.js';
import { perHandle } from './per-handle.js';

export type ConversationRow = typeof conversations.$inferSelect;

export interface SavedConversation {
  chatKey: string;
  guestId: number | null;
  machineId: string;
  machineVersion: number;
  snapshot: unknown;
}

export const createConversationsRepo = perHandle((db: DbOrTx) => {
  return {
    load: (chatKey: string): ConversationRow | undefined =>
      prepared(db, 'conversations.load', (r) => r.select().from(conversations).where(eq(conversations.chatKey, sql.placeholder('chatKey'))).prepare()).get({
        chatKey,
      }),

    /** Writes the snapshot; `expectedRevision` (null for a new chat) guards against lost updates. */
    save(conv: SavedConversation, expectedRevision: number | null, at: Date): void {
      const stamp = at.toISOString();
      const snapshot = JSON.stringify(conv.snapshot);
      if (expectedRevision === null) {
        insertRow(db, conversations, { chatKey: conv.chatKey, guestId: conv.guestId, machineId: conv.machineId, machineVersion: conv.machineVersion, snapshot, revision: 1, updatedAt: stamp });
        return;
      }
      const update = prepared(db, 'conversations.save', (r) =>
        r
          .update(conversations)
          .set({ machineId: param('machineId'), machineVersion: param('machineVersion'), snapshot: param('snapshot'), revision: param('next'), updatedAt: param('at') })
          .where(and(eq(conversations.chatKey, sql.placeholder('chatKey')), eq(conversations.revision, sql.placeholder('expected'))))
          .prepare(),
      );
      const result = update.run({
        machineId: conv.machineId,
        machineVersion: conv.machineVersion,
        snapshot,
        next: expectedRevision + 1,
        at: stamp,
        chatKey: conv.chatKey,
        expected: expectedRevision,
      });
      if (result.changes !== 1) throw new Error(`conversation ${conv.chatKey} changed concurrently`);
    },

    setHandoff(chatKey: string, until: Date | null, at: Date): void {
      db.update(conversations)
        .set({ handoffUntil: until?.toISOString() ?? null, updatedAt: at.toISOString() })
        .where(eq(conversations.chatKey, chatKey))
        .run();
    },
  };
});
export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;
