import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { param, prepared } from './prepared.js';
import { simMessages } from './schema.js';
import { perHandle } from './per-handle.js';

export type SimEntry = typeof simMessages.$inferSelect;

export const createSimTranscriptRepo = perHandle((db: DbOrTx) => {
  return {
    append: (entry: Omit<typeof simMessages.$inferInsert, 'seq'>): void => {
      prepared(db, 'sim.append', (r) =>
        r
          .insert(simMessages)
          .values({
            chat: param('chat'),
            direction: param('direction'),
            messageId: param('messageId'),
            text: param('text'),
            mediaMimetype: param('mediaMimetype'),
            mediaFileName: param('mediaFileName'),
            mediaPath: param('mediaPath'),
            at: param('at'),
          })
          .prepare(),
      ).run({
        chat: entry.chat,
        direction: entry.direction,
        messageId: entry.messageId,
        text: entry.text ?? null,
        mediaMimetype: entry.mediaMimetype ?? null,
        mediaFileName: entry.mediaFileName ?? null,
        mediaPath: entry.mediaPath ?? null,
        at: entry.at,
      });
    },
    after: (chat: string, seq: number): SimEntry[] =>
      db.select().from(simMessages).where(and(eq(simMessages.chat, chat), gt(simMessages.seq, seq))).orderBy(asc(simMessages.seq)).all(),
    bySeq: (seq: number) => db.select().from(simMessages).where(eq(simMessages.seq, seq)).get(),
  };
});
