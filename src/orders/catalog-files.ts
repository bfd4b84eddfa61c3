// Reads a catalog spreadsheet into rows of text for readCatalogTable: CSV synchronously (csv-parse,
// `,` `;` or tab separated, with or without a BOM), XLSX with exceljs's streaming reader (first sheet).
import { parse } from 'csv-parse/sync';
import { MAX_IMPORT_ROWS } from './catalog-import.js';
import { loadExcel } from './excel.js';

export type SpreadsheetKind = 'csv' | 'xlsx';

const XLSX_MIMES = new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
const CSV_MIMES = new Set(['text/csv', 'text/comma-separated-values', 'application/csv', 'text/plain']);

/** What kind of spreadsheet a file is, by its type or name; null when it is neither. */
export function spreadsheetKind(mimetype: string, fileName: string | null): SpreadsheetKind | null {
  const name = (fileName ?? '').toLowerCase();
  if (XLSX_MIMES.has(mimetype) || name.endsWith('.xlsx')) return 'xlsx';
  if (CSV_MIMES.has(mimetype) || name.endsWith('.csv')) return 'csv';
  return null;
}

/** The rows of a CSV file as text; throws on a file that is not CSV at all (the caller reports it). */
export function readCsvTable(data: Buffer | string): string[][] {
  // The separator is the one the header line uses most (Excel writes `;` in some locales).
  const firstLine = (typeof data === 'string' ? data : data.subarray(0, 4096).toString('utf8')).split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = [',', ';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  return parse(data, {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    to_line: MAX_IMPORT_ROWS + 50,
  }) as string[][];
}

function cellToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellToText(v.text);
    if (v.result !== undefined) return cellToText(v.result);
  }
  return '';
}

/** The first worksheet of an XLSX file as rows of text, read as a stream and stopped after the row cap. */
export async function readXlsxTable(path: string): Promise<string[][]> {
  const ExcelJS = await loadExcel();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  const table: string[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      // exceljs rows are 1-based with a hole at 0; rows may skip empty lines, so place by number.
      const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellToText(values[i + 1]).trim());
      table[row.number - 1] = cells;
      if (row.number > MAX_IMPORT_ROWS + 50) break;
    }
    break;
  }
  return Array.from(table, (cells) => cells ?? []);
}
