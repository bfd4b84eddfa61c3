import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { inboundMessages } from './schema.js';

export type NewInbound = Omit<typeof inboundMessages.$inferInsert, 'id'>;

export function createInboundRepo(db: DbOrTx) {
  return {
    seen: (transport: string, messageId: string): boolean =>
      db
        .select({ id: inboundMessages.id })
        .from(inboundMessages)
        .where(and(eq(inboundMessages.transport, transport), eq(inboundMessages.messageId, messageId)))
        .get() !== undefined,
    /** Records the message id; false when it was already recorded (a duplicate). */
    record(row: NewInbound): boolean {
      return db.insert(inboundMessages).values(row).onConflictDoNothing().run().changes === 1;
    },
  };
}
export type InboundRepo = ReturnType<typeof createInboundRepo>;
