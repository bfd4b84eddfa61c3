import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { param, prepared } from './prepared.js';
import { inboundMessages } from './schema.js';
import { perHandle } from './per-handle.js';

export type NewInbound = Omit<typeof inboundMessages.$inferInsert, 'id'>;

export const createInboundRepo = perHandle((db: DbOrTx) => {
  return {
    seen: (transport: string, messageId: string): boolean =>
      prepared(db, 'inbound.seen', (r) =>
        r
          .select({ id: inboundMessages.id })
          .from(inboundMessages)
          .where(and(eq(inboundMessages.transport, sql.placeholder('transport')), eq(inboundMessages.messageId, sql.placeholder('messageId'))))
          .prepare(),
      ).get({ transport, messageId }) !== undefined,
    /** Records the message id; false when it was already recorded (a duplicate). */
    record(row: NewInbound): boolean {
      const insert = prepared(db, 'inbound.record', (r) =>
        r
          .insert(inboundMessages)
          .values({
            transport: param('transport'),
            messageId: param('messageId'),
            chatAddress: param('chatAddress'),
            guestId: param('guestId'),
            fromMe: param('fromMe'),
            kind: param('kind'),
            route: param('route'),
            status: param('status'),
            receivedAt: param('receivedAt'),
          })
          .onConflictDoNothing()
          .prepare(),
      );
      return insert.run({ ...row, guestId: row.guestId ?? null, fromMe: row.fromMe ? 1 : 0 }).changes === 1;
    },
  };
});
export type InboundRepo = ReturnType<typeof createInboundRepo>;
