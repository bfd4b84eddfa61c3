// What customers asked about their orders (address change, cancellation, message, return, refund):
// list the requests, approve one, decline one. The rules are in src/orders/customer-requests.ts;
// the customer hears the answer in WhatsApp, in the order's language.
import { deliveryFeeFor } from '../../../orders/delivery-fee.js';
import { formatMoney } from '../../../orders/money.js';
import { readPolicy } from '../../../orders/policy.js';
import { argProblemReply } from '../../../flows/seller-texts.js';
import { requestTexts } from '../../../flows/request-texts.js';
import { parseCustomerRequestId, requestPayload, resolveCustomerRequest, type CustomerRequest } from '../../../orders/customer-requests.js';
import { normalizeInput, toWesternDigits } from '../../../orders/text.js';
import { CUSTOMER_REQUEST_STATUSES, createCustomerRequestsRepo, type CustomerRequestStatus } from '../../../store/customer-requests.js';
import { createOrdersRepo } from '../../../store/orders.js';
import type { ParsedCommand } from '../parse.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

const PAGE_SIZE = 10;
const EXCERPT = 60;

/** The words after the request id, exactly as typed (the note or answer the customer will read). */
function textAfterFirstArg(cmd: ParsedCommand): string {
  const first = cmd.args[0] ?? '';
  const at = cmd.rest.indexOf(first);
  return at < 0 ? '' : cmd.rest.slice(at + first.length).trim();
}

function excerpt(request: CustomerRequest): string {
  const p = requestPayload(request);
  const text = request.kind === 'address_change' ? `${p.addressLine ?? ''}, ${p.area ?? ''}` : (p.message ?? p.description ?? p.reason ?? '');
  const clean = text.replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return clean.length > EXCERPT ? `${clean.slice(0, EXCERPT - 1)}…` : clean;
}

function resolve(cmd: ParsedCommand, ctx: CommandContext, decision: 'approve' | 'decline', usage: string): CommandOutcome {
  const t = requestTexts[ctx.language];
  const id = parseCustomerRequestId(cmd.args[0]);
  if (cmd.args[0] === undefined) return refuse(argProblemReply(ctx.language, { kind: 'missing', what: 'customerRequest' }, usage));
  if (id === null) return refuse(argProblemReply(ctx.language, { kind: 'invalid', what: 'customerRequest', value: cmd.args[0] }, usage));
  const result = resolveCustomerRequest(ctx.tx, { requestId: id, decision, note: textAfterFirstArg(cmd), by: ctx.sellerPhone, now: ctx.now });
  if (!result.ok) {
    switch (result.reason) {
      case 'not_found':
        return refuse(t.requestNotFound(id));
      case 'already_resolved':
        return refuse(t.alreadyResolved(result.request));
      case 'not_allowed':
        return refuse(t.cannotApprove(result.request, result.order, result.status));
      case 'invalid':
        return refuse(t.noteTooLong(result.max));
    }
  }
  const { order, request } = result;
  if (order.guestId !== null) ctx.messenger.toGuest(order.guestId, requestTexts[order.language].customerResolved(order, request, requestPayload(request).note ?? null));
  if (decision === 'decline') return t.declined(request);
  // The fee was the old area's: the seller decides whether the new one's applies (the customer was quoted a total).
  const fee = result.effect === 'address_changed' ? deliveryFeeFor(readPolicy(ctx.tx), order.area) : order.shippingMinor;
  const money = (minor: number) => formatMoney(minor, order.currency, ctx.language);
  return t.approved(request, order, result.effect) + (fee !== order.shippingMinor ? t.feeDiffers(order, money(fee), money(order.shippingMinor)) : '');
}

const list: CommandSpec = {
  name: 'customer-requests',
  aliases: ['creqs', 'طلبات_العملاء', 'طلبات-العملاء'],
  usage: '/customer-requests [open|approved|declined|all] [page N]',
  summary: {
    en: 'Lists what customers asked about their orders (open ones unless you say otherwise).',
    ar: 'يعرض ما طلبه العملاء بخصوص طلباتهم (المفتوحة ما لم تحدد غير ذلك).',
  },
  run(cmd, ctx) {
    const t = requestTexts[ctx.language];
    let status: CustomerRequestStatus | null = 'open';
    let page = 1;
    for (let i = 0; i < cmd.args.length; i++) {
      const arg = normalizeInput(cmd.args[i]!);
      const next = toWesternDigits(cmd.args[i + 1] ?? '');
      if ((CUSTOMER_REQUEST_STATUSES as readonly string[]).includes(arg)) status = arg as CustomerRequestStatus;
      else if (arg === 'all' || arg === 'الكل') status = null;
      else if ((arg === 'page' || arg === 'صفحه') && /^\d{1,6}$/.test(next) && Number(next) >= 1) {
        page = Number(next);
        i++;
      } else return refuse(argProblemReply(ctx.language, { kind: 'choice', what: 'filter', value: cmd.args[i]!, choices: [...CUSTOMER_REQUEST_STATUSES, 'all', 'page N'] }, this.usage));
    }
    const label = status ?? (ctx.language === 'ar' ? 'الكل' : 'all');
    const { rows, total } = createCustomerRequestsRepo(ctx.tx).list(status, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    if (total === 0) return t.listEmpty(label);
    const orders = createOrdersRepo(ctx.tx);
    const lines = rows.map((r) => {
      const more = excerpt(r);
      return `${t.listLine(r, orders.byId(r.orderId))}${more ? `\n   ${more}` : ''}`;
    });
    return [t.listHeader(label, page, Math.max(1, Math.ceil(total / PAGE_SIZE)), total), ...lines, t.listFooter()].join('\n');
  },
};

const approve: CommandSpec = {
  name: 'approve',
  aliases: ['answer', 'موافقة', 'موافقه', 'اقبل'],
  usage: '/approve <C-12> [note or answer]',
  summary: {
    en: 'Accepts a customer request (a cancellation cancels the order and puts the stock back, an address change updates the order); for a message, your words are the answer.',
    ar: 'يقبل طلب عميل (الإلغاء يلغي الطلب ويعيد المخزون، وتغيير العنوان يحدّث الطلب)؛ وفي الرسائل يكون نصك هو الرد.',
  },
  run(cmd, ctx) {
    return resolve(cmd, ctx, 'approve', this.usage);
  },
};

const decline: CommandSpec = {
  name: 'decline',
  aliases: ['ارفض', 'اعتذار'],
  usage: '/decline <C-12> [reason]',
  summary: {
    en: 'Declines a customer request; the reason is sent to the customer.',
    ar: 'يرفض طلب عميل؛ ويُرسل السبب إلى العميل.',
  },
  run(cmd, ctx) {
    return resolve(cmd, ctx, 'decline', this.usage);
  },
};

export const customerRequestCommands: CommandFamily = {
  id: 'customer-requests',
  title: { en: 'Customer requests', ar: 'طلبات العملاء' },
  commands: [list, approve, decline],
};
