// Payment and cancellation: mark paid (COD collected), cancel with a reason (stock comes back),
// offline refunds. The payment axis goes through its own table (checkPaymentTransition).
import { orderNotifications } from '../../../flows/order-notifications.js';
import { cancelOrder } from '../../../orders/cancel-order.js';
import { formatMoney } from '../../../orders/money.js';
import { markPaid, refundOrder, type PaymentChange } from '../../../orders/payment.js';
import type { CancelReason } from '../../../orders/reasons.js';
import { createOrdersRepo } from '../../../store/orders.js';
import { arg, parseArgs, vocabulary } from '../parse.js';
import { sellerActor, statusRefusal, tellCustomer, textsFor, usageError } from './shared.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

function paymentRefusal(ctx: CommandContext, number: number, result: Extract<PaymentChange, { ok: false }>, action: 'paid' | 'refunded'): CommandOutcome {
  const t = textsFor(ctx);
  switch (result.reason) {
    case 'not_found':
      return refuse(t.notFound(number));
    case 'not_allowed':
      return refuse(t.paymentNotAllowed(number, result.current, result.allowed, t.paymentActions[action]));
    case 'order_cancelled':
      return refuse(t.cannotPayCancelled(number));
    case 'amount_too_large': {
      const order = createOrdersRepo(ctx.tx).byNumber(number);
      return refuse(t.refundTooLarge(number, formatMoney(result.maxMinor, order?.currency ?? ctx.config.currency, ctx.language)));
    }
  }
}

const paid: CommandSpec = {
  name: 'paid',
  aliases: ['مدفوع', 'دفع', 'تم_الدفع', 'اتدفع'],
  usage: '/paid <number>',
  summary: { en: 'Marks an order paid (cash on delivery collected, or paid offline).', ar: 'يسجل دفع الطلب (تم تحصيل الدفع عند الاستلام أو الدفع خارج البوت).' },
  run(cmd, ctx) {
    const args = parseArgs(cmd, [arg.order()]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number] = args.values;
    const result = markPaid(ctx.tx, { orderNumber: number, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) return paymentRefusal(ctx, number, result, 'paid');
    return textsFor(ctx).paid(result.order);
  },
};

export const CANCEL_WORDS = vocabulary<Exclude<CancelReason, 'expired'>>({
  customer_request: ['customer', 'customer-request', 'العميل', 'طلب_العميل'],
  out_of_stock: ['stock', 'out-of-stock', 'المخزون', 'نفاد', 'نفد'],
  cannot_fulfil: ['cannot-fulfil', 'cannot-fulfill', 'cannot_fulfill', 'unfulfillable', 'تعذر', 'لا_يمكن'],
  fraud: ['fraud', 'احتيال', 'نصب'],
  other: ['other', 'اخر', 'اخري'],
});

const cancel: CommandSpec = {
  name: 'cancel',
  aliases: ['الغاء', 'إلغاء', 'الغي', 'ألغي'],
  usage: '/cancel <number> <customer|stock|cannot-fulfil|fraud|other> [note]',
  summary: {
    en: 'Cancels an order with a reason; catalog stock goes back on the shelf and the customer is told. The note stays internal.',
    ar: 'يلغي الطلب مع السبب؛ يعود مخزون الكتالوج ويُبلغ العميل. الملاحظة داخلية.',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.choice('reason', CANCEL_WORDS), arg.optionalText('note', 500)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, reason, note] = args.values;
    const result = cancelOrder(ctx.tx, { orderNumber: number, reason, note, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) return statusRefusal(ctx, number, result, 'cancelled');
    const units = (result.released ?? []).reduce((sum, r) => sum + r.quantity, 0);
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].cancelled(result.order.number, reason));
    return t.cancelled(result.order, units, told) + (told ? '' : t.notReachable());
  },
};

const refund: CommandSpec = {
  name: 'refund',
  aliases: ['استرداد', 'استرجاع', 'رد_المبلغ'],
  usage: '/refund <number> [amount] [note]',
  summary: { en: 'Records an offline refund of a paid order: the whole total, or the amount given; the customer is told. The note stays internal.', ar: 'يسجل استرداداً خارج البوت لطلب مدفوع: الإجمالي كله أو المبلغ المكتوب، ويُبلغ العميل. الملاحظة داخلية.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.optionalAmount(ctx.config.currency), arg.optionalText('note', 500)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, amount, note] = args.values;
    if (amount === 0) return refuse(t.wrong(t.amountZero(), this.usage));
    const result = refundOrder(ctx.tx, { orderNumber: number, amountMinor: amount, note, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) return paymentRefusal(ctx, number, result, 'refunded');
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].refunded(result.order));
    return t.refunded(result.order, told);
  },
};

export const paymentCommands: CommandFamily = {
  id: 'payments',
  title: { en: 'Payment and cancellation', ar: 'الدفع والإلغاء' },
  commands: [paid, cancel, refund],
};
