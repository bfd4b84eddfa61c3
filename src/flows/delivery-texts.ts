// What the sellers read when WhatsApp refused one of our messages for good, in Arabic and English.
import type { Language } from '../orders/language.js';

export interface FailedDelivery {
  /** The customer's name, when we know it. */
  name: string | null;
  /** Their number in E.164, else the chat address the message was for. */
  recipient: string;
  /** The start of the message that was not delivered (empty for a file without a caption). */
  excerpt: string;
  /** `PermanentSendError.code` (WhatsApp's NACK code or `invalid-address`), or `gave-up` when retries ran out. */
  code: string;
}

/** An LTR isolate, for numbers and codes inside Arabic text. */
const ltr = (s: string) => `\u2066${s}\u2069`;
const EXCERPT_MAX = 120;
export const excerptOf = (text: string | null) => {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_MAX ? `${flat.slice(0, EXCERPT_MAX - 1)}…` : flat;
};

/** The code for a message whose retries ran out (not a refusal by WhatsApp). */
export const GAVE_UP = 'gave-up';

const REASONS: Record<Language, (code: string) => string> = {
  en: (code) =>
    code === '463'
      ? 'WhatsApp restricts this store number from starting chats with people who have not written to it recently (error 463)'
      : code === '479'
        ? 'WhatsApp rejected the message as invalid (error 479)'
        : code === 'invalid-address'
          ? 'the address is not a valid WhatsApp number'
          : code === GAVE_UP
            ? 'sending failed several times in a row, so the bot stopped trying'
            : `WhatsApp refused the message (error ${code})`,
  ar: (code) =>
    code === '463'
      ? `واتساب يمنع رقم المتجر من بدء محادثات مع من لم يراسله مؤخراً (خطأ ${ltr('463')})`
      : code === '479'
        ? `رفض واتساب الرسالة لأنها غير صالحة (خطأ ${ltr('479')})`
        : code === 'invalid-address'
          ? 'العنوان ليس رقم واتساب صالحاً'
          : code === GAVE_UP
            ? 'فشل الإرسال عدة مرات متتالية فتوقف البوت عن المحاولة'
            : `رفض واتساب الرسالة (خطأ ${ltr(code)})`,
};

export const deliveryFailedText: Record<Language, (failed: FailedDelivery) => string> = {
  en: (f) =>
    `⚠️ A message to ${f.name ? `${f.name} (${f.recipient})` : f.recipient} was not delivered: ${REASONS.en(f.code)}.\n` +
    (f.excerpt ? `It said: "${f.excerpt}"\n` : '') +
    'The bot will not send it again. Please reach the customer another way (a call, or wait until they write to the store).',
  ar: (f) =>
    `⚠️ لم تصل رسالة إلى ${f.name ? `${f.name} (${ltr(f.recipient)})` : ltr(f.recipient)}: ${REASONS.ar(f.code)}.\n` +
    (f.excerpt ? `نصها: «${f.excerpt}»\n` : '') +
    'لن يعيد البوت إرسالها. من فضلك تواصل مع العميل بطريقة أخرى (مكالمة، أو انتظر حتى يراسل المتجر).',
};
