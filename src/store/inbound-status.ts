import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { inboundMessages } from './schema.js';

/** How an inbound message was recorded: `processed` only when its transaction committed. */
export function inboundStatus(db: DbOrTx, transport: string, messageId: string): 'processed' | 'failed' | 'ignored' | null {
  return (
    db
      .select({ status: inboundMessages.status })
      .from(inboundMessages)
      .where(and(eq(inboundMessages.transport, transport), eq(inboundMessages.messageId, messageId)))
      .get()?.status ?? null
  );
}
