// The catalog: list products, add one, change its price, stock, names, visibility or photo, and
// import a whole catalog from a spreadsheet (CSV or XLSX) with a report of accepted and refused rows.
import { readFileSync } from 'node:fs';
import { sellerTexts } from '../../../flows/seller-texts.js';
import { applyCatalogImport, readCatalogTable } from '../../../orders/catalog-import.js';
import { readCsvTable, readXlsxTable, spreadsheetKind } from '../../../orders/catalog-files.js';
import type { Language } from '../../../orders/language.js';
import { addProduct, normalizeSku, parseProductNames, renameProduct, setHidden, setPhoto, setPrice, setStock, type ProductChange } from '../../../orders/product-admin.js';
import { toWesternDigits } from '../../../orders/text.js';
import { createCatalogAdminRepo } from '../../../store/catalog-admin.js';
import type { DbOrTx } from '../../../store/db.js';
import type { Product } from '../../../store/products.js';
import { ArgCursor, parseArgs, vocabulary, type ArgProblem } from '../parse.js';
import { textsFor, usageError } from './shared.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

const PRODUCTS_PAGE_SIZE = 20;

const products: CommandSpec = {
  name: 'products',
  aliases: ['المنتجات', 'منتجات', 'الكتالوج', 'catalog'],
  usage: '/products [page N]',
  summary: { en: 'Lists every product with its code, price and stock (hidden ones too).', ar: 'يعرض كل المنتجات بالكود والسعر والمخزون (والمخفية أيضاً).' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [
      (c) => {
        if (c.atEnd) return { ok: true, value: 1 };
        const word = c.required('page', (w) => (/^(page|p|صفحه|صفحة|ص)$/i.test(w) ? w : null));
        if (!word.ok) return word;
        return c.required('page', (w) => {
          const n = Number(toWesternDigits(w));
          return /^\d{1,6}$/.test(toWesternDigits(w)) && n >= 1 ? n : null;
        });
      },
    ]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [page] = args.values;
    const { rows, total } = createCatalogAdminRepo(ctx.tx).page(page, PRODUCTS_PAGE_SIZE, true);
    if (total === 0) return t.productsEmpty();
    const pages = Math.ceil(total / PRODUCTS_PAGE_SIZE);
    if (rows.length === 0) return refuse(t.ordersPageEmpty(page, pages));
    return `${rows.map((p) => t.productLine(p)).join('\n')}\n${t.productsFooter(page, pages, total)}`;
  },
};

type Sub = 'add' | 'price' | 'stock' | 'name' | 'hide' | 'show' | 'photo';
const SUBCOMMANDS = vocabulary<Sub>({
  add: ['add', 'new', 'اضافه', 'اضف', 'جديد'],
  price: ['price', 'سعر', 'السعر'],
  stock: ['stock', 'مخزون', 'المخزون', 'كميه'],
  name: ['name', 'rename', 'اسم', 'الاسم'],
  hide: ['hide', 'اخفاء', 'اخفي'],
  show: ['show', 'unhide', 'اظهار', 'اظهر'],
  photo: ['photo', 'image', 'picture', 'صوره', 'الصوره'],
});

const skuArg = (token: string) => toWesternDigits(token.trim());

/** `10` sets the stock, `+5` adds, `-2` takes away. */
function parseStock(token: string): { set: number } | { add: number } | null {
  const match = /^([+-]?)(\d{1,7})$/.exec(toWesternDigits(token.trim()));
  if (!match) return null;
  const n = Number(match[2]);
  return match[1] === '' ? { set: n } : { add: match[1] === '-' ? -n : n };
}

function productRefusal(ctx: CommandContext, result: Extract<ProductChange, { ok: false }>): CommandOutcome {
  const t = textsFor(ctx);
  switch (result.reason) {
    case 'not_found':
      return refuse(t.productNotFound(result.sku));
    case 'exists':
      return refuse(t.productExists(result.product));
    case 'unchanged':
      return refuse(t.productUnchanged(result.product));
    case 'bad_stock':
      return refuse(t.badStock(result.product, result.current));
  }
}

function runProduct(spec: CommandSpec, rest: string, ctx: CommandContext): CommandOutcome {
  const t = textsFor(ctx);
  const c = new ArgCursor(rest);
  const wrong = (problem: ArgProblem) => usageError(ctx, spec, problem);
  const sub = c.choice('subcommand', SUBCOMMANDS);
  if (!sub.ok) return wrong(sub.problem);
  const sku = c.required('sku', sub.value === 'add' ? normalizeSku : skuArg);
  if (!sku.ok) return wrong(sku.problem);
  const done = (result: ProductChange, render: (p: Product, before: Product) => string): CommandOutcome => {
    if (!result.ok) return productRefusal(ctx, result);
    return render(result.product, result.before ?? result.product);
  };
  switch (sub.value) {
    case 'add': {
      const price = c.amount(ctx.config.currency);
      if (!price.ok) return wrong(price.problem);
      if (price.value === 0) return refuse(t.wrong(t.amountZero(), spec.usage));
      const names = c.text('names', { required: true, max: 205 });
      if (!names.ok) return wrong(names.problem);
      const parsed = parseProductNames(names.value!);
      if (!parsed) return wrong({ kind: 'invalid', what: 'names', value: names.value! });
      const result = addProduct(ctx.tx, { sku: sku.value, priceMinor: price.value, ...parsed, currency: ctx.config.currency, now: ctx.now });
      return done(result, (p) => t.productAdded(p));
    }
    case 'price': {
      const price = c.amount(ctx.config.currency);
      if (!price.ok) return wrong(price.problem);
      if (!c.atEnd) return wrong({ kind: 'extra', value: c.peek()! });
      if (price.value === 0) return refuse(t.wrong(t.amountZero(), spec.usage));
      return done(setPrice(ctx.tx, sku.value, price.value, ctx.now), (p, before) => t.priceSet(p, before));
    }
    case 'stock': {
      const stock = c.required('stock', parseStock);
      if (!stock.ok) return wrong(stock.problem);
      if (!c.atEnd) return wrong({ kind: 'extra', value: c.peek()! });
      return done(setStock(ctx.tx, sku.value, stock.value, ctx.now), (p, before) => t.stockSet(p, before));
    }
    case 'name': {
      const names = c.text('names', { required: true, max: 205 });
      if (!names.ok) return wrong(names.problem);
      const parsed = parseProductNames(names.value!);
      if (!parsed) return wrong({ kind: 'invalid', what: 'names', value: names.value! });
      return done(renameProduct(ctx.tx, sku.value, parsed, ctx.now), (p) => t.renamed(p));
    }
    case 'hide':
    case 'show': {
      if (!c.atEnd) return wrong({ kind: 'extra', value: c.peek()! });
      const hide = sub.value === 'hide';
      return done(setHidden(ctx.tx, sku.value, hide, ctx.now), (p) => (hide ? t.hiddenSet(p) : t.shownSet(p)));
    }
    case 'photo': {
      if (!c.atEnd) return wrong({ kind: 'extra', value: c.peek()! });
      const product = createCatalogAdminRepo(ctx.tx).bySku(sku.value);
      if (!product) return refuse(t.productNotFound(sku.value));
      if (!ctx.media) return refuse(t.photoMissing(product.sku));
      if (!ctx.media.ok) return refuse(t.mediaFailed(ctx.media.reason));
      if (!ctx.media.media.mimetype.startsWith('image/')) return refuse(t.photoNotImage());
      return done(setPhoto(ctx.tx, product.sku, ctx.media.media.path, ctx.now), (p) => t.photoSet(p));
    }
  }
}

const product: CommandSpec = {
  name: 'product',
  aliases: ['منتج'],
  usage: '/product add <sku> <price> <name_en | name_ar> | price <sku> <amount> | stock <sku> <n|+n|-n> | name <sku> <name_en | name_ar> | hide <sku> | show <sku> | photo <sku>',
  summary: {
    en: 'Adds or changes a product. For a photo, send the picture with the caption /product photo <sku>.',
    ar: 'يضيف منتجاً أو يعدله. للصورة أرسل الصورة مع التعليق \u2066/product photo <sku>\u2069.',
  },
  details: {
    en: 'Examples: /product add HONEY-1KG 250 Natural honey 1 kg | عسل طبيعي ١ كجم — /product price HONEY-1KG 275.50 — /product stock HONEY-1KG +10 — /product hide TEA-BOX. Stock is what is left to order; placed orders already took theirs.',
    ar: 'أمثلة: \u2066/product add HONEY-1KG 250 Natural honey 1 kg | عسل طبيعي ١ كجم\u2069 — \u2066/product price HONEY-1KG 275.50\u2069 — \u2066/product stock HONEY-1KG +10\u2069 — \u2066/product hide TEA-BOX\u2069. المخزون هو المتاح للطلب؛ الطلبات المسجلة أخذت حصتها بالفعل.',
  },
  run(cmd, ctx) {
    return runProduct(this, cmd.rest, ctx);
  },
};

function importReportFor(db: DbOrTx, table: string[][], currency: string, now: Date, language: Language): { ok: boolean; text: string } {
  const t = sellerTexts[language];
  const read = readCatalogTable(table, currency);
  if (!read.ok) return { ok: false, text: read.reason === 'empty' ? t.importEmpty() : t.importNoHeader(read.missing) };
  const outcome = applyCatalogImport(db, read.rows, currency, now);
  return { ok: true, text: t.importReport(outcome, read.refused) };
}

const importCommand: CommandSpec = {
  name: 'import',
  aliases: ['استيراد'],
  usage: '/import (as the caption of a CSV or XLSX file)',
  summary: {
    en: 'Imports a catalog spreadsheet: each row adds or updates a product by SKU; a report lists the rows refused and why.',
    ar: 'يستورد جدول الكتالوج: كل صف يضيف منتجاً أو يعدله حسب الكود، والتقرير يذكر الصفوف المرفوضة وسبب الرفض.',
  },
  details: {
    en: 'Columns (first row): sku, price, name — or name_en and name_ar — and optionally stock, description, hidden (yes/no). Arabic headers work too (الكود، السعر، الاسم، المخزون). A spreadsheet sent with no caption is imported too.',
    ar: 'الأعمدة (الصف الأول): \u2066sku, price, name\u2069 — أو \u2066name_en\u2069 و\u2066name_ar\u2069 — واختيارياً \u2066stock, description, hidden\u2069. العناوين العربية مقبولة (الكود، السعر، الاسم، المخزون). والجدول المرسل بلا تعليق يُستورد أيضاً.',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    if (cmd.args.length > 0) return usageError(ctx, this, { kind: 'extra', value: cmd.args[0]! });
    if (!ctx.media) return refuse(t.importNoFile());
    if (!ctx.media.ok) return refuse(t.mediaFailed(ctx.media.reason));
    const file = ctx.media.media;
    const kind = spreadsheetKind(file.mimetype, file.fileName);
    if (!kind) return refuse(t.importNotSpreadsheet());
    const { currency } = ctx.config;
    if (kind === 'csv') {
      let table: string[][];
      try {
        table = readCsvTable(readFileSync(file.path));
      } catch {
        return refuse(t.importUnreadable());
      }
      const report = importReportFor(ctx.tx, table, currency, ctx.now, ctx.language);
      return report.ok ? report.text : refuse(report.text);
    }
    const { language, sellerAddress, sellerGuestId, now } = ctx;
    ctx.afterCommit(async ({ db, messenger }) => {
      let table: string[][] | null = null;
      try {
        table = await readXlsxTable(file.path);
      } catch {
        table = null;
      }
      const text = table === null ? sellerTexts[language].importUnreadable() : db.transaction((tx) => importReportFor(tx, table, currency, now, language).text);
      messenger.text(sellerAddress, sellerGuestId, text);
    });
    return t.importPreparing();
  },
};

export const catalogCommands: CommandFamily = {
  id: 'catalog',
  title: { en: 'Catalog', ar: 'الكتالوج' },
  commands: [products, product, importCommand],
};
