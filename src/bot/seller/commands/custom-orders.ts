// Custom orders from the seller's side: list and view requests, quote, reject.
import { QUOTE_USAGE, REJECT_USAGE, REQUEST_USAGE, REQUESTS_USAGE, runQuoteCommand, runRejectCommand, runRequestCommand, runRequestsCommand } from '../custom-request-commands.js';
import type { CommandFamily } from './types.js';

export const customOrderCommands: CommandFamily = {
  id: 'custom-orders',
  title: { en: 'Custom orders', ar: 'الطلبات الخاصة' },
  commands: [
    {
      name: 'requests',
      aliases: ['الطلبات_الخاصة', 'طلبات_خاصة'],
      usage: REQUESTS_USAGE,
      summary: { en: 'Custom requests, newest first, by status.', ar: 'الطلبات الخاصة، الأحدث أولاً، حسب الحالة.' },
      run: (cmd, ctx) => runRequestsCommand(cmd, ctx),
    },
    {
      name: 'request',
      aliases: ['طلب_خاص'],
      usage: REQUEST_USAGE,
      summary: { en: "One request with the customer's history and photos.", ar: 'طلب خاص واحد مع سجل العميل وصوره.' },
      run: (cmd, ctx) => runRequestCommand(cmd, ctx),
    },
    {
      name: 'quote',
      aliases: ['تسعير', 'عرض_سعر'],
      usage: QUOTE_USAGE,
      summary: { en: 'Sends the customer a quote: price, delivery days, expiry, note.', ar: 'يرسل للعميل عرض سعر: السعر وأيام التسليم والصلاحية وملاحظة.' },
      run: (cmd, ctx) => runQuoteCommand(cmd, ctx),
    },
    {
      name: 'reject',
      aliases: ['رفض'],
      usage: REJECT_USAGE,
      summary: { en: 'Declines a request, with an optional reason for the customer.', ar: 'يرفض طلباً خاصاً، مع سبب اختياري للعميل.' },
      run: (cmd, ctx) => runRejectCommand(cmd, ctx),
    },
  ],
};
