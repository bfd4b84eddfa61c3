// The seller's catalog edits: case-insensitive SKU look-up, paging over every product (hidden too),
// field updates. Call inside the caller's transaction.
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from './db.js';
import type { NewProduct, Product } from './products.js';
import { products } from './schema.js';

export function createCatalogAdminRepo(db: DbOrTx) {
  return {
    bySku: (sku: string): Product | undefined => db.select().from(products).where(sql`lower(${products.sku}) = lower(${sku})`).get(),
    page(page: number, pageSize: number, includeHidden: boolean): { rows: Product[]; total: number } {
      const where = includeHidden ? undefined : sql`${products.hiddenAt} is null`;
      const total = db.select({ n: sql<number>`count(*)` }).from(products).where(where).get()?.n ?? 0;
      const rows = db
        .select()
        .from(products)
        .where(where)
        .orderBy(asc(products.sortOrder), asc(products.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .all();
      return { rows, total };
    },
    nextSortOrder: (): number => (db.select({ n: sql<number>`coalesce(max(${products.sortOrder}), 0)` }).from(products).get()?.n ?? 0) + 1,
    insert(product: NewProduct, at: Date): Product {
      const stamp = at.toISOString();
      return db.insert(products).values({ ...product, createdAt: stamp, updatedAt: stamp }).returning().get();
    },
    update(id: number, patch: Partial<NewProduct>, at: Date): Product {
      return db
        .update(products)
        .set({ ...patch, updatedAt: at.toISOString() })
        .where(eq(products.id, id))
        .returning()
        .get()!;
    },
  };
}
export type CatalogAdminRepo = ReturnType<typeof createCatalogAdminRepo>;
