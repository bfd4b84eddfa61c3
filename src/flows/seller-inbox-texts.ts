// What sellers are told about custom requests, quote answers and customers who want a person.
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';

const rtlSafe = (command: string) => `\u2066${command}\u2069`;
const requestNo = (n: number) => `R-${n}`;

export interface RequestNotice {
  number: number;
  customer: string;
  phone: string | null;
  description: string;
  quantity: number;
  budgetMinor: number | null;
  currency: string;
  photos: number;
}

/** What /reply and /resume take for this customer: their number, else their latest order. */
const replyTarget = (phone: string | null, latestOrder: number | null) => phone ?? (latestOrder !== null ? String(latestOrder) : '<number>');

const who = (name: string, phone: string | null) => `${name}${phone ? ` (${phone})` : ''}`;

const en = {
  newRequest: (r: RequestNotice) =>
    [
      `✍️ New custom request ${requestNo(r.number)} from ${who(r.customer, r.phone)}`,
      r.description,
      `Quantity: ${r.quantity}`,
      `Budget: ${r.budgetMinor === null ? 'not given' : formatMoney(r.budgetMinor, r.currency, 'en')}`,
      `Photos: ${r.photos}`,
      `Reply /quote ${requestNo(r.number)} <price> [days N] [note ...], or /reject ${requestNo(r.number)} [reason].`,
    ].join('\n'),
  quoteAccepted: (requestNumber: number, orderNumber: number, customer: string, total: string) =>
    `✅ ${customer} accepted the quote for ${requestNo(requestNumber)}: custom order #${orderNumber} (${total}). Send /confirm ${orderNumber} when you can make it.`,
  quoteRejected: (requestNumber: number, customer: string, reason: string | null) =>
    `❌ ${customer} rejected the quote for ${requestNo(requestNumber)}.${reason ? ` Reason: ${reason}` : ''}`,
  quoteChanges: (requestNumber: number, customer: string, text: string) =>
    `✏️ ${customer} asks for changes to the quote for ${requestNo(requestNumber)}:\n${text}\nSend a new /quote ${requestNo(requestNumber)} <price> to replace it.`,
  handoff: (customer: string, phone: string | null, latestOrder: number | null, minutes: number) =>
    `🙋 ${who(customer, phone)} wants to talk to a person${latestOrder ? ` (latest order #${latestOrder})` : ''}. The bot stays quiet in that chat for ${minutes} minutes. Answer with /reply ${replyTarget(phone, latestOrder)} <text>, end with /resume ${replyTarget(phone, latestOrder)}.`,
  forwarded: (customer: string, phone: string | null, latestOrder: number | null, text: string) =>
    `💬 ${who(customer, phone)}${latestOrder ? ` · latest order #${latestOrder}` : ''}:\n${text}`,
  forwardedMedia: (customer: string, phone: string | null) => `📷 ${who(customer, phone)} sent a file.`,
  problemPhotos: (orderNumber: number, customer: string) => `📷 Photo from ${customer} about order #${orderNumber}`,
};

const ar: typeof en = {
  newRequest: (r) =>
    [
      `✍️ طلب خاص جديد ${requestNo(r.number)} من ${who(r.customer, r.phone)}`,
      r.description,
      `الكمية: ${r.quantity}`,
      `الميزانية: ${r.budgetMinor === null ? 'غير محددة' : formatMoney(r.budgetMinor, r.currency, 'ar')}`,
      `الصور: ${r.photos}`,
      `أرسل ${rtlSafe(`/quote ${requestNo(r.number)} <السعر> [days N] [note ...]`)} أو ${rtlSafe(`/reject ${requestNo(r.number)} [السبب]`)}.`,
    ].join('\n'),
  quoteAccepted: (requestNumber, orderNumber, customer, total) =>
    `✅ وافق ${customer} على عرض السعر للطلب ${requestNo(requestNumber)}: طلب خاص #${orderNumber} (${total}). أرسل ${rtlSafe(`/confirm ${orderNumber}`)} عندما تستطيع تنفيذه.`,
  quoteRejected: (requestNumber, customer, reason) => `❌ رفض ${customer} عرض السعر للطلب ${requestNo(requestNumber)}.${reason ? ` السبب: ${reason}` : ''}`,
  quoteChanges: (requestNumber, customer, text) =>
    `✏️ يطلب ${customer} تعديلات على عرض السعر للطلب ${requestNo(requestNumber)}:\n${text}\nأرسل ${rtlSafe(`/quote ${requestNo(requestNumber)} <السعر>`)} بعرض جديد.`,
  handoff: (customer, phone, latestOrder, minutes) =>
    `🙋 ${who(customer, phone)} يريد التحدث مع شخص${latestOrder ? ` (آخر طلب #${latestOrder})` : ''}. سيبقى البوت صامتاً في تلك المحادثة ${minutes} دقيقة. رد بـ ${rtlSafe(`/reply ${replyTarget(phone, latestOrder)} <النص>`)} وأنهِ بـ ${rtlSafe(`/resume ${replyTarget(phone, latestOrder)}`)}.`,
  forwarded: (customer, phone, latestOrder, text) => `💬 ${who(customer, phone)}${latestOrder ? ` · آخر طلب #${latestOrder}` : ''}:\n${text}`,
  forwardedMedia: (customer, phone) => `📷 أرسل ${who(customer, phone)} ملفاً.`,
  problemPhotos: (orderNumber, customer) => `📷 صورة من ${customer} عن الطلب #${orderNumber}`,
};

export const sellerInboxTexts: Record<Language, typeof en> = { en, ar };
