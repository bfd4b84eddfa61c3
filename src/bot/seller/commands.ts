// Seller commands: one registry of names, Arabic aliases, usage and handler.
import type { Language } from '../../orders/language.js';
import { ORDER_STATUSES } from '../../store/schema.js';
import { changeOrderStatus } from '../../orders/change-status.js';
import type { OrderStatus } from '../../orders/status.js';
import { formatMoney } from '../../orders/money.js';
import { normalizeInput } from '../../orders/text.js';
import { customerTexts } from '../../flows/customer-texts.js';
import { sellerTexts, statusLabel } from '../../flows/seller-texts.js';
import type { Tx } from '../../store/db.js';
import { createGuestsRepo } from '../../store/guests.js';
import { createOrdersRepo, type Order } from '../../store/orders.js';
import { listOrders } from '../../store/order-queries.js';
import type { Messenger } from '../messenger.js';
import { parseCommandLine, parseOrderNumber, type ParsedCommand } from './parse.js';

export interface CommandContext {
  tx: Tx;
  language: Language;
  now: Date;
  sellerPhone: string;
  sellerGuestId: number;
  messenger: Messenger;
  /** Issues a fresh order link (revoking older ones) and returns its URL. */
  issueLink(order: Order, scope: 'view' | 'update'): string;
}

interface CommandSpec {
  name: string;
  aliases: readonly string[];
  usage: string;
  summary: Record<Language, string>;
  run(cmd: ParsedCommand, ctx: CommandContext): string;
}

const PAGE_SIZE = 10;

const commands: CommandSpec[] = [
  {
    name: 'help',
    aliases: ['مساعدة', 'مساعده', 'الاوامر'],
    usage: '/help [command]',
    summary: { en: 'Lists the commands, or shows one command’s usage.', ar: 'يعرض الأوامر، أو طريقة استخدام أمر واحد.' },
    run(cmd, ctx) {
      const t = sellerTexts[ctx.language];
      if (cmd.args[0]) {
        const spec = findCommand(cmd.args[0].replace(/^\//, ''));
        if (!spec) return t.unknownCommand(cmd.args[0].replace(/^\//, ''));
        return t.helpOne(spec.usage, spec.summary[ctx.language]);
      }
      return t.help(commands.map((c) => `${c.usage} — ${c.summary[ctx.language]}`));
    },
  },
  {
    name: 'language',
    aliases: ['lang', 'اللغة', 'اللغه', 'لغة'],
    usage: '/language <ar|en>',
    summary: { en: 'Sets the language the bot answers you in.', ar: 'يحدد اللغة التي يرد بها البوت عليك.' },
    run(cmd, ctx) {
      const choice = normalizeInput(cmd.args[0] ?? '');
      const language: Language | null = ['en', 'english', 'انجليزي'].includes(choice) ? 'en' : ['ar', 'arabic', 'عربي'].includes(choice) ? 'ar' : null;
      if (!language || cmd.args.length !== 1) return sellerTexts[ctx.language].usage(this.usage);
      createGuestsRepo(ctx.tx).setLanguage(ctx.sellerGuestId, language, ctx.now);
      return language === 'ar' ? 'حسناً، سأرد عليك بالعربية.' : 'Okay, I will answer you in English.';
    },
  },
  {
    name: 'orders',
    aliases: ['الطلبات', 'طلبات'],
    usage: `/orders [${ORDER_STATUSES.join('|')}] [page N]`,
    summary: { en: 'Lists orders, newest first.', ar: 'يعرض الطلبات، الأحدث أولاً.' },
    run(cmd, ctx) {
      const t = sellerTexts[ctx.language];
      const usage = this.usage;
      let status: OrderStatus | undefined;
      let page = 1;
      for (let i = 0; i < cmd.args.length; i++) {
        const arg = normalizeInput(cmd.args[i]!);
        if ((ORDER_STATUSES as readonly string[]).includes(arg)) status = arg as OrderStatus;
        else if (arg === 'page' && parseOrderNumber(cmd.args[i + 1]) !== null) page = Math.max(1, parseOrderNumber(cmd.args[++i])!);
        else return t.usage(usage);
      }
      const { rows, total } = listOrders(ctx.tx, { status, page, pageSize: PAGE_SIZE });
      const ar = ctx.language === 'ar';
      if (total === 0) return ar ? 'لا توجد طلبات.' : 'No orders yet.';
      const pages = Math.ceil(total / PAGE_SIZE);
      const lines = rows.map(
        (o) => `#${o.number} · ${statusLabel(o.status, ctx.language)} · ${o.customerName} · ${formatMoney(o.totalMinor, o.currency, ctx.language)}`,
      );
      const footer = ar ? `صفحة ${page} من ${pages} (${total} طلب)` : `Page ${page} of ${pages} (${total} orders)`;
      return `${lines.join('\n') || (ar ? 'لا شيء في هذه الصفحة.' : 'Nothing on this page.')}\n${footer}`;
    },
  },
  {
    name: 'order',
    aliases: ['طلب'],
    usage: '/order <number>',
    summary: { en: 'Shows one order in full.', ar: 'يعرض طلباً واحداً بالتفصيل.' },
    run(cmd, ctx) {
      const t = sellerTexts[ctx.language];
      const number = parseOrderNumber(cmd.args[0]);
      if (number === null || cmd.args.length !== 1) return t.badOrderNumber(this.usage);
      const orders = createOrdersRepo(ctx.tx);
      const order = orders.byNumber(number);
      if (!order) return t.notFound(number);
      return t.orderDetails(order, orders.items(order.id), orders.events(order.id));
    },
  },
  {
    name: 'confirm',
    aliases: ['تأكيد', 'تاكيد', 'اكد'],
    usage: '/confirm <number>',
    summary: { en: 'Confirms a pending order and sends the customer a link.', ar: 'يؤكد طلباً قيد الانتظار ويرسل للعميل رابطاً.' },
    run(cmd, ctx) {
      const t = sellerTexts[ctx.language];
      const number = parseOrderNumber(cmd.args[0]);
      if (number === null || cmd.args.length !== 1) return t.badOrderNumber(this.usage);
      const result = changeOrderStatus(ctx.tx, {
        orderNumber: number,
        to: 'confirmed',
        actor: { type: 'seller', id: ctx.sellerPhone },
        patch: { confirmedAt: ctx.now.toISOString(), expiresAt: null },
        now: ctx.now,
      });
      if (!result.ok) {
        return result.reason === 'not_found'
          ? t.notFound(number)
          : t.notAllowed(number, result.current, result.allowed, ctx.language === 'ar' ? 'تأكيد' : 'confirmed');
      }
      const { order } = result;
      if (order.guestId !== null) {
        // The customer placed this order from their own chat, so the link may act on it.
        const link = ctx.issueLink(order, 'update');
        ctx.messenger.toGuest(order.guestId, customerTexts[order.language].orderConfirmed(order.number, link));
      }
      return t.confirmed(order);
    },
  },
];

const aliasIndex = new Map<string, string>();
for (const spec of commands) {
  aliasIndex.set(normalizeInput(spec.name), spec.name);
  for (const alias of spec.aliases) aliasIndex.set(normalizeInput(alias), spec.name);
}

function findCommand(typed: string): CommandSpec | undefined {
  const name = aliasIndex.get(normalizeInput(typed));
  return commands.find((c) => c.name === name);
}

/** The reply to one message from a seller. */
export function runSellerCommand(text: string, ctx: CommandContext): string {
  const t = sellerTexts[ctx.language];
  const parsed = parseCommandLine(text, aliasIndex);
  if (!parsed) return t.notACommand();
  const spec = parsed.name ? findCommand(parsed.name) : undefined;
  if (!spec) return t.unknownCommand(parsed.typed);
  return spec.run(parsed, ctx);
}
