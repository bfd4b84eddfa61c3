// /export: the orders the filters select, as a CSV or XLSX file sent back as a WhatsApp document.
// Rows stream from SQLite (`.iterate()`) inside the message's transaction: straight into the CSV
// file, or into a spool that becomes the XLSX after the transaction commits (exceljs is async).
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { exportLabels } from '../../../flows/seller-texts.js';
import { CSV_MIME, readSpool, writeCsvFileSync, writeSpoolSync, writeXlsxStream, XLSX_MIME } from '../../../orders/export-writers.js';
import { createOrderAdminRepo } from '../../../store/order-admin.js';
import { isEmptyFilter } from '../../../store/order-filter.js';
import { iterateExportRows } from '../../../store/order-export-query.js';
import { parseOrderFilter } from '../filters.js';
import { vocabulary, wordOf } from '../parse.js';
import { textsFor, usageError } from './shared.js';
import { refuse, type CommandFamily, type CommandSpec } from './types.js';

const FORMATS = vocabulary<'csv' | 'xlsx'>({ csv: ['csv'], xlsx: ['xlsx', 'excel', 'xls', 'اكسل', 'إكسل', 'اكسيل'] });

/** Export files are kept a week (the outbox may still be retrying one), then removed by the next export. */
const KEEP_EXPORTS_MS = 7 * 86_400_000;

export const exportsDir = (mediaDir: string) => join(mediaDir, 'exports');

function pruneOldExports(dir: string, now: Date): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (now.getTime() - statSync(path).mtimeMs > KEEP_EXPORTS_MS) rmSync(path, { force: true });
    } catch {
      // Another export removed it first.
    }
  }
}

const exportCommand: CommandSpec = {
  name: 'export',
  aliases: ['تصدير', 'صدر'],
  usage: '/export [csv|xlsx] [filters as in /orders]',
  summary: {
    en: 'Sends the orders as a spreadsheet (Excel by default): items, totals, customer, status, payment, courier, tracking, tags, dates.',
    ar: 'يرسل الطلبات كجدول (إكسل افتراضياً): المنتجات والإجمالي والعميل والحالة والدفع والشحن والتتبع والوسوم والتواريخ.',
  },
  details: {
    en: 'Examples: /export, /export csv delivered, /export xlsx shipped unpaid tag:vip. Dates are in UTC.',
    ar: 'أمثلة: \u2066/export\u2069، \u2066/export csv delivered\u2069، \u2066/export xlsx shipped unpaid tag:vip\u2069. التواريخ بتوقيت UTC.',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const formats: ('csv' | 'xlsx')[] = [];
    const parsed = parseOrderFilter(cmd.args, {
      allowPage: false,
      own: (token) => {
        const format = wordOf(FORMATS, token);
        if (format) formats.push(format);
        return format !== null;
      },
    });
    if (!parsed.ok) return usageError(ctx, this, parsed.problem);
    if (new Set(formats).size > 1) return usageError(ctx, this, { kind: 'repeated', what: 'format', value: formats.join(' ') });
    const format = formats[0] ?? 'xlsx';
    const { filter, words } = parsed.value;
    const count = createOrderAdminRepo(ctx.tx).count(filter);
    if (count === 0) return refuse(t.exportEmpty(!isEmptyFilter(filter)));

    const dir = exportsDir(ctx.config.mediaDir);
    mkdirSync(dir, { recursive: true });
    pruneOldExports(dir, ctx.now);
    const stamp = ctx.now.toISOString().replace(/[-:]/g, '').slice(0, 15);
    const base = join(dir, `orders-${stamp}-${ctx.ids.publicId().replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}`);
    const fileName = `orders-${ctx.now.toISOString().slice(0, 10)}.${format}`;
    const labels = exportLabels(ctx.language);
    const rows = iterateExportRows(ctx.tx, filter);
    const filters = words.join(' ');

    if (format === 'csv') {
      const path = `${base}.csv`;
      const written = writeCsvFileSync(path, rows, labels, ctx.language);
      ctx.messenger.send(ctx.sellerAddress, ctx.sellerGuestId, { type: 'document', path, mimetype: CSV_MIME, fileName, caption: t.exportCaption(written, filters) });
      // The document (with its caption) is the answer.
      return '';
    }

    const spool = `${base}.jsonl`;
    const spooled = writeSpoolSync(spool, rows);
    const language = ctx.language;
    const { sellerAddress, sellerGuestId } = ctx;
    ctx.afterCommit(async ({ messenger }) => {
      const path = `${base}.xlsx`;
      try {
        const out = createWriteStream(path, { mode: 0o600 });
        const written = writeXlsxStream(out, readSpool(spool), labels, language);
        await Promise.all([written, finished(out)]);
        messenger.send(sellerAddress, sellerGuestId, { type: 'document', path, mimetype: XLSX_MIME, fileName, caption: t.exportCaption(await written, filters) });
      } catch (err) {
        rmSync(path, { force: true });
        throw err;
      } finally {
        rmSync(spool, { force: true });
      }
    });
    return t.exportPreparing(spooled);
  },
};

export const exportCommands: CommandFamily = {
  id: 'export',
  title: { en: 'Export', ar: 'التصدير' },
  commands: [exportCommand],
};
