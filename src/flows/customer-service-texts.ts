// Customer messages beyond the catalog: custom requests, quotes, my orders, order actions,
// talking to the store, registering. Arabic and English.
import { formatDateTime } from '../orders/dates.js';
import type { Language } from '../orders/language.js';
import { formatDays } from '../orders/duration.js';
import { formatMoney } from '../orders/money.js';
import { statusLabel } from './seller-texts.js';
import type { OrderView, QuoteView } from './customer/types.js';
import { numbered, OPTION_LABELS } from './option-labels.js';

const when = (iso: string, language: Language) => formatDateTime(iso, language);
const requestNo = (n: number) => `R-${n}`;

export type OrderActionOutcome =
  | 'cancelled'
  | 'cancel_requested'
  | 'cancel_refused_shipped'
  | 'cancel_refused_custom'
  | 'cancel_refused_final'
  | 'cancel_already_requested'
  | 'delivery_confirmed'
  | 'delivery_not_shipped'
  | 'delivery_already'
  | 'return_requested'
  | 'return_refused_not_delivered'
  | 'return_refused_policy'
  | 'return_refused_window'
  | 'return_already_requested'
  | 'feedback_saved'
  | 'feedback_not_delivered'
  | 'feedback_already';

const en = {
  requestDescribe: () =>
    'Custom order ✍️\nDescribe what you would like us to make or find for you: size, colour, material, anything that matters. You can also send photos.',
  requestDescriptionInvalid: () => 'Please describe the item in words (5 to 1000 characters).',
  requestQuantity: () => 'How many pieces? Reply with a number, for example 1.',
  requestQuantityInvalid: () => 'Please reply with the number of pieces, from 1 to 1000.',
  requestBudget: () => 'Do you have a budget? Send the amount (for example 500), or "skip".',
  requestBudgetInvalid: () => 'Please send the budget as a number (for example 500 or 499.50), or "skip".',
  requestPhotos: (count: number) =>
    count === 0
      ? 'You can send reference photos now (up to 5). Send "done" when you have finished, or "skip" if you have none.'
      : count >= 5
        ? 'Photo received (5/5), the most we keep. Send "done" to continue.'
        : `Photo received (${count}/5). Send more, or "done" when you have finished.`,
  requestPhotoRefused: (reason: 'too_large' | 'unsupported' | 'failed'): string =>
    reason === 'too_large'
      ? 'That photo is too large (5 MB at most). Please send a smaller one.'
      : reason === 'unsupported'
        ? 'Please send photos (JPEG, PNG or WebP).'
        : 'We could not receive that photo. Please send it again.',
  requestPhotosFull: () => 'You have sent 5 photos, the most we keep. Send "done" to continue.',
  requestPhotoThenDescribe: (count: number) => `Photo received (${count}/5). Now describe in words what you would like.`,
  requestPhotoKept: (count: number) => `Photo received (${count}/5).`,
  requestPhotosSoFar: (count: number) => `You have sent ${count} of at most 5 photos. Send more, or "done" when you have finished.`,
  requestSummary: (d: { description: string; quantity: number; budget: string | null; photos: number }) =>
    `Please check your request:\n${d.description}\nQuantity: ${d.quantity}\nBudget: ${d.budget ?? 'not given'}\nPhotos: ${d.photos}\n\n${numbered(OPTION_LABELS.request.en)}`,
  requestSent: (number: number) =>
    `Your request ${requestNo(number)} is sent. ✅ The store will reply here with a price and delivery time.`,
  requestCancelled: () => 'Request cancelled. Nothing was sent.',
  requestRejected: (number: number, reason: string | null) =>
    `Sorry, the store cannot take your request ${requestNo(number)}.${reason ? ` Their note: ${reason}` : ''} You can send another request from the menu.`,
  quoteOffer: (q: QuoteView, language: Language) =>
    [
      `💬 Quote for your request ${requestNo(q.requestNumber)}:`,
      q.description,
      `Price: ${formatMoney(q.priceMinor, q.currency, language)}`,
      ...(q.deliveryDays !== null ? [`Delivery time: ${formatDays(q.deliveryDays, 'en')}`] : []),
      ...(q.notes ? [`Notes: ${q.notes}`] : []),
      `This offer is valid until ${when(q.expiresAt, language)}.`,
      '',
      numbered(OPTION_LABELS.quote.en),
    ].join('\n'),
  quoteRejectReason: () => 'Sorry it did not suit you. Tell us why in a few words (optional), or send "skip".',
  quoteChangesAsk: () => 'What would you like changed? Your words go to the store.',
  quoteChangesInvalid: () => 'Please write what you would like changed (2 to 1000 characters).',
  quoteAccepted: (orderNumber: number, totalText: string, link: string) =>
    `Thank you! 🎉 Your custom order #${orderNumber} is placed (${totalText}, cash on delivery). The store will confirm it here. Your order page: ${link}`,
  quoteRejected: () => 'Understood. We told the store you declined this quote.',
  quoteChangesSent: () => 'Your words are with the store. They will send you a new quote here.',
  quoteExpired: (number: number) =>
    `Sorry, the quote for ${requestNo(number)} has expired. Choose "Custom order" in the menu to send a new request, or talk to the store.`,
  quoteClosed: () => 'This quote is no longer open. Send 0 for the main menu.',
  quoteAcceptCheckout: () => 'Great! Now the delivery details.',
  quoteSummary: (q: QuoteView, fee: number, d: { name: string; address: string; area: string }, language: Language) =>
    [
      `Please check your custom order (${requestNo(q.requestNumber)}):`,
      q.description,
      `Price: ${formatMoney(q.priceMinor, q.currency, language)}`,
      `Delivery: ${fee === 0 ? 'free' : formatMoney(fee, q.currency, language)}`,
      `Total: ${formatMoney(q.priceMinor + fee, q.currency, language)} (cash on delivery)`,
      '',
      `Name: ${d.name}`,
      `Address: ${d.address}, ${d.area}`,
      '',
      numbered(OPTION_LABELS.quoteConfirm.en),
    ].join('\n'),
  useLastAddress: (address: string, area: string) => `\nReply 1 to use your last address: ${address}, ${area}`,
  openQuoteHint: (number: number) => `\n\n💬 A quote for ${requestNo(number)} is waiting for your answer: send "quote" to see it.`,
  myOrdersNone: () => 'You have no orders yet.',
  myOrdersPick: () => 'Reply with an order number (for example 1001) to cancel, track or rate it. 0 for the main menu.',
  orderNotYours: () => 'There is no order with that number among your orders. Reply with one of the numbers above.',
  orderActions: (o: OrderView, language: Language) =>
    `Order #${o.number} — ${statusLabel(o.status, language)}, ${formatMoney(o.totalMinor, o.currency, language)}\n${numbered(OPTION_LABELS.orderActions.en)}\n0. Main menu`,
  orderLink: (number: number, link: string) => `Order #${number}: ${link}`,
  returnReason: () => 'What is wrong with the order? Describe the problem in a few words.',
  returnReasonInvalid: () => 'Please describe the problem (5 to 1000 characters).',
  returnPhotos: (count: number) =>
    count === 0
      ? 'You can send photos of the problem now (up to 5), then "done". Or "skip".'
      : count >= 5
        ? 'Photo received (5/5), the most we keep. Send "done" to continue.'
        : `Photo received (${count}/5). More, or "done".`,
  rateSeller: () => 'How was the store? Reply from 1 (poor) to 5 (excellent).',
  rateOrder: () => 'And the order itself? Reply from 1 to 5.',
  rateComment: () => 'Anything you would like to add? Send a short comment, or "skip".',
  rateInvalid: () => 'Please reply with a number from 1 to 5.',
  feedbackAsk: (number: number) => `Your order #${number} was delivered. 🎁 Would you rate it? It takes ten seconds (0 skips).`,
  reorderCatalog: (skipped: number, reduced: number) =>
    (skipped === 0 ? 'The items of that order are in your cart at today\'s prices.' : `The items still available are in your cart at today's prices (${skipped} no longer available).`) +
    (reduced === 0 ? '' : ` ${reduced === 1 ? 'One item has' : `${reduced} items have`} a smaller quantity than before: only that many can be ordered now.`),
  reorderNothing: () => 'None of the items of that order is available now.',
  reorderCustom: () => 'A new request with the description and quantity of your earlier one (its budget and photos are not copied). Check it:',
  outcome: (o: OrderActionOutcome, number: number): string =>
    ({
      cancelled: `Your order #${number} is cancelled. ✅`,
      cancel_requested: `We asked the store to cancel order #${number}. We will tell you their answer here.`,
      cancel_refused_shipped: `Order #${number} has already been shipped, so it can no longer be cancelled. You can report a problem or ask for a return after delivery.`,
      cancel_refused_custom: `Order #${number} is a confirmed custom order; the store does not take cancellations for it. Talk to the store if something is wrong.`,
      cancel_refused_final: `Order #${number} is already closed and cannot be cancelled.`,
      cancel_already_requested: `A cancellation of order #${number} is already waiting for the store's answer.`,
      delivery_confirmed: `Thank you for confirming that you received order #${number}. ✅`,
      delivery_not_shipped: `Order #${number} has not been shipped yet, so it cannot be marked as received.`,
      delivery_already: `Order #${number} is already marked as delivered.`,
      return_requested: `Your report about order #${number} is with the store. They will answer here.`,
      return_refused_not_delivered: `Order #${number} has not been delivered yet. A return can be asked for after delivery.`,
      return_refused_policy: `Sorry, the store does not take returns for order #${number}. Talk to the store if something is wrong.`,
      return_refused_window: `Sorry, the return period for order #${number} has ended. Talk to the store if something is wrong.`,
      return_already_requested: `A report about order #${number} is already waiting for the store's answer.`,
      feedback_saved: `Thank you for your rating! 🌟`,
      feedback_not_delivered: `You can rate order #${number} once it has been delivered.`,
      feedback_already: `You have already rated order #${number}. Thank you!`,
    })[o],
  handoffStarted: (minutes: number) =>
    `Okay, a person from the store will answer you here. 🙋 The assistant stays quiet in this chat until they finish (at most ${minutes} minutes).`,
  handoffEnded: () => 'The store team has finished. The assistant is back: send 0 for the main menu.',
  blocked: () => 'Sorry, this store is not taking orders from this number.',
  registerName: () => 'Register ✍️\nWhat is your full name?',
  registerEmail: () => 'Your email address (optional): send it, or "skip".',
  registerEmailInvalid: () => 'That does not look like an email address. Send it again, or "skip".',
  registered: (moved: number) =>
    `You are registered. ✅${moved > 0 ? ` Your ${moved} earlier order${moved === 1 ? '' : 's'} and requests are now in your account.` : ''}`,
  registerNoPhone: () => 'We could not read your phone number, so we cannot register you from this chat. Please talk to the store.',
  alreadyRegistered: (name: string) => `You are already registered as ${name}. ✅`,
};

const ar: typeof en = {
  requestDescribe: () => 'طلب خاص ✍️\nاكتب وصفاً لما تريد أن نصنعه أو نوفره لك: المقاس واللون والخامة وأي تفاصيل مهمة. يمكنك أيضاً إرسال صور.',
  requestDescriptionInvalid: () => 'من فضلك اكتب وصف المنتج (من 5 إلى 1000 حرف).',
  requestQuantity: () => 'كم قطعة؟ أرسل رقماً، مثلاً 1.',
  requestQuantityInvalid: () => 'من فضلك أرسل عدد القطع، من 1 إلى 1000.',
  requestBudget: () => 'هل لديك ميزانية؟ أرسل المبلغ (مثلاً 500)، أو "تخطي".',
  requestBudgetInvalid: () => 'من فضلك أرسل الميزانية كرقم (مثلاً 500 أو 499.50)، أو "تخطي".',
  requestPhotos: (count) =>
    count === 0
      ? 'يمكنك إرسال صور توضيحية الآن (حتى 5 صور). أرسل "تم" عند الانتهاء، أو "تخطي" إن لم يكن لديك صور.'
      : count >= 5
        ? 'وصلت الصورة (5/5)، وهو الحد الأقصى. أرسل "تم" للمتابعة.'
        : `وصلت الصورة (${count}/5). أرسل المزيد، أو "تم" عند الانتهاء.`,
  requestPhotoRefused: (reason) =>
    reason === 'too_large'
      ? 'الصورة كبيرة جداً (الحد الأقصى 5 ميجابايت). من فضلك أرسل صورة أصغر.'
      : reason === 'unsupported'
        ? 'من فضلك أرسل صوراً (JPEG أو PNG أو WebP).'
        : 'لم نستطع استلام الصورة. من فضلك أرسلها مرة أخرى.',
  requestPhotosFull: () => 'أرسلت 5 صور، وهو الحد الأقصى. أرسل "تم" للمتابعة.',
  requestPhotoThenDescribe: (count) => `وصلت الصورة (${count}/5). الآن اكتب وصفاً لما تريده.`,
  requestPhotoKept: (count) => `وصلت الصورة (${count}/5).`,
  requestPhotosSoFar: (count) => `أرسلت ${count} من 5 صور كحد أقصى. أرسل المزيد، أو "تم" عند الانتهاء.`,
  requestSummary: (d) =>
    `من فضلك راجع طلبك:\n${d.description}\nالكمية: ${d.quantity}\nالميزانية: ${d.budget ?? 'غير محددة'}\nالصور: ${d.photos}\n\n${numbered(OPTION_LABELS.request.ar)}`,
  requestSent: (number) => `تم إرسال طلبك ${requestNo(number)}. ✅ سيرد عليك المتجر هنا بالسعر ومدة التسليم.`,
  requestCancelled: () => 'تم إلغاء الطلب. لم يُرسل شيء.',
  requestRejected: (number, reason) => `عذراً، لا يستطيع المتجر تنفيذ طلبك ${requestNo(number)}.${reason ? ` ملاحظتهم: ${reason}` : ''} يمكنك إرسال طلب آخر من القائمة.`,
  quoteOffer: (q, language) =>
    [
      `💬 عرض سعر لطلبك ${requestNo(q.requestNumber)}:`,
      q.description,
      `السعر: ${formatMoney(q.priceMinor, q.currency, language)}`,
      ...(q.deliveryDays !== null ? [`مدة التسليم: ${formatDays(q.deliveryDays, 'ar')}`] : []),
      ...(q.notes ? [`ملاحظات: ${q.notes}`] : []),
      `العرض صالح حتى ${when(q.expiresAt, language)}.`,
      '',
      numbered(OPTION_LABELS.quote.ar),
    ].join('\n'),
  quoteRejectReason: () => 'نأسف أن العرض لم يناسبك. اكتب السبب باختصار (اختياري)، أو أرسل "تخطي".',
  quoteChangesAsk: () => 'ما التعديلات التي تريدها؟ سنرسل كلامك إلى المتجر.',
  quoteChangesInvalid: () => 'من فضلك اكتب التعديلات المطلوبة (من 2 إلى 1000 حرف).',
  quoteAccepted: (orderNumber, totalText, link) =>
    `شكراً لك! 🎉 تم تسجيل طلبك الخاص رقم #${orderNumber} (${totalText}، الدفع عند الاستلام). سيؤكده المتجر هنا. صفحة طلبك: ${link}`,
  quoteRejected: () => 'حسناً. أبلغنا المتجر أنك رفضت هذا العرض.',
  quoteChangesSent: () => 'وصل كلامك إلى المتجر. سيرسل لك عرضاً جديداً هنا.',
  quoteExpired: (number) => `عذراً، انتهت صلاحية عرض السعر للطلب ${requestNo(number)}. اختر "طلب خاص" من القائمة لإرسال طلب جديد، أو تحدث مع المتجر.`,
  quoteClosed: () => 'هذا العرض لم يعد متاحاً. أرسل 0 للقائمة الرئيسية.',
  quoteAcceptCheckout: () => 'رائع! الآن بيانات التوصيل.',
  quoteSummary: (q, fee, d, language) =>
    [
      `من فضلك راجع طلبك الخاص (${requestNo(q.requestNumber)}):`,
      q.description,
      `السعر: ${formatMoney(q.priceMinor, q.currency, language)}`,
      `التوصيل: ${fee === 0 ? 'مجاني' : formatMoney(fee, q.currency, language)}`,
      `الإجمالي: ${formatMoney(q.priceMinor + fee, q.currency, language)} (الدفع عند الاستلام)`,
      '',
      `الاسم: ${d.name}`,
      `العنوان: ${d.address}، ${d.area}`,
      '',
      numbered(OPTION_LABELS.quoteConfirm.ar),
    ].join('\n'),
  useLastAddress: (address, area) => `\nأرسل 1 لاستخدام عنوانك السابق: ${address}، ${area}`,
  openQuoteHint: (number) => `\n\n💬 عرض سعر للطلب ${requestNo(number)} في انتظار ردك: أرسل "العرض" لرؤيته.`,
  myOrdersNone: () => 'ليس لديك طلبات بعد.',
  myOrdersPick: () => 'أرسل رقم الطلب (مثلاً 1001) لإلغائه أو متابعته أو تقييمه. 0 للقائمة الرئيسية.',
  orderNotYours: () => 'لا يوجد طلب بهذا الرقم ضمن طلباتك. أرسل أحد الأرقام المعروضة.',
  orderActions: (o, language) =>
    `الطلب #${o.number} — ${statusLabel(o.status, language)}، ${formatMoney(o.totalMinor, o.currency, language)}\n${numbered(OPTION_LABELS.orderActions.ar)}\n0. القائمة الرئيسية`,
  orderLink: (number, link) => `الطلب #${number}: ${link}`,
  returnReason: () => 'ما المشكلة في الطلب؟ اكتبها باختصار.',
  returnReasonInvalid: () => 'من فضلك اكتب المشكلة (من 5 إلى 1000 حرف).',
  returnPhotos: (count) =>
    count === 0
      ? 'يمكنك إرسال صور للمشكلة الآن (حتى 5)، ثم "تم". أو "تخطي".'
      : count >= 5
        ? 'وصلت الصورة (5/5)، وهو الحد الأقصى. أرسل "تم" للمتابعة.'
        : `وصلت الصورة (${count}/5). المزيد، أو "تم".`,
  rateSeller: () => 'ما تقييمك للمتجر؟ أرسل رقماً من 1 (ضعيف) إلى 5 (ممتاز).',
  rateOrder: () => 'وما تقييمك للطلب نفسه؟ أرسل رقماً من 1 إلى 5.',
  rateComment: () => 'هل تريد إضافة تعليق؟ اكتبه باختصار، أو أرسل "تخطي".',
  rateInvalid: () => 'من فضلك أرسل رقماً من 1 إلى 5.',
  feedbackAsk: (number) => `تم توصيل طلبك رقم #${number}. 🎁 هل تقيّمه؟ لن يأخذ أكثر من عشر ثوانٍ (0 للتخطي).`,
  reorderCatalog: (skipped, reduced) =>
    (skipped === 0 ? 'أضفنا منتجات ذلك الطلب إلى سلتك بأسعار اليوم.' : `أضفنا المنتجات المتاحة من ذلك الطلب إلى سلتك بأسعار اليوم (${skipped} غير متاح الآن).`) +
    (reduced === 0 ? '' : ` الكمية أقل من قبل في ${reduced === 1 ? 'منتج واحد' : `${reduced} منتجات`}: هذا أقصى ما يمكن طلبه الآن.`),
  reorderNothing: () => 'لا يتوفر الآن أي منتج من ذلك الطلب.',
  reorderCustom: () => 'طلب جديد بوصف وكمية طلبك السابق (دون الميزانية والصور). راجعه:',
  outcome: (o, number) =>
    ({
      cancelled: `تم إلغاء طلبك رقم #${number}. ✅`,
      cancel_requested: `طلبنا من المتجر إلغاء الطلب #${number}. سنخبرك بردهم هنا.`,
      cancel_refused_shipped: `تم شحن الطلب #${number} بالفعل، لذلك لا يمكن إلغاؤه. يمكنك الإبلاغ عن مشكلة أو طلب إرجاع بعد الاستلام.`,
      cancel_refused_custom: `الطلب #${number} طلب خاص مؤكد، والمتجر لا يقبل إلغاءه. تحدث مع المتجر إن كانت هناك مشكلة.`,
      cancel_refused_final: `الطلب #${number} مغلق بالفعل ولا يمكن إلغاؤه.`,
      cancel_already_requested: `طلب إلغاء الطلب #${number} في انتظار رد المتجر بالفعل.`,
      delivery_confirmed: `شكراً لتأكيد استلامك الطلب #${number}. ✅`,
      delivery_not_shipped: `الطلب #${number} لم يُشحن بعد، لذلك لا يمكن تأكيد استلامه.`,
      delivery_already: `الطلب #${number} مسجل بالفعل كمستلم.`,
      return_requested: `وصل بلاغك عن الطلب #${number} إلى المتجر. سيردون عليك هنا.`,
      return_refused_not_delivered: `الطلب #${number} لم يُسلَّم بعد. يمكن طلب الإرجاع بعد الاستلام.`,
      return_refused_policy: `عذراً، المتجر لا يقبل إرجاع الطلب #${number}. تحدث مع المتجر إن كانت هناك مشكلة.`,
      return_refused_window: `عذراً، انتهت مدة الإرجاع للطلب #${number}. تحدث مع المتجر إن كانت هناك مشكلة.`,
      return_already_requested: `بلاغ عن الطلب #${number} في انتظار رد المتجر بالفعل.`,
      feedback_saved: 'شكراً لتقييمك! 🌟',
      feedback_not_delivered: `يمكنك تقييم الطلب #${number} بعد توصيله.`,
      feedback_already: `لقد قيّمت الطلب #${number} من قبل. شكراً لك!`,
    })[o],
  handoffStarted: (minutes) => `حسناً، سيرد عليك أحد أفراد المتجر هنا. 🙋 سيبقى المساعد الآلي صامتاً في هذه المحادثة حتى ينتهوا (${minutes} دقيقة على الأكثر).`,
  handoffEnded: () => 'انتهى فريق المتجر. عاد المساعد الآلي: أرسل 0 للقائمة الرئيسية.',
  blocked: () => 'عذراً، هذا المتجر لا يستقبل طلبات من هذا الرقم.',
  registerName: () => 'التسجيل ✍️\nما اسمك بالكامل؟',
  registerEmail: () => 'بريدك الإلكتروني (اختياري): أرسله، أو "تخطي".',
  registerEmailInvalid: () => 'هذا لا يبدو بريداً إلكترونياً. أرسله مرة أخرى، أو "تخطي".',
  registered: (moved) => `تم تسجيلك. ✅${moved > 0 ? ` أصبحت طلباتك السابقة (${moved}) وطلباتك الخاصة في حسابك.` : ''}`,
  registerNoPhone: () => 'لم نستطع قراءة رقم هاتفك، لذلك لا يمكن التسجيل من هذه المحادثة. من فضلك تحدث مع المتجر.',
  alreadyRegistered: (name) => `أنت مسجل بالفعل باسم ${name}. ✅`,
};

export const serviceTexts: Record<Language, typeof en> = { en, ar };
