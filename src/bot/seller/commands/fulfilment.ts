// Fulfilment: ready for shipping, shipped (courier, tracking), delivered, failed delivery. Every move
// goes through the one transition table; the customer is told of the moves that concern them.
import { toWesternDigits } from '../../../orders/text.js';
import { orderNotifications } from '../../../flows/order-notifications.js';
import { markDelivered, markFailedDelivery, markReady, markShipped } from '../../../orders/fulfilment.js';
import type { FailureReason } from '../../../orders/reasons.js';
import { arg, parseArgs, vocabulary } from '../parse.js';
import { sellerActor, stageDeadlines, statusRefusal, tellCustomer, textsFor, usageError } from './shared.js';
import type { CommandFamily, CommandSpec } from './types.js';

const COURIER_RE = /^[\p{L}\p{N}][\p{L}\p{N}&._'-]{0,39}$/u;
const TRACKING_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,59}$/;
/** Couriers print tracking numbers in Western digits; a seller's keyboard may type Arabic-Indic ones. */
const trackingNumber = (word: string) => {
  const western = toWesternDigits(word);
  return TRACKING_RE.test(western) ? western : null;
};

const ready: CommandSpec = {
  name: 'ready',
  aliases: ['جاهز', 'تجهيز', 'جهز'],
  usage: '/ready <number>',
  summary: { en: 'Marks a confirmed order ready for shipping (its shipping deadline starts).', ar: 'يسجل أن الطلب المؤكد جاهز للشحن (وتبدأ مهلة الشحن).' },
  run(cmd, ctx) {
    const args = parseArgs(cmd, [arg.order()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number] = args.values;
    const result = markReady(ctx.tx, { orderNumber: number, actor: sellerActor(ctx), now: ctx.now, deadlines: stageDeadlines(ctx) });
    if (!result.ok) return statusRefusal(ctx, number, result, 'ready_for_shipping');
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].ready(result.order.number));
    return textsFor(ctx).ready(result.order, told) + (told ? '' : textsFor(ctx).notReachable());
  },
};

const ship: CommandSpec = {
  name: 'ship',
  aliases: ['شحن', 'اشحن', 'شحنت'],
  usage: '/ship <number> <courier> [tracking]',
  summary: { en: 'Marks an order shipped with its courier and tracking number; the customer is told. Also a new attempt after a failed delivery.', ar: 'يسجل شحن الطلب مع شركة الشحن ورقم التتبع ويبلغ العميل. ويصلح لمحاولة جديدة بعد فشل التوصيل.' },
  details: { en: 'The courier is one word (Bosta, Aramex, J&T, Egypt-Post).', ar: 'اسم شركة الشحن كلمة واحدة (مثل Bosta أو أرامكس أو Egypt-Post).' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.word('courier', (w) => (COURIER_RE.test(w) ? w : null)), arg.optionalWord(trackingNumber)]);
    // A third word the tracking rule refused is a bad tracking number; a fourth is one word too many.
    if (!args.ok) {
      const { problem } = args;
      return usageError(ctx, this, problem.kind === 'extra' && cmd.args.length === 3 ? { kind: 'invalid', what: 'tracking', value: problem.value } : problem);
    }
    const [number, courier, tracking] = args.values;
    const result = markShipped(ctx.tx, { orderNumber: number, courier, trackingNumber: tracking, actor: sellerActor(ctx), now: ctx.now, deadlines: stageDeadlines(ctx) });
    if (!result.ok) return statusRefusal(ctx, number, result, 'shipped');
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].shipped(result.order));
    return t.shipped(result.order, told) + (told ? '' : t.notReachable());
  },
};

const delivered: CommandSpec = {
  name: 'delivered',
  aliases: ['تم_التوصيل', 'توصيل', 'وصل', 'سلم', 'اتسلم'],
  usage: '/delivered <number>',
  summary: { en: 'Marks a shipped order delivered; the customer is told.', ar: 'يسجل توصيل الطلب المشحون ويبلغ العميل.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number] = args.values;
    const result = markDelivered(ctx.tx, { orderNumber: number, actor: sellerActor(ctx), now: ctx.now, deadlines: stageDeadlines(ctx) });
    if (!result.ok) return statusRefusal(ctx, number, result, 'delivered');
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].delivered(result.order.number));
    return t.delivered(result.order, told) + (told ? '' : t.notReachable());
  },
};

export const FAILURE_WORDS = vocabulary<FailureReason>({
  customer_unavailable: ['unavailable', 'unreachable', 'no-answer', 'غير_متاح', 'مش_موجود', 'لا_يرد'],
  refused: ['refused', 'rejected', 'رفض', 'رفض_الاستلام'],
  other: ['other', 'اخر', 'اخري'],
});

const failed: CommandSpec = {
  name: 'failed',
  aliases: ['فشل', 'فشل_التوصيل', 'failed-delivery'],
  usage: '/failed <number> <unavailable|refused|other> [note]',
  summary: { en: 'Records a failed delivery (customer unavailable, refused); the customer is told. The note stays internal.', ar: 'يسجل فشل التوصيل (العميل غير متاح أو رفض الاستلام) ويبلغ العميل. الملاحظة داخلية.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.choice('reason', FAILURE_WORDS), arg.optionalText('note', 500)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, reason, note] = args.values;
    const result = markFailedDelivery(ctx.tx, { orderNumber: number, reason, note, actor: sellerActor(ctx), now: ctx.now, deadlines: stageDeadlines(ctx) });
    if (!result.ok) return statusRefusal(ctx, number, result, 'failed_delivery');
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].failedDelivery(result.order.number, reason));
    return t.failed(result.order, told);
  },
};

export const fulfilmentCommands: CommandFamily = {
  id: 'fulfilment',
  title: { en: 'Fulfilment', ar: 'التجهيز والشحن' },
  commands: [ready, ship, delivered, failed],
};
