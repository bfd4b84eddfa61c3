// Every message the customer conversation sends, in Arabic and English.
import type { Language } from '../orders/language.js';
import { serviceTexts } from './customer-service-texts.js';
import { money, productDescription, type CatalogItem, type PricedLine, type ShopInfo } from './catalog.js';
import { numbered, OPTION_LABELS } from './option-labels.js';
import { MAX_INPUT_LENGTH } from './input.js';

export const PAGE_SIZE = 8;


export interface CheckoutDetails {
  name: string;
  address: string;
  area: string;
}

const en = {
  welcome: (shop: ShopInfo) => `Welcome to ${shop.storeName}! 👋\nOrder from our catalog here in the chat. Payment is cash on delivery.`,
  menu: () =>
    `Main menu:\n${numbered(OPTION_LABELS.menu.en)}\n\nReply with a number. Send 0 or "menu" any time to come back here, "register" to create an account.`,
  productList: (items: readonly CatalogItem[], page: number, pages: number, shop: ShopInfo) => {
    const first = page * PAGE_SIZE;
    const lines = items
      .slice(first, first + PAGE_SIZE)
      .map((item, i) => `${first + i + 1}. ${item.nameEn} — ${money(item.priceMinor, shop, 'en')}${item.stock === 0 ? ' (out of stock)' : ''}`);
    const more = page + 1 < pages ? `\nSend "more" for the next page (${page + 1}/${pages}).` : '';
    return `Our products:\n${lines.join('\n')}\n\nReply with a product number to order it.${more}\n0. Main menu`;
  },
  noProducts: () => 'The catalog is empty right now. Please check back later.\n0. Main menu',
  productDetails: (item: CatalogItem, shop: ShopInfo, max: number) => {
    const description = productDescription(item, 'en');
    return `${item.nameEn}\n${money(item.priceMinor, shop, 'en')}${description ? `\n${description}` : ''}\nIn stock: ${item.stock}\n\nHow many would you like? Reply with a number from 1 to ${max}.`;
  },
  outOfStock: (item: CatalogItem) => `Sorry, ${item.nameEn} is out of stock right now. Please pick another product.`,
  unknownProduct: (count: number) => `There is no product with that number. Reply with a number from 1 to ${count}, or 0 for the main menu.`,
  quantityNotNumber: (max: number) => `Please reply with the quantity as a number from 1 to ${max}, for example 2.`,
  quantityTooLarge: (max: number, item: CatalogItem) => `You can order at most ${max} of ${item.nameEn} (${item.stock} in stock). Please send a smaller number.`,
  cartHasMax: (item: CatalogItem) => `Your cart already has the most ${item.nameEn} one order can take. Pick another product, or 0 for the main menu.`,
  added: (quantity: number, item: CatalogItem) => `Added ${quantity} × ${item.nameEn} to your cart. ✅`,
  cart: (lines: readonly PricedLine[], subtotal: number, shop: ShopInfo) =>
    `Your cart:\n${lines.map((l, i) => `${i + 1}. ${l.item.nameEn} × ${l.quantity} — ${money(l.lineTotalMinor, shop, 'en')}`).join('\n')}\nSubtotal: ${money(subtotal, shop, 'en')}\n\n${cartOptions.en()}`,
  cartEmpty: () => `Your cart is empty.\n1. Browse products\n0. Main menu`,
  pickLine: (count: number) => `Which item? Reply with its number in the cart (1 to ${count}).`,
  unknownLine: (count: number) => `There is no item with that number in your cart. Reply with a number from 1 to ${count}.`,
  askNewQuantity: (item: CatalogItem, max: number) => `New quantity for ${item.nameEn}? Reply with a number from 1 to ${max}.`,
  quantityChanged: (item: CatalogItem, quantity: number) => `${item.nameEn} is now × ${quantity}.`,
  removed: (item: CatalogItem) => `Removed ${item.nameEn} from your cart.`,
  cartCleared: () => 'Your cart is now empty.',
  askName: (suggested: string | null) =>
    `Checkout 🧾\nWhat name should we put on the order?${suggested ? `\nReply 1 to use "${suggested}", or send another name.` : ''}`,
  nameInvalid: () => 'Please send the name for the order (2 to 60 characters, letters included).',
  askAddress: () => 'Your delivery address: street, building, floor and apartment.',
  addressInvalid: () => 'Please send the full delivery address (5 to 300 characters): street, building, floor and apartment.',
  askArea: () => 'Which area and city? For example: Nasr City, Cairo',
  areaInvalid: () => 'Please send the area and city (2 to 100 characters), for example: Nasr City, Cairo',
  summary: (lines: readonly PricedLine[], subtotal: number, deliveryFee: number, details: CheckoutDetails, shop: ShopInfo) =>
    [
      'Please check your order:',
      ...lines.map((l) => `• ${l.item.nameEn} × ${l.quantity} — ${money(l.lineTotalMinor, shop, 'en')}`),
      `Subtotal: ${money(subtotal, shop, 'en')}`,
      `Delivery: ${deliveryFee === 0 ? 'free' : money(deliveryFee, shop, 'en')}`,
      `Total: ${money(subtotal + deliveryFee, shop, 'en')} (cash on delivery)`,
      '',
      `Name: ${details.name}`,
      `Address: ${details.address}, ${details.area}`,
      '',
      numbered(OPTION_LABELS.confirm.en),
    ].join('\n'),
  stockChanged: (item: CatalogItem) =>
    item.stock === 0
      ? `Sorry, ${item.nameEn} has just sold out. Please update your cart.`
      : `Sorry, only ${item.stock} of ${item.nameEn} are left now. Please update your cart.`,
  cartChanged: () => 'Some products in your cart are no longer available, so your cart was updated.',
  checkoutCancelled: () => 'Checkout cancelled. Your cart is kept.',
  cartStillHere: () => 'Your cart is still here: send 2 to see it and check out.',
  totalChanged: () => 'A price or the delivery fee has changed since you checked your order, so it was not placed yet. Here it is again with the new total:',
  languageSet: () => 'Okay, we will continue in English.',
  mediaHere: () => 'I can only read text at this step. Please reply with text.',
  tooLong: () => `That message is too long for this step (${MAX_INPUT_LENGTH.toLocaleString('en')} characters at most). Please send a shorter reply.`,
  unknown: () => 'Sorry, I did not understand that.',
  menuHint: () => 'Reply with a number from the menu, or 0 for the main menu.',
  help: {
    menu: () => 'This is the main menu: 1 our products, 2 your cart, 3 ask for something made for you, 4 your orders, 5 a person from the store.',
    request: () => 'Describe what you want, send the quantity, a budget if you have one, and photos if you like. 0 stops.',
    quote: () => 'Reply 1 to accept the quote, 2 to reject it, 3 to ask for changes.',
    orders: () => 'Reply with one of your order numbers, then pick what to do with it. 0 for the main menu.',
    rating: () => 'Reply with a number from 1 (poor) to 5 (excellent). 0 skips.',
    register: () => 'Registering keeps all your orders in one account. Send your name, then your email or "skip".',
    browsing: () => 'Reply with the number of a product to see it and choose a quantity. "more" shows the next page.',
    quantity: () => 'Reply with how many you want, as a number. 0 goes back to the main menu.',
    cart: () => 'Reply 1 to check out, 2 to add more products, 3 to change a quantity, 4 to remove an item, 5 to empty the cart.',
    checkout: () => 'We need a name, an address and an area to deliver your order. Payment is cash on delivery. 0 stops checkout.',
    confirm: () => 'Reply 1 to place the order, 2 to edit the cart, 3 to cancel checkout.',
    quoteConfirm: () => 'Reply 1 to place the order, 2 to change the delivery details, 3 to go back to the quote.',
    cod: () => 'Reply 1 if you will pay cash on delivery and want the order sent, or 2 to cancel the order.',
  },
  orderPlaced: (number: number, totalText: string, link: string) =>
    `Thank you! 🎉 Your order #${number} is placed and waiting for the seller's confirmation.\nTotal: ${totalText}, cash on delivery.\nWe will message you here as soon as it is confirmed. Your order page: ${link}`,
  orderConfirmed: (number: number, link: string) =>
    `Good news! Your order #${number} is confirmed. ✅\nFollow it here: ${link}`,
  apology: () => 'Sorry, something went wrong on our side. Please try again in a moment, or send 0 for the main menu.',
  conversationReset: () => 'Sorry, we updated our ordering chat, so we are starting over from the main menu.',
};

const cartOptions = {
  en: () => `${numbered(OPTION_LABELS.cart.en)}\n0. Main menu`,
  ar: () => `${numbered(OPTION_LABELS.cart.ar)}\n0. القائمة الرئيسية`,
};

const ar: typeof en = {
  welcome: (shop) => `أهلاً بك في ${shop.storeName}! 👋\nاطلب من منتجاتنا هنا في المحادثة. الدفع نقداً عند الاستلام.`,
  menu: () =>
    `القائمة الرئيسية:\n${numbered(OPTION_LABELS.menu.ar)}\n\nأرسل رقم الاختيار. أرسل 0 أو "القائمة" في أي وقت للرجوع هنا، و"تسجيل" لإنشاء حساب.`,
  productList: (items, page, pages, shop) => {
    const first = page * PAGE_SIZE;
    const lines = items
      .slice(first, first + PAGE_SIZE)
      .map((item, i) => `${first + i + 1}. ${item.nameAr} — ${money(item.priceMinor, shop, 'ar')}${item.stock === 0 ? ' (نفدت الكمية)' : ''}`);
    const more = page + 1 < pages ? `\nأرسل "المزيد" للصفحة التالية (${page + 1}/${pages}).` : '';
    return `منتجاتنا:\n${lines.join('\n')}\n\nأرسل رقم المنتج لطلبه.${more}\n0. القائمة الرئيسية`;
  },
  noProducts: () => 'لا توجد منتجات متاحة الآن. من فضلك عُد لاحقاً.\n0. القائمة الرئيسية',
  productDetails: (item, shop, max) => {
    const description = productDescription(item, 'ar');
    return `${item.nameAr}\n${money(item.priceMinor, shop, 'ar')}${description ? `\n${description}` : ''}\nالمتاح: ${item.stock}\n\nكم قطعة تريد؟ أرسل رقماً من 1 إلى ${max}.`;
  },
  outOfStock: (item) => `عذراً، ${item.nameAr} غير متوفر حالياً. من فضلك اختر منتجاً آخر.`,
  unknownProduct: (count) => `لا يوجد منتج بهذا الرقم. أرسل رقماً من 1 إلى ${count}، أو 0 للقائمة الرئيسية.`,
  quantityNotNumber: (max) => `من فضلك أرسل الكمية كرقم من 1 إلى ${max}، مثلاً 2.`,
  quantityTooLarge: (max, item) => `أقصى كمية من ${item.nameAr} هي ${max} (المتاح ${item.stock}). من فضلك أرسل رقماً أصغر.`,
  cartHasMax: (item) => `سلتك فيها بالفعل أقصى كمية من ${item.nameAr} في الطلب الواحد. اختر منتجاً آخر، أو 0 للقائمة الرئيسية.`,
  added: (quantity, item) => `تمت إضافة ${quantity} × ${item.nameAr} إلى السلة. ✅`,
  cart: (lines, subtotal, shop) =>
    `سلتك:\n${lines.map((l, i) => `${i + 1}. ${l.item.nameAr} × ${l.quantity} — ${money(l.lineTotalMinor, shop, 'ar')}`).join('\n')}\nالإجمالي الفرعي: ${money(subtotal, shop, 'ar')}\n\n${cartOptions.ar()}`,
  cartEmpty: () => `سلتك فارغة.\n1. تصفح المنتجات\n0. القائمة الرئيسية`,
  pickLine: (count) => `أي منتج؟ أرسل رقمه في السلة (من 1 إلى ${count}).`,
  unknownLine: (count) => `لا يوجد منتج بهذا الرقم في سلتك. أرسل رقماً من 1 إلى ${count}.`,
  askNewQuantity: (item, max) => `ما الكمية الجديدة من ${item.nameAr}؟ أرسل رقماً من 1 إلى ${max}.`,
  quantityChanged: (item, quantity) => `أصبحت كمية ${item.nameAr} ${quantity}.`,
  removed: (item) => `تم حذف ${item.nameAr} من السلة.`,
  cartCleared: () => 'أصبحت سلتك فارغة.',
  askName: (suggested) =>
    `إتمام الطلب 🧾\nما الاسم الذي نكتبه على الطلب؟${suggested ? `\nأرسل 1 لاستخدام "${suggested}"، أو أرسل اسماً آخر.` : ''}`,
  nameInvalid: () => 'من فضلك أرسل الاسم (من 2 إلى 60 حرفاً).',
  askAddress: () => 'عنوان التوصيل: الشارع، رقم العمارة، الدور والشقة.',
  addressInvalid: () => 'من فضلك أرسل عنوان التوصيل كاملاً (من 5 إلى 300 حرف): الشارع، العمارة، الدور والشقة.',
  askArea: () => 'ما المنطقة والمدينة؟ مثلاً: مدينة نصر، القاهرة',
  areaInvalid: () => 'من فضلك أرسل المنطقة والمدينة (من 2 إلى 100 حرف)، مثلاً: مدينة نصر، القاهرة',
  summary: (lines, subtotal, deliveryFee, details, shop) =>
    [
      'من فضلك راجع طلبك:',
      ...lines.map((l) => `• ${l.item.nameAr} × ${l.quantity} — ${money(l.lineTotalMinor, shop, 'ar')}`),
      `الإجمالي الفرعي: ${money(subtotal, shop, 'ar')}`,
      `التوصيل: ${deliveryFee === 0 ? 'مجاني' : money(deliveryFee, shop, 'ar')}`,
      `الإجمالي: ${money(subtotal + deliveryFee, shop, 'ar')} (الدفع عند الاستلام)`,
      '',
      `الاسم: ${details.name}`,
      `العنوان: ${details.address}، ${details.area}`,
      '',
      numbered(OPTION_LABELS.confirm.ar),
    ].join('\n'),
  stockChanged: (item) =>
    item.stock === 0
      ? `عذراً، نفدت كمية ${item.nameAr} للتو. من فضلك عدّل سلتك.`
      : `عذراً، المتبقي من ${item.nameAr} الآن ${item.stock} فقط. من فضلك عدّل سلتك.`,
  cartChanged: () => 'بعض المنتجات في سلتك لم تعد متاحة، لذلك تم تحديث السلة.',
  checkoutCancelled: () => 'تم إلغاء إتمام الطلب. سلتك محفوظة.',
  cartStillHere: () => 'سلتك ما زالت محفوظة: أرسل 2 لعرضها وإتمام الطلب.',
  totalChanged: () => 'تغيّر سعر أو رسوم التوصيل منذ راجعت طلبك، لذلك لم يُسجَّل بعد. هذا هو طلبك مرة أخرى بالإجمالي الجديد:',
  languageSet: () => 'حسناً، سنكمل بالعربية.',
  mediaHere: () => 'أستطيع قراءة النص فقط في هذه الخطوة. من فضلك أرسل رداً مكتوباً.',
  tooLong: () => `الرسالة طويلة جداً لهذه الخطوة (الحد الأقصى ${MAX_INPUT_LENGTH} حرف). من فضلك أرسل رداً أقصر.`,
  unknown: () => 'عذراً، لم أفهم ذلك.',
  menuHint: () => 'أرسل رقماً من القائمة، أو 0 للقائمة الرئيسية.',
  help: {
    menu: () => 'هذه القائمة الرئيسية: 1 منتجاتنا، 2 سلتك، 3 طلب شيء خاص، 4 طلباتك، 5 التحدث مع شخص من المتجر.',
    request: () => 'اكتب ما تريده، ثم الكمية، والميزانية إن وجدت، والصور إن أردت. 0 للإيقاف.',
    quote: () => 'أرسل 1 لقبول العرض، 2 لرفضه، 3 لطلب تعديلات.',
    orders: () => 'أرسل رقم أحد طلباتك، ثم اختر ما تريد فعله. 0 للقائمة الرئيسية.',
    rating: () => 'أرسل رقماً من 1 (ضعيف) إلى 5 (ممتاز). 0 للتخطي.',
    register: () => 'التسجيل يجمع كل طلباتك في حساب واحد. أرسل اسمك، ثم بريدك الإلكتروني أو "تخطي".',
    browsing: () => 'أرسل رقم المنتج لرؤيته واختيار الكمية. "المزيد" يعرض الصفحة التالية.',
    quantity: () => 'أرسل الكمية التي تريدها كرقم. 0 للرجوع إلى القائمة الرئيسية.',
    cart: () => 'أرسل 1 لإتمام الطلب، 2 لإضافة منتجات، 3 لتغيير كمية، 4 لحذف منتج، 5 لتفريغ السلة.',
    checkout: () => 'نحتاج الاسم والعنوان والمنطقة لتوصيل طلبك. الدفع عند الاستلام. 0 لإيقاف إتمام الطلب.',
    confirm: () => 'أرسل 1 لتأكيد الطلب، 2 لتعديل السلة، 3 لإلغاء إتمام الطلب.',
    quoteConfirm: () => 'أرسل 1 لتأكيد الطلب، 2 لتغيير بيانات التوصيل، 3 للرجوع إلى العرض.',
    cod: () => 'أرسل 1 إذا كنت ستدفع نقداً عند الاستلام وتريد إرسال الطلب، أو 2 لإلغاء الطلب.',
  },
  orderPlaced: (number, totalText, link) =>
    `شكراً لك! 🎉 تم تسجيل طلبك رقم #${number} وهو في انتظار تأكيد البائع.\nالإجمالي: ${totalText}، الدفع عند الاستلام.\nسنراسلك هنا فور تأكيده. صفحة طلبك: ${link}`,
  orderConfirmed: (number, link) => `أخبار سعيدة! تم تأكيد طلبك رقم #${number}. ✅\nتابعه من هنا: ${link}`,
  apology: () => 'عذراً، حدث خطأ من جهتنا. من فضلك حاول مرة أخرى بعد قليل، أو أرسل 0 للقائمة الرئيسية.',
  conversationReset: () => 'عذراً، قمنا بتحديث محادثة الطلبات، لذلك نبدأ من جديد من القائمة الرئيسية.',
};

export const customerTexts = {
  en: { ...en, ...serviceTexts.en },
  ar: { ...ar, ...serviceTexts.ar },
} satisfies Record<Language, typeof en & (typeof serviceTexts)['en']>;
