// Orders: the unified list, one order in full, a manual order, confirmation.
import { askCodConfirmation } from '../../customer-questions.js';
import { orderNotifications } from '../../../flows/order-notifications.js';
import { fraudReason } from '../../../flows/review-texts.js';
import { flagFacts, type FraudRule } from '../../../orders/fraud.js';
import type { Language } from '../../../orders/language.js';
import type { FraudFlag } from '../../../store/order-admin.js';
import { deliveryFeeFor } from '../../../orders/delivery-fee.js';
import { confirmOrder } from '../../../orders/fulfilment.js';
import { createManualOrder, MANUAL_CHANNELS, type ManualChannel } from '../../../orders/manual-order.js';
import { parseAmount } from '../../../orders/money.js';
import { normalizePhone } from '../../../orders/phone.js';
import { readPolicy, ttlFor } from '../../../orders/policy.js';
import { normalizeInput } from '../../../orders/text.js';
import { createOrderAdminRepo } from '../../../store/order-admin.js';
import { isEmptyFilter } from '../../../store/order-filter.js';
import { createOrdersRepo } from '../../../store/orders.js';
import { CHANNEL_WORDS, parseOrderFilter } from '../filters.js';
import { arg, ArgCursor, parseArgs, parseSkuQuantity, type ArgProblem } from '../parse.js';
import { orderGuest, sellerActor, stageDeadlines, statusRefusal, tellCustomer, textsFor, usageError } from './shared.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

export const ORDERS_PAGE_SIZE = 10;

const FILTER_HELP = {
  en: 'Filters (combine any): status pending|confirmed|ready|shipped|delivered|failed|cancelled|open; catalog|custom; whatsapp|phone|offline|instagram|facebook|web; paid|unpaid|refunded; guest|registered; tag:<tag>. Several of one kind mean either. Example: /orders shipped unpaid tag:vip page 2',
  ar: 'التصفية (يمكن الجمع): الحالة pending|confirmed|ready|shipped|delivered|failed|cancelled|open (أو بالعربية: انتظار، مؤكد، جاهز، مشحون، مسلم، فشل، ملغي، مفتوح)؛ catalog|custom؛ whatsapp|phone|offline|instagram|facebook|web؛ paid|unpaid|refunded؛ guest|registered؛ tag:<وسم>. مثال: \u2066/orders shipped unpaid tag:vip page 2\u2069',
};

const orders: CommandSpec = {
  name: 'orders',
  aliases: ['الطلبات', 'طلبات'],
  usage: '/orders [status] [catalog|custom] [channel] [paid|unpaid|refunded] [guest|registered] [tag:x] [page N]',
  summary: { en: 'Lists orders, newest first; filters combine.', ar: 'يعرض الطلبات، الأحدث أولاً؛ ويمكن الجمع بين عوامل التصفية.' },
  details: FILTER_HELP,
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const parsed = parseOrderFilter(cmd.args, { allowPage: true });
    if (!parsed.ok) return usageError(ctx, this, parsed.problem);
    const { filter, page, words } = parsed.value;
    const { rows, total } = createOrderAdminRepo(ctx.tx).page(filter, page, ORDERS_PAGE_SIZE);
    if (total === 0) return t.ordersEmpty(!isEmptyFilter(filter));
    const pages = Math.ceil(total / ORDERS_PAGE_SIZE);
    if (rows.length === 0) return refuse(t.ordersPageEmpty(page, pages));
    return `${rows.map((o) => t.orderLine(o)).join('\n')}\n${t.ordersFooter(page, pages, total, words.join(' '))}`;
  },
};

const order: CommandSpec = {
  name: 'order',
  aliases: ['طلب'],
  usage: '/order <number>',
  summary: { en: 'Shows one order in full: items, totals, customer, history, notes, tags, risk.', ar: 'يعرض طلباً واحداً بالتفصيل: المنتجات والإجمالي والعميل والسجل والملاحظات والوسوم والمخاطر.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number] = args.values;
    const repo = createOrdersRepo(ctx.tx);
    const found = repo.byNumber(number);
    if (!found) return refuse(t.notFound(number));
    const admin = createOrderAdminRepo(ctx.tx);
    return t.orderDetails(found, repo.items(found.id), repo.events(found.id), {
      tags: admin.tags(found.id),
      notes: admin.notes(found.id),
      flags: admin.fraudFlags(found.id).map((f) => ({ text: flagText(f, ctx.language), points: f.points, reviewed: f.reviewedAt !== null })),
      guest: orderGuest(ctx, found) ?? null,
    });
  },
};

/** A fraud flag in words; a rule this build has no words for shows as its code. */
function flagText(flag: FraudFlag, language: Language): string {
  try {
    return fraudReason(flag.rule as FraudRule, flagFacts(flag), language);
  } catch {
    return flag.rule;
  }
}

const KEYWORDS = {
  shipping: ['shipping', 'delivery', 'fee', 'شحن', 'توصيل', 'الشحن', 'التوصيل'],
  channel: ['channel', 'via', 'قناه', 'القناه', 'عبر'],
  name: ['name', 'اسم', 'الاسم'],
  address: ['address', 'عنوان', 'العنوان'],
  area: ['area', 'zone', 'city', 'منطقه', 'المنطقه', 'مدينه'],
} as const;
type Keyword = keyof typeof KEYWORDS;
const keywordOf = (token: string): Keyword | null => {
  const key = normalizeInput(token);
  for (const [word, list] of Object.entries(KEYWORDS) as [Keyword, readonly string[]][]) if (word === key || list.map(normalizeInput).includes(key)) return word;
  return null;
};

interface ManualOrderArgs {
  phone: string;
  lines: { sku: string; quantity: number }[];
  shippingMinor: number | null;
  channel: ManualChannel;
  name: string | null;
  address: string;
  area: string;
}

/** `/neworder <number> <sku>x<qty>... [shipping N] [channel X] [name ...] [address ...] [area ...]` */
export function parseManualOrder(rest: string, currency: string): { ok: true; value: ManualOrderArgs } | { ok: false; problem: ArgProblem } {
  const c = new ArgCursor(rest);
  const phone = c.required('phone', (token) => normalizePhone(token));
  if (!phone.ok) return phone;
  const lines: { sku: string; quantity: number }[] = [];
  while (!c.atEnd && keywordOf(c.peek()!) === null) {
    const token = c.next()!;
    // `HONEY-1KGx2`, or the quantity split off: `HONEY-1KG x2`, `HONEY-1KG x 2`.
    let line = parseSkuQuantity(token);
    if (!line && /^[x×*]$/i.test(c.peek() ?? '') && c.peek(1) !== undefined) {
      line = parseSkuQuantity(`${token}x${c.peek(1)}`);
      if (line) {
        c.next();
        c.next();
      }
    } else if (!line && /^[x×*]\S+$/i.test(c.peek() ?? '')) {
      line = parseSkuQuantity(`${token}${c.peek()}`);
      if (line) c.next();
    }
    if (!line) return { ok: false, problem: { kind: 'invalid', what: 'line', value: token } };
    lines.push(line);
  }
  if (lines.length === 0) return { ok: false, problem: c.atEnd ? { kind: 'missing', what: 'line' } : { kind: 'invalid', what: 'line', value: c.peek()! } };
  const seen = new Set<Keyword>();
  const value: ManualOrderArgs = { phone: phone.value, lines, shippingMinor: null, channel: 'phone', name: null, address: '', area: '' };
  const stop = (token: string) => keywordOf(token) !== null;
  while (!c.atEnd) {
    const token = c.next()!;
    const keyword = keywordOf(token)!;
    if (seen.has(keyword)) return { ok: false, problem: { kind: 'repeated', what: keyword === 'shipping' ? 'amount' : keyword === 'channel' ? 'channel' : 'text', value: token } };
    seen.add(keyword);
    if (keyword === 'shipping') {
      const amount = c.required('amount', (t) => parseAmount(t, currency));
      if (!amount.ok) return amount;
      value.shippingMinor = amount.value;
    } else if (keyword === 'channel') {
      const channel = c.required('channel', (t) => {
        const found = CHANNEL_WORDS.lookup.get(normalizeInput(t));
        return found && (MANUAL_CHANNELS as readonly string[]).includes(found) ? (found as ManualChannel) : null;
      });
      if (!channel.ok) {
        return { ok: false, problem: channel.problem.kind === 'invalid' ? { kind: 'choice', what: 'channel', value: channel.problem.value, choices: MANUAL_CHANNELS } : channel.problem };
      }
      value.channel = channel.value;
    } else {
      const max = keyword === 'name' ? 60 : keyword === 'area' ? 100 : 300;
      const text = c.textUntil('text', stop, max);
      if (!text.ok) return text;
      if (keyword === 'name') value.name = text.value;
      else if (keyword === 'address') value.address = text.value;
      else value.area = text.value;
    }
  }
  return { ok: true, value };
}

const neworder: CommandSpec = {
  name: 'neworder',
  aliases: ['new-order', 'new_order', 'طلب_جديد', 'طلبجديد', 'جديد'],
  usage: '/neworder <number> <sku>x<qty>... [shipping N] [channel phone|offline|whatsapp|instagram|facebook] [name ...] [address ...] [area ...]',
  summary: {
    en: 'Creates an order for a phone, WhatsApp, social or offline deal; the customer is sent a link to view it.',
    ar: 'ينشئ طلباً لصفقة بالهاتف أو واتساب أو السوشيال أو مباشرة؛ ويُرسل للعميل رابط لمشاهدته.',
  },
  details: {
    en: 'Example: /neworder 01001234567 HONEY-1KGx2 DATES-500x1 shipping 30 channel instagram name Mona Ali address 12 Tahrir St area Dokki, Giza\nThe delivery fee defaults to your /settings fee for the area. The order starts pending: /confirm it when agreed.',
    ar: 'مثال: \u2066/neworder 01001234567 HONEY-1KGx2 DATES-500x1 shipping 30 channel instagram name منى علي address 12 شارع التحرير area الدقي\u2069\nرسوم التوصيل افتراضياً من إعداداتك حسب المنطقة. يبدأ الطلب قيد الانتظار: أكده بـ \u2066/confirm\u2069 عند الاتفاق.',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const parsed = parseManualOrder(cmd.rest, ctx.config.currency);
    if (!parsed.ok) return usageError(ctx, this, parsed.problem);
    const a = parsed.value;
    // The customer's messages would land in a seller's own chat, read as commands.
    if (ctx.config.sellerNumbers.includes(a.phone)) return refuse(t.sellerNumberNotCustomer());
    const policy = readPolicy(ctx.tx);
    const result = createManualOrder(ctx.tx, {
      phone: a.phone,
      lines: a.lines,
      name: a.name,
      addressLine: a.address,
      area: a.area,
      shippingMinor: a.shippingMinor,
      deliveryFeeFor: (area) => deliveryFeeFor(policy, area),
      channel: a.channel,
      currency: ctx.config.currency,
      defaultLanguage: ctx.config.defaultLanguage,
      publicId: ctx.ids.publicId(),
      pendingTtlMs: ttlFor(policy, ctx.config, 'pendingConfirmation'),
      actor: sellerActor(ctx),
      now: ctx.now,
    });
    if (!result.ok) {
      switch (result.reason) {
        case 'empty':
          return refuse(t.noItems());
        case 'blocked':
          return refuse(t.numberBlocked(result.phone));
        case 'unknown_sku':
          return refuse(t.unknownSku(result.sku));
        case 'unavailable':
          return refuse(t.unavailable(result.sku));
        case 'out_of_stock':
          return refuse(t.outOfStockWanted(result.sku, result.available, result.wanted));
      }
    }
    const { order: created, items } = result;
    // Someone else typed this number, so the link only shows the order (DESIGN.md section 3).
    const link = ctx.issueLink(created, 'view');
    const told = tellCustomer(ctx, created, (language) => orderNotifications[language].manualOrder(created, items, ctx.config.storeName, link));
    return t.manualCreated(created, items, result.newGuest, told);
  },
};

function confirmRun(this: CommandSpec, cmd: Parameters<CommandSpec['run']>[0], ctx: CommandContext): CommandOutcome {
  const t = textsFor(ctx);
  const args = parseArgs(cmd, [arg.order()]);
  if (!args.ok) return usageError(ctx, this, args.problem);
  const [number] = args.values;
  const result = confirmOrder(ctx.tx, { orderNumber: number, actor: sellerActor(ctx), now: ctx.now, deadlines: stageDeadlines(ctx) });
  if (!result.ok) return statusRefusal(ctx, number, result, 'confirmed');
  const confirmed = result.order;
  // `update` is lowered to `view` while the customer's number is unverified (orders/links.ts).
  const guest = orderGuest(ctx, confirmed);
  const told = guest ? ctx.messenger.toGuest(guest.id, orderNotifications[confirmed.language].confirmed(confirmed.number, ctx.issueLink(confirmed, 'update'))) : false;
  // A first-time or risky order: the cash-on-delivery question follows the confirmation at once.
  const codAsked = confirmed.codConfirmation === 'asked' && askCodConfirmation(ctx, confirmed);
  return t.confirmed(confirmed, told) + (codAsked ? t.codAskedNow() : '');
}

const confirm: CommandSpec = {
  name: 'confirm',
  aliases: ['تأكيد', 'تاكيد', 'اكد', 'أكد'],
  usage: '/confirm <number>',
  summary: { en: 'Confirms a pending order and sends the customer a link.', ar: 'يؤكد طلباً قيد الانتظار ويرسل للعميل رابطاً.' },
  run: confirmRun,
};

export const orderCommands: CommandFamily = {
  id: 'orders',
  title: { en: 'Orders', ar: 'الطلبات' },
  commands: [orders, order, neworder, confirm],
};
