import { and, asc, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { prepared } from './prepared.js';
import { sqliteOf } from './raw-sqlite.js';
import { simMessages } from './schema.js';

export type SimEntry = typeof simMessages.$inferSelect;

type NewSimEntry = Omit<typeof simMessages.$inferInsert, 'seq'>;

const COLUMNS = '(chat, direction, message_id, text, media_mimetype, media_file_name, media_path, at)';
const VALUES = '@chat, @direction, @messageId, @text, @mediaMimetype, @mediaFileName, @mediaPath, @at';
const bindings = (entry: NewSimEntry) => ({
  chat: entry.chat,
  direction: entry.direction,
  messageId: entry.messageId,
  text: entry.text ?? null,
  mediaMimetype: entry.mediaMimetype ?? null,
  mediaFileName: entry.mediaFileName ?? null,
  mediaPath: entry.mediaPath ?? null,
  at: entry.at,
});

export function createSimTranscriptRepo(db: DbOrTx) {
  // Plain SQL: "insert unless already shown" is one INSERT ... SELECT ... WHERE NOT EXISTS, which drizzle's builder does
  // not write; one statement instead of a read and a write on every simulated message. Prepared once per connection.
  const statement = (key: string, source: string) => prepared(db, `sim.${key}`, () => sqliteOf(db).prepare(source));
  return {
    append: (entry: NewSimEntry): void => {
      statement('append', `INSERT INTO sim_messages ${COLUMNS} VALUES (${VALUES})`).run(bindings(entry));
    },
    /** Appends the line unless one with the same id and direction is already shown (a message sent again); true when added. */
    appendOnce: (entry: NewSimEntry): boolean =>
      statement(
        'appendOnce',
        `INSERT INTO sim_messages ${COLUMNS} SELECT ${VALUES}
         WHERE NOT EXISTS (SELECT 1 FROM sim_messages WHERE message_id = @messageId AND direction = @direction)`,
      ).run(bindings(entry)).changes === 1,
    after: (chat: string, seq: number): SimEntry[] =>
      db.select().from(simMessages).where(and(eq(simMessages.chat, chat), gt(simMessages.seq, seq))).orderBy(asc(simMessages.seq)).all(),
    bySeq: (seq: number) => db.select().from(simMessages).where(eq(simMessages.seq, seq)).get(),
  };
}
