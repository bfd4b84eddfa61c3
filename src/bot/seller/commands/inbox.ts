// The inbox and the block list: answer a customer through the bot (the bot steps back in that chat),
// hand the chat back to the bot, block and unblock a number.
import { ORDER_EVENT } from '../../../orders/order-events.js';
import { createConversationsRepo } from '../../../store/conversations.js';
import { createGuestAdminRepo } from '../../../store/guest-admin.js';
import { createGuestsRepo, type Guest } from '../../../store/guests.js';
import { createOrdersRepo, type Order } from '../../../store/orders.js';
import { conversationKey } from '../../customer-handler.js';
import { arg, parseArgs } from '../parse.js';
import { orderGuest, textsFor, usageError } from './shared.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

const MAX_REPLY_LENGTH = 2_000;

type Target = { order: number } | { phone: string };

const describe = (target: Target) => ('order' in target ? `#${target.order}` : target.phone);

function label(guest: Guest | undefined, order: Order | undefined): string {
  const name = order?.customerName ?? guest?.displayName ?? null;
  const phone = guest?.phoneE164 ?? order?.customerPhone ?? null;
  if (name && phone) return `${name} (${phone})`;
  return name ?? phone ?? '—';
}

/** The guest a target means: an order's customer, or the guest with that number. */
function resolve(ctx: CommandContext, target: Target): { guest: Guest | undefined; order: Order | undefined; missing: CommandOutcome | null } {
  const t = textsFor(ctx);
  if ('order' in target) {
    const order = createOrdersRepo(ctx.tx).byNumber(target.order);
    if (!order) return { guest: undefined, order: undefined, missing: refuse(t.notFound(target.order)) };
    return { guest: orderGuest(ctx, order), order, missing: null };
  }
  return { guest: createGuestsRepo(ctx.tx).byPhone(target.phone), order: undefined, missing: null };
}

const reply: CommandSpec = {
  name: 'reply',
  aliases: ['رد', 'ارد', 'راسل'],
  usage: '/reply <order number|phone number> <text>',
  summary: {
    en: 'Sends your text to the customer through the store’s chat; the bot then stays quiet in that chat for a while (/resume hands it back).',
    ar: 'يرسل نصك للعميل من محادثة المتجر؛ ثم يصمت البوت في هذه المحادثة لفترة (\u2066/resume\u2069 يعيدها له).',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.target(), arg.text('text', MAX_REPLY_LENGTH)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [target, text] = args.values;
    const { guest, order, missing } = resolve(ctx, target);
    if (missing) return missing;
    const who = label(guest, order);
    if (!guest) return refuse(order ? t.unreachable(who) : t.unknownCustomer(describe(target)));
    if (guest.blockedAt) return refuse(t.replyBlocked(who));
    if (!ctx.messenger.toGuest(guest.id, text)) return refuse(t.unreachable(who));
    const conversations = createConversationsRepo(ctx.tx);
    const key = conversationKey(guest.id);
    const handoff = conversations.load(key) !== undefined;
    if (handoff) conversations.setHandoff(key, new Date(ctx.now.getTime() + ctx.config.ttl.handoff), ctx.now);
    if (order) {
      createOrdersRepo(ctx.tx).addEvent(order.id, { actorType: 'seller', actorId: ctx.sellerPhone || null, type: ORDER_EVENT.sellerMessage, note: text, at: ctx.now.toISOString() });
    }
    return t.replySent(who, handoff);
  },
};

const resume: CommandSpec = {
  name: 'resume',
  aliases: ['استئناف', 'استيناف', 'البوت', 'bot'],
  usage: '/resume <phone number|order number>',
  summary: { en: 'Hands a chat back to the bot after you (or the store phone) took it over.', ar: 'يعيد المحادثة للبوت بعد أن توليتها أنت (أو هاتف المتجر).' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.target()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [target] = args.values;
    const { guest, order, missing } = resolve(ctx, target);
    if (missing) return missing;
    if (!guest) return refuse(t.unknownCustomer(describe(target)));
    const who = label(guest, order);
    const conversations = createConversationsRepo(ctx.tx);
    const row = conversations.load(conversationKey(guest.id));
    if (!row?.handoffUntil || row.handoffUntil <= ctx.now.toISOString()) return refuse(t.notHandedOver(who));
    conversations.setHandoff(conversationKey(guest.id), null, ctx.now);
    return t.resumed(who);
  },
};

const block: CommandSpec = {
  name: 'block',
  aliases: ['حظر', 'احظر', 'بلوك'],
  usage: '/block <phone number|order number>',
  summary: { en: 'Blocks a number: the bot ignores its messages and it cannot order.', ar: 'يحظر رقماً: يتجاهل البوت رسائله ولا يمكنه الطلب.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.target()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [target] = args.values;
    const resolved = resolve(ctx, target);
    if (resolved.missing) return resolved.missing;
    let guest = resolved.guest;
    const phone = guest?.phoneE164 ?? ('phone' in target ? target.phone : resolved.order?.customerPhone) ?? null;
    if (phone && ctx.config.sellerNumbers.includes(phone)) return refuse(t.cannotBlockSeller());
    const admin = createGuestAdminRepo(ctx.tx);
    // A number that never wrote can be blocked before it does.
    if (!guest && phone) guest = admin.findOrCreateByPhone(phone, null, ctx.now).guest;
    if (!guest) return refuse(t.unknownCustomer(describe(target)));
    const who = label(guest, resolved.order);
    if (guest.blockedAt) return refuse(t.alreadyBlocked(who));
    admin.setBlocked(guest.id, true, ctx.now);
    return t.blocked(who);
  },
};

const unblock: CommandSpec = {
  name: 'unblock',
  aliases: ['الغاء_الحظر', 'فك_الحظر', 'فك_حظر'],
  usage: '/unblock <phone number|order number>',
  summary: { en: 'Lifts a block.', ar: 'يلغي الحظر.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.target()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [target] = args.values;
    const { guest, order, missing } = resolve(ctx, target);
    if (missing) return missing;
    if (!guest) return refuse(t.unknownCustomer(describe(target)));
    const who = label(guest, order);
    if (!guest.blockedAt) return refuse(t.notBlocked(who));
    createGuestAdminRepo(ctx.tx).setBlocked(guest.id, false, ctx.now);
    return t.unblocked(who);
  },
};

export const inboxCommands: CommandFamily = {
  id: 'inbox',
  title: { en: 'Inbox and block list', ar: 'المحادثات والحظر' },
  commands: [reply, resume, block, unblock],
};
