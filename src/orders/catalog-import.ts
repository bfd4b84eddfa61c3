// A whole catalog from a spreadsheet (CSV or XLSX, read elsewhere into rows of text): a header row
// names the columns (English or Arabic), each later row is a product, added or updated by SKU.
// Every refused row says why; good rows are applied together in the caller's transaction.
import type { DbOrTx } from '../store/db.js';
import { createCatalogAdminRepo } from '../store/catalog-admin.js';
import type { NewProduct } from '../store/products.js';
import { parseAmount } from './money.js';
import { MAX_NAME_LENGTH, MAX_STOCK, normalizeSku, parseProductNames } from './product-admin.js';
import { cleanFreeText, normalizeInput, parseWholeNumber } from './text.js';

export const MAX_IMPORT_ROWS = 5_000;
const MAX_DESCRIPTION_LENGTH = 1_000;

export type ImportColumn = 'sku' | 'price' | 'name' | 'name_en' | 'name_ar' | 'stock' | 'description' | 'description_en' | 'description_ar' | 'hidden';

const HEADER_WORDS: Record<ImportColumn, readonly string[]> = {
  sku: ['sku', 'code', 'product code', 'item code', 'الكود', 'كود', 'رمز', 'رمز المنتج', 'كود المنتج'],
  price: ['price', 'unit price', 'السعر', 'سعر'],
  name: ['name', 'product', 'product name', 'الاسم', 'اسم', 'المنتج', 'اسم المنتج'],
  name_en: ['name en', 'english name', 'name english', 'en name', 'الاسم بالانجليزي', 'الاسم الانجليزي', 'الاسم بالانجليزيه'],
  name_ar: ['name ar', 'arabic name', 'name arabic', 'ar name', 'الاسم بالعربي', 'الاسم العربي', 'الاسم بالعربيه'],
  stock: ['stock', 'qty', 'quantity', 'inventory', 'المخزون', 'الكميه', 'الكمية', 'مخزون'],
  description: ['description', 'الوصف', 'وصف'],
  description_en: ['description en', 'english description', 'الوصف بالانجليزي'],
  description_ar: ['description ar', 'arabic description', 'الوصف بالعربي'],
  hidden: ['hidden', 'hide', 'مخفي', 'اخفاء'],
};

const headerKey = (cell: string) =>
  normalizeInput(cell)
    .replace(/[_\-()[\]:.]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const HEADER_INDEX = new Map<string, ImportColumn>();
for (const [column, words] of Object.entries(HEADER_WORDS) as [ImportColumn, readonly string[]][]) {
  HEADER_INDEX.set(headerKey(column), column);
  for (const word of words) HEADER_INDEX.set(headerKey(word), column);
}

const YES = new Set(['yes', 'y', 'true', '1', 'نعم', 'اه', 'ايوه']);
const NO = new Set(['no', 'n', 'false', '0', 'لا']);

export type ImportProblem = 'missing_sku' | 'bad_sku' | 'bad_price' | 'missing_name' | 'bad_name' | 'bad_stock' | 'bad_hidden' | 'bad_description' | 'duplicate_sku' | 'too_many_rows';

export interface ImportRefusal {
  /** The row as the spreadsheet numbers it (the header is row 1 when it is the first line). */
  row: number;
  problem: ImportProblem;
  value?: string;
}

export interface ImportRow {
  row: number;
  sku: string;
  priceMinor: number;
  nameEn: string;
  nameAr: string;
  stock: number | null;
  descriptionEn: string | null;
  descriptionAr: string | null;
  hidden: boolean | null;
}

export type ReadTableResult =
  | { ok: true; rows: ImportRow[]; refused: ImportRefusal[]; columns: ImportColumn[] }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'no_header'; missing: ImportColumn[] };

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Validates a table of text cells. Nothing is written. */
export function readCatalogTable(table: readonly (readonly string[])[], currency: string): ReadTableResult {
  const headerAt = table.findIndex((cells) => !isBlank(cells));
  if (headerAt < 0) return { ok: false, reason: 'empty' };
  const columns = new Map<ImportColumn, number>();
  table[headerAt]!.forEach((cell, i) => {
    const column = HEADER_INDEX.get(headerKey(cell));
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const hasName = columns.has('name') || columns.has('name_en') || columns.has('name_ar');
  const missing = (['sku', 'price'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0 || !hasName) return { ok: false, reason: 'no_header', missing: hasName ? missing : [...missing, 'name'] };

  const rows: ImportRow[] = [];
  const refused: ImportRefusal[] = [];
  const seen = new Set<string>();
  let counted = 0;
  for (let i = headerAt + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (isBlank(cells)) continue;
    const row = i + 1;
    if (++counted > MAX_IMPORT_ROWS) {
      refused.push({ row, problem: 'too_many_rows' });
      break;
    }
    const cell = (column: ImportColumn) => {
      const at = columns.get(column);
      return at === undefined ? '' : cleanFreeText(cells[at] ?? '');
    };
    const refuse = (problem: ImportProblem, value?: string) => refused.push({ row, problem, ...(value ? { value: value.slice(0, 40) } : {}) });

    const rawSku = cell('sku');
    if (!rawSku) {
      refuse('missing_sku');
      continue;
    }
    const sku = normalizeSku(rawSku);
    if (!sku) {
      refuse('bad_sku', rawSku);
      continue;
    }
    if (seen.has(sku)) {
      refuse('duplicate_sku', sku);
      continue;
    }
    const priceMinor = parseAmount(cell('price'), currency);
    if (priceMinor === null || priceMinor === 0) {
      refuse('bad_price', cell('price'));
      continue;
    }
    const both = cell('name') ? parseProductNames(cell('name')) : null;
    const nameEn = cell('name_en') || both?.nameEn || cell('name_ar');
    const nameAr = cell('name_ar') || both?.nameAr || cell('name_en');
    if (cell('name') && !both) {
      refuse('bad_name', cell('name'));
      continue;
    }
    if (!nameEn || !nameAr) {
      refuse('missing_name');
      continue;
    }
    if (nameEn.length > MAX_NAME_LENGTH || nameAr.length > MAX_NAME_LENGTH) {
      refuse('bad_name', nameEn.length > MAX_NAME_LENGTH ? nameEn : nameAr);
      continue;
    }
    let stock: number | null = null;
    if (cell('stock')) {
      stock = parseWholeNumber(cell('stock'));
      if (stock === null || stock > MAX_STOCK) {
        refuse('bad_stock', cell('stock'));
        continue;
      }
    }
    let hidden: boolean | null = null;
    if (cell('hidden')) {
      const word = normalizeInput(cell('hidden'));
      hidden = YES.has(word) ? true : NO.has(word) ? false : null;
      if (hidden === null) {
        refuse('bad_hidden', cell('hidden'));
        continue;
      }
    }
    const descriptionEn = cell('description_en') || cell('description') || null;
    const descriptionAr = cell('description_ar') || cell('description') || null;
    if ((descriptionEn?.length ?? 0) > MAX_DESCRIPTION_LENGTH || (descriptionAr?.length ?? 0) > MAX_DESCRIPTION_LENGTH) {
      refuse('bad_description');
      continue;
    }
    seen.add(sku);
    rows.push({ row, sku, priceMinor, nameEn, nameAr, stock, descriptionEn, descriptionAr, hidden });
  }
  return { ok: true, rows, refused, columns: [...columns.keys()] };
}

export interface ImportOutcome {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/** Adds new SKUs (stock 0 unless given) and updates existing ones (only the columns the file has). */
export function applyCatalogImport(db: DbOrTx, rows: readonly ImportRow[], currency: string, now: Date): ImportOutcome {
  const repo = createCatalogAdminRepo(db);
  const outcome: ImportOutcome = { added: [], updated: [], unchanged: [] };
  const stamp = now.toISOString();
  for (const row of rows) {
    const existing = repo.bySku(row.sku);
    if (!existing) {
      repo.insert(
        {
          sku: row.sku,
          nameEn: row.nameEn,
          nameAr: row.nameAr,
          descriptionEn: row.descriptionEn,
          descriptionAr: row.descriptionAr,
          priceMinor: row.priceMinor,
          currency,
          stock: row.stock ?? 0,
          sortOrder: repo.nextSortOrder(),
          hiddenAt: row.hidden ? stamp : null,
        },
        now,
      );
      outcome.added.push(row.sku);
      continue;
    }
    const patch: Partial<NewProduct> = { priceMinor: row.priceMinor, currency, nameEn: row.nameEn, nameAr: row.nameAr };
    if (row.stock !== null) patch.stock = row.stock;
    if (row.descriptionEn !== null) patch.descriptionEn = row.descriptionEn;
    if (row.descriptionAr !== null) patch.descriptionAr = row.descriptionAr;
    if (row.hidden !== null) patch.hiddenAt = row.hidden ? (existing.hiddenAt ?? stamp) : null;
    const changed = (Object.keys(patch) as (keyof NewProduct)[]).some((k) => existing[k] !== patch[k]);
    if (!changed) {
      outcome.unchanged.push(row.sku);
      continue;
    }
    repo.update(existing.id, patch, now);
    outcome.updated.push(row.sku);
  }
  return outcome;
}
