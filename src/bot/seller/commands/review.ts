// Fraud review and the shop's numbers.
import { FRAUD_USAGE, runFraudCommand, runStatsCommand, STATS_USAGE } from '../review-commands.js';
import type { CommandFamily } from './types.js';

export const reviewCommands: CommandFamily = {
  id: 'review',
  title: { en: 'Review', ar: 'المراجعة' },
  commands: [
    {
      name: 'fraud',
      aliases: ['احتيال', 'مراجعة'],
      usage: FRAUD_USAGE,
      summary: { en: 'Open fraud flags with their reasons; clear or confirm them.', ar: 'تنبيهات الاحتيال المفتوحة وأسبابها؛ إلغاؤها أو تأكيدها.' },
      run: (cmd, ctx) => runFraudCommand(cmd, ctx),
    },
    {
      name: 'stats',
      aliases: ['احصائيات', 'إحصائيات'],
      usage: STATS_USAGE,
      summary: { en: 'Orders, cash collected, refusals, expiries and speed for the last 7 or 30 days.', ar: 'الطلبات والمبالغ المحصلة والرفض والمنتهي والسرعة لآخر 7 أو 30 يوماً.' },
      run: (cmd, ctx) => runStatsCommand(cmd, ctx),
    },
  ],
};
