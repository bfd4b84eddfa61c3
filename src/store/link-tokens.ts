import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { insertRow, param, prepared } from './prepared.js';
import { linkTokens, linkTokenUses } from './schema.js';

export type LinkToken = typeof linkTokens.$inferSelect;
export type LinkScope = LinkToken['scope'];

export function createLinkTokensRepo(db: DbOrTx) {
  return {
    byHash: (tokenHash: string) => db.select().from(linkTokens).where(eq(linkTokens.tokenHash, tokenHash)).get(),
    byId: (id: number) => db.select().from(linkTokens).where(eq(linkTokens.id, id)).get(),
    // Prepared once: every placed order issues a link.
    insert(row: Omit<typeof linkTokens.$inferInsert, 'id'>): LinkToken {
      return insertRow(db, linkTokens, row);
    },
    /** Revokes every live link of an order (a resend makes older links stop working). */
    revokeForOrder(orderId: number, at: Date): void {
      prepared(db, 'linkTokens.revokeForOrder', (r) =>
        r
          .update(linkTokens)
          .set({ revokedAt: param('at') })
          .where(and(eq(linkTokens.orderId, sql.placeholder('orderId')), isNull(linkTokens.revokedAt)))
          .prepare(),
      ).run({ orderId, at: at.toISOString() });
    },
    /** Revokes one link; false when it was already revoked (or does not exist). */
    revoke(id: number, at: Date): boolean {
      return (
        db
          .update(linkTokens)
          .set({ revokedAt: at.toISOString() })
          .where(and(eq(linkTokens.id, id), isNull(linkTokens.revokedAt)))
          .run().changes === 1
      );
    },
    touch(id: number, at: Date): void {
      db.update(linkTokens).set({ lastUsedAt: at.toISOString() }).where(eq(linkTokens.id, id)).run();
    },
    /** Records one exchange of the link for a cookie, from `network` (a keyed hash, never the address). */
    recordUse(tokenId: number, network: string, at: Date): void {
      db.insert(linkTokenUses).values({ tokenId, network, at: at.toISOString() }).run();
    },
    /** How many different networks exchanged this link since `since`. */
    networksSince(tokenId: number, since: Date): number {
      return (
        db
          .select({ n: sql<number>`count(distinct ${linkTokenUses.network})` })
          .from(linkTokenUses)
          .where(and(eq(linkTokenUses.tokenId, tokenId), gte(linkTokenUses.at, since.toISOString())))
          .get()?.n ?? 0
      );
    },
  };
}
export type LinkTokensRepo = ReturnType<typeof createLinkTokensRepo>;
