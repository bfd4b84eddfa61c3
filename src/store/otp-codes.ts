// One-time codes for the OTP look-up page. Only a keyed hash of the code is stored.
import { and, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { otpCodes } from './schema.js';

export type OtpCode = typeof otpCodes.$inferSelect;

export function createOtpCodesRepo(db: DbOrTx) {
  return {
    /** The newest code for a number: the only one that can be used. */
    latest: (phone: string) => db.select().from(otpCodes).where(eq(otpCodes.phoneE164, phone)).orderBy(desc(otpCodes.createdAt), desc(otpCodes.id)).get(),
    countSince: (phone: string, since: Date): number =>
      db
        .select({ n: sql<number>`count(*)` })
        .from(otpCodes)
        .where(and(eq(otpCodes.phoneE164, phone), gte(otpCodes.createdAt, since.toISOString())))
        .get()?.n ?? 0,
    /** Wrong tries on codes created since `since` (successful tries are not counted: those codes are consumed). */
    wrongTriesSince: (phone: string, since: Date): number =>
      db
        .select({ n: sql<number>`coalesce(sum(${otpCodes.attempts}), 0)` })
        .from(otpCodes)
        .where(and(eq(otpCodes.phoneE164, phone), isNull(otpCodes.consumedAt), gte(otpCodes.createdAt, since.toISOString())))
        .get()?.n ?? 0,
    insert(row: Omit<typeof otpCodes.$inferInsert, 'id'>): OtpCode {
      return db.insert(otpCodes).values(row).returning().get();
    },
    /** Counts one wrong try, only while fewer than `max` were made; returns the new count or null when none was left. */
    addWrongTry(id: number, max: number): number | null {
      const row = db
        .update(otpCodes)
        .set({ attempts: sql`${otpCodes.attempts} + 1` })
        .where(and(eq(otpCodes.id, id), lt(otpCodes.attempts, max), isNull(otpCodes.consumedAt)))
        .returning({ attempts: otpCodes.attempts })
        .get();
      return row?.attempts ?? null;
    },
    /** Single use: true only for the one caller that consumed it. */
    consume(id: number, at: Date): boolean {
      return db.update(otpCodes).set({ consumedAt: at.toISOString() }).where(and(eq(otpCodes.id, id), isNull(otpCodes.consumedAt))).run().changes === 1;
    },
  };
}
export type OtpCodesRepo = ReturnType<typeof createOtpCodesRepo>;
