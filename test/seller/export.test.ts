import { readFileSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { exportOrders, parseExportArgs } from '../../scripts/export.js';
import { CUSTOMER_2, SELLER, startSellerHarness, waitForDocument, type SellerHarness } from './helpers.js';
import { exportsDir } from '../../src/bot/seller/commands/export.js';
import { safeText } from '../../src/orders/export-rows.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

/** Two orders: one Arabic with a formula-looking description and tags, one shipped and paid. */
async function seed() {
  const a = h.place({ language: 'ar', name: 'منى أحمد', lines: [['HONEY-1KG', 2], ['DATES-500', 1]] });
  await h.seller(`/edit ${a} description =HYPERLINK("http://evil.example","click")`);
  await h.seller(`/edit ${a} address @SUM(1+1) شارع التحرير`);
  await h.seller(`/tag ${a} vip هدية`);
  const b = h.place({ phone: CUSTOMER_2, name: '+Omar', lines: [['SOAP-3', 1]] });
  await h.seller(`/confirm ${b}`);
  await h.seller(`/ship ${b} Bosta BST-1`);
  await h.seller(`/paid ${b}`);
  return { a, b };
}

const FORMULA_START = /^[=+\-@\t\r]/;

describe('/export csv', () => {
  it('sends a CSV document that a CSV reader opens: BOM, Arabic, totals, no cell that could start a formula', async () => {
    await seed();
    const reply = await h.seller('/export csv');
    expect(reply).toBe('📄 Orders export: 2 orders.');
    const doc = await waitForDocument(h, SELLER);
    expect(doc).toMatchObject({ mediaMimetype: 'text/csv', mediaFileName: 'orders-2026-03-01.csv', text: '📄 Orders export: 2 orders.' });
    const raw = readFileSync(doc.mediaPath!);
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(raw, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [Record<string, string>, Record<string, string>];
    expect(first).toMatchObject({
      Order: '1001',
      Status: 'pending',
      Payment: 'unpaid',
      Customer: 'منى أحمد',
      Phone: '201001234567',
      Subtotal: '590.00',
      Delivery: '30.00',
      Total: '620.00',
      Currency: 'EGP',
      Tags: 'vip, هديه',
      Description: `'=HYPERLINK("http://evil.example","click")`,
      Address: "'@SUM(1+1) شارع التحرير",
      'Created (UTC)': '2026-03-01 10:00:00',
    });
    expect(first.Items).toBe('HONEY-1KG Natural honey 1 kg × 2 @ 250.00; DATES-500 Siwa dates 500 g × 1 @ 90.00');
    expect(second).toMatchObject({ Order: '1002', Status: 'shipped', Payment: 'paid', Customer: "'+Omar", Courier: 'Bosta', Tracking: 'BST-1', Total: '150.00' });
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(FORMULA_START);
    // Every field is quoted (RFC 4180), rows end in CRLF.
    expect(raw.toString('utf8').split('\r\n')[1]).toMatch(/^"1001","/);
  });

  it('applies the /orders filters and refuses when nothing matches, writing no file', async () => {
    await seed();
    const reply = await h.seller('/export csv shipped paid tag:none');
    expect(reply).toBe('No orders match these filters, so there is nothing to export.');
    expect(() => readdirSync(exportsDir(h.mediaDir))).toThrow();
    expect(await h.seller('/export csv shipped')).toBe('📄 Orders export: 1 order (shipped).');
    const doc = await waitForDocument(h, SELLER);
    const rows = parse(readFileSync(doc.mediaPath!), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Order)).toEqual(['1002']);
  });

  it('refuses bad arguments with the usage', async () => {
    h.place();
    expect(await h.seller('/export pdf')).toContain('"pdf" is not a filter I know');
    expect(await h.seller('/export csv xlsx')).toContain('The format is given twice');
    expect(await h.seller('/export csv page 2')).toContain('"page" is not a filter I know');
    expect(await h.seller('/export')).not.toContain('Usage');
  });

  it('writes the headers in the seller’s language', async () => {
    h.place();
    await h.seller('/language ar');
    expect(await h.seller('/تصدير csv')).toContain('📄 تصدير الطلبات: 1 طلب');
    const doc = await waitForDocument(h, SELLER);
    const [header] = parse(readFileSync(doc.mediaPath!), { bom: true, to_line: 1 }) as string[][];
    expect(header!.slice(0, 4)).toEqual(['الطلب', 'التاريخ (UTC)', 'الحالة', 'الدفع']);
  });
});

describe('/export xlsx', () => {
  it('sends an XLSX document (after the transaction) that exceljs reads: text cells stay text, amounts are numbers', async () => {
    await seed();
    const reply = await h.seller('/export xlsx');
    expect(reply).toContain('Preparing the Excel file of 2 orders');
    const doc = await waitForDocument(h, SELLER);
    expect(doc).toMatchObject({ mediaMimetype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', mediaFileName: 'orders-2026-03-01.xlsx' });
    expect(doc.text).toBe('📄 Orders export: 2 orders.');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(doc.mediaPath!);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1);
    expect(cell(2, 'Customer').value).toBe('منى أحمد');
    expect(cell(2, 'Total').value).toBe(620);
    expect(cell(2, 'Total').type).toBe(ExcelJS.ValueType.Number);
    const description = cell(2, 'Description');
    expect(description.type).toBe(ExcelJS.ValueType.String);
    expect(description.value).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(description.formula).toBeUndefined();
    expect(cell(3, 'Customer').value).toBe("'+Omar");
    expect(cell(3, 'Shipped (UTC)').value).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    sheet.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === 'string') expect(c.value).not.toMatch(FORMULA_START);
      }),
    );
    // The spool is gone; only the files sent stay (pruned after a week).
    expect(readdirSync(exportsDir(h.mediaDir)).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
  });

  it('defaults to Excel and lays the sheet right to left for Arabic sellers', async () => {
    h.place();
    await h.seller('/language ar');
    await h.seller('/export');
    const doc = await waitForDocument(h, SELLER);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(doc.mediaPath!);
    expect(book.worksheets[0]!.name).toBe('الطلبات');
    expect(book.worksheets[0]!.views[0]).toMatchObject({ rightToLeft: true });
  });
});

describe('safeText', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+201001234567', "'+201001234567"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['  =1', "'  =1"],
    ['＝1', "'＝1"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['منى', 'منى'],
  ])('%j -> %j', (input, output) => {
    expect(safeText(input)).toBe(output);
  });
});

describe('npm run export', () => {
  it('reads its options with the /orders words and refuses unknown ones', () => {
    expect(parseExportArgs(['--format', 'xlsx', '--status', 'delivered,shipped', '--tag', 'VIP', '--customer', 'guest'])).toEqual({
      format: 'xlsx',
      filter: { statuses: ['delivered', 'shipped'], tags: ['vip'], customer: 'guest' },
      language: 'en',
      out: null,
    });
    expect(parseExportArgs([])).toMatchObject({ format: 'csv', filter: {} });
    expect(parseExportArgs(['--format', 'pdf'])).toContain('--format must be csv or xlsx');
    expect(parseExportArgs(['--status', 'lost'])).toContain('--status "lost" is not one of');
    expect(parseExportArgs(['--bogus'])).toContain("Unknown option '--bogus'");
  });

  it('streams the same export to a stream', async () => {
    await seed();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const count = await exportOrders(h.app.db, { format: 'csv', filter: { statuses: ['shipped'] }, language: 'en' }, out);
    expect(count).toBe(1);
    const rows = parse(Buffer.concat(chunks), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toMatchObject([{ Order: '1002', Courier: 'Bosta' }]);
    const xlsx = new PassThrough();
    const parts: Buffer[] = [];
    xlsx.on('data', (c: Buffer) => parts.push(c));
    expect(await exportOrders(h.app.db, { format: 'xlsx', filter: {}, language: 'ar' }, xlsx)).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(3);
  });
});
