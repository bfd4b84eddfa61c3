// WhatsApp messages about customer requests (address change, cancellation, contact, delivery
// confirmation, return, refund), ratings, order links and one-time codes, in Arabic and English.
// Pure functions of domain values; the caller puts them in the outbox.
import type { CustomerRequest, CustomerRequestKind, Feedback, RequestPayload } from '../orders/customer-requests.js';
import { formatCustomerRequestId } from '../orders/request-ids.js';
import type { Language } from '../orders/language.js';
import type { OrderStatus } from '../orders/status.js';
import type { Order } from '../store/orders.js';
import { statusLabel } from './seller-texts.js';

/** Customer words quoted to someone else: no bidi overrides or isolates of their own, kept in one isolate. */
export function quoteUserText(text: string): string {
  return `\u2068${text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')}\u2069`;
}

/** A command inside Arabic text stays left-to-right. */
const cmd = (text: string, language: Language) => (language === 'ar' ? `\u2066${text}\u2069` : text);

export const REQUEST_KIND_LABELS: Record<Language, Record<CustomerRequestKind, string>> = {
  en: {
    address_change: 'address change',
    cancellation: 'cancellation',
    contact: 'message',
    delivery_confirmation: 'delivery confirmation',
    return: 'return',
    refund: 'refund',
  },
  ar: {
    address_change: 'تغيير العنوان',
    cancellation: 'إلغاء الطلب',
    contact: 'رسالة',
    delivery_confirmation: 'تأكيد الاستلام',
    return: 'إرجاع',
    refund: 'استرداد المبلغ',
  },
};

export const REQUEST_STATUS_LABELS: Record<Language, Record<CustomerRequest['status'], string>> = {
  en: { open: 'waiting for the store', approved: 'accepted', declined: 'declined' },
  ar: { open: 'بانتظار رد المتجر', approved: 'مقبول', declined: 'مرفوض' },
};

/** A request's state as the customer reads it: a message to the store is answered or closed, not accepted. */
export function requestStatusLabel(kind: CustomerRequestKind, status: CustomerRequest['status'], language: Language): string {
  if (kind !== 'contact') return REQUEST_STATUS_LABELS[language][status];
  const labels = language === 'ar' ? { open: 'بانتظار الرد', approved: 'تم الرد', declined: 'مغلقة' } : { open: 'waiting for an answer', approved: 'answered', declined: 'closed' };
  return labels[status];
}

const who = (order: Pick<Order, 'customerName'>) => quoteUserText(order.customerName);

/** What the customer asks, as a verb phrase before "order #1001". */
const ASKS: Record<Language, Record<CustomerRequestKind, string>> = {
  en: {
    address_change: 'asks to change the delivery address of',
    cancellation: 'asks to cancel',
    contact: 'writes about',
    delivery_confirmation: 'confirms the delivery of',
    return: 'asks to return',
    refund: 'asks for a refund of',
  },
  ar: {
    address_change: 'يطلب تغيير عنوان توصيل',
    cancellation: 'يطلب إلغاء',
    contact: 'يكتب بخصوص',
    delivery_confirmation: 'يؤكد استلام',
    return: 'يطلب إرجاع',
    refund: 'يطلب استرداد مبلغ',
  },
};

/** The details of a request, as the seller reads them. */
function requestBody(request: CustomerRequest, payload: RequestPayload, language: Language): string {
  const ar = language === 'ar';
  switch (request.kind) {
    case 'address_change':
      return [
        ar ? 'العنوان الحالي:' : 'Current address:',
        payload.before ? quoteUserText(`${payload.before.addressLine}, ${payload.before.area}`) : '-',
        ar ? 'العنوان الجديد:' : 'New address:',
        quoteUserText(`${payload.addressLine ?? ''}, ${payload.area ?? ''}`),
      ].join('\n');
    case 'cancellation':
      return payload.reason ? `${ar ? 'السبب' : 'Reason'}: ${quoteUserText(payload.reason)}` : ar ? 'بدون سبب.' : 'No reason given.';
    case 'contact':
      return quoteUserText(payload.message ?? '');
    case 'return':
    case 'refund':
      return `${ar ? 'المشكلة' : 'Problem'}: ${quoteUserText(payload.description ?? '')}`;
    case 'delivery_confirmation':
      return '';
  }
}

const en = {
  // --- to sellers ---
  sellerNewRequest(order: Order, request: CustomerRequest, payload: RequestPayload): string {
    const id = formatCustomerRequestId(request.id);
    const head =
      request.kind === 'contact'
        ? `💬 Message ${id} from ${who(order)} about order #${order.number}:`
        : `📝 Request ${id}: ${who(order)} ${ASKS.en[request.kind]} order #${order.number} (${statusLabel(order.status, 'en')}).`;
    const how =
      request.kind === 'contact'
        ? `Answer it with /approve ${id} <your answer>, or close it with /decline ${id}.`
        : request.kind === 'cancellation'
          ? `/approve ${id} cancels the order and puts the stock back; /decline ${id} <reason> keeps it.`
          : `Reply /approve ${id} [note] to accept, or /decline ${id} <reason>.`;
    return [head, requestBody(request, payload, 'en'), how].filter(Boolean).join('\n');
  },
  sellerCustomerCancelled: (order: Order, reason: string | null) =>
    `❌ Order #${order.number} was cancelled by the customer ${who(order)}, as your policy allows.${reason ? `\nReason: ${quoteUserText(reason)}` : ''}${order.type === 'catalog' ? '\nIts stock was put back.' : ''}`,
  sellerDeliveryConfirmed: (order: Order) => `📦 ${who(order)} confirmed that order #${order.number} arrived. It is now delivered.`,
  sellerFeedback: (order: Order, feedback: Feedback) =>
    `⭐ Order #${order.number} was rated by ${who(order)}: store ${feedback.sellerRating}/5, order ${feedback.orderRating}/5.${feedback.comment ? `\n${quoteUserText(feedback.comment)}` : ''}`,
  sellerLinkRevoked: (order: Pick<Order, 'number'>, networks: number, resent: boolean) =>
    `🔒 The link to order #${order.number} was opened from ${networks} different networks, so it was turned off.${resent ? ' The customer got a new link on WhatsApp.' : ''}`,
  sellerRevokedLinkReused: (order: Pick<Order, 'number'>) => `🔒 Someone tried the turned-off link to order #${order.number} again. It stays off.`,
  sellerGuessingAlert: (count: number) => `🔒 ${count} invalid order links were tried in the last minutes. The addresses trying them are blocked for a while.`,

  // --- seller command answers ---
  listHeader: (status: string, page: number, pages: number, total: number) => `Customer requests (${status}), page ${page} of ${pages}, ${total} in all:`,
  listLine: (request: CustomerRequest, order: Pick<Order, 'number'> | undefined) =>
    `${formatCustomerRequestId(request.id)} · #${order?.number ?? '?'} · ${REQUEST_KIND_LABELS.en[request.kind]} · ${REQUEST_STATUS_LABELS.en[request.status]} · ${request.createdAt.slice(0, 16).replace('T', ' ')}`,
  listEmpty: (status: string) => `No customer requests (${status}).`,
  listFooter: () => 'Answer with /approve <id> [note] or /decline <id> [reason].',
  approved: (request: CustomerRequest, order: Order, effect: 'cancelled' | 'address_changed' | 'none') =>
    `✅ ${formatCustomerRequestId(request.id)} accepted.${
      effect === 'cancelled' ? ` Order #${order.number} is cancelled${order.type === 'catalog' ? ' and its stock put back' : ''}.` : effect === 'address_changed' ? ` Order #${order.number} now goes to ${quoteUserText(`${order.addressLine}, ${order.area}`)}.` : ''
    } The customer has been told.`,
  feeDiffers: (order: Order, feeText: string, currentText: string) =>
    `\nThe delivery fee for ${quoteUserText(order.area)} is ${feeText}; the order still has ${currentText}. To charge the area's fee: /edit ${order.number} shipping <amount>`,
  declined: (request: CustomerRequest) => `${formatCustomerRequestId(request.id)} declined. The customer has been told.`,
  requestNotFound: (id: number) => `There is no customer request ${formatCustomerRequestId(id)}. Send /customer-requests to see the open ones.`,
  alreadyResolved: (request: CustomerRequest) =>
    `${formatCustomerRequestId(request.id)} is already ${REQUEST_STATUS_LABELS.en[request.status]}${request.resolvedBy ? ` (by ${request.resolvedBy})` : ''}.`,
  cannotApprove: (request: CustomerRequest, order: Order, status: OrderStatus) =>
    `${formatCustomerRequestId(request.id)} cannot be accepted: order #${order.number} is ${statusLabel(status, 'en')} now. Decline it with /decline ${formatCustomerRequestId(request.id)} <reason>.`,
  noteTooLong: (max: number) => `The note is too long: at most ${max} characters.`,

  // --- to customers ---
  customerRequestReceived: (orderNumber: number, kind: CustomerRequestKind) =>
    kind === 'contact'
      ? `We passed your message about order #${orderNumber} to the store. They will answer you here.`
      : `We got your ${REQUEST_KIND_LABELS.en[kind]} request for order #${orderNumber}. The store will answer you here.\nIf this was not you, tell us in this chat.`,
  customerCancelled: (orderNumber: number) => `Your order #${orderNumber} is cancelled, as you asked.`,
  customerDeliveryConfirmed: (orderNumber: number) => `Thank you for confirming that order #${orderNumber} arrived! 📦`,
  customerThanksForFeedback: (orderNumber: number) => `Thank you for rating order #${orderNumber}! ⭐`,
  customerResolved(order: Order, request: CustomerRequest, note: string | null): string {
    const n = order.number;
    const extra = note ? `\n${request.kind === 'contact' ? '' : 'Note: '}${quoteUserText(note)}` : '';
    if (request.status === 'approved') {
      switch (request.kind) {
        case 'address_change':
          return `The store changed the delivery address of order #${n} to: ${quoteUserText(`${order.addressLine}, ${order.area}`)} ✅${extra}`;
        case 'cancellation':
          return `Your order #${n} is cancelled, as you asked.${extra}`;
        case 'contact':
          return note ? `The store answered your message about order #${n}:${extra}` : `The store read your message about order #${n}.`;
        case 'return':
        case 'refund':
          return `The store accepted your ${REQUEST_KIND_LABELS.en[request.kind]} request for order #${n}. They will contact you to arrange it.${extra}`;
        case 'delivery_confirmation':
          return `Order #${n} is marked delivered.${extra}`;
      }
    }
    return request.kind === 'contact'
      ? `The store closed your message about order #${n}.${extra}`
      : `The store could not accept your ${REQUEST_KIND_LABELS.en[request.kind]} request for order #${n}.${note ? `\nReason: ${quoteUserText(note)}` : ''}`;
  },
  freshLink: (orderNumber: number, url: string) => `Here is a new link to your order #${orderNumber}:\n${url}\nIt replaces the older links. Do not share it.`,
  linkTurnedOff: (orderNumber: number, url: string) =>
    `To keep your order #${orderNumber} safe we turned off its link: it was opened from several different networks. Here is a new one, only for you:\n${url}`,
  otpCode: (code: string, storeName: string) => `${code} is your ${storeName} code to open your orders. It works for 10 minutes. Never share it: the store will never ask you for it.`,
};

const ar: typeof en = {
  sellerNewRequest(order, request, payload) {
    const id = formatCustomerRequestId(request.id);
    const head =
      request.kind === 'contact'
        ? `💬 رسالة ${cmd(id, 'ar')} من ${who(order)} بخصوص الطلب #${order.number}:`
        : `📝 طلب ${cmd(id, 'ar')}: ${who(order)} ${ASKS.ar[request.kind]} الطلب #${order.number} (${statusLabel(order.status, 'ar')}).`;
    const how =
      request.kind === 'contact'
        ? `للرد أرسل ${cmd(`/approve ${id} <ردك>`, 'ar')}، أو أغلقها بـ ${cmd(`/decline ${id}`, 'ar')}.`
        : request.kind === 'cancellation'
          ? `${cmd(`/approve ${id}`, 'ar')} يلغي الطلب ويعيد المخزون، و${cmd(`/decline ${id} <السبب>`, 'ar')} يبقيه.`
          : `للموافقة أرسل ${cmd(`/approve ${id} [ملاحظة]`, 'ar')}، أو للرفض ${cmd(`/decline ${id} <السبب>`, 'ar')}.`;
    return [head, requestBody(request, payload, 'ar'), how].filter(Boolean).join('\n');
  },
  sellerCustomerCancelled: (order, reason) =>
    `❌ ألغى العميل ${who(order)} الطلب #${order.number} كما تسمح سياستك.${reason ? `\nالسبب: ${quoteUserText(reason)}` : ''}${order.type === 'catalog' ? '\nتمت إعادة المخزون.' : ''}`,
  sellerDeliveryConfirmed: (order) => `📦 أكد ${who(order)} استلام الطلب #${order.number}. حالته الآن: تم التوصيل.`,
  sellerFeedback: (order, feedback) =>
    `⭐ قيّم ${who(order)} الطلب #${order.number}: المتجر ${feedback.sellerRating}/5، الطلب ${feedback.orderRating}/5.${feedback.comment ? `\n${quoteUserText(feedback.comment)}` : ''}`,
  sellerLinkRevoked: (order, networks, resent) =>
    `🔒 فُتح رابط الطلب #${order.number} من ${networks} شبكات مختلفة، فتم إيقافه.${resent ? ' وصل العميل رابط جديد على واتساب.' : ''}`,
  sellerRevokedLinkReused: (order) => `🔒 حاول أحدهم فتح الرابط الموقوف للطلب #${order.number} مرة أخرى. سيبقى موقوفاً.`,
  sellerGuessingAlert: (count) => `🔒 تمت تجربة ${count} رابط طلب غير صالح في الدقائق الأخيرة. تم حظر العناوين التي تجربها لفترة.`,

  listHeader: (status, page, pages, total) => `طلبات العملاء (${status})، صفحة ${page} من ${pages}، ${total} إجمالاً:`,
  listLine: (request, order) =>
    `${cmd(formatCustomerRequestId(request.id), 'ar')} · #${order?.number ?? '?'} · ${REQUEST_KIND_LABELS.ar[request.kind]} · ${REQUEST_STATUS_LABELS.ar[request.status]} · ${request.createdAt.slice(0, 16).replace('T', ' ')}`,
  listEmpty: (status) => `لا توجد طلبات عملاء (${status}).`,
  listFooter: () => `للرد: ${cmd('/approve <id> [ملاحظة]', 'ar')} أو ${cmd('/decline <id> [السبب]', 'ar')}.`,
  approved: (request, order, effect) =>
    `✅ تمت الموافقة على ${cmd(formatCustomerRequestId(request.id), 'ar')}.${
      effect === 'cancelled'
        ? ` تم إلغاء الطلب #${order.number}${order.type === 'catalog' ? ' وإعادة المخزون' : ''}.`
        : effect === 'address_changed'
          ? ` الطلب #${order.number} سيُوصَّل الآن إلى ${quoteUserText(`${order.addressLine}، ${order.area}`)}.`
          : ''
    } تم إبلاغ العميل.`,
  feeDiffers: (order, feeText, currentText) =>
    `\nرسوم التوصيل إلى ${quoteUserText(order.area)} هي ${feeText}، والطلب ما زال بـ ${currentText}. لتطبيق رسوم المنطقة: ${cmd(`/edit ${order.number} shipping <المبلغ>`, 'ar')}`,
  declined: (request) => `تم رفض ${cmd(formatCustomerRequestId(request.id), 'ar')}. تم إبلاغ العميل.`,
  requestNotFound: (id) => `لا يوجد طلب عميل ${cmd(formatCustomerRequestId(id), 'ar')}. أرسل ${cmd('/customer-requests', 'ar')} لعرض الطلبات المفتوحة.`,
  alreadyResolved: (request) =>
    `${cmd(formatCustomerRequestId(request.id), 'ar')} حالته بالفعل: ${REQUEST_STATUS_LABELS.ar[request.status]}${request.resolvedBy ? ` (${cmd(request.resolvedBy, 'ar')})` : ''}.`,
  cannotApprove: (request, order, status) =>
    `لا يمكن قبول ${cmd(formatCustomerRequestId(request.id), 'ar')}: الطلب #${order.number} حالته الآن ${statusLabel(status, 'ar')}. ارفضه بـ ${cmd(`/decline ${formatCustomerRequestId(request.id)} <السبب>`, 'ar')}.`,
  noteTooLong: (max) => `الملاحظة طويلة جداً: ${max} حرفاً على الأكثر.`,

  customerRequestReceived: (orderNumber, kind) =>
    kind === 'contact'
      ? `وصلت رسالتك بخصوص الطلب #${orderNumber} إلى المتجر، وسيرد عليك هنا.`
      : `وصلنا طلب ${REQUEST_KIND_LABELS.ar[kind]} للطلب #${orderNumber}. سيرد عليك المتجر هنا.\nإن لم تكن أنت من أرسله، أخبرنا في هذه المحادثة.`,
  customerCancelled: (orderNumber) => `تم إلغاء طلبك رقم #${orderNumber} كما طلبت.`,
  customerDeliveryConfirmed: (orderNumber) => `شكراً لتأكيد استلام الطلب #${orderNumber}! 📦`,
  customerThanksForFeedback: (orderNumber) => `شكراً لتقييمك الطلب #${orderNumber}! ⭐`,
  customerResolved(order, request, note) {
    const n = order.number;
    const extra = note ? `\n${request.kind === 'contact' ? '' : 'ملاحظة: '}${quoteUserText(note)}` : '';
    if (request.status === 'approved') {
      switch (request.kind) {
        case 'address_change':
          return `غيّر المتجر عنوان توصيل الطلب #${n} إلى: ${quoteUserText(`${order.addressLine}، ${order.area}`)} ✅${extra}`;
        case 'cancellation':
          return `تم إلغاء طلبك رقم #${n} كما طلبت.${extra}`;
        case 'contact':
          return note ? `رد المتجر على رسالتك بخصوص الطلب #${n}:${extra}` : `قرأ المتجر رسالتك بخصوص الطلب #${n}.`;
        case 'return':
        case 'refund':
          return `وافق المتجر على طلب ${REQUEST_KIND_LABELS.ar[request.kind]} للطلب #${n}، وسيتواصل معك لترتيبه.${extra}`;
        case 'delivery_confirmation':
          return `تم تسجيل الطلب #${n} كمُستلَم.${extra}`;
      }
    }
    return request.kind === 'contact'
      ? `أغلق المتجر رسالتك بخصوص الطلب #${n}.${extra}`
      : `لم يتمكن المتجر من قبول طلب ${REQUEST_KIND_LABELS.ar[request.kind]} للطلب #${n}.${note ? `\nالسبب: ${quoteUserText(note)}` : ''}`;
  },
  freshLink: (orderNumber, url) => `هذا رابط جديد لطلبك رقم #${orderNumber}:\n${url}\nيحل محل الروابط السابقة. لا تشاركه مع أحد.`,
  linkTurnedOff: (orderNumber, url) =>
    `حفاظاً على طلبك رقم #${orderNumber} أوقفنا رابطه لأنه فُتح من عدة شبكات مختلفة. هذا رابط جديد لك وحدك:\n${url}`,
  otpCode: (code, storeName) => `${code} هو رمز ${storeName} لفتح طلباتك. صالح لمدة ١٠ دقائق. لا تشاركه مع أحد: المتجر لن يطلبه منك أبداً.`,
};

export const requestTexts: Record<Language, typeof en> = { en, ar };
