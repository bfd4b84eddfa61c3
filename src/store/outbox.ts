import { and, asc, count, eq, gt, lte, min, sql } from 'drizzle-orm';
import { literalLimit, param, prepared } from './prepared.js';
import type { OutboundContent } from '../bot/transport.js';
import type { DbOrTx } from './db.js';
import { outbox } from './schema.js';
import { perHandle } from './per-handle.js';

export type OutboxRow = typeof outbox.$inferSelect;

// Written literally, not bound: only then can SQLite use the partial indexes on waiting and failed rows (schema.ts).
const isPending = sql`${outbox.status} = 'pending'`;
const isFailed = sql`${outbox.status} = 'failed'`;

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

export const createOutboxRepo = perHandle((db: DbOrTx) => {
  return {
    enqueue(message: OutgoingMessage, at: Date): void {
      const { content } = message;
      const stamp = at.toISOString();
      const insert = prepared(db, 'outbox.enqueue', (r) =>
        r
          .insert(outbox)
          .values({
            messageId: param('messageId'),
            address: param('address'),
            guestId: param('guestId'),
            kind: param('kind'),
            text: param('text'),
            media: param('media'),
            status: 'pending',
            nextAttemptAt: param('at'),
            createdAt: param('at'),
          })
          .prepare(),
      );
      insert.run({
        messageId: message.messageId,
        address: message.address,
        guestId: message.guestId,
        kind: content.type,
        text: content.type === 'text' ? content.text : (content.caption ?? null),
        media:
          content.type === 'text'
            ? null
            : JSON.stringify({ path: content.path, mimetype: content.mimetype, ...(content.type === 'document' ? { fileName: content.fileName } : {}) }),
        at: stamp,
      });
    },
    /**
     * The oldest pending row of each chat, when it is due, with how many rows the chat has pending: one chat's
     * backlog (a flood, or a paced chat after an outage) never hides the other chats' messages behind it.
     */
    chatHeadsDue(now: Date, limit: number): { row: OutboxRow; pending: number }[] {
      return prepared(db, `outbox.chatHeadsDue:${limit}`, (r) => {
        const heads = r
          .select({ id: min(outbox.id).as('head_id'), pending: count().as('pending') })
          .from(outbox)
          .where(isPending)
          .groupBy(outbox.address)
          .as('heads');
        return r
          .select({ row: outbox, pending: heads.pending })
          .from(heads)
          .innerJoin(outbox, eq(outbox.id, heads.id))
          .where(lte(outbox.nextAttemptAt, sql.placeholder('now')))
          .orderBy(asc(outbox.id))
          .limit(literalLimit(limit))
          .prepare();
      }).all({ now: now.toISOString() });
    },
    /** The chat's next pending rows after `afterId`, in order (index outbox_pending_chat_idx). */
    nextInChat: (address: string, afterId: number, limit: number): OutboxRow[] =>
      prepared(db, `outbox.nextInChat:${limit}`, (r) =>
        r
          .select()
          .from(outbox)
          .where(and(eq(outbox.address, sql.placeholder('address')), isPending, gt(outbox.id, sql.placeholder('afterId'))))
          .orderBy(asc(outbox.id))
          .limit(literalLimit(limit))
          .prepare(),
      ).all({ address, afterId }),
    byMessageId: (messageId: string): OutboxRow | undefined => db.select().from(outbox).where(eq(outbox.messageId, messageId)).get(),
    statusOf: (id: number): OutboxRow['status'] | undefined => db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id)).get()?.status,
    /** For the health check: what waits, since when, and what failed for good. */
    backlog(): { pending: number; oldestPendingAt: string | null; failed: number } {
      const pending = db.select({ n: count(), oldest: min(outbox.createdAt) }).from(outbox).where(isPending).get();
      const failed = db.select({ n: count() }).from(outbox).where(isFailed).get();
      return { pending: pending?.n ?? 0, oldestPendingAt: pending?.oldest ?? null, failed: failed?.n ?? 0 };
    },
    pendingCount: (): number =>
      prepared(db, 'outbox.pendingCount', (r) => r.select({ n: sql<number>`count(*)` }).from(outbox).where(isPending).prepare()).get()?.n ?? 0,
    isOurs: (messageId: string): boolean =>
      prepared(db, 'outbox.isOurs', (r) => r.select({ id: outbox.id }).from(outbox).where(eq(outbox.messageId, sql.placeholder('messageId'))).prepare()).get({
        messageId,
      }) !== undefined,
    payloadFor: (messageId: string): string | null =>
      db.select({ p: outbox.transportPayload }).from(outbox).where(eq(outbox.messageId, messageId)).get()?.p ?? null,
    markSent(id: number, payload: string | null, at: Date): void {
      prepared(db, 'outbox.markSent', (r) =>
        r
          .update(outbox)
          .set({ status: 'sent', sentAt: param('at'), transportPayload: param('payload'), lastError: null })
          // A refusal that arrived first (marked failed) stands.
          .where(and(eq(outbox.id, sql.placeholder('id')), eq(outbox.status, 'pending')))
          .prepare(),
      ).run({ id, payload, at: at.toISOString() });
    },
    markRetry(id: number, attempts: number, nextAttemptAt: Date, error: string): void {
      db.update(outbox).set({ attempts, nextAttemptAt: nextAttemptAt.toISOString(), lastError: error }).where(eq(outbox.id, id)).run();
    },
    markFailed(id: number, attempts: number, error: string): void {
      db.update(outbox).set({ status: 'failed', attempts, lastError: error }).where(eq(outbox.id, id)).run();
    },
  };
});
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
