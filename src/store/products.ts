import { and, asc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import { param, prepared } from './prepared.js';
import { products } from './schema.js';
import { perHandle } from './per-handle.js';

export type Product = typeof products.$inferSelect;
export type VisibleProduct = Pick<Product, 'id' | 'sku' | 'nameAr' | 'nameEn' | 'descriptionAr' | 'descriptionEn' | 'priceMinor' | 'stock' | 'imagePath'>;
export type NewProduct = Omit<typeof products.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export const createProductsRepo = perHandle((db: DbOrTx) => {
  return {
    /** What customers see, in the seller's order, with only the columns a chat shows (read on every message). */
    listVisible: (): VisibleProduct[] =>
      prepared(db, 'products.visible', (r) =>
        r
          .select({
            id: products.id,
            sku: products.sku,
            nameAr: products.nameAr,
            nameEn: products.nameEn,
            descriptionAr: products.descriptionAr,
            descriptionEn: products.descriptionEn,
            priceMinor: products.priceMinor,
            stock: products.stock,
            imagePath: products.imagePath,
          })
          .from(products)
          .where(isNull(products.hiddenAt))
          .orderBy(asc(products.sortOrder), asc(products.id))
          .prepare(),
      ).all(),
    byId: (id: number): Product | undefined =>
      prepared(db, 'products.byId', (r) => r.select().from(products).where(eq(products.id, sql.placeholder('id'))).prepare()).get({ id }),
    bySku: (sku: string) => db.select().from(products).where(eq(products.sku, sku)).get(),
    count: (): number => db.select({ n: sql<number>`count(*)` }).from(products).get()?.n ?? 0,
    insert(product: NewProduct, at: Date): Product {
      const stamp = at.toISOString();
      return db.insert(products).values({ ...product, createdAt: stamp, updatedAt: stamp }).returning().get();
    },
    /** Takes `quantity` units out of stock; false (and nothing changed) when not enough are left. */
    reserve(id: number, quantity: number, at: Date): boolean {
      const update = prepared(db, 'products.reserve', (r) =>
        r
          .update(products)
          .set({ stock: sql`${products.stock} - ${sql.placeholder('quantity')}`, updatedAt: param('at') })
          .where(and(eq(products.id, sql.placeholder('id')), gte(products.stock, sql.placeholder('quantity'))))
          .prepare(),
      );
      return update.run({ id, quantity, at: at.toISOString() }).changes === 1;
    },
    release(id: number, quantity: number, at: Date): void {
      prepared(db, 'products.release', (r) =>
        r
          .update(products)
          .set({ stock: sql`${products.stock} + ${sql.placeholder('quantity')}`, updatedAt: param('at') })
          .where(eq(products.id, sql.placeholder('id')))
          .prepare(),
      ).run({ id, quantity, at: at.toISOString() });
    },
  };
});
export type ProductsRepo = ReturnType<typeof createProductsRepo>;
