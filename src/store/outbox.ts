import { and, asc, eq, lt, lte } from 'drizzle-orm';
import type { OutboundContent } from '../bot/transport.js';
import type { DbOrTx } from './db.js';
import { outbox } from './schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutgoingMessage {
  messageId: string;
  address: string;
  guestId: number | null;
  content: OutboundContent;
}

export function contentOf(row: OutboxRow): OutboundContent {
  if (row.kind === 'text') return { type: 'text', text: row.text ?? '' };
  const media = JSON.parse(row.media ?? '{}') as { path: string; mimetype: string; fileName?: string };
  const caption = row.text ?? undefined;
  return row.kind === 'image'
    ? { type: 'image', path: media.path, mimetype: media.mimetype, ...(caption ? { caption } : {}) }
    : { type: 'document', path: media.path, mimetype: media.mimetype, fileName: media.fileName ?? 'file', ...(caption ? { caption } : {}) };
}

export function createOutboxRepo(db: DbOrTx) {
  return {
    enqueue(message: OutgoingMessage, at: Date): void {
      const { content } = message;
      const stamp = at.toISOString();
      db.insert(outbox)
        .values({
          messageId: message.messageId,
          address: message.address,
          guestId: message.guestId,
          kind: content.type,
          text: content.type === 'text' ? content.text : (content.caption ?? null),
          media:
            content.type === 'text'
              ? null
              : JSON.stringify({ path: content.path, mimetype: content.mimetype, ...(content.type === 'document' ? { fileName: content.fileName } : {}) }),
          status: 'pending',
          nextAttemptAt: stamp,
          createdAt: stamp,
        })
        .run();
    },
    due: (now: Date, limit: number): OutboxRow[] =>
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .all(),
    /** True when an older message to the same address still waits (a retry): this one must wait behind it. */
    hasOlderPending: (address: string, id: number): boolean =>
      db
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(eq(outbox.address, address), eq(outbox.status, 'pending'), lt(outbox.id, id)))
        .limit(1)
        .get() !== undefined,
    pendingCount: (): number => db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all().length,
    isOurs: (messageId: string): boolean =>
      db.select({ id: outbox.id }).from(outbox).where(eq(outbox.messageId, messageId)).get() !== undefined,
    payloadFor: (messageId: string): string | null =>
      db.select({ p: outbox.transportPayload }).from(outbox).where(eq(outbox.messageId, messageId)).get()?.p ?? null,
    markSent(id: number, payload: string | null, at: Date): void {
      db.update(outbox).set({ status: 'sent', sentAt: at.toISOString(), transportPayload: payload, lastError: null }).where(eq(outbox.id, id)).run();
    },
    markRetry(id: number, attempts: number, nextAttemptAt: Date, error: string): void {
      db.update(outbox).set({ attempts, nextAttemptAt: nextAttemptAt.toISOString(), lastError: error }).where(eq(outbox.id, id)).run();
    },
    markFailed(id: number, attempts: number, error: string): void {
      db.update(outbox).set({ status: 'failed', attempts, lastError: error }).where(eq(outbox.id, id)).run();
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
