// npm run bench:export -- [--orders 100000]
// Seeds a temporary database with N orders (1-3 items each, Arabic and English names, tags), then
// exports them the ways the bot and the CLI do, each in its own process, and prints the time and the
// peak resident memory of each. A flat peak between 10,000 and 100,000 orders shows the export streams.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { exportLabels } from '../src/flows/seller-texts.js';
import { readSpool, writeCsvFileSync, writeSpoolSync, writeXlsxStream } from '../src/orders/export-writers.js';
import { openDatabase } from '../src/store/db.js';
import { iterateExportRows } from '../src/store/order-export-query.js';

const STATUSES = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'delivered', 'failed_delivery', 'cancelled'] as const;
const PRODUCTS = [
  ['HONEY-1KG', 'عسل نحل طبيعي ١ كجم', 'Natural honey 1 kg', 25_000],
  ['DATES-500', 'تمر سيوي ٥٠٠ جم', 'Siwa dates 500 g', 9_000],
  ['OLIVE-OIL', 'زيت زيتون بكر ٧٥٠ مل', 'Extra virgin olive oil 750 ml', 32_050],
] as const;

function seed(path: string, count: number): void {
  const { sqlite, close } = openDatabase(path);
  const at = '2026-03-01T10:00:00.000Z';
  const insertProduct = sqlite.prepare(`insert into products (sku, name_ar, name_en, price_minor, currency, stock, sort_order, created_at, updated_at) values (?, ?, ?, ?, 'EGP', 1000000, 0, ?, ?)`);
  const insertOrder = sqlite.prepare(`insert into orders (number, public_id, type, channel, status, payment_status, customer_name, customer_phone, address_line, area, currency,
      subtotal_minor, shipping_minor, total_minor, description, courier, tracking_number, language, created_at, updated_at)
    values (?, ?, 'catalog', 'whatsapp', ?, ?, ?, ?, ?, ?, 'EGP', ?, 3000, ?, ?, ?, ?, 'ar', ?, ?)`);
  const insertItem = sqlite.prepare(`insert into order_items (order_id, product_id, sku, name_ar, name_en, unit_price_minor, quantity, line_total_minor) values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = sqlite.prepare(`insert into order_tags (order_id, tag, at) values (?, ?, ?)`);
  sqlite.transaction(() => {
    PRODUCTS.forEach(([sku, ar, en, price]) => insertProduct.run(sku, ar, en, price, at, at));
    for (let i = 0; i < count; i++) {
      const status = STATUSES[i % STATUSES.length]!;
      const lines = 1 + (i % 3);
      let subtotal = 0;
      const items = Array.from({ length: lines }, (_, j) => {
        const [sku, ar, en, price] = PRODUCTS[(i + j) % PRODUCTS.length]!;
        const quantity = 1 + ((i + j) % 4);
        subtotal += price * quantity;
        return { productId: ((i + j) % PRODUCTS.length) + 1, sku, ar, en, price, quantity };
      });
      const created = new Date(Date.parse(at) + i * 60_000).toISOString();
      const result = insertOrder.run(
        1001 + i,
        `bench-${i}`,
        status,
        status === 'delivered' ? 'paid' : 'unpaid',
        i % 2 ? `منى أحمد ${i}` : `Omar Ali ${i}`,
        `+2010${String(10_000_000 + i).slice(-8)}`,
        i % 5 === 0 ? `=HYPERLINK("x") شارع التحرير ${i}` : `${i} شارع التحرير، الدور الثالث`,
        'الدقي، الجيزة',
        subtotal,
        subtotal + 3000,
        i % 7 === 0 ? 'هدية عيد ميلاد، من فضلك غلفها جيداً' : null,
        status === 'shipped' || status === 'delivered' ? 'Bosta' : null,
        status === 'shipped' || status === 'delivered' ? `BST-${i}` : null,
        created,
        created,
      );
      const orderId = Number(result.lastInsertRowid);
      for (const item of items) insertItem.run(orderId, item.productId, item.sku, item.ar, item.en, item.price, item.quantity, item.price * item.quantity);
      if (i % 4 === 0) insertTag.run(orderId, 'vip', at);
      if (i % 6 === 0) insertTag.run(orderId, 'facebook-lead', at);
    }
  })();
  close();
}

/** One export in this process; prints a JSON line with its time, output size and peak memory. */
async function run(mode: string, dbPath: string, outDir: string): Promise<void> {
  const { db, close } = openDatabase(dbPath);
  const labels = exportLabels('ar');
  const started = process.hrtime.bigint();
  let rows = 0;
  let file = '';
  if (mode === 'csv') {
    // The bot's /export csv: straight from the iterator to the file, synchronously.
    file = join(outDir, 'orders.csv');
    db.transaction((tx) => {
      rows = writeCsvFileSync(file, iterateExportRows(tx, {}), labels, 'ar');
    });
  } else if (mode === 'xlsx') {
    // The bot's /export xlsx: a spool inside the transaction, the workbook after it.
    const spool = join(outDir, 'orders.jsonl');
    file = join(outDir, 'orders.xlsx');
    db.transaction((tx) => {
      writeSpoolSync(spool, iterateExportRows(tx, {}));
    });
    const out = createWriteStream(file);
    rows = await writeXlsxStream(out, readSpool(spool), labels, 'ar');
    await finished(out);
    rmSync(spool);
  } else if (mode === 'cli-xlsx') {
    // npm run export -- --format xlsx: the iterator feeds the workbook directly.
    file = join(outDir, 'cli.xlsx');
    const out = createWriteStream(file);
    rows = await writeXlsxStream(out, iterateExportRows(db, {}), labels, 'ar');
    await finished(out);
  } else if (mode === 'baseline') {
    rows = 0;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  close();
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ mode, rows, ms: Math.round(ms), peakRssMb: Math.round(peakMb), fileMb: file ? Math.round((statSync(file).size / 1048576) * 10) / 10 : 0 })}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, child: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (values.child) {
    if (values.child === 'seed') seed(values.db!, Number(values.orders));
    else await run(values.child, values.db!, values.out!);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const tsx = resolve('node_modules/.bin/tsx');
  const child = (args: string[], heapMb?: number) =>
    execFileSync(tsx, [self, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      env: heapMb ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim() } : process.env,
    });
  const sizes = [...new Set([10_000, Number(values.orders)])].filter((n) => Number.isInteger(n) && n > 0);
  process.stdout.write(`node ${process.version}, ${process.platform} ${process.arch}\n`);
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'tijaratk-bench-'));
    try {
      const dbPath = join(dir, 'bench.db');
      const seedStart = Date.now();
      child(['--child', 'seed', '--db', dbPath, '--orders', String(size)]);
      process.stdout.write(`\n${size.toLocaleString('en')} orders (seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s, database ${(statSync(dbPath).size / 1048576).toFixed(0)} MB)\n`);
      // The largest size runs a second time with the JS heap capped at 32 MB: it still completes,
      // which it could not if the orders were all held in memory.
      const runs: [string, number | undefined][] = ['baseline', 'csv', 'xlsx', 'cli-xlsx'].flatMap((mode) =>
        size === sizes[sizes.length - 1] ? ([[mode, undefined], [mode, 32]] as [string, number | undefined][]) : ([[mode, undefined]] as [string, number | undefined][]),
      );
      for (const [mode, heapMb] of runs) {
        const result = JSON.parse(child(['--child', mode, '--db', dbPath, '--out', dir], heapMb)) as { mode: string; rows: number; ms: number; peakRssMb: number; fileMb: number };
        process.stdout.write(
          `  ${result.mode.padEnd(9)} ${heapMb ? `heap≤${heapMb}MB` : 'default  '} ${String(result.rows).padStart(7)} rows  ${String((result.ms / 1000).toFixed(1)).padStart(6)} s  peak RSS ${String(result.peakRssMb).padStart(4)} MB  file ${result.fileMb} MB\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
