import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { simMessages } from './schema.js';

export type SimEntry = typeof simMessages.$inferSelect;

export function createSimTranscriptRepo(db: DbOrTx) {
  return {
    append: (entry: Omit<typeof simMessages.$inferInsert, 'seq'>): SimEntry => db.insert(simMessages).values(entry).returning().get(),
    after: (chat: string, seq: number): SimEntry[] =>
      db.select().from(simMessages).where(and(eq(simMessages.chat, chat), gt(simMessages.seq, seq))).orderBy(asc(simMessages.seq)).all(),
    bySeq: (seq: number) => db.select().from(simMessages).where(eq(simMessages.seq, seq)).get(),
    hasInbound: (messageId: string) =>
      db.select({ seq: simMessages.seq }).from(simMessages).where(and(eq(simMessages.messageId, messageId), eq(simMessages.direction, 'in'))).get() !== undefined,
  };
}
