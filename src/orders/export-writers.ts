// Writers for the order export. CSV is written synchronously (inside a transaction, straight from
// the row iterator); XLSX goes through exceljs's streaming WorkbookWriter, which is asynchronous, so
// the rows can first be spooled to a file inside the transaction and turned into XLSX after it.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Language } from './language.js';
import { cellText, EXPORT_COLUMNS, EXPORT_WIDTHS, exportCells, exportHeaders, type ExportLabels, type ExportSourceRow } from './export-rows.js';
import { loadExcel } from './excel.js';

export const CSV_MIME = 'text/csv';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const BOM = '\uFEFF';
const CSV_BATCH = 500;

/** The CSV as text chunks: a BOM (so Excel reads UTF-8 Arabic), the header, then batches of rows. Every field quoted (RFC 4180). */
export function* csvChunks(rows: Iterable<ExportSourceRow>, labels: ExportLabels, language: Language): Generator<string, number, undefined> {
  const options = { quoted: true, quoted_empty: true, record_delimiter: 'windows' as const };
  yield BOM + stringify([exportHeaders(labels)], options);
  let batch: string[][] = [];
  let count = 0;
  for (const row of rows) {
    batch.push(exportCells(row, labels, language).map(cellText));
    count++;
    if (batch.length === CSV_BATCH) {
      yield stringify(batch, options);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, options);
  return count;
}

/** Writes the CSV to a file without leaving the current tick (safe inside a synchronous transaction). Returns the row count. */
export function writeCsvFileSync(path: string, rows: Iterable<ExportSourceRow>, labels: ExportLabels, language: Language): number {
  const fd = openSync(path, 'w', 0o600);
  try {
    const chunks = csvChunks(rows, labels, language);
    for (;;) {
      const next = chunks.next();
      if (next.done) return next.value;
      writeSync(fd, next.value);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes the CSV to a stream, waiting whenever it asks us to (a pipe to another program). */
export async function writeCsvStream(out: Writable, rows: Iterable<ExportSourceRow> | AsyncIterable<ExportSourceRow>, labels: ExportLabels, language: Language): Promise<number> {
  const options = { quoted: true, quoted_empty: true, record_delimiter: 'windows' as const };
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(BOM + stringify([exportHeaders(labels)], options));
  let count = 0;
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(exportCells(row, labels, language).map(cellText));
    count++;
    if (batch.length === CSV_BATCH) {
      await write(stringify(batch, options));
      batch = [];
    }
  }
  if (batch.length > 0) await write(stringify(batch, options));
  return count;
}

/** Rows as JSON lines on disk (synchronous), to be read back by `readSpool` after the transaction. */
export function writeSpoolSync(path: string, rows: Iterable<ExportSourceRow>): number {
  const fd = openSync(path, 'w', 0o600);
  let count = 0;
  let buffer = '';
  try {
    for (const row of rows) {
      buffer += `${JSON.stringify(row)}\n`;
      count++;
      if (buffer.length > 65_536) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
    return count;
  } finally {
    closeSync(fd);
  }
}

export async function* readSpool(path: string): AsyncGenerator<ExportSourceRow, void, undefined> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line) as ExportSourceRow;
}

/**
 * Waits until the zip side has taken what the sheet wrote. exceljs's sheet stream (a StreamBuf)
 * does not wait for its reader: archiver reads it through a PassThrough (its `pipes[0]`, from
 * readable-stream 2, whose state is only on `_writableState`), so the backlog shows there, and on
 * the output. Without this the sheet's XML piles up in memory faster than it is zipped.
 */
async function drained(sheet: unknown, out: Writable): Promise<void> {
  const pipe = (sheet as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  if (pipe?._writableState?.needDrain && typeof pipe.once === 'function') await once(pipe, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
  await new Promise<void>((resolve) => setImmediate(resolve));
}

const MONEY_FORMAT = (digits: number) => (digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`);
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * Streams the XLSX to `out` with exceljs's WorkbookWriter: inline strings (no shared-string table
 * held in memory), every row committed as it is written, a pause every few rows so the zip stream
 * drains. Text is always a string cell (never a formula) and passes the same guard as the CSV.
 */
export async function writeXlsxStream(out: Writable, rows: Iterable<ExportSourceRow> | AsyncIterable<ExportSourceRow>, labels: ExportLabels, language: Language): Promise<number> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(language === 'ar' ? 'الطلبات' : 'Orders', {
    views: [{ state: 'frozen', ySplit: 1, rightToLeft: language === 'ar' }],
  });
  sheet.columns = EXPORT_COLUMNS.map((key) => ({ key, width: EXPORT_WIDTHS[key] }));
  const header = sheet.addRow(exportHeaders(labels));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    const cells = exportCells(row, labels, language);
    const line = sheet.addRow(cells.map((c) => (c === null ? null : c.t === 'date' ? new Date(c.v) : c.v)));
    cells.forEach((c, i) => {
      if (c?.t === 'money') line.getCell(i + 1).numFmt = MONEY_FORMAT(c.digits);
      else if (c?.t === 'date') line.getCell(i + 1).numFmt = DATE_FORMAT;
    });
    line.commit();
    count++;
    if (count % 100 === 0) await drained(sheet, out);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
