// What the scheduler tells customers and sellers: expiries, reminders, COD confirmation. Ar + en.
import { formatDateTime } from '../orders/dates.js';
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';
import { numbered, OPTION_LABELS } from './option-labels.js';

const rtl = (command: string) => `\u2066${command}\u2069`;
const when = (iso: string, language: Language) => formatDateTime(iso, language);

export type ExpiredOrderStage = 'pending' | 'accepted' | 'ready' | 'cod';

const en = {
  // to customers
  requestExpired: (n: number) => `Your request R-${n} expired before the store could quote it. You can send it again from the menu (3), or talk to the store (5).`,
  quoteExpired: (n: number) => `The quote for your request R-${n} has expired. Send a new request from the menu (3) if you still want it.`,
  quoteReminder: (n: number, expiresAt: string) => `⏰ The quote for your request R-${n} is valid until ${when(expiresAt, 'en')}. Send "quote" to see it and answer.`,
  orderExpired: (n: number, stage: ExpiredOrderStage) =>
    stage === 'cod'
      ? `Your order #${n} was cancelled because we did not get your confirmation in time. You are welcome to order again from the menu.`
      : `Sorry, your order #${n} was cancelled because the store could not ${stage === 'ready' ? 'ship' : 'confirm'} it in time. You are welcome to order again, or talk to the store (5 in the menu).`,
  codAsk: (n: number, total: number, currency: string) =>
    `Your order #${n} is confirmed by the store. Before we send it: will you pay ${formatMoney(total, currency, 'en')} in cash on delivery?\n${numbered(OPTION_LABELS.cod.en)}`,
  codConfirmed: (n: number) => 'Thank you! ✅ Your order #' + n + ' is on its way to being shipped.',
  codDeclined: (n: number) => `Your order #${n} is cancelled, as you asked.`,
  codNotAsked: () => 'That order no longer waits for your confirmation.',
  // to sellers
  sellerRequestExpired: (n: number) => `⌛ Custom request R-${n} expired without a quote.`,
  sellerQuoteExpired: (n: number) => `⌛ The quote for R-${n} expired without an answer.`,
  sellerOrderExpired: (n: number, stage: ExpiredOrderStage) =>
    `⌛ Order #${n} was cancelled automatically (${stage === 'cod' ? 'the customer did not confirm cash on delivery' : stage === 'ready' ? 'ready but not shipped in time' : 'not confirmed in time'}). Its stock was released.`,
  sellerOrderReminder: (n: number, expiresAt: string, stage: 'pending' | 'ready') =>
    `⏰ Order #${n} ${stage === 'ready' ? 'is ready but not shipped' : 'waits for your confirmation'}; it will be cancelled at ${when(expiresAt, 'en')}. ${stage === 'ready' ? `Send /ship ${n} <courier> [tracking].` : `Send /confirm ${n}.`}`,
  sellerRequestReminder: (n: number, expiresAt: string) => `⏰ Custom request R-${n} waits for a quote; it expires at ${when(expiresAt, 'en')}. Send /quote R-${n} <price> or /reject R-${n}.`,
  sellerCodAnswer: (n: number, confirmed: boolean) =>
    confirmed ? `✅ The customer confirmed cash on delivery for order #${n}. It can ship.` : `❌ The customer declined cash on delivery; order #${n} is cancelled and its stock released.`,
};

const ar: typeof en = {
  requestExpired: (n) => `انتهت مهلة طلبك R-${n} قبل أن يرسل المتجر عرض سعر. يمكنك إرساله مرة أخرى من القائمة (3)، أو التحدث مع المتجر (5).`,
  quoteExpired: (n) => `انتهت صلاحية عرض السعر لطلبك R-${n}. أرسل طلباً جديداً من القائمة (3) إن كنت ما زلت تريده.`,
  quoteReminder: (n, expiresAt) => `⏰ عرض السعر لطلبك R-${n} صالح حتى ${when(expiresAt, 'ar')}. أرسل "العرض" لرؤيته والرد عليه.`,
  orderExpired: (n, stage) =>
    stage === 'cod'
      ? `تم إلغاء طلبك رقم #${n} لأننا لم نتلقَّ تأكيدك في الوقت المحدد. يسعدنا أن تطلب مرة أخرى من القائمة.`
      : `عذراً، تم إلغاء طلبك رقم #${n} لأن المتجر لم يستطع ${stage === 'ready' ? 'شحنه' : 'تأكيده'} في الوقت المحدد. يسعدنا أن تطلب مرة أخرى، أو تحدث مع المتجر (5 في القائمة).`,
  codAsk: (n, total, currency) =>
    `أكد المتجر طلبك رقم #${n}. قبل الإرسال: هل ستدفع ${formatMoney(total, currency, 'ar')} نقداً عند الاستلام؟\n${numbered(OPTION_LABELS.cod.ar)}`,
  codConfirmed: (n) => `شكراً لك! ✅ طلبك رقم #${n} في طريقه للشحن.`,
  codDeclined: (n) => `تم إلغاء طلبك رقم #${n} كما طلبت.`,
  codNotAsked: () => 'هذا الطلب لم يعد ينتظر تأكيدك.',
  sellerRequestExpired: (n) => `⌛ انتهت مهلة الطلب الخاص R-${n} دون عرض سعر.`,
  sellerQuoteExpired: (n) => `⌛ انتهت صلاحية عرض السعر للطلب R-${n} دون رد.`,
  sellerOrderExpired: (n, stage) =>
    `⌛ تم إلغاء الطلب #${n} تلقائياً (${stage === 'cod' ? 'لم يؤكد العميل الدفع عند الاستلام' : stage === 'ready' ? 'جاهز لكن لم يُشحن في الوقت المحدد' : 'لم يُؤكَّد في الوقت المحدد'}). أُعيدت كمياته للمخزون.`,
  sellerOrderReminder: (n, expiresAt, stage) =>
    `⏰ الطلب #${n} ${stage === 'ready' ? 'جاهز لكن لم يُشحن' : 'ينتظر تأكيدك'}؛ سيُلغى في ${when(expiresAt, 'ar')}. ${stage === 'ready' ? `أرسل ${rtl(`/ship ${n} <شركة الشحن> [رقم التتبع]`)}.` : `أرسل ${rtl(`/confirm ${n}`)}.`}`,
  sellerRequestReminder: (n, expiresAt) => `⏰ الطلب الخاص R-${n} ينتظر عرض سعر؛ تنتهي مهلته في ${when(expiresAt, 'ar')}. أرسل ${rtl(`/quote R-${n} <السعر>`)} أو ${rtl(`/reject R-${n}`)}.`,
  sellerCodAnswer: (n, confirmed) =>
    confirmed ? `✅ أكد العميل الدفع عند الاستلام للطلب #${n}. يمكن شحنه.` : `❌ رفض العميل الدفع عند الاستلام؛ تم إلغاء الطلب #${n} وأُعيدت كمياته للمخزون.`,
};

export const lifecycleTexts: Record<Language, typeof en> = { en, ar };
