// The numbered options the customer reads, in both languages: the texts show them, and each step also accepts
// them typed out ("Confirm the order", "تأكيد الطلب"), so what is shown is always understood.
import type { Language } from '../orders/language.js';

type Labels = Readonly<Record<Language, readonly string[]>>;

export const OPTION_LABELS = {
  menu: {
    en: ['Browse products', 'View my cart', 'Custom order request', 'My orders', 'Talk to the store', 'العربية (Arabic)'],
    ar: ['تصفح المنتجات', 'عرض السلة', 'طلب خاص', 'طلباتي', 'التحدث مع المتجر', 'English (الإنجليزية)'],
  },
  cart: {
    en: ['Checkout', 'Add more products', 'Change a quantity', 'Remove an item', 'Empty the cart'],
    ar: ['إتمام الطلب', 'إضافة منتجات أخرى', 'تغيير كمية', 'حذف منتج', 'تفريغ السلة'],
  },
  confirm: {
    en: ['Confirm the order', 'Edit the cart', 'Cancel checkout'],
    ar: ['تأكيد الطلب', 'تعديل السلة', 'إلغاء إتمام الطلب'],
  },
  quoteConfirm: {
    en: ['Place the order', 'Change the delivery details', 'Back to the quote'],
    ar: ['تأكيد الطلب', 'تغيير بيانات التوصيل', 'الرجوع إلى العرض'],
  },
  request: {
    en: ['Send the request', 'Start over', 'Cancel'],
    ar: ['إرسال الطلب', 'البدء من جديد', 'إلغاء'],
  },
  quote: {
    en: ['Accept', 'Reject', 'Ask for changes'],
    ar: ['قبول', 'رفض', 'طلب تعديلات'],
  },
  cod: {
    en: ['Yes, send it', 'No, cancel the order'],
    ar: ['نعم، أرسلوه', 'لا، ألغِ الطلب'],
  },
  orderActions: {
    en: ['Send me the link', 'Cancel the order', 'I received it', 'Report a problem / return', 'Rate this order', 'Order again'],
    ar: ['أرسل لي الرابط', 'إلغاء الطلب', 'استلمت الطلب', 'الإبلاغ عن مشكلة / إرجاع', 'تقييم الطلب', 'اطلب مرة أخرى'],
  },
} as const satisfies Record<string, Labels>;

/** "1. Browse products\n2. …" */
export const numbered = (labels: readonly string[]) => labels.map((label, i) => `${i + 1}. ${label}`).join('\n');

/** A step's accepted words for each option, plus the option's label as shown in either language. */
export function withLabels(options: readonly (readonly string[])[], ...shown: Labels[]): string[][] {
  return options.map((words, i) => [...words, ...shown.flatMap((labels) => [labels.en[i], labels.ar[i]].filter((l): l is string => l !== undefined))]);
}
