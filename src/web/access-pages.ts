// The pages around an order page: opening a link, a link that no longer works, asking for a new
// one, refusals, and the OTP look-up. Pages that must not tell cases apart (unknown, expired or
// revoked link; a number with or without orders) are one text in both languages, so they cannot.
import type { Language } from '../orders/language.js';
import { statusLabel } from '../flows/seller-texts.js';
import type { Order } from '../store/orders.js';
import { escapeHtml, page } from './html.js';
import { formatMoney } from '../orders/money.js';

/** Arabic first (the page is right-to-left), then English in its own left-to-right block. */
function both(ar: string, en: string, tag = 'p'): string {
  return `<${tag}>${escapeHtml(ar)}</${tag}>\n<${tag} dir="ltr" lang="en">${escapeHtml(en)}</${tag}>`;
}

/** A label in both languages, one line each (mixed directions on one line wrap badly on phones). */
function bi(ar: string, en: string): string {
  return `<span class="bi"><span>${escapeHtml(ar)}</span><span lang="en" dir="ltr">${escapeHtml(en)}</span></span>`;
}

const csrfField = (csrf: string) => `<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`;
const bilingual = (title: string, body: string) => page('ar', title, `<section class="card">\n${body}\n</section>`);

/** The neutral page a link opens: no order data, one button (link previews and scanners change nothing). */
export function renderLinkLanding(csrf: string): string {
  return bilingual(
    'طلبك · Your order',
    `<h1>${bi('طلبك', 'Your order')}</h1>
${both('اضغط الزر لفتح صفحة طلبك.', 'Tap the button to open your order page.')}
<form method="post" action="">${csrfField(csrf)}<button type="submit">${bi('افتح طلبي', 'Open my order')}</button></form>`,
  );
}

/** One page for unknown, expired and revoked links, so they cannot be told apart. */
export function renderLinkInvalid(csrf: string): string {
  return bilingual(
    'الرابط غير صالح · Link not valid',
    `<h1>${bi('الرابط غير صالح', 'Link not valid')}</h1>
${both('هذا الرابط منتهي أو غير صحيح. يمكننا إرسال رابط جديد إلى رقم واتساب المسجل في الطلب.', 'This link has expired or is not valid. We can send a new link to the WhatsApp number on the order.')}
<form method="post" action="">${csrfField(csrf)}<input type="hidden" name="do" value="resend"><button type="submit">${bi('أرسل لي رابطاً جديداً', 'Send me a new link')}</button></form>
<p><a class="button secondary" href="/otp">${bi('ابحث عن طلباتي برقمي', 'Find my orders by my number')}</a></p>`,
  );
}

/** The same answer whether or not a link was sent (nobody learns which links or numbers exist). */
export function renderResendAnswer(): string {
  return bilingual(
    'رابط جديد · New link',
    `<h1>${bi('رابط جديد', 'New link')}</h1>
${both('إذا كان هذا الرابط لأحد طلباتنا، فقد أرسلنا رابطاً جديداً إلى رقم واتساب المسجل في الطلب. قد يستغرق وصوله دقيقة.', 'If this link belongs to one of our orders, a new link is on its way to the WhatsApp number on the order. It can take a minute.')}`,
  );
}

export function renderLinkTurnedOff(): string {
  return bilingual(
    'تم إيقاف الرابط · Link turned off',
    `<h1>${bi('تم إيقاف الرابط', 'Link turned off')}</h1>
${both('فُتح هذا الرابط من عدة شبكات مختلفة، فأوقفناه حفاظاً على الطلب. أرسلنا رابطاً جديداً إلى رقم واتساب المسجل في الطلب.', 'This link was opened from several different networks, so we turned it off to keep the order safe. A new link is on its way to the WhatsApp number on the order.')}`,
  );
}

/** No usable cookie for this order (none, forged, or for another order). */
export function renderNoSession(): string {
  return bilingual(
    'افتح الرابط من واتساب · Open your link from WhatsApp',
    `<h1>${bi('افتح الرابط من واتساب', 'Open your link from WhatsApp')}</h1>
${both('لعرض هذا الطلب افتح الرابط الذي أرسلناه لك في واتساب.', 'To see this order, open the link we sent you in WhatsApp.')}
<p><a class="button secondary" href="/otp">${bi('ابحث عن طلباتي برقمي', 'Find my orders by my number')}</a></p>`,
  );
}

/** A genuine cookie whose link has expired or was turned off. */
export function renderSessionEnded(publicId: string, csrf: string): string {
  return bilingual(
    'انتهى الرابط · Your link has ended',
    `<h1>${bi('انتهى الرابط', 'Your link has ended')}</h1>
${both('انتهت صلاحية رابط هذا الطلب أو تم إيقافه. يمكننا إرسال رابط جديد إلى رقم واتساب المسجل في الطلب.', 'The link to this order has expired or was turned off. We can send a new link to the WhatsApp number on the order.')}
<form method="post" action="/o/${escapeHtml(publicId)}/resend">${csrfField(csrf)}<button type="submit">${bi('أرسل لي رابطاً جديداً', 'Send me a new link')}</button></form>`,
  );
}

export function renderViewOnly(publicId: string): string {
  return bilingual(
    'للعرض فقط · View only',
    `<h1>${bi('للعرض فقط', 'View only')}</h1>
${both('هذا الرابط يعرض الطلب فقط ولا يسمح بتغييره.', 'This link shows the order but cannot change it.')}
<p><a class="button secondary" href="/o/${escapeHtml(publicId)}">${bi('العودة إلى الطلب', 'Back to the order')}</a></p>`,
  );
}

export function renderCsrfRefused(): string {
  return bilingual(
    'لم يتم الإرسال · Not sent',
    `<h1>${bi('لم يتم الإرسال', 'Not sent')}</h1>
${both('تعذر التحقق من هذا النموذج. ارجع إلى الصفحة وحدّثها ثم حاول مرة أخرى.', 'We could not check this form. Go back, reload the page and try again.')}`,
  );
}

export function renderTooMany(minutes: number): string {
  return bilingual(
    'محاولات كثيرة · Too many attempts',
    `<h1>${bi('محاولات كثيرة', 'Too many attempts')}</h1>
${both(`حاول مرة أخرى بعد ${minutes} دقيقة.`, `Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`)}`,
  );
}

export function renderError(reason: { ar: string; en: string }): string {
  return bilingual('خطأ · Error', `<h1>${bi('عذراً', 'Sorry')}</h1>\n${both(reason.ar, reason.en)}`);
}

// ---------------------------------------------------------------------------------------------
// OTP look-up: one language at a time, with a switch.

const OTP_TEXT = {
  en: {
    title: 'Find my orders',
    other: 'العربية',
    intro: 'Enter the WhatsApp number you ordered with. We will send a 6-digit code there.',
    phone: 'WhatsApp number',
    phoneHint: 'With the country code, for example +20 100 123 4567',
    send: 'Send me a code',
    sent: 'If this number has orders with us, a 6-digit code is on its way to it on WhatsApp. It works for 10 minutes.',
    code: 'The 6-digit code',
    verify: 'Open my orders',
    again: 'Send a new code',
    otherNumber: 'Use another number',
    yourOrders: 'Your orders',
    noOrders: 'There are no orders for this number yet.',
    ordersIntro: 'Tap an order to open it. Your number is now confirmed.',
    open: 'Open',
  },
  ar: {
    title: 'ابحث عن طلباتي',
    other: 'English',
    intro: 'أدخل رقم واتساب الذي طلبت منه. سنرسل إليه رمزاً من ٦ أرقام.',
    phone: 'رقم واتساب',
    phoneHint: 'مع مفتاح الدولة، مثل ‎+20 100 123 4567',
    send: 'أرسل لي رمزاً',
    sent: 'إذا كان لهذا الرقم طلبات لدينا، فسيصله رمز من ٦ أرقام على واتساب. الرمز صالح لمدة ١٠ دقائق.',
    code: 'الرمز المكون من ٦ أرقام',
    verify: 'افتح طلباتي',
    again: 'أرسل رمزاً جديداً',
    otherNumber: 'استخدم رقماً آخر',
    yourOrders: 'طلباتك',
    noOrders: 'لا توجد طلبات لهذا الرقم بعد.',
    ordersIntro: 'اضغط على طلب لفتحه. تم تأكيد رقمك.',
    open: 'فتح',
  },
};

/** The store's name, and the other language (left out where switching would lose the page: the verified list). */
const top = (language: Language, path: string | null, storeName: string) =>
  `<div class="top"><span class="store"><bdi>${escapeHtml(storeName)}</bdi></span>${
    path === null ? '' : `<a class="lang" href="${path}?lang=${language === 'ar' ? 'en' : 'ar'}" lang="${language === 'ar' ? 'en' : 'ar'}">${escapeHtml(OTP_TEXT[language].other)}</a>`
  }</div>`;
const errorLine = (error: string | undefined) => (error ? `<p class="notice error" role="alert">${escapeHtml(error)}</p>` : '');

export function renderOtpStart(storeName: string, language: Language, csrf: string, options: { error?: string; phone?: string } = {}): string {
  const t = OTP_TEXT[language];
  return page(
    language,
    t.title,
    `${top(language, '/otp', storeName)}
<section class="card">
<h1>${escapeHtml(t.title)}</h1>
${errorLine(options.error)}
<p>${escapeHtml(t.intro)}</p>
<form method="post" action="/otp">${csrfField(csrf)}<input type="hidden" name="lang" value="${language}">
<label for="phone">${escapeHtml(t.phone)}</label>
<input type="tel" id="phone" name="phone" dir="ltr" required maxlength="32" autocomplete="tel" inputmode="tel" value="${escapeHtml(options.phone ?? '')}">
<p class="muted">${escapeHtml(t.phoneHint)}</p>
<button type="submit">${escapeHtml(t.send)}</button>
</form>
</section>`,
  );
}

export function renderOtpCode(storeName: string, language: Language, csrf: string, phone: string, options: { error?: string } = {}): string {
  const t = OTP_TEXT[language];
  return page(
    language,
    t.title,
    `${top(language, '/otp', storeName)}
<section class="card">
<h1>${escapeHtml(t.title)}</h1>
${errorLine(options.error)}
<p>${escapeHtml(t.sent)}</p>
<p class="ltr"><strong>${escapeHtml(phone)}</strong></p>
<form method="post" action="/otp/verify">${csrfField(csrf)}<input type="hidden" name="lang" value="${language}"><input type="hidden" name="phone" value="${escapeHtml(phone)}">
<label for="code">${escapeHtml(t.code)}</label>
<input type="text" id="code" name="code" dir="ltr" required maxlength="12" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9٠-٩ ]{6,12}">
<button type="submit">${escapeHtml(t.verify)}</button>
</form>
<form method="post" action="/otp">${csrfField(csrf)}<input type="hidden" name="lang" value="${language}"><input type="hidden" name="phone" value="${escapeHtml(phone)}"><button type="submit" class="secondary">${escapeHtml(t.again)}</button></form>
<p><a href="/otp?lang=${language}">${escapeHtml(t.otherNumber)}</a></p>
</section>`,
  );
}

export function renderOtpOrders(storeName: string, language: Language, orders: readonly Order[]): string {
  const t = OTP_TEXT[language];
  const items = orders
    .map(
      (o) =>
        `<li><a href="/o/${escapeHtml(o.publicId)}?lang=${language}"><strong>#${o.number}</strong></a> · <span class="status ${escapeHtml(o.status)}">${escapeHtml(statusLabel(o.status, language))}</span> · ${escapeHtml(formatMoney(o.totalMinor, o.currency, language))}</li>`,
    )
    .join('');
  return page(
    language,
    t.yourOrders,
    `${top(language, null, storeName)}
<section class="card">
<h1>${escapeHtml(t.yourOrders)}</h1>
<p>${escapeHtml(orders.length ? t.ordersIntro : t.noOrders)}</p>
${items ? `<ul class="orders">${items}</ul>` : ''}
</section>`,
  );
}

export const OTP_ERRORS: Record<Language, { phone: string; code: string }> = {
  en: {
    phone: 'Please enter a WhatsApp number with its country code, for example +20 100 123 4567.',
    code: 'That code is not right, or it has expired. Check the newest code we sent, or ask for a new one.',
  },
  ar: {
    phone: 'أدخل رقم واتساب مع مفتاح الدولة، مثل ‎+20 100 123 4567.',
    code: 'هذا الرمز غير صحيح أو انتهت صلاحيته. تحقق من أحدث رمز أرسلناه، أو اطلب رمزاً جديداً.',
  },
};
