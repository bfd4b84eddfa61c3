// The seller's catalog operations: add a product, change its price, stock, names, visibility or
// photo. Stock is the number of units still available to order (placed orders have taken theirs).
import type { DbOrTx } from '../store/db.js';
import { createCatalogAdminRepo } from '../store/catalog-admin.js';
import type { NewProduct, Product } from '../store/products.js';
import { cleanFreeText, hasArabicScript, toWesternDigits } from './text.js';

export const MAX_STOCK = 1_000_000;
export const MAX_NAME_LENGTH = 100;
const SKU_RE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

/** `honey-1kg` -> `HONEY-1KG`; null unless 1-40 letters, digits, `.`, `_` or `-` (starting with a letter or digit). */
export function normalizeSku(input: string): string | null {
  const sku = toWesternDigits(input.trim()).toUpperCase();
  return SKU_RE.test(sku) ? sku : null;
}

/**
 * `Natural honey | عسل طبيعي` -> both names. One name serves both languages. The halves may come in
 * either order: the one in Arabic script is the Arabic name. Null when a name is empty or too long.
 */
export function parseProductNames(input: string): { nameEn: string; nameAr: string } | null {
  const parts = input.split('|').map(cleanFreeText);
  if (parts.length > 2 || parts.some((p) => p.length === 0 || p.length > MAX_NAME_LENGTH)) return null;
  const [first, second = first] = parts as [string, string?];
  if (parts.length === 2 && hasArabicScript(first) && !hasArabicScript(second!)) return { nameEn: second!, nameAr: first };
  return { nameEn: first, nameAr: second! };
}

export type ProductChange =
  | { ok: true; product: Product; before: Product | null }
  | { ok: false; reason: 'not_found'; sku: string }
  | { ok: false; reason: 'exists'; product: Product }
  | { ok: false; reason: 'unchanged'; product: Product }
  | { ok: false; reason: 'bad_stock'; product: Product; current: number };

export function addProduct(
  db: DbOrTx,
  input: { sku: string; priceMinor: number; nameEn: string; nameAr: string; currency: string; stock?: number; now: Date } & Partial<Pick<NewProduct, 'descriptionAr' | 'descriptionEn' | 'hiddenAt'>>,
): ProductChange {
  const repo = createCatalogAdminRepo(db);
  const existing = repo.bySku(input.sku);
  if (existing) return { ok: false, reason: 'exists', product: existing };
  const product = repo.insert(
    {
      sku: input.sku,
      nameEn: input.nameEn,
      nameAr: input.nameAr,
      descriptionAr: input.descriptionAr ?? null,
      descriptionEn: input.descriptionEn ?? null,
      priceMinor: input.priceMinor,
      currency: input.currency,
      stock: input.stock ?? 0,
      sortOrder: repo.nextSortOrder(),
      hiddenAt: input.hiddenAt ?? null,
    },
    input.now,
  );
  return { ok: true, product, before: null };
}

function change(db: DbOrTx, sku: string, now: Date, compute: (p: Product) => Partial<NewProduct> | ProductChange): ProductChange {
  const repo = createCatalogAdminRepo(db);
  const before = repo.bySku(sku);
  if (!before) return { ok: false, reason: 'not_found', sku };
  const patch = compute(before);
  if ('ok' in patch) return patch;
  const keys = Object.keys(patch) as (keyof NewProduct)[];
  if (keys.every((k) => before[k] === patch[k])) return { ok: false, reason: 'unchanged', product: before };
  return { ok: true, product: repo.update(before.id, patch, now), before };
}

export const setPrice = (db: DbOrTx, sku: string, priceMinor: number, now: Date) => change(db, sku, now, () => ({ priceMinor }));

/** `set` replaces the stock; `add` adds (or takes away, when negative). Stock never goes below 0 nor above MAX_STOCK. */
export const setStock = (db: DbOrTx, sku: string, amount: { set: number } | { add: number }, now: Date) =>
  change(db, sku, now, (p) => {
    const stock = 'set' in amount ? amount.set : p.stock + amount.add;
    return stock < 0 || stock > MAX_STOCK ? { ok: false, reason: 'bad_stock', product: p, current: p.stock } : { stock };
  });

export const setHidden = (db: DbOrTx, sku: string, hidden: boolean, now: Date) =>
  change(db, sku, now, (p) => ({ hiddenAt: hidden ? (p.hiddenAt ?? now.toISOString()) : null }));

export const setPhoto = (db: DbOrTx, sku: string, imagePath: string, now: Date) => change(db, sku, now, () => ({ imagePath }));

export const renameProduct = (db: DbOrTx, sku: string, names: { nameEn: string; nameAr: string }, now: Date) => change(db, sku, now, () => names);
