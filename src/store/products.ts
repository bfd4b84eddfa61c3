import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { products } from './schema.js';

export type Product = typeof products.$inferSelect;
export type NewProduct = Omit<typeof products.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export function createProductsRepo(db: DbOrTx) {
  return {
    listVisible: (): Product[] =>
      db.select().from(products).where(isNull(products.hiddenAt)).orderBy(asc(products.sortOrder), asc(products.id)).all(),
    byId: (id: number) => db.select().from(products).where(eq(products.id, id)).get(),
    bySku: (sku: string) => db.select().from(products).where(eq(products.sku, sku)).get(),
    count: (): number => db.select({ n: sql<number>`count(*)` }).from(products).get()?.n ?? 0,
    insert(product: NewProduct, at: Date): Product {
      const stamp = at.toISOString();
      return db.insert(products).values({ ...product, createdAt: stamp, updatedAt: stamp }).returning().get();
    },
    /** Takes `quantity` units out of stock; false (and nothing changed) when not enough are left. */
    reserve(id: number, quantity: number, at: Date): boolean {
      const result = db
        .update(products)
        .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: at.toISOString() })
        .where(and(eq(products.id, id), gte(products.stock, quantity)))
        .run();
      return result.changes === 1;
    },
    release(id: number, quantity: number, at: Date): void {
      db.update(products)
        .set({ stock: sql`${products.stock} + ${quantity}`, updatedAt: at.toISOString() })
        .where(eq(products.id, id))
        .run();
    },
  };
}
export type ProductsRepo = ReturnType<typeof createProductsRepo>;
