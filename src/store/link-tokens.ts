import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { linkTokens } from './schema.js';

export type LinkToken = typeof linkTokens.$inferSelect;
export type LinkScope = LinkToken['scope'];

export function createLinkTokensRepo(db: DbOrTx) {
  return {
    byHash: (tokenHash: string) => db.select().from(linkTokens).where(eq(linkTokens.tokenHash, tokenHash)).get(),
    byId: (id: number) => db.select().from(linkTokens).where(eq(linkTokens.id, id)).get(),
    insert(row: Omit<typeof linkTokens.$inferInsert, 'id'>): LinkToken {
      return db.insert(linkTokens).values(row).returning().get();
    },
    /** Revokes every live link of an order (a resend makes older links stop working). */
    revokeForOrder(orderId: number, at: Date): void {
      db.update(linkTokens)
        .set({ revokedAt: at.toISOString() })
        .where(and(eq(linkTokens.orderId, orderId), isNull(linkTokens.revokedAt)))
        .run();
    },
    touch(id: number, at: Date): void {
      db.update(linkTokens).set({ lastUsedAt: at.toISOString() }).where(eq(linkTokens.id, id)).run();
    },
  };
}
export type LinkTokensRepo = ReturnType<typeof createLinkTokensRepo>;
