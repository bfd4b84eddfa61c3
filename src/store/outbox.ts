import { and, asc, eq, lt, lte, sql } from 'drizzle-orm';
import { param, prepared } from './prepared.js';
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
    due: (now: Date, limit: number): OutboxRow[] =>
      prepared(db, 'outbox.due', (r) =>
        r
          .select()
          .from(outbox)
          .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, sql.placeholder('now'))))
          .orderBy(asc(outbox.id))
          .limit(sql.placeholder('limit'))
          .prepare(),
      ).all({ now: now.toISOString(), limit }),
    /** True when an older message to the same address still waits (a retry): this one must wait behind it. */
    hasOlderPending: (address: string, id: number): boolean =>
      prepared(db, 'outbox.hasOlderPending', (r) =>
        r
          .select({ id: outbox.id })
          .from(outbox)
          .where(and(eq(outbox.address, sql.placeholder('address')), eq(outbox.status, 'pending'), lt(outbox.id, sql.placeholder('id'))))
          .limit(1)
          .prepare(),
      ).get({ address, id }) !== undefined,
    pendingCount: (): number =>
      prepared(db, 'outbox.pendingCount', (r) => r.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending')).prepare()).get()?.n ?? 0,
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
          .where(eq(outbox.id, sql.placeholder('id')))
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
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
