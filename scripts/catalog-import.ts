// npm run catalog:import -- <file.csv|file.xlsx> [--dry-run] [--lang en|ar]
// Adds or updates products by SKU from a spreadsheet (the same rules as sending it to the bot with
// /import) and prints the report of rows accepted and refused. --dry-run checks without writing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { sellerTexts } from '../src/flows/seller-texts.js';
import { applyCatalogImport, readCatalogTable, type ImportOutcome } from '../src/orders/catalog-import.js';
import { readCsvTable, readXlsxTable, spreadsheetKind } from '../src/orders/catalog-files.js';
import type { Language } from '../src/orders/language.js';
import { openDatabase } from '../src/store/db.js';
import type { Db } from '../src/store/db.js';

export const IMPORT_USAGE = 'Usage: npm run catalog:import -- <file.csv|file.xlsx> [--dry-run] [--lang en|ar]';

/** Reads, checks and (unless dryRun) applies a catalog file; returns the report text and whether it was read at all. */
export async function importCatalogFile(db: Db, file: string, options: { currency: string; now: Date; language: Language; dryRun: boolean }): Promise<{ ok: boolean; text: string }> {
  const t = sellerTexts[options.language];
  const kind = spreadsheetKind('', file);
  if (!kind) return { ok: false, text: t.importNotSpreadsheet() };
  let table: string[][];
  try {
    table = kind === 'csv' ? readCsvTable(readFileSync(file)) : await readXlsxTable(file);
  } catch {
    return { ok: false, text: t.importUnreadable() };
  }
  const read = readCatalogTable(table, options.currency);
  if (!read.ok) return { ok: false, text: read.reason === 'empty' ? t.importEmpty() : t.importNoHeader(read.missing) };
  const rows = read.rows;
  const outcome: ImportOutcome = options.dryRun
    ? { added: rows.map((r) => r.sku), updated: [], unchanged: [] }
    : db.transaction((tx) => applyCatalogImport(tx, rows, options.currency, options.now));
  return { ok: true, text: `${options.dryRun ? `${t.importDryRun()}\n` : ''}${t.importReport(outcome, read.refused)}` };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, lang: { type: 'string', default: 'en' } }, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  const language = parsed.values.lang === 'ar' ? 'ar' : parsed.values.lang === 'en' ? 'en' : null;
  if (!file || extra.length > 0 || !language) {
    process.stderr.write(`${IMPORT_USAGE}\n`);
    return 2;
  }
  if (!existsSync(file)) {
    process.stderr.write(`No such file: ${resolve(file)}\n`);
    return 1;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 2;
  }
  const database = openDatabase(config.databasePath);
  try {
    const report = await importCatalogFile(database.db, file, { currency: config.currency, now: new Date(), language, dryRun: parsed.values['dry-run'] });
    process.stdout.write(`${report.text}\n`);
    return report.ok ? 0 : 1;
  } finally {
    database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`Import failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
