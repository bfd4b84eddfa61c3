// Seller texts for the fraud review queue and the shop's numbers. Arabic and English.
import type { FraudFlag, FraudRule, RiskLevel } from '../orders/fraud.js';
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';
import type { ShopStats } from '../orders/stats.js';
import type { Order } from '../store/orders.js';
import { statusLabel } from './seller-texts.js';

type Facts = Record<string, string | number>;
const rtl = (command: string) => `\u2066${command}\u2069`;

const REASONS: Record<Language, Record<FraudRule, (f: Facts) => string>> = {
  en: {
    cod_refusals: (f) => `${f.count} earlier cash-on-delivery order${f.count === 1 ? '' : 's'} refused or failed at the door`,
    high_risk_zone: (f) => `delivery area is on your high-risk list (${f.zone})`,
    abusive_requests: (f) => `${f.count} custom requests never accepted`,
    many_cancellations: (f) => `${f.count} earlier orders cancelled`,
    first_order_over_cap: (f) => `first order of ${formatMoney(Number(f.totalMinor), String(f.currency), 'en')}, above your cap of ${formatMoney(Number(f.capMinor), String(f.currency), 'en')}`,
  },
  ar: {
    cod_refusals: (f) => `${f.count} طلبات سابقة بالدفع عند الاستلام رُفض استلامها أو فشل توصيلها`,
    high_risk_zone: (f) => `منطقة التوصيل ضمن قائمتك عالية الخطورة (${f.zone})`,
    abusive_requests: (f) => `${f.count} طلبات خاصة لم يُقبل أي منها`,
    many_cancellations: (f) => `${f.count} طلبات سابقة ملغاة`,
    first_order_over_cap: (f) => `أول طلب بقيمة ${formatMoney(Number(f.totalMinor), String(f.currency), 'ar')}، أعلى من الحد ${formatMoney(Number(f.capMinor), String(f.currency), 'ar')}`,
  },
};

const LEVELS: Record<Language, Record<RiskLevel, string>> = {
  en: { low: 'low', medium: 'medium', high: 'high' },
  ar: { low: 'منخفض', medium: 'متوسط', high: 'مرتفع' },
};

export const fraudReason = (rule: FraudRule, facts: Facts, language: Language) => REASONS[language][rule](facts);
export const riskLabel = (level: RiskLevel, language: Language) => LEVELS[language][level];

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const hours = (h: number | null, unit: string) => (h === null ? '—' : `${h} ${unit}`);

const en = {
  fraudEmpty: () => 'No open fraud flags. 👍',
  fraudQueue: (groups: readonly { order: Order; reasons: string[] }[]) =>
    `Fraud review (${groups.length} order${groups.length === 1 ? '' : 's'}):\n${groups
      .map((g) => `#${g.order.number} · risk ${LEVELS.en[g.order.riskLevel]} (${g.order.riskScore}) · ${g.order.customerName}${g.order.customerPhone ? ` ${g.order.customerPhone}` : ''}\n  - ${g.reasons.join('\n  - ')}`)
      .join('\n')}\n\n/fraud clear <order> (false alarm) · /fraud confirm <order> (keep) · /block <number>`,
  fraudReviewed: (n: number, decision: 'clear' | 'confirm', count: number) =>
    count === 0 ? `Order #${n} has no open flags.` : decision === 'clear' ? `Cleared ${count} flag${count === 1 ? '' : 's'} on order #${n}; its risk is now low.` : `Confirmed ${count} flag${count === 1 ? '' : 's'} on order #${n}. Consider /cancel ${n} fraud and /block.`,
  stats: (s: ShopStats, days: number, currency: string) =>
    [
      `Last ${days} days: ${s.orders} orders`,
      ...Object.entries(s.ordersByStatus).map(([status, n]) => `• ${statusLabel(status as Order['status'], 'en')}: ${n}`),
      `Cash collected: ${formatMoney(s.codCollectedMinor, currency, 'en')}`,
      `Refused or failed deliveries: ${pct(s.refusalRate)} of shipped`,
      `Expired: ${s.expired.orders} orders, ${s.expired.requests} requests, ${s.expired.quotes} quotes`,
      `Average time to confirm: ${hours(s.avgHoursToConfirm, 'h')} · to ship: ${hours(s.avgHoursToShip, 'h')}`,
    ].join('\n'),
};

const ar: typeof en = {
  fraudEmpty: () => 'لا توجد تنبيهات احتيال مفتوحة. 👍',
  fraudQueue: (groups) =>
    `مراجعة الاحتيال (${groups.length} طلب):\n${groups
      .map((g) => `#${g.order.number} · الخطورة ${LEVELS.ar[g.order.riskLevel]} (${g.order.riskScore}) · ${g.order.customerName}${g.order.customerPhone ? ` ${g.order.customerPhone}` : ''}\n  - ${g.reasons.join('\n  - ')}`)
      .join('\n')}\n\n${rtl('/fraud clear <الطلب>')} (إنذار كاذب) · ${rtl('/fraud confirm <الطلب>')} (تأكيد) · ${rtl('/block <الرقم>')}`,
  fraudReviewed: (n, decision, count) =>
    count === 0
      ? `الطلب #${n} ليس عليه تنبيهات مفتوحة.`
      : decision === 'clear'
        ? `تم إلغاء ${count} تنبيه على الطلب #${n}؛ خطورته الآن منخفضة.`
        : `تم تأكيد ${count} تنبيه على الطلب #${n}. يمكنك ${rtl(`/cancel ${n} fraud`)} و${rtl('/block')}.`,
  stats: (s, days, currency) =>
    [
      `آخر ${days} يوم: ${s.orders} طلب`,
      ...Object.entries(s.ordersByStatus).map(([status, n]) => `• ${statusLabel(status as Order['status'], 'ar')}: ${n}`),
      `المبالغ المحصلة: ${formatMoney(s.codCollectedMinor, currency, 'ar')}`,
      `التوصيلات المرفوضة أو الفاشلة: ${pct(s.refusalRate)} من المشحون`,
      `المنتهية: ${s.expired.orders} طلبات، ${s.expired.requests} طلبات خاصة، ${s.expired.quotes} عروض أسعار`,
      `متوسط وقت التأكيد: ${hours(s.avgHoursToConfirm, 'ساعة')} · وقت الشحن: ${hours(s.avgHoursToShip, 'ساعة')}`,
    ].join('\n'),
};

export const reviewTexts: Record<Language, typeof en> = { en, ar };
export type { FraudFlag };
