// Messages to sellers, in Arabic and English. Arabic texts wrap commands and codes in LTR isolates
// (U+2066 ... U+2069) so they read left to right inside a right-to-left line.
import type { ExportLabels } from '../orders/export-rows.js';
import type { FieldChange } from '../orders/edit-order.js';
import type { ImportOutcome, ImportProblem, ImportRefusal } from '../orders/catalog-import.js';
import type { Language } from '../orders/language.js';
import { formatDateTime } from '../orders/dates.js';
import { formatMoney } from '../orders/money.js';
import type { OrderStatus, PaymentStatus } from '../orders/status.js';
import type { OrderNote } from '../store/order-admin.js';
import type { Guest } from '../store/guests.js';
import type { Order, OrderEvent, OrderItem } from '../store/orders.js';
import type { Product } from '../store/products.js';
import type { CustomerRequestKind } from '../orders/customer-requests.js';
import { REQUEST_KIND_LABELS } from './request-texts.js';

/** What a command argument stands for, named in the seller's language when a problem is reported. */
export type ArgKind =
  | 'order'
  | 'amount'
  | 'quantity'
  | 'number'
  | 'phone'
  | 'target'
  | 'sku'
  | 'line'
  | 'text'
  | 'note'
  | 'tag'
  | 'courier'
  | 'tracking'
  | 'reason'
  | 'field'
  | 'filter'
  | 'format'
  | 'page'
  | 'subcommand'
  | 'names'
  | 'stock'
  | 'setting'
  | 'value'
  | 'duration'
  | 'channel'
  | 'yesno'
  | 'zone'
  | 'command'
  | 'request'
  | 'customerRequest'
  | 'period';

/** What was wrong with a command's arguments (the parser finds it, these texts say it). */
export type ArgProblem =
  | { kind: 'missing'; what: ArgKind }
  | { kind: 'invalid'; what: ArgKind; value: string }
  | { kind: 'choice'; what: ArgKind; value: string; choices: readonly string[] }
  | { kind: 'extra'; value: string }
  | { kind: 'repeated'; what: ArgKind; value: string }
  | { kind: 'too_long'; what: ArgKind; max: number };

const STATUS_LABELS: Record<Language, Record<OrderStatus, string>> = {
  en: {
    pending: 'pending',
    confirmed: 'confirmed',
    ready_for_shipping: 'ready for shipping',
    shipped: 'shipped',
    delivered: 'delivered',
    failed_delivery: 'failed delivery',
    cancelled: 'cancelled',
  },
  ar: {
    pending: 'قيد الانتظار',
    confirmed: 'مؤكد',
    ready_for_shipping: 'جاهز للشحن',
    shipped: 'تم الشحن',
    delivered: 'تم التوصيل',
    failed_delivery: 'فشل التوصيل',
    cancelled: 'ملغي',
  },
};

export const statusLabel = (status: OrderStatus, language: Language) => STATUS_LABELS[language][status];

const PAYMENT_LABELS: Record<Language, Record<PaymentStatus, string>> = {
  en: { unpaid: 'unpaid', paid: 'paid', refunded: 'refunded' },
  ar: { unpaid: 'غير مدفوع', paid: 'مدفوع', refunded: 'مسترد' },
};
export const paymentLabel = (status: PaymentStatus, language: Language) => PAYMENT_LABELS[language][status];

const REASON_LABELS: Record<Language, Record<string, string>> = {
  en: {
    customer_request: 'customer request',
    out_of_stock: 'out of stock',
    cannot_fulfil: 'cannot fulfil',
    fraud: 'fraud',
    other: 'other',
    expired: 'expired',
    customer_unavailable: 'customer unavailable',
    refused: 'refused by the customer',
  },
  ar: {
    customer_request: 'طلب العميل',
    out_of_stock: 'نفاد المخزون',
    cannot_fulfil: 'تعذر التنفيذ',
    fraud: 'احتيال',
    other: 'سبب آخر',
    expired: 'انتهت المهلة',
    customer_unavailable: 'العميل غير متاح',
    refused: 'رفض العميل الاستلام',
  },
};
export const reasonLabel = (code: string, language: Language) => REASON_LABELS[language][code] ?? code;

const TYPE_LABELS = { en: { catalog: 'catalog', custom: 'custom' }, ar: { catalog: 'كتالوج', custom: 'مخصص' } } as const;
const CHANNEL_LABELS: Record<Language, Record<Order['channel'], string>> = {
  en: { whatsapp: 'WhatsApp', phone: 'phone', offline: 'offline', instagram: 'Instagram', facebook: 'Facebook', web: 'web' },
  ar: { whatsapp: 'واتساب', phone: 'هاتف', offline: 'مباشر', instagram: 'إنستجرام', facebook: 'فيسبوك', web: 'الموقع' },
};
const RISK_LABELS = { en: { low: 'low', medium: 'medium', high: 'high' }, ar: { low: 'منخفض', medium: 'متوسط', high: 'مرتفع' } } as const;

/** An LTR isolate, for commands, codes and numbers inside Arabic text. */
const ltr = (s: string) => `\u2066${s}\u2069`;
/** "1 waiting item is" / "3 waiting items are". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** The shop's time zone, as customers see it too (`formatDateTime`). */
const when = (iso: string, language: Language) => formatDateTime(iso, language);
const short = (s: string, max = 80) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const ARG_NAMES: Record<Language, Record<ArgKind, string>> = {
  en: {
    order: 'order number',
    amount: 'amount (like 250 or 250.50)',
    quantity: 'quantity',
    number: 'number',
    phone: 'phone number',
    target: 'order number or phone number',
    sku: 'product code (SKU)',
    line: 'product and quantity (like HONEY-1KGx2)',
    text: 'text',
    note: 'note',
    tag: 'tag (letters, digits, - or _)',
    courier: 'courier',
    tracking: 'tracking number',
    reason: 'reason',
    field: 'field',
    filter: 'filter',
    format: 'format',
    page: 'page number',
    subcommand: 'action',
    names: 'name (English | Arabic)',
    stock: 'stock (like 10, +5 or -2)',
    setting: 'setting',
    value: 'value',
    duration: 'duration (like 30m, 48h or 3d)',
    channel: 'channel',
    yesno: 'yes or no',
    zone: 'zone name',
    command: 'command',
    request: 'request number (like R-101)',
    customerRequest: 'customer request (like C-12)',
    period: 'period',
  },
  ar: {
    order: 'رقم الطلب',
    amount: 'المبلغ (مثل 250 أو 250.50)',
    quantity: 'الكمية',
    number: 'الرقم',
    phone: 'رقم الهاتف',
    target: 'رقم الطلب أو رقم الهاتف',
    sku: 'كود المنتج',
    line: 'المنتج والكمية (مثل HONEY-1KGx2)',
    text: 'النص',
    note: 'الملاحظة',
    tag: 'الوسم (حروف وأرقام و - أو _)',
    courier: 'شركة الشحن',
    tracking: 'رقم التتبع',
    reason: 'السبب',
    field: 'الحقل',
    filter: 'عامل التصفية',
    format: 'الصيغة',
    page: 'رقم الصفحة',
    subcommand: 'الإجراء',
    names: 'الاسم (إنجليزي | عربي)',
    stock: 'المخزون (مثل 10 أو +5 أو -2)',
    setting: 'الإعداد',
    value: 'القيمة',
    duration: 'المدة (مثل 30m أو 48h أو 3d)',
    channel: 'القناة',
    yesno: 'نعم أو لا',
    zone: 'اسم المنطقة',
    command: 'الأمر',
    request: 'رقم الطلب الخاص (مثل R-101)',
    customerRequest: 'طلب العميل (مثل C-12)',
    period: 'المدة',
  },
};

const IMPORT_PROBLEMS: Record<Language, Record<ImportProblem, string>> = {
  en: {
    missing_sku: 'no SKU',
    bad_sku: 'the SKU may have only letters, digits, . _ -',
    bad_price: 'the price is not an amount above 0',
    missing_name: 'no name',
    bad_name: 'the name is empty or longer than 100 characters',
    bad_stock: 'the stock is not a whole number',
    bad_hidden: 'hidden must be yes or no',
    bad_description: 'the description is longer than 1,000 characters',
    duplicate_sku: 'this SKU is on an earlier row',
    too_many_rows: 'more than 5,000 rows: the rest were not read',
  },
  ar: {
    missing_sku: 'لا يوجد كود',
    bad_sku: 'الكود يقبل الحروف والأرقام و . _ - فقط',
    bad_price: 'السعر ليس مبلغاً أكبر من صفر',
    missing_name: 'لا يوجد اسم',
    bad_name: 'الاسم فارغ أو أطول من 100 حرف',
    bad_stock: 'المخزون ليس رقماً صحيحاً',
    bad_hidden: 'خانة الإخفاء يجب أن تكون نعم أو لا',
    bad_description: 'الوصف أطول من 1000 حرف',
    duplicate_sku: 'هذا الكود موجود في صف سابق',
    too_many_rows: 'أكثر من 5000 صف: لم تتم قراءة الباقي',
  },
};

export interface OrderExtras {
  tags: readonly string[];
  notes: readonly OrderNote[];
  /** The fraud rules that fired for this order, already worded; `reviewed` once a seller looked at them. */
  flags: readonly { text: string; points: number; reviewed: boolean }[];
  guest: Guest | null;
}

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const EDIT_FIELD_LABELS: Record<Language, Record<string, string>> = {
  en: { qty: 'quantity', shipping: 'delivery fee', address: 'address', area: 'area', name: 'name', phone: 'phone', description: 'description' },
  ar: { qty: 'الكمية', shipping: 'رسوم التوصيل', address: 'العنوان', area: 'المنطقة', name: 'الاسم', phone: 'الهاتف', description: 'الوصف' },
};

function eventLabel(e: OrderEvent, order: Order, language: Language): string {
  const ar = language === 'ar';
  const m = (v: unknown) => (typeof v === 'number' ? formatMoney(v, order.currency, language) : String(v ?? '—'));
  if (e.type === 'placed') return ar ? 'تم الطلب' : 'placed';
  if (e.type.startsWith('status:')) {
    const to = e.type.slice(7) as OrderStatus;
    const label = STATUS_LABELS[language][to] ?? to;
    return `→ ${label}${e.note ? ` (${short(noteLabel(e.note, language), 60)})` : ''}`;
  }
  const request = /^request:([a-z_]+)(?::(approved|declined))?$/.exec(e.type);
  if (request) {
    const kind = REQUEST_KIND_LABELS[language][request[1] as CustomerRequestKind] ?? request[1];
    if (!request[2]) return ar ? `طلب ${kind} من العميل` : `${kind} request from the customer`;
    return ar ? `طلب ${kind}: ${request[2] === 'approved' ? 'قُبل' : 'رُفض'}` : `${kind} request ${request[2] === 'approved' ? 'accepted' : 'declined'}`;
  }
  if (e.type === 'feedback') return ar ? 'قيّمه العميل' : 'rated by the customer';
  if (e.type === 'payment:paid') return ar ? 'تم الدفع' : 'paid';
  if (e.type === 'payment:refunded') return `${ar ? 'استرداد' : 'refunded'} ${m(parseJson(e.after).refundedMinor)}`;
  if (e.type === 'note_added') return ar ? 'ملاحظة داخلية' : 'internal note';
  if (e.type === 'tag_added') return `${ar ? 'وسم' : 'tag'} +${String(parseJson(e.after).tag ?? '')}`;
  if (e.type === 'tag_removed') return `${ar ? 'وسم' : 'tag'} −${String(parseJson(e.before).tag ?? '')}`;
  if (e.type === 'seller_message') return ar ? 'رسالة للعميل' : 'message to the customer';
  if (e.type.startsWith('edit:')) {
    const field = e.type.slice(5);
    const before = parseJson(e.before);
    const after = parseJson(e.after);
    const money = field === 'shipping';
    const show = (v: unknown) => short(money ? m(v) : String(v ?? '—'), 40);
    const sku = typeof after.sku === 'string' ? ` ${after.sku}` : '';
    return `${ar ? 'تعديل' : 'edit'} ${EDIT_FIELD_LABELS[language][field] ?? field}${sku}: ${show(before.value)} → ${show(after.value)}`;
  }
  return e.type;
}

/** A status note that starts with a reason code ("out_of_stock", "refused: said too expensive"), in words. */
function noteLabel(note: string, language: Language): string {
  const coded = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(note);
  if (!coded || !REASON_LABELS[language][coded[1]!]) return note;
  return `${reasonLabel(coded[1]!, language)}${coded[2] ? `: ${coded[2]}` : ''}`;
}

/** Who made a change, as the seller reads it: the seller's number, "customer", "automatic". */
function actorLabel(e: OrderEvent, language: Language): string {
  const ar = language === 'ar';
  if (e.actorType === 'seller') return `${ar ? 'البائع' : 'seller'}${e.actorId ? ` ${e.actorId}` : ''}`;
  if (e.actorType === 'system') return ar ? 'تلقائي' : 'automatic';
  return ar ? 'العميل' : 'customer';
}

function customerLine(order: Order, extras: OrderExtras | undefined, language: Language): string {
  const ar = language === 'ar';
  const base = `${ar ? 'العميل' : 'Customer'}: ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}`;
  if (!extras) return base;
  const kind = order.customerId !== null ? (ar ? 'مسجل' : 'registered') : ar ? 'ضيف' : 'guest';
  const verified = extras.guest ? (extras.guest.verifiedAt ? (ar ? 'رقم مؤكد' : 'number verified') : ar ? 'رقم غير مؤكد' : 'number not verified') : null;
  const blocked = extras.guest?.blockedAt ? (ar ? 'محظور' : 'blocked') : null;
  return `${base} · ${[kind, verified, blocked].filter(Boolean).join(ar ? '، ' : ', ')}`;
}

const COD_LABELS: Record<Language, Record<Exclude<Order['codConfirmation'], 'not_needed'>, (order: Pick<Order, 'codAskedAt' | 'status'>) => string>> = {
  en: {
    asked: (o) => (o.codAskedAt !== null ? 'asked, waiting for the customer' : o.status === 'pending' ? 'will be asked once you confirm' : 'will be asked at the next check'),
    confirmed: () => 'confirmed by the customer',
    declined: () => 'declined by the customer',
  },
  ar: {
    asked: (o) => (o.codAskedAt !== null ? 'تم السؤال، في انتظار العميل' : o.status === 'pending' ? 'سيُسأل العميل بعد تأكيدك' : 'سيُسأل العميل في الفحص التالي'),
    confirmed: () => 'أكده العميل',
    declined: () => 'رفضه العميل',
  },
};

function orderDetails(order: Order, items: readonly OrderItem[], events: readonly OrderEvent[], language: Language, extras?: OrderExtras): string {
  const m = (minor: number) => formatMoney(minor, order.currency, language);
  const ar = language === 'ar';
  const lines = items.map((i) => `• ${ar ? i.nameAr : i.nameEn} × ${i.quantity} — ${m(i.lineTotalMinor)}${i.sku ? ` · ${i.sku}` : ''}`);
  const history = events.map((e) => `- ${when(e.at, language)} ${eventLabel(e, order, language)} (${actorLabel(e, language)})`);
  const address = [order.addressLine, order.area].filter(Boolean).join(ar ? '، ' : ', ') || '—';
  const payment = `${ar ? 'الدفع' : 'Payment'}: ${ar ? 'عند الاستلام،' : 'cash on delivery,'} ${PAYMENT_LABELS[language][order.paymentStatus]}${
    order.refundedMinor !== null ? ` (${ar ? 'مسترد' : 'refunded'} ${m(order.refundedMinor)})` : ''
  }`;
  const risk = extras
    ? [
        `${ar ? 'المخاطر' : 'Risk'}: ${RISK_LABELS[language][order.riskLevel]} (${ar ? 'النقاط' : 'score'} ${order.riskScore})`,
        ...extras.flags.map((f) => `  • ${f.text} (+${f.points})${f.reviewed ? (ar ? ' ✓ تمت المراجعة' : ' ✓ reviewed') : ''}`),
      ]
    : [];
  return [
    `${ar ? 'طلب' : 'Order'} #${order.number} — ${statusLabel(order.status, language)}`,
    `${ar ? 'النوع' : 'Type'}: ${TYPE_LABELS[language][order.type]} · ${ar ? 'القناة' : 'Channel'}: ${CHANNEL_LABELS[language][order.channel]}${extras ? ` · ${ar ? 'بتاريخ' : 'placed'} ${when(order.createdAt, language)}` : ''}`,
    customerLine(order, extras, language),
    `${ar ? 'العنوان' : 'Address'}: ${address}`,
    ...(order.description ? [`${ar ? 'الوصف' : 'Description'}: ${order.description}`] : []),
    `${ar ? 'المنتجات' : 'Items'}:`,
    ...lines,
    `${ar ? 'الإجمالي الفرعي' : 'Subtotal'}: ${m(order.subtotalMinor)}`,
    `${ar ? 'التوصيل' : 'Delivery'}: ${m(order.shippingMinor)}`,
    `${ar ? 'الإجمالي' : 'Total'}: ${m(order.totalMinor)}`,
    payment,
    ...(order.codConfirmation !== 'not_needed' ? [`${ar ? 'تأكيد الدفع عند الاستلام' : 'COD confirmation'}: ${COD_LABELS[language][order.codConfirmation](order)}`] : []),
    ...(order.courier ? [`${ar ? 'الشحن' : 'Courier'}: ${order.courier}${order.trackingNumber ? ` ${order.trackingNumber}` : ''}`] : []),
    ...(order.cancelReason && order.status === 'cancelled' ? [`${ar ? 'سبب الإلغاء' : 'Cancelled for'}: ${reasonLabel(order.cancelReason, language)}`] : []),
    ...(order.failureReason && order.status === 'failed_delivery' ? [`${ar ? 'سبب فشل التوصيل' : 'Delivery failed'}: ${reasonLabel(order.failureReason, language)}`] : []),
    ...(order.expiresAt ? [`${ar ? 'المهلة حتى' : 'Deadline'}: ${when(order.expiresAt, language)}`] : []),
    ...(extras ? [`${ar ? 'الوسوم' : 'Tags'}: ${extras.tags.length ? extras.tags.join(', ') : '—'}`] : []),
    ...risk,
    ...(extras?.notes.length ? [`${ar ? 'ملاحظات داخلية' : 'Internal notes'}:`, ...extras.notes.map((n) => `- ${when(n.at, language)} ${n.author}: ${n.text}`)] : []),
    `${ar ? 'السجل' : 'History'}:`,
    ...history,
  ].join('\n');
}

function describeChange(change: FieldChange, order: Order, language: Language): string {
  const ar = language === 'ar';
  const m = (v: string | number | null) => (typeof v === 'number' ? formatMoney(v, order.currency, language) : '—');
  const t = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));
  switch (change.field) {
    case 'qty': {
      const name = change.item ? `${ar ? change.item.nameAr : change.item.nameEn} (${change.item.sku})` : '';
      return `${ar ? 'كمية' : 'Quantity of'} ${name}: ${t(change.before)} → ${t(change.after)}`;
    }
    case 'shipping':
      return `${ar ? 'رسوم التوصيل' : 'Delivery fee'}: ${m(change.before)} → ${m(change.after)}`;
    default: {
      const labels = {
        en: { address: 'Address', area: 'Area', name: 'Name', phone: 'Phone', description: 'Description' },
        ar: { address: 'العنوان', area: 'المنطقة', name: 'الاسم', phone: 'الهاتف', description: 'الوصف' },
      } as const;
      return `${labels[language][change.field]}: ${short(t(change.before), 60)} → ${short(t(change.after), 200)}`;
    }
  }
}

const yesNo = (value: boolean, language: Language) => (language === 'ar' ? (value ? 'نعم' : 'لا') : value ? 'yes' : 'no');

export interface SettingsView {
  deliveryFee: string;
  zones: readonly { name: string; fee: string }[];
  highRiskZones: readonly string[];
  customerCancelUntil: 'pending' | 'ready_for_shipping';
  customOrdersCancelableAfterConfirm: boolean;
  returnsAccepted: boolean;
  customOrdersReturnable: boolean;
  returnWindowDays: number;
  maxQuantityPerProduct: number;
  /** Settings only some builds have (name and shown value). */
  extra: readonly { name: string; value: string }[];
  expiry: readonly { name: string; value: string; overridden: boolean }[];
}

const en = {
  newOrder: (order: Order, items: readonly OrderItem[]) =>
    `🛒 New order #${order.number} from ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}\n${items
      .map((i) => `• ${i.nameEn} × ${i.quantity}`)
      .join('\n')}\nTotal: ${formatMoney(order.totalMinor, order.currency, 'en')} (COD)\nAddress: ${order.addressLine}, ${order.area}\nReply /confirm ${order.number} to confirm, /order ${order.number} for details.`,
  orderDetails: (order: Order, items: readonly OrderItem[], events: readonly OrderEvent[], extras?: OrderExtras) => orderDetails(order, items, events, 'en', extras),
  confirmed: (order: Order, told = true) =>
    `✅ Order #${order.number} confirmed.${told ? ' The customer has been told, with a link to the order page.' : ' The customer could not be told: no number to write to.'}`,
  codAskedNow: () => ' They are asked now to confirm cash on delivery; it can ship once they say yes.',
  notFound: (number: number) => `There is no order #${number}. Send /orders to see your orders.`,
  awaitingCod: (number: number, cod: 'asked' | 'declined') =>
    cod === 'declined'
      ? `Order #${number} cannot ship: the customer declined cash on delivery.`
      : `Order #${number} waits for the customer to confirm cash on delivery in the chat; it can ship once they say yes.`,
  notAllowed: (number: number, current: OrderStatus, allowed: readonly OrderStatus[], action: string) =>
    `Order #${number} cannot be ${action}: it is ${statusLabel(current, 'en')}.${allowed.length ? ` From here it can become: ${allowed.map((s) => statusLabel(s, 'en')).join(', ')}.` : ' No further changes are possible.'}`,
  usage: (usage: string) => `Usage: ${usage}`,
  badOrderNumber: (usage: string) => `That is not an order number. Usage: ${usage}`,
  unknownCommand: (typed: string) => `Unknown command "/${typed}". Send /help for the list of commands.`,
  notACommand: () => 'Seller commands start with "/". Send /help for the list.',
  help: (lines: readonly string[]) => `Seller commands:\n${lines.join('\n')}\n\nSend /help <command> for one command's usage.`,
  helpOne: (usage: string, summary: string) => `${usage}\n${summary}`,

  // --- grammar
  problem(p: ArgProblem): string {
    const name = (what: ArgKind) => ARG_NAMES.en[what];
    switch (p.kind) {
      case 'missing':
        return `Missing: the ${name(p.what)}.`;
      case 'invalid':
        return `"${short(p.value, 40)}" is not a valid ${name(p.what)}.`;
      case 'choice':
        return `"${short(p.value, 40)}" is not ${/^[aeiou]/i.test(name(p.what)) ? 'an' : 'a'} ${name(p.what)} I know. Use one of: ${p.choices.join(', ')}.`;
      case 'extra':
        return `I did not expect "${short(p.value, 40)}" there.`;
      case 'repeated':
        return `The ${name(p.what)} is given twice ("${short(p.value, 40)}").`;
      case 'too_long':
        return `The ${name(p.what)} is too long (at most ${p.max} characters).`;
    }
  },
  wrong: (problem: string, usage: string) => `${problem}\nUsage: ${usage}`,
  sendAsText: () => 'Send commands as text, for example /help.',
  forwardedIgnored: () => 'Forwarded messages are not run as commands. Type the command yourself.',
  helpFamily: (title: string, lines: readonly string[]) => `*${title}*\n${lines.join('\n')}`,
  helpIntro: () => 'Order numbers may be written 1001, #1001 or ١٠٠١; amounts 250, 250.50 or ٢٥٠.',

  // --- orders
  ordersEmpty: (filtered: boolean): string => (filtered ? 'No orders match these filters.' : 'No orders yet.'),
  ordersPageEmpty: (page: number, pages: number) => `There is no page ${page}: the list has ${pages} page${pages === 1 ? '' : 's'}.`,
  orderLine: (o: Order) =>
    `#${o.number} · ${statusLabel(o.status, 'en')} · ${PAYMENT_LABELS.en[o.paymentStatus]} · ${o.customerName} · ${formatMoney(o.totalMinor, o.currency, 'en')}${
      o.type === 'custom' ? ' · custom' : ''
    }${o.channel !== 'whatsapp' ? ` · ${o.channel}` : ''}`,
  ordersFooter: (page: number, pages: number, total: number, filters: string) =>
    `Page ${page} of ${pages} (${total} order${total === 1 ? '' : 's'}${filters ? `; ${filters}` : ''})${page < pages ? `\nNext: /orders ${filters ? `${filters} ` : ''}page ${page + 1}` : ''}`,

  // --- status moves
  ready: (order: Order, told: boolean) =>
    `📦 Order #${order.number} is ready for shipping.${order.expiresAt ? ` Ship it by ${when(order.expiresAt, 'en')}, or it is cancelled.` : ''}${told ? ' The customer has been told.' : ''}`,
  shipped: (order: Order, told: boolean) =>
    `🚚 Order #${order.number} shipped with ${order.courier}${order.trackingNumber ? `, tracking ${order.trackingNumber}` : ''}.${told ? ' The customer has been told.' : ''}`,
  delivered: (order: Order, told: boolean) =>
    `✅ Order #${order.number} delivered.${told ? ' The customer has been told.' : ''}${order.paymentStatus === 'unpaid' ? ` When the cash is collected, send /paid ${order.number}.` : ''}`,
  failed: (order: Order, told: boolean) =>
    `⚠️ Order #${order.number}: delivery failed (${reasonLabel(order.failureReason ?? 'other', 'en')}).${told ? ' The customer has been told.' : ''} Ship again with /ship ${order.number} <courier>, or cancel with /cancel ${order.number} <reason>.`,
  cancelled: (order: Order, units: number, told: boolean) =>
    `❌ Order #${order.number} cancelled (${reasonLabel(order.cancelReason ?? 'other', 'en')}).${units > 0 ? ` ${units} unit${units === 1 ? '' : 's'} back in stock.` : ''}${told ? ' The customer has been told.' : ''}`,
  notReachable: () => ' The customer could not be told: no number to write to.',
  actions: {
    confirmed: 'confirmed',
    ready_for_shipping: 'marked ready for shipping',
    shipped: 'shipped',
    delivered: 'marked delivered',
    failed_delivery: 'marked as a failed delivery',
    cancelled: 'cancelled',
    pending: 'made pending',
  } satisfies Record<OrderStatus, string>,

  // --- payment
  paid: (order: Order) => `💵 Order #${order.number} marked paid (${formatMoney(order.totalMinor, order.currency, 'en')}).`,
  refunded: (order: Order, told: boolean) =>
    `↩️ Refund of ${formatMoney(order.refundedMinor ?? 0, order.currency, 'en')} recorded on order #${order.number}.${told ? ' The customer has been told.' : ''}`,
  paymentNotAllowed: (number: number, current: PaymentStatus, allowed: readonly PaymentStatus[], action: string) =>
    `Order #${number} cannot be ${action}: its payment is ${PAYMENT_LABELS.en[current]}.${allowed.length ? ` From here it can become: ${allowed.map((s) => PAYMENT_LABELS.en[s]).join(', ')}.` : ' No further payment changes are possible.'}`,
  paymentActions: { paid: 'marked paid', refunded: 'refunded', unpaid: 'marked unpaid' } satisfies Record<PaymentStatus, string>,
  cannotPayCancelled: (number: number) => `Order #${number} is cancelled, so it cannot be marked paid.`,
  refundTooLarge: (number: number, max: string) => `The refund is more than order #${number} cost (${max}).`,
  amountZero: () => 'The amount must be more than 0.',

  // --- edits, notes, tags
  edited: (order: Order, change: FieldChange, told: boolean) =>
    `✏️ Order #${order.number} updated. ${describeChange(change, order, 'en')}${
      change.field === 'qty' || change.field === 'shipping' ? `\nNew total: ${formatMoney(order.totalMinor, order.currency, 'en')}` : ''
    }${told ? '\nThe customer has been told.' : ''}`,
  notEditable: (number: number, current: OrderStatus, editable: readonly OrderStatus[]) =>
    `Order #${number} cannot be edited: it is ${statusLabel(current, 'en')}. Orders can be edited while ${editable.map((s) => statusLabel(s, 'en')).join(', ')}.`,
  notCatalog: (number: number) => `Order #${number} is a custom order: it has no catalog quantities. Edit its description instead.`,
  lastItem: (number: number) => `That is the last item of order #${number}. To drop the whole order, use /cancel ${number} <reason>.`,
  unchanged: (number: number) => `Nothing changed: order #${number} already has that value.`,
  unknownSku: (sku: string) => `There is no product with the code ${sku}. Send /products to see the codes.`,
  notInOrder: (number: number, sku: string) => `Order #${number} has no item ${sku}.`,
  unavailable: (sku: string) => `${sku} is hidden or priced in another currency, so it cannot be ordered.`,
  outOfStock: (sku: string, available: number) => `Not enough ${sku} in stock: ${available} left.`,
  noteAdded: (number: number) => `📝 Note added to order #${number} (only sellers see it).`,
  tagsAdded: (number: number, added: readonly string[], tags: readonly string[]) =>
    `${added.length ? `🏷 Tagged order #${number}: ${added.join(', ')}.` : `Order #${number} already had these tags.`} Tags now: ${tags.join(', ') || '—'}.`,
  tagsRemoved: (number: number, removed: readonly string[], missing: readonly string[], tags: readonly string[]) =>
    `${removed.length ? `Removed from order #${number}: ${removed.join(', ')}.` : `Order #${number} did not have ${missing.join(', ')}.`} Tags now: ${tags.join(', ') || '—'}.`,
  tooManyTags: (max: number) => `An order can have at most ${max} tags.`,

  // --- manual orders
  manualCreated: (order: Order, items: readonly OrderItem[], newGuest: boolean, told: boolean) =>
    `🛒 Order #${order.number} created for ${order.customerName} (${order.customerPhone ?? ''}), ${CHANNEL_LABELS.en[order.channel]} order:\n${items
      .map((i) => `• ${i.nameEn} × ${i.quantity} — ${formatMoney(i.lineTotalMinor, order.currency, 'en')}`)
      .join('\n')}\nDelivery: ${formatMoney(order.shippingMinor, order.currency, 'en')}\nTotal: ${formatMoney(order.totalMinor, order.currency, 'en')} (COD)${
      newGuest ? '\nA new customer: their number stays unverified until they write to the store.' : ''
    }${told ? '\nThe customer has been sent a link to view the order.' : ''}\nSend /confirm ${order.number} when it is agreed.`,
  numberBlocked: (phone: string) => `${phone} is blocked. Send /unblock ${phone} first if you want to take orders from it.`,
  outOfStockWanted: (sku: string, available: number, wanted: number) => `Not enough ${sku} in stock: ${wanted} wanted, ${available} left.`,
  noItems: () => 'Name at least one product and quantity, like HONEY-1KGx2.',

  // --- export
  exportEmpty: (filtered: boolean): string => (filtered ? 'No orders match these filters, so there is nothing to export.' : 'There are no orders to export yet.'),
  exportCaption: (count: number, filters: string) => `📄 Orders export: ${count} order${count === 1 ? '' : 's'}${filters ? ` (${filters})` : ''}.`,
  exportPreparing: (count: number) => `⏳ Preparing the Excel file of ${count} order${count === 1 ? '' : 's'}; it will arrive here in a moment.`,
  backgroundFailed: () => 'Sorry, that could not be finished. Please try again.',

  // --- catalog
  productsEmpty: () => 'The catalog is empty. Add a product with /product add <sku> <price> <name>.',
  productLine: (p: Product) =>
    `${p.sku} · ${p.nameEn} · ${formatMoney(p.priceMinor, p.currency, 'en')} · stock ${p.stock}${p.hiddenAt ? ' · hidden' : ''}${p.imagePath ? ' · 📷' : ''}`,
  productsFooter: (page: number, pages: number, total: number) => `Page ${page} of ${pages} (${total} product${total === 1 ? '' : 's'})${page < pages ? `\nNext: /products page ${page + 1}` : ''}`,
  productAdded: (p: Product) =>
    `✅ Added ${p.sku}: ${p.nameEn} / ${p.nameAr}, ${formatMoney(p.priceMinor, p.currency, 'en')}. Stock is ${p.stock}: set it with /product stock ${p.sku} <n>.`,
  productExists: (p: Product) => `${p.sku} already exists (${p.nameEn}). Change it with /product price, /product stock or /product name.`,
  productNotFound: (sku: string) => `There is no product with the code ${sku}. Send /products to see the codes.`,
  productUnchanged: (p: Product) => `Nothing changed: ${p.sku} already has that value.`,
  priceSet: (p: Product, before: Product) => `💰 ${p.sku} now costs ${formatMoney(p.priceMinor, p.currency, 'en')} (was ${formatMoney(before.priceMinor, before.currency, 'en')}). Orders already placed keep their price.`,
  stockSet: (p: Product, before: Product) => `📦 ${p.sku} stock: ${before.stock} → ${p.stock}.`,
  badStock: (p: Product, current: number) => `Stock of ${p.sku} cannot go below 0 or above 1,000,000 (it is ${current}).`,
  hiddenSet: (p: Product) => `🙈 ${p.sku} is hidden: customers no longer see it. /product show ${p.sku} brings it back.`,
  shownSet: (p: Product) => `👀 ${p.sku} is visible to customers again.`,
  renamed: (p: Product) => `✏️ ${p.sku} is now called ${p.nameEn} / ${p.nameAr}.`,
  photoSet: (p: Product) => `📷 Photo saved for ${p.sku} (${p.nameEn}).`,
  photoMissing: (sku: string) => `Send the photo itself with the caption /product photo ${sku}.`,
  photoNotImage: () => 'That file is not a photo. Send a JPEG, PNG or WebP picture with the caption /product photo <sku>.',
  mediaFailed: (reason: 'too_large' | 'unsupported' | 'failed'): string =>
    reason === 'too_large' ? 'That file is too large (photos up to 5 MB, spreadsheets up to 10 MB).' : reason === 'unsupported' ? 'That kind of file is not supported here.' : 'The file could not be downloaded. Please send it again.',
  importNoFile: () => 'Send the catalog as a CSV or Excel (.xlsx) file with the caption /import. The first row names the columns: sku, price, name (or name_en and name_ar), and optionally stock, description, hidden.',
  importNotSpreadsheet: () => 'That file is not a spreadsheet. Send a CSV or Excel (.xlsx) file.',
  importUnreadable: () => 'I could not read that file as a spreadsheet. Save it as CSV (UTF-8) or .xlsx and send it again.',
  importEmpty: () => 'The file has no rows.',
  importNoHeader: (missing: readonly string[]) => `The first row must name the columns. Missing: ${missing.join(', ')}. Example header: sku, price, name_en, name_ar, stock`,
  importPreparing: () => '⏳ Reading the spreadsheet; the report will arrive here in a moment.',
  importDryRun: () => '(dry run: nothing was written; every good row counts as added)',
  importReport: (outcome: ImportOutcome, refused: readonly ImportRefusal[]) => {
    const accepted = outcome.added.length + outcome.updated.length + outcome.unchanged.length;
    const lines = refused.slice(0, 20).map((r) => `• row ${r.row}: ${IMPORT_PROBLEMS.en[r.problem]}${r.value ? ` ("${r.value}")` : ''}`);
    return [
      `📥 Catalog import: ${accepted} row${accepted === 1 ? '' : 's'} accepted (${outcome.added.length} added, ${outcome.updated.length} updated, ${outcome.unchanged.length} unchanged), ${refused.length} refused.`,
      ...(lines.length ? ['Refused:', ...lines] : []),
      ...(refused.length > 20 ? [`… and ${refused.length - 20} more.`] : []),
    ].join('\n');
  },

  // --- settings
  settings: (v: SettingsView) =>
    [
      '⚙️ Settings',
      `delivery-fee: ${v.deliveryFee}`,
      `zones: ${v.zones.length ? v.zones.map((z) => `${z.name} ${z.fee}`).join('; ') : '—'}`,
      `high-risk: ${v.highRiskZones.length ? v.highRiskZones.join('; ') : '—'}`,
      `cancel-until: ${v.customerCancelUntil === 'pending' ? 'pending' : 'ready'} (customers may cancel on their own until this stage)`,
      `custom-cancel: ${yesNo(v.customOrdersCancelableAfterConfirm, 'en')} (custom orders cancellable after confirmation)`,
      `returns: ${yesNo(v.returnsAccepted, 'en')} · custom-returns: ${yesNo(v.customOrdersReturnable, 'en')} · return-days: ${v.returnWindowDays}`,
      `max-qty: ${v.maxQuantityPerProduct} (per product in one order)`,
      ...v.extra.map((e) => `${e.name}: ${e.value}`),
      `expiry: ${v.expiry.map((e) => `${e.name} ${e.value}${e.overridden ? '' : ' (default)'}`).join(' · ')}`,
      '',
      'Change one with /settings <name> <value>, for example /settings delivery-fee 30, /settings zone Giza 45, /settings expiry pending 24h. /help settings lists them all.',
    ].join('\n'),
  settingSaved: (what: string, shift: { moved: number; due: number }) =>
    `✅ Saved: ${what}.` +
    (shift.moved === 0 ? '' : ` ${count(shift.moved, 'waiting item follows', 'waiting items follow')} the new length.`) +
    (shift.due === 0 ? '' : ` ${shift.due} of them ${shift.due === 1 ? 'is' : 'are'} past the new deadline and will be cancelled at the next check.`),
  settingWouldExpire: (what: string, due: number, command: string) =>
    `⚠️ Not saved yet. With ${what}, ${count(due, 'waiting item is', 'waiting items are')} past the new deadline and would be cancelled at the next check (each customer is told). To go ahead, send:\n${command} confirm`,
  settingRejected: (error: string) => `That value was not accepted: ${error}`,
  zoneRemoved: (name: string) => `✅ Zone ${name} removed.`,
  zoneMissing: (name: string) => `There is no zone called ${name}.`,

  // --- inbox and block list
  replySent: (label: string, handoff: boolean) => `📨 Sent to ${label}.${handoff ? ' The bot stays quiet in that chat for a while; /resume hands it back.' : ''}`,
  unknownCustomer: (target: string) => `I do not know the customer ${target}: they have never written to the store or ordered.`,
  unreachable: (label: string) => `${label} cannot be reached: there is no WhatsApp number for them.`,
  replyBlocked: (label: string) => `${label} is blocked. /unblock them first to write to them.`,
  resumed: (label: string) => `🤖 The bot answers ${label} again.`,
  notHandedOver: (label: string) => `The bot is already answering ${label}.`,
  blocked: (label: string) => `⛔ ${label} is blocked: the bot ignores their messages and they cannot order. /unblock undoes it.`,
  unblocked: (label: string) => `✅ ${label} is unblocked.`,
  alreadyBlocked: (label: string) => `${label} is already blocked.`,
  notBlocked: (label: string) => `${label} is not blocked.`,
  cannotBlockSeller: () => 'That is a seller number; it cannot be blocked.',
  sellerNumberNotCustomer: () => 'That is a seller number: an order needs the customer\'s own number.',
};

const ar: typeof en = {
  newOrder: (order, items) =>
    `🛒 طلب جديد #${order.number} من ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}\n${items
      .map((i) => `• ${i.nameAr} × ${i.quantity}`)
      .join('\n')}\nالإجمالي: ${formatMoney(order.totalMinor, order.currency, 'ar')} (الدفع عند الاستلام)\nالعنوان: ${order.addressLine}، ${order.area}\nأرسل ${ltr(`/confirm ${order.number}`)} للتأكيد، أو ${ltr(`/order ${order.number}`)} للتفاصيل.`,
  orderDetails: (order, items, events, extras) => orderDetails(order, items, events, 'ar', extras),
  confirmed: (order, told = true) => `✅ تم تأكيد الطلب #${order.number}.${told ? ' تم إبلاغ العميل مع رابط صفحة الطلب.' : ' لم يتم إبلاغ العميل: لا يوجد رقم للتواصل.'}`,
  codAskedNow: () => ' يُسأل العميل الآن لتأكيد الدفع عند الاستلام؛ يمكن شحنه بعد موافقته.',
  notFound: (number) => `لا يوجد طلب رقم #${number}. أرسل ${ltr('/orders')} لعرض طلباتك.`,
  awaitingCod: (number, cod) =>
    cod === 'declined'
      ? `لا يمكن شحن الطلب #${number}: رفض العميل الدفع عند الاستلام.`
      : `الطلب #${number} ينتظر أن يؤكد العميل الدفع عند الاستلام في المحادثة؛ يمكن شحنه بعد موافقته.`,
  notAllowed: (number, current, allowed, action) =>
    `لا يمكن ${action} الطلب #${number}: حالته الآن ${statusLabel(current, 'ar')}.${allowed.length ? ` يمكن أن يصبح: ${allowed.map((s) => statusLabel(s, 'ar')).join('، ')}.` : ' لا توجد تغييرات أخرى ممكنة.'}`,
  usage: (usage) => `الاستخدام: ${ltr(usage)}`,
  badOrderNumber: (usage) => `هذا ليس رقم طلب. الاستخدام: ${ltr(usage)}`,
  unknownCommand: (typed) => `أمر غير معروف "/${typed}". أرسل ${ltr('/help')} لقائمة الأوامر.`,
  notACommand: () => `أوامر البائع تبدأ بـ "/". أرسل ${ltr('/help')} للقائمة.`,
  help: (lines) => `أوامر البائع:\n${lines.join('\n')}\n\nأرسل ${ltr('/help <الأمر>')} لطريقة استخدامه.`,
  helpOne: (usage, summary) => `${ltr(usage)}\n${summary}`,

  problem(p) {
    const name = (what: ArgKind) => ARG_NAMES.ar[what];
    switch (p.kind) {
      case 'missing':
        return `ناقص: ${name(p.what)}.`;
      case 'invalid':
        return `"${short(p.value, 40)}" ليس ${name(p.what)} صحيحاً.`;
      case 'choice':
        return `"${short(p.value, 40)}" غير معروف (${name(p.what)}). استخدم واحداً من: ${ltr(p.choices.join(', '))}.`;
      case 'extra':
        return `لم أتوقع "${short(p.value, 40)}" هنا.`;
      case 'repeated':
        return `${name(p.what)} مكتوب مرتين ("${short(p.value, 40)}").`;
      case 'too_long':
        return `${name(p.what)} طويل جداً (الحد ${p.max} حرف).`;
    }
  },
  wrong: (problem, usage) => `${problem}\nالاستخدام: ${ltr(usage)}`,
  sendAsText: () => `أرسل الأوامر كنص، مثل ${ltr('/help')}.`,
  forwardedIgnored: () => 'الرسائل المعاد توجيهها لا تُنفذ كأوامر. اكتب الأمر بنفسك.',
  helpFamily: (title, lines) => `*${title}*\n${lines.join('\n')}`,
  helpIntro: () => 'رقم الطلب يُكتب 1001 أو #1001 أو ١٠٠١، والمبالغ 250 أو 250.50 أو ٢٥٠.',

  ordersEmpty: (filtered) => (filtered ? 'لا توجد طلبات تطابق هذه التصفية.' : 'لا توجد طلبات.'),
  ordersPageEmpty: (page, pages) => `لا توجد صفحة ${page}: القائمة ${pages} صفحة.`,
  orderLine: (o) =>
    `#${o.number} · ${statusLabel(o.status, 'ar')} · ${PAYMENT_LABELS.ar[o.paymentStatus]} · ${o.customerName} · ${formatMoney(o.totalMinor, o.currency, 'ar')}${
      o.type === 'custom' ? ' · مخصص' : ''
    }${o.channel !== 'whatsapp' ? ` · ${CHANNEL_LABELS.ar[o.channel]}` : ''}`,
  ordersFooter: (page, pages, total, filters) =>
    `صفحة ${page} من ${pages} (${total} طلب${filters ? `؛ ${ltr(filters)}` : ''})${page < pages ? `\nالتالي: ${ltr(`/orders ${filters ? `${filters} ` : ''}page ${page + 1}`)}` : ''}`,

  ready: (order, told) =>
    `📦 الطلب #${order.number} جاهز للشحن.${order.expiresAt ? ` اشحنه قبل ${when(order.expiresAt, 'ar')} وإلا يُلغى.` : ''}${told ? ' تم إبلاغ العميل.' : ''}`,
  shipped: (order, told) =>
    `🚚 تم شحن الطلب #${order.number} مع ${order.courier}${order.trackingNumber ? `، رقم التتبع ${ltr(order.trackingNumber)}` : ''}.${told ? ' تم إبلاغ العميل.' : ''}`,
  delivered: (order, told) =>
    `✅ تم توصيل الطلب #${order.number}.${told ? ' تم إبلاغ العميل.' : ''}${order.paymentStatus === 'unpaid' ? ` عند تحصيل المبلغ أرسل ${ltr(`/paid ${order.number}`)}.` : ''}`,
  failed: (order, told) =>
    `⚠️ الطلب #${order.number}: فشل التوصيل (${reasonLabel(order.failureReason ?? 'other', 'ar')}).${told ? ' تم إبلاغ العميل.' : ''} أعد الشحن بـ ${ltr(`/ship ${order.number} <شركة الشحن>`)} أو ألغه بـ ${ltr(`/cancel ${order.number} <السبب>`)}.`,
  cancelled: (order, units, told) =>
    `❌ تم إلغاء الطلب #${order.number} (${reasonLabel(order.cancelReason ?? 'other', 'ar')}).${units > 0 ? ` عادت ${units} قطعة إلى المخزون.` : ''}${told ? ' تم إبلاغ العميل.' : ''}`,
  notReachable: () => ' لم يتم إبلاغ العميل: لا يوجد رقم للتواصل.',
  actions: {
    confirmed: 'تأكيد',
    ready_for_shipping: 'تجهيز',
    shipped: 'شحن',
    delivered: 'تسليم',
    failed_delivery: 'تسجيل فشل توصيل',
    cancelled: 'إلغاء',
    pending: 'إرجاع',
  },

  paid: (order) => `💵 تم تسجيل دفع الطلب #${order.number} (${formatMoney(order.totalMinor, order.currency, 'ar')}).`,
  refunded: (order, told) => `↩️ تم تسجيل استرداد ${formatMoney(order.refundedMinor ?? 0, order.currency, 'ar')} للطلب #${order.number}.${told ? ' تم إبلاغ العميل.' : ''}`,
  paymentNotAllowed: (number, current, allowed, action) =>
    `لا يمكن ${action} الطلب #${number}: حالة الدفع ${PAYMENT_LABELS.ar[current]}.${allowed.length ? ` يمكن أن تصبح: ${allowed.map((s) => PAYMENT_LABELS.ar[s]).join('، ')}.` : ' لا توجد تغييرات أخرى في الدفع.'}`,
  paymentActions: { paid: 'تسجيل دفع', refunded: 'استرداد', unpaid: 'إلغاء دفع' },
  cannotPayCancelled: (number) => `الطلب #${number} ملغي، فلا يمكن تسجيل دفعه.`,
  refundTooLarge: (number, max) => `مبلغ الاسترداد أكبر من قيمة الطلب #${number} (${max}).`,
  amountZero: () => 'المبلغ يجب أن يكون أكبر من صفر.',

  edited: (order, change, told) =>
    `✏️ تم تعديل الطلب #${order.number}. ${describeChange(change, order, 'ar')}${
      change.field === 'qty' || change.field === 'shipping' ? `\nالإجمالي الجديد: ${formatMoney(order.totalMinor, order.currency, 'ar')}` : ''
    }${told ? '\nتم إبلاغ العميل.' : ''}`,
  notEditable: (number, current, editable) =>
    `لا يمكن تعديل الطلب #${number}: حالته ${statusLabel(current, 'ar')}. التعديل ممكن فقط وهو ${editable.map((s) => statusLabel(s, 'ar')).join(' أو ')}.`,
  notCatalog: (number) => `الطلب #${number} طلب مخصص وليس له كميات من الكتالوج. عدّل الوصف بدلاً من ذلك.`,
  lastItem: (number) => `هذا آخر منتج في الطلب #${number}. لإلغاء الطلب كله استخدم ${ltr(`/cancel ${number} <السبب>`)}.`,
  unchanged: (number) => `لم يتغير شيء: الطلب #${number} به هذه القيمة بالفعل.`,
  unknownSku: (sku) => `لا يوجد منتج بالكود ${ltr(sku)}. أرسل ${ltr('/products')} لعرض الأكواد.`,
  notInOrder: (number, sku) => `الطلب #${number} لا يحتوي على ${ltr(sku)}.`,
  unavailable: (sku) => `${ltr(sku)} مخفي أو مسعّر بعملة أخرى، فلا يمكن طلبه.`,
  outOfStock: (sku, available) => `المخزون من ${ltr(sku)} لا يكفي: المتبقي ${available}.`,
  noteAdded: (number) => `📝 تمت إضافة ملاحظة للطلب #${number} (يراها البائعون فقط).`,
  tagsAdded: (number, added, tags) => `${added.length ? `🏷 تم وسم الطلب #${number}: ${added.join('، ')}.` : `الطلب #${number} عليه هذه الوسوم بالفعل.`} الوسوم الآن: ${tags.join('، ') || '—'}.`,
  tagsRemoved: (number, removed, missing, tags) =>
    `${removed.length ? `تمت إزالة من الطلب #${number}: ${removed.join('، ')}.` : `الطلب #${number} ليس عليه ${missing.join('، ')}.`} الوسوم الآن: ${tags.join('، ') || '—'}.`,
  tooManyTags: (max) => `الطلب الواحد يحمل ${max} وسماً على الأكثر.`,

  manualCreated: (order, items, newGuest, told) =>
    `🛒 تم إنشاء الطلب #${order.number} لـ${order.customerName} (${ltr(order.customerPhone ?? '')})، طلب ${CHANNEL_LABELS.ar[order.channel]}:\n${items
      .map((i) => `• ${i.nameAr} × ${i.quantity} — ${formatMoney(i.lineTotalMinor, order.currency, 'ar')}`)
      .join('\n')}\nالتوصيل: ${formatMoney(order.shippingMinor, order.currency, 'ar')}\nالإجمالي: ${formatMoney(order.totalMinor, order.currency, 'ar')} (الدفع عند الاستلام)${
      newGuest ? '\nعميل جديد: يبقى رقمه غير مؤكد حتى يراسل المتجر.' : ''
    }${told ? '\nتم إرسال رابط للعميل لمشاهدة الطلب.' : ''}\nأرسل ${ltr(`/confirm ${order.number}`)} عند الاتفاق.`,
  numberBlocked: (phone) => `الرقم ${ltr(phone)} محظور. أرسل ${ltr(`/unblock ${phone}`)} أولاً إذا أردت قبول طلباته.`,
  outOfStockWanted: (sku, available, wanted) => `المخزون من ${ltr(sku)} لا يكفي: المطلوب ${wanted} والمتبقي ${available}.`,
  noItems: () => `اكتب منتجاً وكمية واحدة على الأقل، مثل ${ltr('HONEY-1KGx2')}.`,

  exportEmpty: (filtered) => (filtered ? 'لا توجد طلبات تطابق هذه التصفية، فلا يوجد ما يُصدَّر.' : 'لا توجد طلبات للتصدير بعد.'),
  exportCaption: (count, filters) => `📄 تصدير الطلبات: ${count} طلب${filters ? ` (${ltr(filters)})` : ''}.`,
  exportPreparing: (count) => `⏳ جارٍ تجهيز ملف إكسل بـ${count} طلب، وسيصلك هنا بعد لحظات.`,
  backgroundFailed: () => 'عذراً، تعذر إكمال ذلك. من فضلك حاول مرة أخرى.',

  productsEmpty: () => `الكتالوج فارغ. أضف منتجاً بـ ${ltr('/product add <sku> <price> <name>')}.`,
  productLine: (p) => `${ltr(p.sku)} · ${p.nameAr} · ${formatMoney(p.priceMinor, p.currency, 'ar')} · المخزون ${p.stock}${p.hiddenAt ? ' · مخفي' : ''}${p.imagePath ? ' · 📷' : ''}`,
  productsFooter: (page, pages, total) => `صفحة ${page} من ${pages} (${total} منتج)${page < pages ? `\nالتالي: ${ltr(`/products page ${page + 1}`)}` : ''}`,
  productAdded: (p) =>
    `✅ تمت إضافة ${ltr(p.sku)}: ${p.nameAr} / ${p.nameEn}، ${formatMoney(p.priceMinor, p.currency, 'ar')}. المخزون ${p.stock}: حدده بـ ${ltr(`/product stock ${p.sku} <n>`)}.`,
  productExists: (p) => `${ltr(p.sku)} موجود بالفعل (${p.nameAr}). غيّره بـ ${ltr('/product price')} أو ${ltr('/product stock')} أو ${ltr('/product name')}.`,
  productNotFound: (sku) => `لا يوجد منتج بالكود ${ltr(sku)}. أرسل ${ltr('/products')} لعرض الأكواد.`,
  productUnchanged: (p) => `لم يتغير شيء: ${ltr(p.sku)} به هذه القيمة بالفعل.`,
  priceSet: (p, before) =>
    `💰 سعر ${ltr(p.sku)} الآن ${formatMoney(p.priceMinor, p.currency, 'ar')} (كان ${formatMoney(before.priceMinor, before.currency, 'ar')}). الطلبات السابقة تحتفظ بسعرها.`,
  stockSet: (p, before) => `📦 مخزون ${ltr(p.sku)}: ${before.stock} ← ${p.stock}.`,
  badStock: (p, current) => `مخزون ${ltr(p.sku)} لا يقل عن صفر ولا يزيد عن مليون (الحالي ${current}).`,
  hiddenSet: (p) => `🙈 تم إخفاء ${ltr(p.sku)} عن العملاء. ${ltr(`/product show ${p.sku}`)} يعيده.`,
  shownSet: (p) => `👀 ${ltr(p.sku)} ظاهر للعملاء مرة أخرى.`,
  renamed: (p) => `✏️ اسم ${ltr(p.sku)} الآن ${p.nameAr} / ${p.nameEn}.`,
  photoSet: (p) => `📷 تم حفظ صورة ${ltr(p.sku)} (${p.nameAr}).`,
  photoMissing: (sku) => `أرسل الصورة نفسها مع التعليق ${ltr(`/product photo ${sku}`)}.`,
  photoNotImage: () => `هذا الملف ليس صورة. أرسل صورة JPEG أو PNG أو WebP مع التعليق ${ltr('/product photo <sku>')}.`,
  mediaFailed: (reason) =>
    reason === 'too_large' ? 'الملف كبير جداً (الصور حتى 5 ميجابايت، والجداول حتى 10 ميجابايت).' : reason === 'unsupported' ? 'هذا النوع من الملفات غير مدعوم هنا.' : 'تعذر تحميل الملف. من فضلك أرسله مرة أخرى.',
  importNoFile: () =>
    `أرسل الكتالوج كملف CSV أو Excel ‏(.xlsx) مع التعليق ${ltr('/import')}. الصف الأول يسمي الأعمدة: ${ltr('sku, price, name')} (أو ${ltr('name_en')} و${ltr('name_ar')})، واختيارياً ${ltr('stock, description, hidden')}.`,
  importNotSpreadsheet: () => 'هذا الملف ليس جدولاً. أرسل ملف CSV أو Excel ‏(.xlsx).',
  importUnreadable: () => 'تعذرت قراءة الملف كجدول. احفظه بصيغة CSV ‏(UTF-8) أو .xlsx وأرسله مرة أخرى.',
  importEmpty: () => 'الملف لا يحتوي على صفوف.',
  importNoHeader: (missing) => `الصف الأول يجب أن يسمي الأعمدة. الناقص: ${ltr(missing.join(', '))}. مثال: ${ltr('sku, price, name_en, name_ar, stock')}`,
  importPreparing: () => '⏳ جارٍ قراءة الجدول، وسيصلك التقرير هنا بعد لحظات.',
  importDryRun: () => '(تجربة: لم يُكتب شيء؛ كل صف سليم يُحسب كمضاف)',
  importReport: (outcome, refused) => {
    const accepted = outcome.added.length + outcome.updated.length + outcome.unchanged.length;
    const lines = refused.slice(0, 20).map((r) => `• الصف ${r.row}: ${IMPORT_PROBLEMS.ar[r.problem]}${r.value ? ` ("${r.value}")` : ''}`);
    return [
      `📥 استيراد الكتالوج: قُبل ${accepted} صف (أضيف ${outcome.added.length}، عُدّل ${outcome.updated.length}، بلا تغيير ${outcome.unchanged.length})، ورُفض ${refused.length}.`,
      ...(lines.length ? ['المرفوض:', ...lines] : []),
      ...(refused.length > 20 ? [`… و${refused.length - 20} غيرها.`] : []),
    ].join('\n');
  },

  settings: (v) =>
    [
      '⚙️ الإعدادات',
      `${ltr('delivery-fee')}: ${v.deliveryFee}`,
      `${ltr('zones')}: ${v.zones.length ? v.zones.map((z) => `${z.name} ${z.fee}`).join('؛ ') : '—'}`,
      `${ltr('high-risk')}: ${v.highRiskZones.length ? v.highRiskZones.join('؛ ') : '—'}`,
      `${ltr('cancel-until')}: ${v.customerCancelUntil === 'pending' ? ltr('pending') : ltr('ready')} (يمكن للعميل الإلغاء بنفسه حتى هذه المرحلة)`,
      `${ltr('custom-cancel')}: ${yesNo(v.customOrdersCancelableAfterConfirm, 'ar')} (إلغاء الطلبات المخصصة بعد التأكيد)`,
      `${ltr('returns')}: ${yesNo(v.returnsAccepted, 'ar')} · ${ltr('custom-returns')}: ${yesNo(v.customOrdersReturnable, 'ar')} · ${ltr('return-days')}: ${v.returnWindowDays}`,
      `${ltr('max-qty')}: ${v.maxQuantityPerProduct} (من المنتج الواحد في الطلب)`,
      ...v.extra.map((e) => `${ltr(e.name)}: ${e.value}`),
      `${ltr('expiry')}: ${v.expiry.map((e) => `${ltr(`${e.name} ${e.value}`)}${e.overridden ? '' : ' (افتراضي)'}`).join(' · ')}`,
      '',
      `غيّر إعداداً بـ ${ltr('/settings <name> <value>')}، مثل ${ltr('/settings delivery-fee 30')} أو ${ltr('/settings zone Giza 45')} أو ${ltr('/settings expiry pending 24h')}. ${ltr('/help settings')} يعرضها كلها.`,
    ].join('\n'),
  settingSaved: (what, shift) =>
    `✅ تم الحفظ: ${what}.` +
    (shift.moved === 0 ? '' : ` العناصر المنتظرة (${shift.moved}) تتبع المهلة الجديدة.`) +
    (shift.due === 0 ? '' : ` منها ${shift.due} تجاوز المهلة الجديدة وسيُلغى في الفحص التالي.`),
  settingWouldExpire: (what, due, command) =>
    `⚠️ لم يُحفظ بعد. مع ${what} يتجاوز ${due} من العناصر المنتظرة المهلة الجديدة وسيُلغى في الفحص التالي (ويُبلَّغ كل عميل). للمتابعة أرسل:\n${ltr(`${command} confirm`)}`,
  settingRejected: (error) => `لم تُقبل القيمة: ${error}`,
  zoneRemoved: (name) => `✅ تم حذف المنطقة ${name}.`,
  zoneMissing: (name) => `لا توجد منطقة باسم ${name}.`,

  replySent: (label, handoff) => `📨 تم الإرسال إلى ${label}.${handoff ? ` سيصمت البوت في هذه المحادثة لفترة، و${ltr('/resume')} يعيدها له.` : ''}`,
  unknownCustomer: (target) => `لا أعرف العميل ${ltr(target)}: لم يراسل المتجر ولم يطلب من قبل.`,
  unreachable: (label) => `لا يمكن الوصول إلى ${label}: لا يوجد له رقم واتساب.`,
  replyBlocked: (label) => `${label} محظور. ألغِ الحظر بـ ${ltr('/unblock')} أولاً لمراسلته.`,
  resumed: (label) => `🤖 البوت يرد على ${label} مرة أخرى.`,
  notHandedOver: (label) => `البوت يرد على ${label} بالفعل.`,
  blocked: (label) => `⛔ تم حظر ${label}: البوت يتجاهل رسائله ولا يمكنه الطلب. ${ltr('/unblock')} يلغي الحظر.`,
  unblocked: (label) => `✅ تم إلغاء حظر ${label}.`,
  alreadyBlocked: (label) => `${label} محظور بالفعل.`,
  notBlocked: (label) => `${label} غير محظور.`,
  cannotBlockSeller: () => 'هذا رقم بائع ولا يمكن حظره.',
  sellerNumberNotCustomer: () => 'هذا رقم بائع: الطلب يحتاج رقم العميل نفسه.',
};

export const sellerTexts: Record<Language, typeof en> = { en, ar };

/** A refusal naming what was wrong, then the usage: for commands that read their arguments by hand. */
export const argProblemReply = (language: Language, problem: ArgProblem, usage: string) => sellerTexts[language].wrong(sellerTexts[language].problem(problem), usage);


/** The export's words in the seller's language. */
export function exportLabels(language: Language): ExportLabels {
  const headers = {
    en: {
      order: 'Order', created: 'Created (UTC)', status: 'Status', payment: 'Payment', type: 'Type', channel: 'Channel', customerKind: 'Customer type',
      customerName: 'Customer', phone: 'Phone', address: 'Address', area: 'Area', items: 'Items', units: 'Units', subtotal: 'Subtotal',
      shipping: 'Delivery', total: 'Total', refunded: 'Refunded', currency: 'Currency', courier: 'Courier', tracking: 'Tracking',
      tags: 'Tags', cancelReason: 'Cancel reason', failureReason: 'Delivery failure', description: 'Description', risk: 'Risk',
      confirmedAt: 'Confirmed (UTC)', shippedAt: 'Shipped (UTC)', deliveredAt: 'Delivered (UTC)', cancelledAt: 'Cancelled (UTC)',
    },
    ar: {
      order: 'الطلب', created: 'التاريخ (UTC)', status: 'الحالة', payment: 'الدفع', type: 'النوع', channel: 'القناة', customerKind: 'نوع العميل',
      customerName: 'العميل', phone: 'الهاتف', address: 'العنوان', area: 'المنطقة', items: 'المنتجات', units: 'القطع', subtotal: 'الإجمالي الفرعي',
      shipping: 'التوصيل', total: 'الإجمالي', refunded: 'المسترد', currency: 'العملة', courier: 'شركة الشحن', tracking: 'رقم التتبع',
      tags: 'الوسوم', cancelReason: 'سبب الإلغاء', failureReason: 'سبب فشل التوصيل', description: 'الوصف', risk: 'المخاطر',
      confirmedAt: 'التأكيد (UTC)', shippedAt: 'الشحن (UTC)', deliveredAt: 'التوصيل (UTC)', cancelledAt: 'الإلغاء (UTC)',
    },
  } as const;
  return {
    headers: headers[language],
    status: STATUS_LABELS[language],
    payment: PAYMENT_LABELS[language],
    type: TYPE_LABELS[language],
    channel: CHANNEL_LABELS[language],
    customer: language === 'ar' ? { guest: 'ضيف', registered: 'مسجل' } : { guest: 'guest', registered: 'registered' },
    reason: (code) => reasonLabel(code, language),
    risk: RISK_LABELS[language],
  };
}
