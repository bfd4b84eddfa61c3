// Seller commands for fraud review (/fraud) and the shop's numbers (/stats).
import { argProblemReply } from '../../flows/seller-texts.js';
import { fraudReason, reviewTexts } from '../../flows/review-texts.js';
import { flagFacts, openFlags, reviewFlags, type FraudRule } from '../../orders/fraud.js';
import { shopStats } from '../../orders/stats.js';
import { normalizeInput } from '../../orders/text.js';
import { createOrdersRepo, type Order } from '../../store/orders.js';
import type { CustomCommandContext } from './custom-request-commands.js';
import { parseOrderNumber, type ParsedCommand } from './parse.js';

export const FRAUD_USAGE = '/fraud [clear|confirm <order>]';
export const STATS_USAGE = '/stats [7d|30d]';
const QUEUE_LIMIT = 50;

export function runFraudCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const t = reviewTexts[language];
  const action = normalizeInput(cmd.args[0] ?? '');
  if (action === 'clear' || action === 'confirm' || action === 'الغاء' || action === 'تاكيد') {
    const number = parseOrderNumber(cmd.args[1]);
    if (cmd.args[1] === undefined) return argProblemReply(language, { kind: 'missing', what: 'order' }, FRAUD_USAGE);
    if (number === null) return argProblemReply(language, { kind: 'invalid', what: 'order', value: cmd.args[1] }, FRAUD_USAGE);
    if (cmd.args.length > 2) return argProblemReply(language, { kind: 'extra', value: cmd.args[2]! }, FRAUD_USAGE);
    const order = createOrdersRepo(input.tx).byNumber(number);
    if (!order) return language === 'ar' ? `لا يوجد طلب رقم #${number}.` : `There is no order #${number}.`;
    const decision = action === 'clear' || action === 'الغاء' ? 'clear' : 'confirm';
    return t.fraudReviewed(number, decision, reviewFlags(input.tx, order.id, decision, input.now));
  }
  if (cmd.args.length > 0) return argProblemReply(language, { kind: 'choice', what: 'subcommand', value: cmd.args[0]!, choices: ['clear', 'confirm'] }, FRAUD_USAGE);
  const groups = new Map<number, { order: Order; reasons: string[] }>();
  for (const { flag, order } of openFlags(input.tx, QUEUE_LIMIT * 5)) {
    if (!order) continue;
    const group = groups.get(order.id) ?? { order, reasons: [] };
    group.reasons.push(fraudReason(flag.rule as FraudRule, flagFacts(flag), language));
    groups.set(order.id, group);
  }
  return groups.size === 0 ? t.fraudEmpty() : t.fraudQueue([...groups.values()].slice(0, QUEUE_LIMIT));
}

export function runStatsCommand(cmd: ParsedCommand, { input, language }: CustomCommandContext): string {
  const period = normalizeInput(cmd.args[0] ?? '7d');
  const days = period === '7d' ? 7 : period === '30d' ? 30 : null;
  if (days === null) return argProblemReply(language, { kind: 'choice', what: 'period', value: cmd.args[0]!, choices: ['7d', '30d'] }, STATS_USAGE);
  if (cmd.args.length > 1) return argProblemReply(language, { kind: 'extra', value: cmd.args[1]! }, STATS_USAGE);
  const stats = shopStats(input.tx, new Date(input.now.getTime() - days * 86_400_000));
  return reviewTexts[language].stats(stats, days, input.config.currency);
}
