// The order filters /orders and /export share: words for status, type, channel, payment and
// customer kind, `tag:x`, and (for lists) `page N`. Several words of one kind are alternatives.
import { normalizeTag } from '../../orders/tags-notes.js';
import { normalizeInput } from '../../orders/text.js';
import type { OrderStatus, PaymentStatus } from '../../orders/status.js';
import type { OrderFilter } from '../../store/order-filter.js';
import type { Order } from '../../store/orders.js';
import type { ArgProblem } from './parse.js';
import { parseWhole, vocabulary, wordOf } from './parse.js';

export const STATUS_WORDS = vocabulary<OrderStatus | 'open'>({
  pending: ['pending', 'new', 'انتظار', 'معلق', 'جديد', 'قيد_الانتظار'],
  confirmed: ['confirmed', 'مؤكد', 'مؤكده'],
  ready_for_shipping: ['ready', 'ready-for-shipping', 'جاهز', 'جاهز_للشحن'],
  shipped: ['shipped', 'مشحون', 'تم_الشحن'],
  delivered: ['delivered', 'تم_التوصيل', 'مسلم', 'مستلم', 'واصل'],
  failed_delivery: ['failed', 'failed-delivery', 'فشل', 'فشل_التوصيل'],
  cancelled: ['cancelled', 'canceled', 'ملغي', 'ملغيه'],
  open: ['open', 'active', 'مفتوح', 'مفتوحه', 'جاري'],
});
const OPEN: readonly OrderStatus[] = ['pending', 'confirmed', 'ready_for_shipping', 'shipped', 'failed_delivery'];

export const TYPE_WORDS = vocabulary<Order['type']>({ catalog: ['catalog', 'كتالوج'], custom: ['custom', 'مخصص', 'خاص'] });

export const CHANNEL_WORDS = vocabulary<Order['channel']>({
  whatsapp: ['whatsapp', 'wa', 'واتساب', 'واتس'],
  phone: ['phone', 'call', 'هاتف', 'تليفون', 'تلفون', 'مكالمه'],
  offline: ['offline', 'store', 'shop', 'مباشر', 'محل', 'المحل'],
  instagram: ['instagram', 'ig', 'انستجرام', 'انستغرام', 'انستا'],
  facebook: ['facebook', 'fb', 'فيسبوك', 'فيس'],
  web: ['web', 'site', 'ويب', 'الموقع'],
});

export const PAYMENT_WORDS = vocabulary<PaymentStatus>({
  unpaid: ['unpaid', 'غير_مدفوع'],
  paid: ['paid', 'مدفوع'],
  refunded: ['refunded', 'مسترد'],
});

export const CUSTOMER_WORDS = vocabulary<'guest' | 'registered'>({ guest: ['guest', 'guests', 'ضيف', 'زائر'], registered: ['registered', 'مسجل'] });

const PAGE_WORDS = new Set(['page', 'p', 'صفحه', 'ص'].map(normalizeInput));
const TAG_PREFIXES = ['tag:', 'وسم:', '#'];

export interface ParsedFilter {
  filter: OrderFilter;
  page: number;
  /** The filter words as canonical English, to repeat back (and to build the "next page" command). */
  words: string[];
}

const pushUnique = <T>(list: T[], value: T) => {
  if (!list.includes(value)) list.push(value);
};

/**
 * Reads filter words. Unknown words are refused with the list of what is understood; `leftover`
 * lets a caller take words of its own first (like the export format).
 */
export function parseOrderFilter(tokens: readonly string[], options: { allowPage: boolean; own?: (token: string) => boolean }): { ok: true; value: ParsedFilter } | { ok: false; problem: ArgProblem } {
  const statuses: OrderStatus[] = [];
  const types: Order['type'][] = [];
  const channels: Order['channel'][] = [];
  const payments: PaymentStatus[] = [];
  const customers: ('guest' | 'registered')[] = [];
  const tags: string[] = [];
  const words: string[] = [];
  let page = 1;
  let pageSeen = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (options.own?.(token)) continue;
    const key = normalizeInput(token);
    if (options.allowPage && PAGE_WORDS.has(key)) {
      const n = parseWhole(tokens[i + 1], 1, 1_000_000);
      if (n === null) return { ok: false, problem: tokens[i + 1] === undefined ? { kind: 'missing', what: 'page' } : { kind: 'invalid', what: 'page', value: tokens[i + 1]! } };
      if (pageSeen) return { ok: false, problem: { kind: 'repeated', what: 'page', value: tokens[i + 1]! } };
      page = n;
      pageSeen = true;
      i++;
      continue;
    }
    const prefix = TAG_PREFIXES.find((p) => key.startsWith(p) && key.length > p.length && !/^#?\d+$/.test(key));
    if (prefix) {
      const tag = normalizeTag(token.slice(prefix.length));
      if (!tag) return { ok: false, problem: { kind: 'invalid', what: 'tag', value: token } };
      pushUnique(tags, tag);
      words.push(`tag:${tag}`);
      continue;
    }
    const status = wordOf(STATUS_WORDS, token);
    if (status) {
      for (const s of status === 'open' ? OPEN : [status]) pushUnique(statuses, s);
      words.push(status === 'ready_for_shipping' ? 'ready' : status === 'failed_delivery' ? 'failed' : status);
      continue;
    }
    const type = wordOf(TYPE_WORDS, token);
    const channel = type ? null : wordOf(CHANNEL_WORDS, token);
    const payment = type || channel ? null : wordOf(PAYMENT_WORDS, token);
    const customer = type || channel || payment ? null : wordOf(CUSTOMER_WORDS, token);
    if (type) pushUnique(types, type);
    else if (channel) pushUnique(channels, channel);
    else if (payment) pushUnique(payments, payment);
    else if (customer) pushUnique(customers, customer);
    else {
      const choices = [...STATUS_WORDS.shown, ...TYPE_WORDS.shown, ...CHANNEL_WORDS.shown, ...PAYMENT_WORDS.shown, ...CUSTOMER_WORDS.shown, 'tag:<tag>', ...(options.allowPage ? ['page <n>'] : [])];
      return { ok: false, problem: { kind: 'choice', what: 'filter', value: token, choices } };
    }
    words.push((type ?? channel ?? payment ?? customer)!);
  }
  const filter: OrderFilter = {
    ...(statuses.length ? { statuses } : {}),
    ...(types.length ? { types } : {}),
    ...(channels.length ? { channels } : {}),
    ...(payments.length ? { payments } : {}),
    ...(customers.length === 1 ? { customer: customers[0] } : {}),
    ...(tags.length ? { tags } : {}),
  };
  return { ok: true, value: { filter, page, words: [...new Set(words)] } };
}
