// Messages to sellers, in Arabic and English.
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';
import type { OrderStatus } from '../orders/status.js';
import type { Order, OrderEvent, OrderItem } from '../store/orders.js';

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

const PAYMENT_LABELS = {
  en: { unpaid: 'unpaid', paid: 'paid', refunded: 'refunded' },
  ar: { unpaid: 'غير مدفوع', paid: 'مدفوع', refunded: 'مسترد' },
} as const;

function orderDetails(order: Order, items: readonly OrderItem[], events: readonly OrderEvent[], language: Language): string {
  const m = (minor: number) => formatMoney(minor, order.currency, language);
  const ar = language === 'ar';
  const lines = items.map((i) => `• ${ar ? i.nameAr : i.nameEn} × ${i.quantity} — ${m(i.lineTotalMinor)}`);
  const history = events.map((e) => `- ${e.at.slice(0, 16).replace('T', ' ')} ${e.type.replace('status:', '→ ')} (${e.actorType}${e.actorId ? ` ${e.actorId}` : ''})`);
  return [
    `${ar ? 'طلب' : 'Order'} #${order.number} — ${statusLabel(order.status, language)}`,
    `${ar ? 'النوع' : 'Type'}: ${order.type} · ${ar ? 'القناة' : 'Channel'}: ${order.channel}`,
    `${ar ? 'العميل' : 'Customer'}: ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}`,
    `${ar ? 'العنوان' : 'Address'}: ${order.addressLine}، ${order.area}`,
    ...(order.description ? [`${ar ? 'الوصف' : 'Description'}: ${order.description}`] : []),
    `${ar ? 'المنتجات' : 'Items'}:`,
    ...lines,
    `${ar ? 'الإجمالي الفرعي' : 'Subtotal'}: ${m(order.subtotalMinor)}`,
    `${ar ? 'التوصيل' : 'Delivery'}: ${m(order.shippingMinor)}`,
    `${ar ? 'الإجمالي' : 'Total'}: ${m(order.totalMinor)}`,
    `${ar ? 'الدفع' : 'Payment'}: ${ar ? 'عند الاستلام،' : 'cash on delivery,'} ${PAYMENT_LABELS[language][order.paymentStatus]}`,
    ...(order.courier ? [`${ar ? 'الشحن' : 'Courier'}: ${order.courier}${order.trackingNumber ? ` ${order.trackingNumber}` : ''}`] : []),
    `${ar ? 'السجل' : 'History'}:`,
    ...history,
  ].join('\n');
}

const en = {
  newOrder: (order: Order, items: readonly OrderItem[]) =>
    `🛒 New order #${order.number} from ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}\n${items
      .map((i) => `• ${i.nameEn} × ${i.quantity}`)
      .join('\n')}\nTotal: ${formatMoney(order.totalMinor, order.currency, 'en')} (COD)\nAddress: ${order.addressLine}, ${order.area}\nReply /confirm ${order.number} to confirm, /order ${order.number} for details.`,
  orderDetails: (order: Order, items: readonly OrderItem[], events: readonly OrderEvent[]) => orderDetails(order, items, events, 'en'),
  confirmed: (order: Order) => `✅ Order #${order.number} confirmed. The customer has been told, with a link to the order page.`,
  notFound: (number: number) => `There is no order #${number}. Send /orders to see your orders.`,
  notAllowed: (number: number, current: OrderStatus, allowed: readonly OrderStatus[], action: string) =>
    `Order #${number} cannot be ${action}: it is ${statusLabel(current, 'en')}.${allowed.length ? ` From here it can become: ${allowed.map((s) => statusLabel(s, 'en')).join(', ')}.` : ' No further changes are possible.'}`,
  usage: (usage: string) => `Usage: ${usage}`,
  badOrderNumber: (usage: string) => `That is not an order number. Usage: ${usage}`,
  unknownCommand: (typed: string) => `Unknown command "/${typed}". Send /help for the list of commands.`,
  notACommand: () => 'Seller commands start with "/". Send /help for the list.',
  help: (lines: readonly string[]) => `Seller commands:\n${lines.join('\n')}\n\nSend /help <command> for one command's usage.`,
  helpOne: (usage: string, summary: string) => `${usage}\n${summary}`,
  takeoverNote: () => '',
};

const ar: typeof en = {
  newOrder: (order, items) =>
    `🛒 طلب جديد #${order.number} من ${order.customerName}${order.customerPhone ? ` (${order.customerPhone})` : ''}\n${items
      .map((i) => `• ${i.nameAr} × ${i.quantity}`)
      .join('\n')}\nالإجمالي: ${formatMoney(order.totalMinor, order.currency, 'ar')} (الدفع عند الاستلام)\nالعنوان: ${order.addressLine}، ${order.area}\nأرسل \u2066/confirm ${order.number}\u2069 للتأكيد، أو \u2066/order ${order.number}\u2069 للتفاصيل.`,
  orderDetails: (order, items, events) => orderDetails(order, items, events, 'ar'),
  confirmed: (order) => `✅ تم تأكيد الطلب #${order.number}. تم إبلاغ العميل مع رابط صفحة الطلب.`,
  notFound: (number) => `لا يوجد طلب رقم #${number}. أرسل \u2066/orders\u2069 لعرض طلباتك.`,
  notAllowed: (number, current, allowed, action) =>
    `لا يمكن ${action} الطلب #${number}: حالته الآن ${statusLabel(current, 'ar')}.${allowed.length ? ` يمكن أن يصبح: ${allowed.map((s) => statusLabel(s, 'ar')).join('، ')}.` : ' لا توجد تغييرات أخرى ممكنة.'}`,
  usage: (usage) => `الاستخدام: ${usage}`,
  badOrderNumber: (usage) => `هذا ليس رقم طلب. الاستخدام: ${usage}`,
  unknownCommand: (typed) => `أمر غير معروف "/${typed}". أرسل \u2066/help\u2069 لقائمة الأوامر.`,
  notACommand: () => 'أوامر البائع تبدأ بـ "/". أرسل \u2066/help\u2069 للقائمة.',
  help: (lines) => `أوامر البائع:\n${lines.join('\n')}\n\nأرسل \u2066/help <الأمر>\u2069 لطريقة استخدامه.`,
  helpOne: (usage, summary) => `${usage}\n${summary}`,
  takeoverNote: () => '',
};

export const sellerTexts: Record<Language, typeof en> = { en, ar };
