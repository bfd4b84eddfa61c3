import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { products } from '../../src/store/schema.js';
import { importCatalogFile } from '../../scripts/catalog-import.js';
import { readCatalogTable } from '../../src/orders/catalog-import.js';
import { CUSTOMER, PNG, SELLER, startSellerHarness, waitForMessages, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const csv = (text: string) => ({ mimetype: 'text/csv', data: Buffer.from(text, 'utf8'), fileName: 'catalog.csv' });

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Catalog');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('/products and /product', () => {
  it('lists every product with its code, price and stock, hidden ones marked', async () => {
    await h.seller('/product hide TEA-BOX');
    const list = await h.seller('/products');
    expect(list).toContain('HONEY-1KG · Natural honey 1 kg · EGP 250 · stock 20');
    expect(list).toContain('TEA-BOX · Mint tea box · EGP 65 · stock 0 · hidden');
    expect(list).toContain('Page 1 of 1 (5 products)');
    expect(await h.seller('/products page 3')).toContain('There is no page 3');
    expect(await h.seller('/products everything')).toContain('"everything" is not a valid page number');
  });

  it('adds a product with English and Arabic names, and refuses duplicates and bad input', async () => {
    const reply = await h.seller('/product add mango-1kg 75.50 Mango 1 kg | مانجو ١ كجم');
    expect(reply).toBe('✅ Added MANGO-1KG: Mango 1 kg / مانجو ١ كجم, EGP 75.50. Stock is 0: set it with /product stock MANGO-1KG <n>.');
    expect(h.product('MANGO-1KG')).toMatchObject({ nameEn: 'Mango 1 kg', nameAr: 'مانجو ١ كجم', priceMinor: 7_550, stock: 0, hiddenAt: null, currency: 'EGP' });
    expect(await h.seller('/product add honey-1kg 10 Honey')).toContain('HONEY-1KG already exists');
    expect(await h.seller('/product add X 10')).toContain('Missing: the name (English | Arabic).');
    expect(await h.seller('/product add bad/sku 10 Thing')).toContain('"bad/sku" is not a valid product code');
    expect(await h.seller('/product add GUAVA 0 Guava')).toContain('The amount must be more than 0.');
    expect(await h.seller('/product add GUAVA ten Guava')).toContain('"ten" is not a valid amount');
    expect(await h.seller('/product add GUAVA 10 a | b | c')).toContain('is not a valid name');
    expect(await h.seller('/product add GUAVA 10 جوافة | Guava')).toContain('Guava / جوافة');
    expect(await h.seller('/product')).toContain('Missing: the action.');
    expect(await h.seller('/product sell HONEY-1KG')).toContain('"sell" is not an action I know');
    expect(h.app.db.select().from(products).all()).toHaveLength(7);
  });

  it('changes price, stock (set, add, take away), names and visibility', async () => {
    expect(await h.seller('/product price honey-1kg ٢٧٥')).toBe('💰 HONEY-1KG now costs EGP 275 (was EGP 250). Orders already placed keep their price.');
    expect(await h.seller('/product price HONEY-1KG 275')).toBe('Nothing changed: HONEY-1KG already has that value.');
    expect(await h.seller('/product stock HONEY-1KG 5')).toBe('📦 HONEY-1KG stock: 20 → 5.');
    expect(await h.seller('/product stock HONEY-1KG +10')).toBe('📦 HONEY-1KG stock: 5 → 15.');
    expect(await h.seller('/product stock HONEY-1KG -3')).toBe('📦 HONEY-1KG stock: 15 → 12.');
    expect(await h.seller('/product stock HONEY-1KG -30')).toBe('Stock of HONEY-1KG cannot go below 0 or above 1,000,000 (it is 12).');
    expect(await h.seller('/product stock HONEY-1KG lots')).toContain('"lots" is not a valid stock');
    expect(await h.seller('/product name HONEY-1KG Wild honey | عسل بري')).toBe('✏️ HONEY-1KG is now called Wild honey / عسل بري.');
    expect(await h.seller('/product hide HONEY-1KG')).toContain('HONEY-1KG is hidden');
    expect(h.product('HONEY-1KG').hiddenAt).not.toBeNull();
    expect(await h.seller('/product hide HONEY-1KG')).toContain('Nothing changed');
    expect(await h.seller('/product show HONEY-1KG')).toContain('visible to customers again');
    expect(await h.seller('/product price NOPE 5')).toBe('There is no product with the code NOPE. Send /products to see the codes.');
    expect(h.product('HONEY-1KG')).toMatchObject({ priceMinor: 27_500, stock: 12, nameEn: 'Wild honey', nameAr: 'عسل بري', hiddenAt: null });
  });

  it("a customer browsing sees the seller's change on their very next message", async () => {
    await h.ask(CUSTOMER, 'hello');
    const before = await h.ask(CUSTOMER, '1');
    expect(before).toMatch(/Natural honey 1 kg[^\n]*EGP 250/);
    expect(before).toContain('Siwa dates');
    await h.seller('/product price HONEY-1KG 275');
    await h.seller('/product hide DATES-500');
    await h.ask(CUSTOMER, '0');
    const again = await h.ask(CUSTOMER, '1');
    expect(again).toMatch(/Natural honey 1 kg[^\n]*EGP 275/);
    expect(again).not.toContain('Siwa dates');
  });

  it('sets a product photo from a picture captioned /product photo <sku>', async () => {
    expect(await h.sendFile(SELLER, { mimetype: 'image/png', data: PNG, fileName: 'honey.png' }, '/product photo honey-1kg')).toBe('📷 Photo saved for HONEY-1KG (Natural honey 1 kg).');
    expect(h.product('HONEY-1KG').imagePath).toMatch(/\.png$/);
    expect(await h.seller('/product photo HONEY-1KG')).toBe('Send the photo itself with the caption /product photo HONEY-1KG.');
    expect(await h.sendFile(SELLER, { mimetype: 'image/png', data: PNG, fileName: 'x.png' }, '/product photo NOPE')).toContain('There is no product with the code NOPE');
    expect(await h.sendFile(SELLER, { mimetype: 'image/png', data: PNG, fileName: 'x.png' })).toContain('/product photo <sku>');
    expect(await h.sendFile(SELLER, { mimetype: 'image/gif', data: PNG, fileName: 'x.gif' }, '/product photo DATES-500')).toBe('That kind of file is not supported here.');
    expect(await h.sendFile(SELLER, csv('sku,price\n'), '/product photo DATES-500')).toContain('That file is not a photo');
    expect(h.product('DATES-500').imagePath).toBeNull();
  });
});

describe('catalog import', () => {
  it('imports a CSV sent with /import: adds and updates by SKU, reports refused rows and why', async () => {
    const file = [
      'sku,price,name_en,name_ar,stock,hidden',
      'HONEY-1KG,260,Natural honey 1 kg,عسل نحل طبيعي ١ كجم,25,',
      'mango-1kg,75.5,Mango 1 kg,مانجو,10,no',
      ',30,No code,بدون كود,1,',
      'FIG,abc,Figs,تين,1,',
      'KIWI,40,,,1,',
      'PEAR,40,Pear,كمثرى,many,',
      'MANGO-1KG,80,Mango again,مانجو,1,',
      'LIME,12,Lime,ليمون,,yes',
      '',
    ].join('\r\n');
    const report = await h.sendFile(SELLER, csv(`\uFEFF${file}`), '/import');
    expect(report).toContain('📥 Catalog import: 3 rows accepted (2 added, 1 updated, 0 unchanged), 5 refused.');
    expect(report).toContain('• row 4: no SKU');
    expect(report).toContain('• row 5: the price is not an amount above 0 ("abc")');
    expect(report).toContain('• row 6: no name');
    expect(report).toContain('• row 7: the stock is not a whole number ("many")');
    expect(report).toContain('• row 8: this SKU is on an earlier row ("MANGO-1KG")');
    expect(h.product('HONEY-1KG')).toMatchObject({ priceMinor: 26_000, stock: 25 });
    expect(h.product('MANGO-1KG')).toMatchObject({ nameAr: 'مانجو', priceMinor: 7_550, stock: 10, hiddenAt: null });
    expect(h.product('LIME')).toMatchObject({ stock: 0 });
    expect(h.product('LIME').hiddenAt).not.toBeNull();
  });

  it('imports a spreadsheet sent alone, with Arabic headers and ; separators', async () => {
    const report = await h.sendFile(SELLER, csv('الكود;السعر;الاسم;المخزون\nOKRA;20;Okra | بامية;7\n'));
    expect(report).toContain('1 row accepted (1 added');
    expect(h.product('OKRA')).toMatchObject({ nameEn: 'Okra', nameAr: 'بامية', priceMinor: 2_000, stock: 7 });
  });

  it('imports an XLSX after the transaction and sends the report', async () => {
    const data = await xlsx([
      ['SKU', 'Price', 'Name (EN)', 'Name (AR)', 'Stock'],
      ['BEANS', 35.25, 'Fava beans', 'فول', 9],
      ['BAD SKU', 10, 'Bad', 'سيء', 1],
    ]);
    const reply = await h.sendFile(SELLER, { mimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data, fileName: 'catalog.xlsx' }, '/استيراد');
    expect(reply).toContain('Reading the spreadsheet');
    const all = await waitForMessages(h, SELLER, 2);
    expect(all.at(-1)).toContain('1 row accepted (1 added, 0 updated, 0 unchanged), 1 refused.');
    expect(all.at(-1)).toContain('row 3: the SKU may have only letters, digits');
    expect(h.product('BEANS')).toMatchObject({ priceMinor: 3_525, stock: 9, nameAr: 'فول' });
  });

  it('refuses a missing file, a file that is not a spreadsheet, and one without the needed columns', async () => {
    expect(await h.seller('/import')).toContain('Send the catalog as a CSV or Excel (.xlsx) file with the caption /import');
    expect(await h.sendFile(SELLER, { mimetype: 'application/pdf', data: Buffer.from('%PDF-1.4'), fileName: 'c.pdf' }, '/import')).toBe('That file is not a spreadsheet. Send a CSV or Excel (.xlsx) file.');
    expect(await h.sendFile(SELLER, csv('code,title\nA,B\n'), '/import')).toContain('Missing: price, name');
    expect(await h.sendFile(SELLER, csv('\n\n'), '/import')).toBe('The file has no rows.');
    expect(await h.sendFile(SELLER, csv('sku,price,name\n"unterminated,1,x\n'), '/import')).toContain('I could not read that file as a spreadsheet');
    expect(await h.sendFile(SELLER, csv('sku,price,name\nA,1,x\n'), '/import now')).toContain('I did not expect "now" there.');
    expect(h.app.db.select().from(products).all()).toHaveLength(5);
  });

  it('npm run catalog:import reads the same files', async () => {
    const file = join(h.mediaDir, 'catalog.csv');
    writeFileSync(file, 'sku,price,name\nHONEY-1KG,300,Honey | عسل\nZ!,1,z\n');
    const dry = await importCatalogFile(h.app.db, file, { currency: 'EGP', now: h.clock.now(), language: 'en', dryRun: true });
    expect(dry.text).toContain('dry run');
    expect(h.product('HONEY-1KG').priceMinor).toBe(25_000);
    const real = await importCatalogFile(h.app.db, file, { currency: 'EGP', now: h.clock.now(), language: 'ar', dryRun: false });
    expect(real).toMatchObject({ ok: true });
    expect(real.text).toContain('قُبل 1 صف');
    expect(h.product('HONEY-1KG').priceMinor).toBe(30_000);
    expect((await importCatalogFile(h.app.db, join(h.mediaDir, 'x.txt'), { currency: 'EGP', now: h.clock.now(), language: 'en', dryRun: false })).ok).toBe(false);
  });
});

describe('readCatalogTable', () => {
  it('stops after 5,000 product rows and says so', () => {
    const table = [['sku', 'price', 'name'], ...Array.from({ length: 5_002 }, (_, i) => [`P${i}`, '1', `p${i}`])];
    const read = readCatalogTable(table, 'EGP');
    expect(read.ok && read.rows.length).toBe(5_000);
    expect(read.ok && read.refused).toEqual([{ row: 5_002, problem: 'too_many_rows' }]);
  });
});
