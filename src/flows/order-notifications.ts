// What the customer is told when a seller acts on their order, in the order's language (ar, en).
import type { FieldChange } from '../orders/edit-order.js';
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';
import type { Order, OrderItem } from '../store/orders.js';

/** Customer-facing words for a cancellation reason (never "fraud": the customer reads a neutral reason). */
const CANCEL_REASONS: Record<Language, Record<string, string>> = {
  en: {
    customer_request: 'as you asked',
    out_of_stock: 'an item is out of stock',
    cannot_fulfil: 'the store cannot fulfil it',
    fraud: 'the store could not accept it',
    other: 'the store could not complete it',
    expired: 'it was not confirmed in time',
  },
  ar: {
    customer_request: 'بناءً على طلبك',
    out_of_stock: 'أحد المنتجات نفد من المخزون',
    cannot_fulfil: 'المتجر لا يستطيع تنفيذه',
    fraud: 'المتجر لم يتمكن من قبوله',
    other: 'المتجر لم يتمكن من إتمامه',
    expired: 'لم يتم تأكيده في الوقت المحدد',
  },
};

const money = (minor: number, order: Pick<Order, 'currency'>, language: Language) => formatMoney(minor, order.currency, language);

function changeLine(change: FieldChange, order: Order, language: Language): string {
  const ar = language === 'ar';
  const text = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));
  switch (change.field) {
    case 'qty': {
      const name = change.item ? (ar ? change.item.nameAr : change.item.nameEn) : '';
      if (change.after === 0) return ar ? `• تمت إزالة ${name}` : `• ${name} removed`;
      if (change.before === 0) return ar ? `• تمت إضافة ${name} × ${text(change.after)}` : `• ${name} × ${text(change.after)} added`;
      return ar ? `• كمية ${name}: ${text(change.before)} ← ${text(change.after)}` : `• ${name}: quantity ${text(change.before)} → ${text(change.after)}`;
    }
    case 'shipping': {
      const m = (v: string | number | null) => (typeof v === 'number' ? money(v, order, language) : '—');
      return ar ? `• رسوم التوصيل: ${m(change.before)} ← ${m(change.after)}` : `• Delivery fee: ${m(change.before)} → ${m(change.after)}`;
    }
    case 'address':
      return ar ? `• العنوان: ${text(change.after)}` : `• Address: ${text(change.after)}`;
    case 'area':
      return ar ? `• المنطقة: ${text(change.after)}` : `• Area: ${text(change.after)}`;
    case 'name':
      return ar ? `• الاسم: ${text(change.after)}` : `• Name: ${text(change.after)}`;
    case 'phone':
      return ar ? `• رقم الهاتف: \u2066${text(change.after)}\u2069` : `• Phone: ${text(change.after)}`;
    case 'description':
      return ar ? `• الوصف: ${text(change.after)}` : `• Description: ${text(change.after)}`;
  }
}

const totalChanged = (change: FieldChange) => change.field === 'qty' || change.field === 'shipping';

const en = {
  /** A seller typed in an order for this number (phone, social or offline deal). */
  manualOrder: (order: Order, items: readonly OrderItem[], storeName: string, link: string) =>
    [
      `Hello${order.customerName ? ` ${order.customerName}` : ''}! ${storeName} has recorded your order #${order.number}:`,
      ...items.map((i) => `• ${i.nameEn} × ${i.quantity} — ${money(i.lineTotalMinor, order, 'en')}`),
      `Delivery: ${order.shippingMinor === 0 ? 'free' : money(order.shippingMinor, order, 'en')}`,
      `Total: ${money(order.totalMinor, order, 'en')}, cash on delivery.`,
      `See it here: ${link}`,
      'If anything is wrong, reply here.',
    ].join('\n'),
  confirmed: (number: number, link: string) => `Good news! Your order #${number} is confirmed. ✅\nFollow it here: ${link}`,
  ready: (number: number) => `Your order #${number} is packed and ready to ship. 📦 We will send you the courier's details when it leaves.`,
  shipped: (order: Order) =>
    [
      `Your order #${order.number} is on its way! 🚚`,
      `Courier: ${order.courier ?? '—'}`,
      ...(order.trackingNumber ? [`Tracking number: ${order.trackingNumber}`] : []),
      order.paymentStatus !== 'unpaid' ? 'It is already paid: nothing to pay on delivery.' : `Please have ${money(order.totalMinor, order, 'en')} ready in cash on delivery.`,
    ].join('\n'),
  delivered: (number: number) => `Your order #${number} has been delivered. Thank you for shopping with us! 🌟`,
  failedDelivery: (number: number, reason: string | null) =>
    reason === 'refused'
      ? `Your order #${number} came back to the store: the delivery was refused. If this is a mistake, reply here.`
      : `The courier could not deliver your order #${number}. The store will contact you to arrange another try; you can also reply here.`,
  cancelled: (number: number, reason: string | null) =>
    `Your order #${number} has been cancelled: ${CANCEL_REASONS.en[reason ?? 'other'] ?? CANCEL_REASONS.en.other}.\nIf you have any question, reply here.`,
  refunded: (order: Order) => `A refund of ${money(order.refundedMinor ?? 0, order, 'en')} for your order #${order.number} has been recorded by the store.`,
  edited: (order: Order, change: FieldChange) =>
    [`The store updated your order #${order.number}:`, changeLine(change, order, 'en'), ...(totalChanged(change) ? [`New total: ${money(order.totalMinor, order, 'en')} (cash on delivery).`] : [])].join('\n'),
};

const ar: typeof en = {
  manualOrder: (order, items, storeName, link) =>
    [
      `أهلاً${order.customerName ? ` ${order.customerName}` : ''}! سجّل ${storeName} طلبك رقم #${order.number}:`,
      ...items.map((i) => `• ${i.nameAr} × ${i.quantity} — ${money(i.lineTotalMinor, order, 'ar')}`),
      `التوصيل: ${order.shippingMinor === 0 ? 'مجاني' : money(order.shippingMinor, order, 'ar')}`,
      `الإجمالي: ${money(order.totalMinor, order, 'ar')}، الدفع عند الاستلام.`,
      `شاهده من هنا: ${link}`,
      'إذا كان هناك أي خطأ، رد هنا.',
    ].join('\n'),
  confirmed: (number, link) => `أخبار سعيدة! تم تأكيد طلبك رقم #${number}. ✅\nتابعه من هنا: ${link}`,
  ready: (number) => `طلبك رقم #${number} جاهز للشحن. 📦 سنرسل لك بيانات شركة الشحن عند خروجه.`,
  shipped: (order) =>
    [
      `طلبك رقم #${order.number} في الطريق إليك! 🚚`,
      `شركة الشحن: ${order.courier ?? '—'}`,
      ...(order.trackingNumber ? [`رقم التتبع: \u2066${order.trackingNumber}\u2069`] : []),
      order.paymentStatus !== 'unpaid' ? 'الطلب مدفوع: لا شيء للدفع عند الاستلام.' : `من فضلك جهّز ${money(order.totalMinor, order, 'ar')} نقداً عند الاستلام.`,
    ].join('\n'),
  delivered: (number) => `تم توصيل طلبك رقم #${number}. شكراً لتسوقك معنا! 🌟`,
  failedDelivery: (number, reason) =>
    reason === 'refused'
      ? `عاد طلبك رقم #${number} إلى المتجر: تم رفض الاستلام. إذا كان ذلك خطأً، رد هنا.`
      : `لم يتمكن المندوب من توصيل طلبك رقم #${number}. سيتواصل معك المتجر لترتيب محاولة أخرى، ويمكنك الرد هنا أيضاً.`,
  cancelled: (number, reason) => `تم إلغاء طلبك رقم #${number}: ${CANCEL_REASONS.ar[reason ?? 'other'] ?? CANCEL_REASONS.ar.other}.\nإذا كان لديك أي سؤال، رد هنا.`,
  refunded: (order) => `سجّل المتجر استرداد ${money(order.refundedMinor ?? 0, order, 'ar')} لطلبك رقم #${order.number}.`,
  edited: (order, change) =>
    [`قام المتجر بتحديث طلبك رقم #${order.number}:`, changeLine(change, order, 'ar'), ...(totalChanged(change) ? [`الإجمالي الجديد: ${money(order.totalMinor, order, 'ar')} (الدفع عند الاستلام).`] : [])].join('\n'),
};

export const orderNotifications: Record<Language, typeof en> = { en, ar };
