// npm run export -- [--format csv|xlsx] [--status delivered] [--type catalog|custom] [--channel phone]
//   [--payment paid|unpaid|refunded] [--customer guest|registered] [--tag vip] [--lang en|ar] [--out file]
// Writes the orders export (the same file /export sends) to stdout or --out, streaming rows from a
// read-only connection, so a running bot is not disturbed. Repeat a filter (or use commas) for "either".
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createWriteStream, existsSync, fstatSync, ftruncateSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHANNEL_WORDS, CUSTOMER_WORDS, PAYMENT_WORDS, STATUS_WORDS, TYPE_WORDS } from '../src/bot/seller/filters.js';
import { wordOf, type Vocabulary } from '../src/bot/seller/parse.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { exportLabels } from '../src/flows/seller-texts.js';
import { writeCsvStream, writeXlsxStream } from '../src/orders/export-writers.js';
import type { Language } from '../src/orders/language.js';
import type { OrderStatus } from '../src/orders/status.js';
import { normalizeTag } from '../src/orders/tags-notes.js';
import type { DbOrTx } from '../src/store/db.js';
import type { OrderFilter } from '../src/store/order-filter.js';
import { iterateExportRows } from '../src/store/order-export-query.js';
import * as schema from '../src/store/schema.js';

export const EXPORT_USAGE =
  'Usage: npm run export -- [--format csv|xlsx] [--status S] [--type catalog|custom] [--channel C] [--payment paid|unpaid|refunded] [--customer guest|registered] [--tag T] [--lang en|ar] [--out file]';

export interface ExportRequest {
  format: 'csv' | 'xlsx';
  filter: OrderFilter;
  language: Language;
  out: string | null;
}

/** Reads the command line; a string is the problem to print. */
export function parseExportArgs(argv: readonly string[]): ExportRequest | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string', default: 'csv' },
        status: { type: 'string', multiple: true },
        type: { type: 'string', multiple: true },
        channel: { type: 'string', multiple: true },
        payment: { type: 'string', multiple: true },
        customer: { type: 'string' },
        tag: { type: 'string', multiple: true },
        lang: { type: 'string', default: 'en' },
        out: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (err) {
    return `${err instanceof Error ? err.message : String(err)}\n${EXPORT_USAGE}`;
  }
  const { values } = parsed;
  const format = values.format === 'csv' || values.format === 'xlsx' ? values.format : null;
  if (!format) return `--format must be csv or xlsx (got "${values.format}")\n${EXPORT_USAGE}`;
  const language = values.lang === 'ar' || values.lang === 'en' ? values.lang : null;
  if (!language) return `--lang must be en or ar (got "${values.lang}")\n${EXPORT_USAGE}`;
  const split = (list: string[] | undefined) => (list ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const read = <T>(option: string, list: string[] | undefined, vocab: Vocabulary<T>): T[] | string => {
    const out: T[] = [];
    for (const word of split(list)) {
      const value = wordOf(vocab, word);
      if (value === null) return `--${option} "${word}" is not one of: ${vocab.shown.join(', ')}`;
      if (!out.includes(value)) out.push(value);
    }
    return out;
  };
  const statuses = read('status', values.status, STATUS_WORDS);
  const types = read('type', values.type, TYPE_WORDS);
  const channels = read('channel', values.channel, CHANNEL_WORDS);
  const payments = read('payment', values.payment, PAYMENT_WORDS);
  const customers = read('customer', values.customer === undefined ? undefined : [values.customer], CUSTOMER_WORDS);
  for (const result of [statuses, types, channels, payments, customers]) if (typeof result === 'string') return `${result}\n${EXPORT_USAGE}`;
  const tags: string[] = [];
  for (const word of split(values.tag)) {
    const tag = normalizeTag(word);
    if (!tag) return `--tag "${word}" is not a tag (letters, digits, - or _)\n${EXPORT_USAGE}`;
    tags.push(tag);
  }
  const open: OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'failed_delivery'];
  const statusList = [...new Set((statuses as (OrderStatus | 'open')[]).flatMap((s) => (s === 'open' ? open : [s])))];
  const filter: OrderFilter = {
    ...(statusList.length ? { statuses: statusList } : {}),
    ...((types as string[]).length ? { types: types as OrderFilter['types'] } : {}),
    ...((channels as string[]).length ? { channels: channels as OrderFilter['channels'] } : {}),
    ...((payments as string[]).length ? { payments: payments as OrderFilter['payments'] } : {}),
    ...((customers as string[]).length ? { customer: (customers as ('guest' | 'registered')[])[0]! } : {}),
    ...(tags.length ? { tags } : {}),
  };
  return { format, filter, language, out: values.out ?? null };
}

/** Streams the export of `db` to `out` and ends it; returns the number of orders written. */
export async function exportOrders(db: DbOrTx, request: Pick<ExportRequest, 'format' | 'filter' | 'language'>, out: Writable): Promise<number> {
  const rows = iterateExportRows(db, request.filter);
  const labels = exportLabels(request.language);
  try {
    // exceljs ends the stream when the workbook is committed; the CSV writer leaves it open.
    if (request.format === 'xlsx') return await writeXlsxStream(out, rows, labels, request.language);
    const count = await writeCsvStream(out, rows, labels, request.language);
    out.end();
    return count;
  } finally {
    rows.return();
  }
}

/**
 * `npm run export -- ... > file` : npm prints its "> tijaratk-bot@... export" banner into the file
 * before this process starts (npm 7+ writes it to stdout unless run with -s). When stdout is a file
 * that npm has just written that banner to (opened with `>`, not `>>`), start the file over, so the
 * export is the file's only content. Anything else (a pipe, a terminal, `npm run -s`) is left alone.
 */
function stdoutForData(): Writable {
  const underNpmBanner = process.env.npm_lifecycle_event !== undefined && process.env.npm_config_loglevel !== 'silent';
  try {
    if (!underNpmBanner || !fstatSync(1).isFile()) return process.stdout;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    const append = flags !== undefined && (parseInt(flags, 8) & 0o2000) !== 0;
    if (append || flags === undefined) return process.stdout;
    ftruncateSync(1, 0);
    return createWriteStream('', { fd: 1, start: 0, autoClose: false });
  } catch {
    return process.stdout;
  }
}

async function main(): Promise<number> {
  const request = parseExportArgs(process.argv.slice(2));
  if (typeof request === 'string') {
    process.stderr.write(`${request}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 2;
  }
  const path = resolve(config.databasePath);
  if (!existsSync(path)) {
    process.stderr.write(`No database at ${path} (DATABASE_PATH).\n`);
    return 1;
  }
  // The database itself (or its WAL and shared-memory files) must never be written over by an export.
  if (request.out && [path, `${path}-wal`, `${path}-shm`].includes(resolve(request.out))) {
    process.stderr.write('The export must go to another file than the database itself.\n');
    return 2;
  }
  if (!request.out && request.format === 'xlsx' && process.stdout.isTTY) {
    process.stderr.write('An XLSX file is binary: redirect it to a file (> orders.xlsx) or use --out orders.xlsx.\n');
    return 2;
  }
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const db = drizzle(sqlite, { schema });
    // Through a pass-through: piping ends a file when the export ends, and never closes stdout.
    const pass = new PassThrough();
    const destination = request.out ? createWriteStream(resolve(request.out), { mode: 0o600 }) : stdoutForData();
    // A reader that stops early (`| head`) is not an error.
    destination.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') process.stderr.write(`Export failed: ${err.message}\n`);
      process.exit(err.code === 'EPIPE' ? 0 : 1);
    });
    pass.pipe(destination);
    const count = await exportOrders(db, request, pass);
    await finished(destination === process.stdout ? pass : destination);
    process.stderr.write(`Exported ${count} order${count === 1 ? '' : 's'}.\n`);
    return 0;
  } finally {
    sqlite.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Export failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
