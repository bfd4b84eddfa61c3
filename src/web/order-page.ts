// The server-rendered order page a guest reaches through a magic link: details, items, totals, cash on
// delivery, a status timeline, shipment, their requests, and (with an `update` link) what they may do.
// No scripts; every customer-provided value goes through escapeHtml and sits in its own <bdi>.
import { isFailureReason, type FailureReason } from '../orders/reasons.js';
import type { AvailableActions, CustomerRequest, Feedback } from '../orders/customer-requests.js';
import { requestPayload, TEXT_LIMITS } from '../orders/customer-requests.js';
import type { Language } from '../orders/language.js';
import type { LinkScope } from '../orders/links.js';
import { formatMoney } from '../orders/money.js';
import { formatDateTime, formatDay } from '../orders/dates.js';
import type { OrderStatus } from '../orders/status.js';
import { REQUEST_KIND_LABELS, requestStatusLabel } from '../flows/request-texts.js';
import { hasArabicScript } from '../orders/text.js';
import { statusLabel } from '../flows/seller-texts.js';
import type { Order, OrderEvent, OrderItem } from '../store/orders.js';
import { escapeHtml, page } from './html.js';


const STEPS: readonly OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'delivered'];

const EDIT_FIELDS: Record<Language, Record<string, string>> = {
  en: { address: 'delivery address', area: 'delivery area', qty: 'quantities', shipping: 'delivery fee', name: 'name', phone: 'phone number', description: 'description' },
  ar: { address: 'عنوان التوصيل', area: 'منطقة التوصيل', qty: 'الكميات', shipping: 'رسوم التوصيل', name: 'الاسم', phone: 'رقم الهاتف', description: 'الوصف' },
};

export const PAGE_TEXT = {
  en: {
    title: (n: number) => `Order #${n}`,
    otherLanguage: 'العربية',
    placed: 'Placed',
    items: 'Items',
    subtotal: 'Subtotal',
    delivery: 'Delivery',
    free: 'Free',
    total: 'Total',
    payment: 'Payment',
    cod: 'Cash on delivery',
    paid: { unpaid: 'not paid yet', paid: 'paid', refunded: 'refunded' } as Record<Order['paymentStatus'], string>,
    deliverTo: 'Delivery to',
    shipment: 'Shipment',
    courier: 'Courier',
    tracking: 'Tracking number',
    notShipped: 'Courier and tracking number will show here when the order ships.',
    cancelledNoShipment: 'This order was cancelled, so it will not be shipped.',
    deliveryFailed: (reason: FailureReason) =>
      `${{ customer_unavailable: 'The courier could not reach you.', refused: 'The delivery was refused.', other: 'The delivery did not succeed.' }[reason]} The store will arrange a new delivery or contact you. Check the address below, or message the store.`,
    nothingToPay: 'nothing to pay: the order was cancelled',
    timeline: 'Status history',
    stepLabel: (s: OrderStatus) => statusLabel(s, 'en'),
    event(e: OrderEvent): string | null {
      if (e.type === 'placed') return 'Order placed';
      if (e.type.startsWith('status:')) return `Status: ${statusLabel(e.type.slice(7) as OrderStatus, 'en')}`;
      if (e.type.startsWith('edit:')) return `The store changed the ${EDIT_FIELDS.en[e.type.slice(5)] ?? 'order'}`;
      const req = /^request:([a-z_]+)(?::(approved|declined))?$/.exec(e.type);
      if (req) {
        const kind = REQUEST_KIND_LABELS.en[req[1] as CustomerRequest['kind']] ?? req[1];
        if (req[1] === 'contact') return req[2] ? (req[2] === 'approved' ? 'The store answered your message' : 'The store closed your message') : 'You wrote to the store';
        return req[2] ? `The store ${req[2] === 'approved' ? 'accepted' : 'declined'} your ${kind} request` : `You sent ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind} request`;
      }
      if (e.type === 'feedback') return 'You rated the order';
      return null;
    },
    requests: 'Your requests',
    storeNote: 'The store says',
    newAddress: 'New address',
    yourRating: (s: string, o: string) => `Your rating: store ${s}/5, order ${o}/5`,
    actions: 'What you can do',
    viewOnly: 'This link shows your order. To make changes, message us on WhatsApp and use the link we send, or confirm your number:',
    viewOnlyLink: 'Confirm my number',
    confirmDelivery: 'I received my order',
    confirmDeliveryHint: 'Tell the store your order arrived.',
    rate: 'Rate your order',
    rateStore: 'The store',
    rateOrder: 'The order',
    comment: 'Comment (optional)',
    sendRating: 'Send my rating',
    changeAddress: 'Change the delivery address',
    addressLine: 'Street, building, floor and apartment',
    area: 'Area and city',
    addressHint: 'The store confirms the change before it applies.',
    addressPending: 'Your earlier address change is still waiting; a new one replaces it.',
    sendAddress: 'Ask for this address',
    cancelSelf: 'Cancel this order',
    cancelRequest: 'Ask the store to cancel',
    cancelSelfHint: 'The order is cancelled at once.',
    cancelRequestHint: 'The order is being prepared, so the store decides.',
    cancelConfirm: (n: number) => `Yes, cancel order #${n}`,
    reason: 'Reason (optional)',
    cancelButton: 'Cancel the order',
    cancelRequestButton: 'Send the request',
    cancelPending: 'Your cancellation request is waiting for the store.',
    returnTitle: 'Report a problem or ask for a return',
    returnKind: 'What would you like?',
    returnOption: 'Return the item',
    refundOption: 'Get my money back',
    problem: 'What is wrong?',
    returnUntil: (d: string) => `You can ask until ${d}.`,
    returnPending: 'Your return request is waiting for the store.',
    sendReturn: 'Send to the store',
    contact: 'Message the store',
    message: 'Your message',
    contactHint: 'Your message reaches the store on WhatsApp; they answer you there.',
    sendMessage: 'Send',
    chars: (min: number, max: number) => (min > 1 ? `${min} to ${max} characters` : `up to ${max} characters`),
  },
  ar: {
    title: (n: number) => `الطلب #${n}`,
    otherLanguage: 'English',
    placed: 'تاريخ الطلب',
    items: 'المنتجات',
    subtotal: 'الإجمالي الفرعي',
    delivery: 'التوصيل',
    free: 'مجاني',
    total: 'الإجمالي',
    payment: 'الدفع',
    cod: 'نقداً عند الاستلام',
    paid: { unpaid: 'لم يُدفع بعد', paid: 'مدفوع', refunded: 'مسترد' } as Record<Order['paymentStatus'], string>,
    deliverTo: 'التوصيل إلى',
    shipment: 'الشحن',
    courier: 'شركة الشحن',
    tracking: 'رقم التتبع',
    notShipped: 'ستظهر شركة الشحن ورقم التتبع هنا عند شحن الطلب.',
    cancelledNoShipment: 'تم إلغاء هذا الطلب، لذلك لن يُشحن.',
    deliveryFailed: (reason: FailureReason) =>
      `${{ customer_unavailable: 'لم يتمكن المندوب من الوصول إليك.', refused: 'تم رفض استلام الطلب.', other: 'لم يتم التوصيل.' }[reason]} سيرتب المتجر توصيلاً جديداً أو يتواصل معك. راجع العنوان أدناه، أو راسل المتجر.`,
    nothingToPay: 'لا شيء للدفع: تم إلغاء الطلب',
    timeline: 'سجل الحالة',
    stepLabel: (s: OrderStatus) => statusLabel(s, 'ar'),
    event(e: OrderEvent): string | null {
      if (e.type === 'placed') return 'تم تسجيل الطلب';
      if (e.type.startsWith('status:')) return `الحالة: ${statusLabel(e.type.slice(7) as OrderStatus, 'ar')}`;
      if (e.type.startsWith('edit:')) return `غيّر المتجر ${EDIT_FIELDS.ar[e.type.slice(5)] ?? 'الطلب'}`;
      const req = /^request:([a-z_]+)(?::(approved|declined))?$/.exec(e.type);
      if (req) {
        const kind = REQUEST_KIND_LABELS.ar[req[1] as CustomerRequest['kind']] ?? req[1];
        if (req[1] === 'contact') return req[2] ? (req[2] === 'approved' ? 'ردّ المتجر على رسالتك' : 'أغلق المتجر رسالتك') : 'راسلت المتجر';
        return req[2] ? `${req[2] === 'approved' ? 'وافق المتجر على' : 'رفض المتجر'} طلب ${kind}` : `أرسلت طلب ${kind}`;
      }
      if (e.type === 'feedback') return 'قيّمت الطلب';
      return null;
    },
    requests: 'طلباتك',
    storeNote: 'رد المتجر',
    newAddress: 'العنوان الجديد',
    yourRating: (s: string, o: string) => `تقييمك: المتجر ${s}/٥، الطلب ${o}/٥`,
    actions: 'ماذا يمكنك أن تفعل',
    viewOnly: 'هذا الرابط لعرض طلبك فقط. لإجراء تغييرات راسلنا على واتساب واستخدم الرابط الذي نرسله، أو أكّد رقمك:',
    viewOnlyLink: 'تأكيد رقمي',
    confirmDelivery: 'استلمت طلبي',
    confirmDeliveryHint: 'أخبر المتجر أن طلبك وصل.',
    rate: 'قيّم طلبك',
    rateStore: 'المتجر',
    rateOrder: 'الطلب',
    comment: 'تعليق (اختياري)',
    sendRating: 'إرسال التقييم',
    changeAddress: 'تغيير عنوان التوصيل',
    addressLine: 'الشارع والمبنى والدور والشقة',
    area: 'المنطقة والمدينة',
    addressHint: 'يؤكد المتجر التغيير قبل تطبيقه.',
    addressPending: 'طلب تغيير العنوان السابق ما زال بانتظار المتجر؛ الطلب الجديد يحل محله.',
    sendAddress: 'طلب هذا العنوان',
    cancelSelf: 'إلغاء هذا الطلب',
    cancelRequest: 'طلب الإلغاء من المتجر',
    cancelSelfHint: 'يُلغى الطلب فوراً.',
    cancelRequestHint: 'الطلب قيد التجهيز، لذلك يقرر المتجر.',
    cancelConfirm: (n: number) => `نعم، ألغِ الطلب #${n}`,
    reason: 'السبب (اختياري)',
    cancelButton: 'إلغاء الطلب',
    cancelRequestButton: 'إرسال الطلب',
    cancelPending: 'طلب الإلغاء بانتظار رد المتجر.',
    returnTitle: 'الإبلاغ عن مشكلة أو طلب إرجاع',
    returnKind: 'ماذا تريد؟',
    returnOption: 'إرجاع المنتج',
    refundOption: 'استرداد المبلغ',
    problem: 'ما المشكلة؟',
    returnUntil: (d: string) => `يمكنك الطلب حتى ${d}.`,
    returnPending: 'طلب الإرجاع بانتظار رد المتجر.',
    sendReturn: 'إرسال إلى المتجر',
    contact: 'راسل المتجر',
    message: 'رسالتك',
    contactHint: 'تصل رسالتك إلى المتجر على واتساب، ويرد عليك هناك.',
    sendMessage: 'إرسال',
    chars: (min: number, max: number) => (min > 1 ? `من ${min} إلى ${max} حرفاً` : `حتى ${max} حرفاً`),
  },
};

export interface OrderPageView {
  order: Order;
  items: readonly OrderItem[];
  events: readonly OrderEvent[];
  requests: readonly CustomerRequest[];
  feedback: Feedback | undefined;
  actions: AvailableActions;
  scope: LinkScope;
  language: Language;
  storeName: string;
  csrf: string;
  /** A banner at the top; a string is put in as it is (a marker the page cache fills in later). */
  notice?: { kind: 'ok' | 'error'; text: string } | string | undefined;
  /** What the customer typed, put back after a refusal. */
  draft?: Readonly<Record<string, string>> | undefined;
}

const bdi = (text: string) => `<bdi>${escapeHtml(text)}</bdi>`;
/** Counts in the page's digits, as prices and dates are (Arabic-Indic on an Arabic page). */
const num = (n: number, language: Language) => (language === 'ar' ? n.toLocaleString('ar-EG') : String(n));

export const renderNotice = (notice: { kind: 'ok' | 'error'; text: string }) => `<p class="notice ${notice.kind}" role="status">${escapeHtml(notice.text)}</p>`;

export function renderOrderPage(view: OrderPageView): string {
  const { order, language } = view;
  const t = PAGE_TEXT[language];
  const m = (minor: number) => escapeHtml(formatMoney(minor, order.currency, language));
  const other: Language = language === 'ar' ? 'en' : 'ar';
  const base = `/o/${escapeHtml(order.publicId)}`;

  const rows = view.items
    .map((i) => `<tr><td>${bdi(language === 'ar' ? i.nameAr : i.nameEn)} × ${num(i.quantity, language)}</td><td class="num">${m(i.lineTotalMinor)}</td></tr>`)
    .join('');

  const stepIndex = STEPS.indexOf(order.status);
  const steps =
    stepIndex >= 0
      ? `<ol class="steps">${STEPS.map((s, i) => `<li class="${i <= stepIndex ? 'done' : ''}">${escapeHtml(t.stepLabel(s))}</li>`).join('')}</ol>`
      : '';
  const timeline = view.events
    .map((e) => {
      const label = t.event(e);
      return label ? `<li><strong>${escapeHtml(label)}</strong><br><span class="muted">${escapeHtml(formatDateTime(e.at, language))}</span></li>` : '';
    })
    .join('');

  const shipment = order.courier
    ? `<p>${escapeHtml(t.courier)}: ${bdi(order.courier)}${order.trackingNumber ? `<br>${escapeHtml(t.tracking)}: <span class="ltr">${escapeHtml(order.trackingNumber)}</span>` : ''}</p>`
    : `<p class="muted">${escapeHtml(order.status === 'cancelled' ? t.cancelledNoShipment : t.notShipped)}</p>`;
  // A delivery that failed: why, and what happens next (the store ships again or cancels; the customer can help).
  const failed = order.status === 'failed_delivery' ? `<p class="notice">${escapeHtml(t.deliveryFailed(isFailureReason(order.failureReason) ? order.failureReason : 'other'))}</p>` : '';

  const notice = typeof view.notice === 'string' ? view.notice : view.notice ? renderNotice(view.notice) : '';

  const body = `
<div class="top"><span class="store">${bdi(view.storeName)}</span><a class="lang" href="${base}?lang=${other}" lang="${other}">${escapeHtml(t.otherLanguage)}</a></div>
<h1>${escapeHtml(t.title(order.number))} <span class="status ${escapeHtml(order.status)}">${escapeHtml(statusLabel(order.status, language))}</span></h1>
<p class="muted">${escapeHtml(t.placed)}: ${escapeHtml(formatDateTime(order.createdAt, language))}</p>
${notice}
<section class="card">
<h2>${escapeHtml(t.items)}</h2>
<table>
${rows}
<tr><td>${escapeHtml(t.subtotal)}</td><td class="num">${m(order.subtotalMinor)}</td></tr>
<tr><td>${escapeHtml(t.delivery)}</td><td class="num">${order.shippingMinor === 0 ? escapeHtml(t.free) : m(order.shippingMinor)}</td></tr>
<tr class="total"><td>${escapeHtml(t.total)}</td><td class="num">${m(order.totalMinor)}</td></tr>
</table>
</section>
<section class="card">
<h2>${escapeHtml(t.payment)}</h2>
<p>${escapeHtml(t.cod)} · ${
    order.status === 'cancelled' && order.paymentStatus === 'unpaid'
      ? `<span class="status">${escapeHtml(t.nothingToPay)}</span>`
      : `<span class="status ${order.paymentStatus === 'paid' ? '' : 'pending'}">${escapeHtml(t.paid[order.paymentStatus])}</span>`
  }</p>
</section>
<section class="card">
<h2>${escapeHtml(t.deliverTo)}</h2>
<p>${bdi(order.customerName)}<br>${bdi(order.addressLine)}<br>${bdi(order.area)}</p>
<h2>${escapeHtml(t.shipment)}</h2>
${failed}${shipment}
</section>
<section class="card">
<h2>${escapeHtml(t.timeline)}</h2>
${steps}
<ol class="timeline">${timeline}</ol>
</section>
${renderRequests(view)}
${renderActions(view, base)}`;
  return page(language, t.title(order.number), body);
}

function renderRequests(view: OrderPageView): string {
  const { language } = view;
  const t = PAGE_TEXT[language];
  const shown = view.requests.filter((r) => r.resolvedBy !== 'superseded');
  const rating =
    view.feedback?.sellerRating && view.feedback.orderRating
      ? `<p>${escapeHtml(t.yourRating(num(view.feedback.sellerRating, language), num(view.feedback.orderRating, language)))}</p>${view.feedback.comment ? `<p class="quote">${bdi(view.feedback.comment)}</p>` : ''}`
      : '';
  if (shown.length === 0 && !rating) return '';
  const items = shown
    .slice()
    .reverse()
    .map((r) => {
      const p = requestPayload(r);
      const detail =
        r.kind === 'address_change'
          ? `<p class="muted">${escapeHtml(t.newAddress)}:</p><p class="quote">${bdi(`${p.addressLine ?? ''}${hasArabicScript(`${p.addressLine ?? ''}${p.area ?? ''}`) ? '، ' : ', '}${p.area ?? ''}`)}</p>`
          : r.kind === 'contact'
            ? `<p class="quote">${bdi(p.message ?? '')}</p>`
            : r.kind === 'return' || r.kind === 'refund'
              ? `<p class="quote">${bdi(p.description ?? '')}</p>`
              : r.kind === 'cancellation' && p.reason
                ? `<p class="quote">${bdi(p.reason)}</p>`
                : '';
      const note = p.note ? `<p class="muted">${escapeHtml(t.storeNote)}:</p><p class="quote">${bdi(p.note)}</p>` : '';
      return `<li><strong>${escapeHtml(REQUEST_KIND_LABELS[language][r.kind])}</strong> <span class="status ${escapeHtml(r.status)}">${escapeHtml(requestStatusLabel(r.kind, r.status, language))}</span><br><span class="muted">${escapeHtml(formatDateTime(r.createdAt, language))}</span>${detail}${note}</li>`;
    })
    .join('');
  return `<section class="card"><h2>${escapeHtml(t.requests)}</h2>${rating}${items ? `<ul class="requests">${items}</ul>` : ''}</section>`;
}

function renderActions(view: OrderPageView, base: string): string {
  const { order, language, actions } = view;
  const t = PAGE_TEXT[language];
  if (view.scope !== 'update') {
    return `<section class="card"><p class="notice info">${escapeHtml(t.viewOnly)} <a href="/otp?lang=${language}">${escapeHtml(t.viewOnlyLink)}</a></p></section>`;
  }
  const d = (name: string) => escapeHtml(view.draft?.[name] ?? '');
  const hidden = `<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}"><input type="hidden" name="lang" value="${language}">`;
  const form = (action: string, inner: string) => `<form method="post" action="${base}/${action}">${hidden}${inner}</form>`;
  const openOf = (...kinds: CustomerRequest['kind'][]) => view.requests.some((r) => r.status === 'open' && kinds.includes(r.kind));
  const L = TEXT_LIMITS;
  const parts: string[] = [];

  if (actions.confirmDelivery) {
    parts.push(`<div class="card-inline"><p class="muted">${escapeHtml(t.confirmDeliveryHint)}</p>${form('delivered', `<button type="submit">${escapeHtml(t.confirmDelivery)}</button>`)}</div>`);
  }
  if (actions.rate) {
    const stars = (name: string) =>
      `<div class="stars">${[1, 2, 3, 4, 5]
        .map((n) => `<input type="radio" id="${name}-${n}" name="${name}" value="${n}" required${view.draft?.[name] === String(n) ? ' checked' : ''}><label for="${name}-${n}">${num(n, language)} ★</label>`)
        .join('')}</div>`;
    parts.push(
      `<details open><summary>${escapeHtml(t.rate)}</summary>${form(
        'rate',
        `<fieldset><legend>${escapeHtml(t.rateStore)}</legend>${stars('sellerRating')}</fieldset><fieldset><legend>${escapeHtml(t.rateOrder)}</legend>${stars('orderRating')}</fieldset><label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" maxlength="${L.comment.max}">${d('comment')}</textarea><button type="submit">${escapeHtml(t.sendRating)}</button>`,
      )}</details>`,
    );
  }
  if (actions.addressChange) {
    parts.push(
      `<details><summary>${escapeHtml(t.changeAddress)}</summary>${form(
        'address',
        `<p class="muted">${escapeHtml(openOf('address_change') ? t.addressPending : t.addressHint)}</p><label for="addressLine">${escapeHtml(t.addressLine)}</label><input type="text" id="addressLine" name="addressLine" required minlength="${L.addressLine.min}" maxlength="${L.addressLine.max}" autocomplete="street-address" value="${d('addressLine')}"><label for="area">${escapeHtml(t.area)}</label><input type="text" id="area" name="area" required minlength="${L.area.min}" maxlength="${L.area.max}" value="${d('area')}"><button type="submit">${escapeHtml(t.sendAddress)}</button>`,
      )}</details>`,
    );
  }
  if (actions.cancel !== 'none') {
    const self = actions.cancel === 'self';
    parts.push(
      openOf('cancellation')
        ? `<p class="notice info">${escapeHtml(t.cancelPending)}</p>`
        : `<details><summary>${escapeHtml(self ? t.cancelSelf : t.cancelRequest)}</summary>${form(
            'cancel',
            `<p class="muted">${escapeHtml(self ? t.cancelSelfHint : t.cancelRequestHint)}</p><label for="reason">${escapeHtml(t.reason)}</label><textarea id="reason" name="reason" maxlength="${L.reason.max}">${d('reason')}</textarea><label class="check"><input type="checkbox" name="confirm" value="yes" required> ${escapeHtml(t.cancelConfirm(order.number))}</label><button type="submit" class="danger">${escapeHtml(self ? t.cancelButton : t.cancelRequestButton)}</button>`,
          )}</details>`,
    );
  }
  if (actions.returnRequest.ok) {
    const until = actions.returnRequest.until;
    parts.push(
      openOf('return', 'refund')
        ? `<p class="notice info">${escapeHtml(t.returnPending)}</p>`
        : `<details><summary>${escapeHtml(t.returnTitle)}</summary>${form(
            'return',
            `<p class="muted">${escapeHtml(t.returnUntil(formatDay(until, language)))}</p><label for="kind">${escapeHtml(t.returnKind)}</label><select id="kind" name="kind"><option value="return">${escapeHtml(t.returnOption)}</option><option value="refund"${view.draft?.kind === 'refund' ? ' selected' : ''}>${escapeHtml(t.refundOption)}</option></select><label for="description">${escapeHtml(t.problem)}</label><textarea id="description" name="description" required minlength="${L.description.min}" maxlength="${L.description.max}">${d('description')}</textarea><button type="submit">${escapeHtml(t.sendReturn)}</button>`,
          )}</details>`,
    );
  }
  if (actions.contact) {
    parts.push(
      `<details><summary>${escapeHtml(t.contact)}</summary>${form(
        'contact',
        `<p class="muted">${escapeHtml(t.contactHint)}</p><label for="message">${escapeHtml(t.message)}</label><textarea id="message" name="message" required maxlength="${L.message.max}">${d('message')}</textarea><button type="submit" class="secondary">${escapeHtml(t.sendMessage)}</button>`,
      )}</details>`,
    );
  }
  return `<section class="card"><h2>${escapeHtml(t.actions)}</h2>${parts.join('\n')}</section>`;
}
