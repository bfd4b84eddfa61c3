// Seller-side texts for custom requests and quotes, in Arabic and English.
import type { CustomRequest, Quote, RequestStatus } from '../orders/custom-requests.js';
import { formatDateTime } from '../orders/dates.js';
import type { Language } from '../orders/language.js';
import { formatDays } from '../orders/duration.js';
import { formatMoney } from '../orders/money.js';

const rtl = (command: string) => `\u2066${command}\u2069`;
const no = (n: number) => `R-${n}`;

export interface CustomerHistory {
  orders: number;
  delivered: number;
  cancelled: number;
  refused: number;
  requests: number;
  rejected: number;
}

const STATUS: Record<Language, Record<RequestStatus, string>> = {
  en: { pending: 'pending', quoted: 'quoted', accepted: 'accepted', rejected: 'rejected', expired: 'expired', cancelled: 'cancelled' },
  ar: { pending: 'قيد الانتظار', quoted: 'تم التسعير', accepted: 'مقبول', rejected: 'مرفوض', expired: 'منتهي', cancelled: 'ملغي' },
};

type BadQuote = 'price' | 'days' | 'expires' | 'note' | 'syntax';

const en = {
  notFound: (n: number) => `There is no request ${no(n)}. Send /requests to see them.`,
  noRequests: (status: RequestStatus | null) => (status ? `No ${STATUS.en[status]} requests.` : 'No custom requests yet.'),
  requestList: (rows: readonly CustomRequest[], page: number, pages: number, total: number) =>
    `${rows.map((r) => `${no(r.number)} · ${STATUS.en[r.status]} · ×${r.quantity} · ${r.description.slice(0, 60)}`).join('\n')}\nPage ${page} of ${pages} (${total} request${total === 1 ? '' : 's'}). /request R-… for one.`,
  requestDetails: (r: CustomRequest, name: string | null, phone: string | null, h: CustomerHistory, photos: number, quote: Quote | undefined) =>
    [
      `Request ${no(r.number)} — ${STATUS.en[r.status]}`,
      r.description,
      ...(quote
        ? [`Current quote: ${formatMoney(quote.priceMinor, quote.currency, 'en')}${quote.deliveryDays ? `, ${formatDays(quote.deliveryDays, 'en')}` : ''}, valid until ${formatDateTime(quote.expiresAt, 'en')}${quote.notes ? ` · ${quote.notes}` : ''}`]
        : []),
      `Quantity: ${r.quantity}`,
      `Budget: ${r.budgetMinor === null ? 'not given' : formatMoney(r.budgetMinor, r.currency, 'en')}`,
      `Photos: ${photos}${photos ? ' (sent above)' : ''}`,
      `Customer: ${name ?? '—'}${phone ? ` (${phone})` : ''}`,
      `History: ${h.orders} orders (${h.delivered} delivered, ${h.cancelled} cancelled, ${h.refused} refused at the door), ${h.requests} requests (${h.rejected} rejected)`,
      ...(r.status === 'pending' || r.status === 'quoted' ? [`Quote: /quote ${no(r.number)} <price> [days N] [note ...]  ·  Reject: /reject ${no(r.number)} [reason]`] : []),
    ].join('\n'),
  badQuote: (what: BadQuote, usage: string) =>
    ({
      price: 'The price must be an amount above zero, like 250 or 250.50.',
      days: 'Days must be a whole number from 1 to 365.',
      expires: 'The expiry must be a duration up to 30 days, like 48h or 7d.',
      note: 'The note must be 1 to 500 characters.',
      syntax: 'I could not read that.',
    })[what] + ` Usage: ${usage}`,
  notQuotable: (n: number, status: RequestStatus) => `Request ${no(n)} is ${STATUS.en[status]}; only pending or quoted requests can be quoted or rejected.`,
  quoted: (r: CustomRequest, q: Quote, superseded: boolean, delivered: boolean) =>
    `💬 Quote sent for ${no(r.number)}: ${formatMoney(q.priceMinor, q.currency, 'en')}${q.deliveryDays ? `, ${formatDays(q.deliveryDays, 'en')}` : ''}, valid until ${formatDateTime(q.expiresAt, 'en')}.${superseded ? ' It replaces the earlier quote.' : ''}${delivered ? '' : ' (We have no chat with this customer to send it to.)'}`,
  rejected: (n: number) => `Request ${no(n)} rejected. The customer has been told.`,
};

const ar: typeof en = {
  notFound: (n) => `لا يوجد طلب ${no(n)}. أرسل ${rtl('/requests')} لعرض الطلبات.`,
  noRequests: (status) => (status ? `لا توجد طلبات بحالة ${STATUS.ar[status]}.` : 'لا توجد طلبات خاصة بعد.'),
  requestList: (rows, page, pages, total) =>
    `${rows.map((r) => `${no(r.number)} · ${STATUS.ar[r.status]} · ×${r.quantity} · ${r.description.slice(0, 60)}`).join('\n')}\nصفحة ${page} من ${pages} (${total} طلب). ${rtl('/request R-…')} لعرض طلب.`,
  requestDetails: (r, name, phone, h, photos, quote) =>
    [
      `الطلب ${no(r.number)} — ${STATUS.ar[r.status]}`,
      r.description,
      ...(quote
        ? [`العرض الحالي: ${formatMoney(quote.priceMinor, quote.currency, 'ar')}${quote.deliveryDays ? `، ${formatDays(quote.deliveryDays, 'ar')}` : ''}، صالح حتى ${formatDateTime(quote.expiresAt, 'ar')}${quote.notes ? ` · ${quote.notes}` : ''}`]
        : []),
      `الكمية: ${r.quantity}`,
      `الميزانية: ${r.budgetMinor === null ? 'غير محددة' : formatMoney(r.budgetMinor, r.currency, 'ar')}`,
      `الصور: ${photos}${photos ? ' (مرسلة أعلاه)' : ''}`,
      `العميل: ${name ?? '—'}${phone ? ` (${phone})` : ''}`,
      `السجل: ${h.orders} طلبات (${h.delivered} تم توصيلها، ${h.cancelled} ملغاة، ${h.refused} رُفض استلامها)، ${h.requests} طلبات خاصة (${h.rejected} مرفوضة)`,
      ...(r.status === 'pending' || r.status === 'quoted' ? [`للتسعير: ${rtl(`/quote ${no(r.number)} <السعر> [days N] [note ...]`)} · للرفض: ${rtl(`/reject ${no(r.number)} [السبب]`)}`] : []),
    ].join('\n'),
  badQuote: (what, usage) =>
    ({
      price: 'السعر يجب أن يكون مبلغاً أكبر من صفر، مثل 250 أو 250.50.',
      days: 'عدد الأيام يجب أن يكون رقماً صحيحاً من 1 إلى 365.',
      expires: 'مدة الصلاحية يجب أن تكون حتى 30 يوماً، مثل 48h أو 7d.',
      note: 'الملاحظة يجب أن تكون من 1 إلى 500 حرف.',
      syntax: 'لم أستطع قراءة ذلك.',
    })[what] + ` الاستخدام: ${rtl(usage)}`,
  notQuotable: (n, status) => `الطلب ${no(n)} حالته ${STATUS.ar[status]}؛ يمكن تسعير أو رفض الطلبات قيد الانتظار أو المسعّرة فقط.`,
  quoted: (r, q, superseded, delivered) =>
    `💬 تم إرسال عرض السعر للطلب ${no(r.number)}: ${formatMoney(q.priceMinor, q.currency, 'ar')}${q.deliveryDays ? `، ${formatDays(q.deliveryDays, 'ar')}` : ''}، صالح حتى ${formatDateTime(q.expiresAt, 'ar')}.${superseded ? ' يحل محل العرض السابق.' : ''}${delivered ? '' : ' (لا توجد محادثة مع هذا العميل لإرساله.)'}`,
  rejected: (n) => `تم رفض الطلب ${no(n)}. تم إبلاغ العميل.`,
};

export const customRequestTexts: Record<Language, typeof en> = { en, ar };
