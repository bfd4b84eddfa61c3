// What one exported order looks like: the columns, each cell typed (text, money, whole number,
// date), and the formula-injection guard every text cell goes through (DESIGN.md section 5).
import type { ExportSourceRow } from '../store/order-export-query.js';
import type { Language } from './language.js';
import { minorDigits } from './money.js';
import type { OrderStatus, PaymentStatus } from './status.js';
import type { Order } from '../store/orders.js';

export type { ExportSourceRow } from '../store/order-export-query.js';

/** Words the export writes in the reader's language (built by the caller, e.g. from seller-texts). */
export interface ExportLabels {
  headers: Record<ExportColumnKey, string>;
  status: Record<OrderStatus, string>;
  payment: Record<PaymentStatus, string>;
  type: Record<Order['type'], string>;
  channel: Record<Order['channel'], string>;
  customer: { guest: string; registered: string };
  reason: (code: string) => string;
  risk: Record<Order['riskLevel'], string>;
}

export type Cell = { t: 's'; v: string } | { t: 'money'; v: number; digits: number } | { t: 'int'; v: number } | { t: 'date'; v: string } | null;

export const EXPORT_COLUMNS = [
  'order',
  'created',
  'status',
  'payment',
  'type',
  'channel',
  'customerKind',
  'customerName',
  'phone',
  'address',
  'area',
  'items',
  'units',
  'subtotal',
  'shipping',
  'total',
  'refunded',
  'currency',
  'courier',
  'tracking',
  'tags',
  'cancelReason',
  'failureReason',
  'description',
  'risk',
  'confirmedAt',
  'shippedAt',
  'deliveredAt',
  'cancelledAt',
] as const;
export type ExportColumnKey = (typeof EXPORT_COLUMNS)[number];

/** Column widths for spreadsheet viewers (characters). */
export const EXPORT_WIDTHS: Record<ExportColumnKey, number> = {
  order: 8, created: 17, status: 14, payment: 11, type: 9, channel: 10, customerKind: 11, customerName: 22, phone: 15,
  address: 34, area: 18, items: 48, units: 7, subtotal: 11, shipping: 10, total: 11, refunded: 10, currency: 8,
  courier: 12, tracking: 16, tags: 18, cancelReason: 16, failureReason: 16, description: 30, risk: 8,
  confirmedAt: 17, shippedAt: 17, deliveredAt: 17, cancelledAt: 17,
};

/** The characters a spreadsheet may take as the start of a formula (OWASP CSV injection; ASVS 5.0 1.2.10), full-width forms too. */
const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n\0]/;

/** Text that no spreadsheet will run: a leading `'` when it could start a formula. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** XLSX caps a cell at 32,767 characters. */
export const MAX_CELL_TEXT = 32_000;

const text = (value: string | null | undefined): Cell => (value === null || value === undefined || value === '' ? null : { t: 's', v: safeText(value.slice(0, MAX_CELL_TEXT)) });
const date = (value: string | null): Cell => (value ? { t: 'date', v: value } : null);

function formatMajor(minor: number, digits: number): string {
  return (minor / 10 ** digits).toFixed(digits);
}

/** One order as typed cells, in EXPORT_COLUMNS order. */
export function exportCells(row: ExportSourceRow, labels: ExportLabels, language: Language): Cell[] {
  const digits = minorDigits(row.currency);
  const money = (minor: number | null): Cell => (minor === null ? null : { t: 'money', v: minor / 10 ** digits, digits });
  const items = row.items
    .map((i) => `${i.sku ? `${i.sku} ` : ''}${language === 'ar' ? i.nameAr : i.nameEn} × ${i.quantity} @ ${formatMajor(i.unitMinor, digits)}`)
    .join('; ');
  const values: Record<ExportColumnKey, Cell> = {
    order: { t: 'int', v: row.number },
    created: date(row.createdAt),
    status: text(labels.status[row.status]),
    payment: text(labels.payment[row.paymentStatus]),
    type: text(labels.type[row.type]),
    channel: text(labels.channel[row.channel]),
    customerKind: text(row.registered ? labels.customer.registered : labels.customer.guest),
    customerName: text(row.customerName),
    // Digits only (the WhatsApp id form): a leading `+` is a formula start in spreadsheets.
    phone: text(row.customerPhone?.replace(/^\+/, '') ?? null),
    address: text(row.addressLine),
    area: text(row.area),
    items: text(items),
    units: { t: 'int', v: row.items.reduce((sum, i) => sum + i.quantity, 0) },
    subtotal: money(row.subtotalMinor),
    shipping: money(row.shippingMinor),
    total: money(row.totalMinor),
    refunded: money(row.refundedMinor),
    currency: text(row.currency),
    courier: text(row.courier),
    tracking: text(row.trackingNumber),
    tags: text(row.tags.join(', ')),
    cancelReason: text(row.cancelReason ? labels.reason(row.cancelReason) : null),
    failureReason: text(row.failureReason ? labels.reason(row.failureReason) : null),
    description: text(row.description),
    risk: text(labels.risk[row.riskLevel]),
    confirmedAt: date(row.confirmedAt),
    shippedAt: date(row.shippedAt),
    deliveredAt: date(row.deliveredAt),
    cancelledAt: date(row.cancelledAt),
  };
  return EXPORT_COLUMNS.map((key) => values[key]);
}

/** A cell as CSV text: money with its decimals, dates as `YYYY-MM-DD HH:MM:SS` (UTC). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  switch (cell.t) {
    case 's':
      return cell.v;
    case 'money':
      return cell.v.toFixed(cell.digits);
    case 'int':
      return String(cell.v);
    case 'date':
      return cell.v.slice(0, 19).replace('T', ' ');
  }
}

export const exportHeaders = (labels: ExportLabels): string[] => EXPORT_COLUMNS.map((key) => safeText(labels.headers[key]));
