// /settings: the seller's policy (orders/policy.ts): delivery fee flat or per zone, high-risk zones,
// cancellation and return policy, the most of one product per order, expiry times per stage.
import type { Language } from '../../../orders/language.js';
import { formatDuration, parseDuration } from '../../../orders/duration.js';
import { formatMoney, parseAmount } from '../../../orders/money.js';
import { previewStageShift, shiftStageDeadlines } from '../../../orders/deadlines.js';
import { readPolicy, ttlFor, updatePolicy, type ExpiryStage, type StorePolicy } from '../../../orders/policy.js';
import { cleanFreeText, normalizeInput } from '../../../orders/text.js';
import type { SettingsView } from '../../../flows/seller-texts.js';
import { ArgCursor, parseWhole, vocabulary, type ArgProblem, type Read } from '../parse.js';
import { textsFor, usageError } from './shared.js';
import { refuse, type CommandContext, type CommandFamily, type CommandOutcome, type CommandSpec } from './types.js';

type SettingName =
  | 'delivery-fee'
  | 'zone'
  | 'high-risk'
  | 'cancel-until'
  | 'custom-cancel'
  | 'returns'
  | 'custom-returns'
  | 'return-days'
  | 'max-qty'
  | 'expiry'
  | 'cod-confirmation'
  | 'first-order-cap';

const SETTINGS = vocabulary<SettingName>({
  'delivery-fee': ['delivery-fee', 'delivery', 'fee', 'shipping', 'رسوم_التوصيل', 'التوصيل', 'توصيل'],
  zone: ['zone', 'zones', 'منطقه', 'مناطق'],
  'high-risk': ['high-risk', 'risk', 'risky', 'خطر', 'منطقه_خطر', 'خطره'],
  'cancel-until': ['cancel-until', 'cancel', 'الغاء_حتي', 'الالغاء'],
  'custom-cancel': ['custom-cancel', 'الغاء_المخصص'],
  returns: ['returns', 'return', 'المرتجعات', 'الارجاع', 'استرجاع'],
  'custom-returns': ['custom-returns', 'ارجاع_المخصص'],
  'return-days': ['return-days', 'return-window', 'ايام_الارجاع'],
  'max-qty': ['max-qty', 'max-quantity', 'اقصي_كميه'],
  expiry: ['expiry', 'ttl', 'timeout', 'مهله', 'المهله'],
  'cod-confirmation': ['cod-confirmation', 'cod', 'تاكيد_الدفع'],
  'first-order-cap': ['first-order-cap', 'first-order', 'حد_اول_طلب'],
});

const COD_MODES = vocabulary<'first_or_risky' | 'always' | 'never'>({ first_or_risky: ['first', 'risky', 'first-or-risky'], always: ['always', 'دائما'], never: ['never', 'ابدا'] });
const COD_MODE_NAMES = { first_or_risky: 'first', always: 'always', never: 'never' } as const;

// Stage words by policy key. Only the stages this build's config and policy know are offered
// (config.ttl decides), so a stage added to the policy later shows up here once it has words.
const STAGE_WORDS: Record<string, { name: string; words: readonly string[] }> = {
  pendingConfirmation: { name: 'pending', words: ['pending', 'confirmation', 'انتظار', 'تاكيد'] },
  readyNotShipped: { name: 'ready', words: ['ready', 'shipping', 'جاهز', 'شحن'] },
  customRequest: { name: 'request', words: ['request', 'requests', 'custom-request', 'طلب_مخصص'] },
  quote: { name: 'quote', words: ['quote', 'quotes', 'عرض_سعر'] },
  acceptedUnconfirmed: { name: 'accepted', words: ['accepted', 'مقبول'] },
  codConfirmation: { name: 'cod', words: ['cod', 'cod-confirmation', 'تاكيد_الدفع'] },
};

function expiryStages(ctx: CommandContext): ExpiryStage[] {
  return Object.keys(STAGE_WORDS).filter((stage) => stage in ctx.config.ttl) as ExpiryStage[];
}

function stageVocabulary(stages: readonly ExpiryStage[]) {
  return vocabulary(Object.fromEntries(stages.map((stage) => [stage, [STAGE_WORDS[stage]!.name, ...STAGE_WORDS[stage]!.words]])) as unknown as Record<ExpiryStage, readonly string[]>);
}
const stageName = (stage: ExpiryStage) => STAGE_WORDS[stage]?.name ?? stage;

const YES_NO = vocabulary<'yes' | 'no'>({ yes: ['yes', 'on', 'true', 'نعم', 'اه', 'ايوه'], no: ['no', 'off', 'false', 'لا'] });
const CANCEL_UNTIL = vocabulary<StorePolicy['customerCancelUntil']>({ pending: ['pending', 'انتظار'], ready_for_shipping: ['ready', 'shipping', 'جاهز'] });
const OFF_WORDS = new Set(['off', 'remove', 'delete', 'no', 'حذف', 'الغاء', 'لا'].map(normalizeInput));

/** Longest expiry a seller may set: a year. */
const MAX_TTL_MS = 365 * 86_400_000;

function view(policy: StorePolicy, ctx: CommandContext): SettingsView {
  const money = (minor: number) => formatMoney(minor, ctx.config.currency, ctx.language);
  return {
    deliveryFee: money(policy.deliveryFeeMinor),
    zones: policy.deliveryZones.map((z) => ({ name: z.name, fee: money(z.feeMinor) })),
    highRiskZones: policy.highRiskZones,
    customerCancelUntil: policy.customerCancelUntil,
    customOrdersCancelableAfterConfirm: policy.customOrdersCancelableAfterConfirm,
    returnsAccepted: policy.returnsAccepted,
    customOrdersReturnable: policy.customOrdersReturnable,
    returnWindowDays: policy.returnWindowDays,
    maxQuantityPerProduct: policy.maxQuantityPerProduct,
    extra: [
      { name: 'cod-confirmation', value: COD_MODE_NAMES[policy.codConfirmation] },
      { name: 'first-order-cap', value: money(policy.firstOrderValueCapMinor) },
    ],
    expiry: expiryStages(ctx).map((stage) => ({
      name: stageName(stage),
      value: formatDuration(policy.ttl[stage] ?? ctx.config.ttl[stage]),
      overridden: policy.ttl[stage] !== undefined,
    })),
  };
}

interface Change {
  patch: Partial<StorePolicy>;
  /** What was saved, for the reply. */
  said: string;
}

const CONFIRM_WORDS = new Set(['confirm', 'تاكيد', 'اكد']);

const sameZone = (a: string, b: string) => normalizeInput(a) === normalizeInput(b);

/** A zone name, then a last word (the value); the name may have spaces ("Nasr City"). */
function zoneAndLast(c: ArgCursor, lastOptional: boolean): Read<{ name: string; last: string | null }> {
  const tokens = c.remaining();
  if (tokens.length === 0) return { ok: false, problem: { kind: 'missing', what: 'zone' } };
  const hasLast = tokens.length > 1 || !lastOptional;
  if (tokens.length === 1 && !lastOptional) return { ok: false, problem: { kind: 'missing', what: 'value' } };
  const last = hasLast && (!lastOptional || OFF_WORDS.has(normalizeInput(tokens[tokens.length - 1]!))) ? tokens[tokens.length - 1]! : null;
  const nameTokens = last === null ? tokens : tokens.slice(0, -1);
  const name = cleanFreeText(nameTokens.join(' '));
  for (let i = 0; i < tokens.length; i++) c.next();
  if (name.length > 60) return { ok: false, problem: { kind: 'too_long', what: 'zone', max: 60 } };
  return { ok: true, value: { name, last } };
}

function parseChange(rest: string, policy: StorePolicy, ctx: CommandContext): { ok: true; change: Change } | { ok: false; problem: ArgProblem } | { ok: false; refusal: string } {
  const t = textsFor(ctx);
  const money = (minor: number) => formatMoney(minor, ctx.config.currency, ctx.language);
  const c = new ArgCursor(rest);
  const name = c.choice('setting', SETTINGS);
  if (!name.ok) return name;
  const finish = (change: Change) => {
    const end = c.end();
    return end.ok ? ({ ok: true, change } as const) : end;
  };
  const yesNo = (key: 'customOrdersCancelableAfterConfirm' | 'returnsAccepted' | 'customOrdersReturnable') => {
    const value = c.choice('yesno', YES_NO);
    if (!value.ok) return value;
    return finish({ patch: { [key]: value.value === 'yes' }, said: `${name.value} ${value.value}` });
  };
  switch (name.value) {
    case 'delivery-fee': {
      const fee = c.required('amount', (w) => parseAmount(w, ctx.config.currency));
      if (!fee.ok) return fee;
      return finish({ patch: { deliveryFeeMinor: fee.value }, said: `delivery-fee ${money(fee.value)}` });
    }
    case 'zone': {
      const read = zoneAndLast(c, false);
      if (!read.ok) return read;
      const { name: zone, last } = read.value;
      const others = policy.deliveryZones.filter((z) => !sameZone(z.name, zone));
      if (OFF_WORDS.has(normalizeInput(last!))) {
        if (others.length === policy.deliveryZones.length) return { ok: false, refusal: t.zoneMissing(zone) };
        return { ok: true, change: { patch: { deliveryZones: others }, said: `zone ${zone} off` } };
      }
      const fee = parseAmount(last!, ctx.config.currency);
      if (fee === null) return { ok: false, problem: { kind: 'invalid', what: 'amount', value: last! } };
      return { ok: true, change: { patch: { deliveryZones: [...others, { name: zone, feeMinor: fee }] }, said: `zone ${zone} ${money(fee)}` } };
    }
    case 'high-risk': {
      const read = zoneAndLast(c, true);
      if (!read.ok) return read;
      const { name: zone, last } = read.value;
      const others = policy.highRiskZones.filter((z) => !sameZone(z, zone));
      if (last !== null) {
        if (others.length === policy.highRiskZones.length) return { ok: false, refusal: t.zoneMissing(zone) };
        return { ok: true, change: { patch: { highRiskZones: others }, said: `high-risk ${zone} off` } };
      }
      return { ok: true, change: { patch: { highRiskZones: [...others, zone] }, said: `high-risk ${zone}` } };
    }
    case 'cancel-until': {
      const value = c.choice('value', CANCEL_UNTIL);
      if (!value.ok) return value;
      return finish({ patch: { customerCancelUntil: value.value }, said: `cancel-until ${value.value === 'pending' ? 'pending' : 'ready'}` });
    }
    case 'custom-cancel':
      return yesNo('customOrdersCancelableAfterConfirm');
    case 'returns':
      return yesNo('returnsAccepted');
    case 'custom-returns':
      return yesNo('customOrdersReturnable');
    case 'return-days': {
      const days = c.required('number', (w) => parseWhole(w, 0, 365));
      if (!days.ok) return days;
      return finish({ patch: { returnWindowDays: days.value }, said: `return-days ${days.value}` });
    }
    case 'max-qty': {
      const n = c.required('number', (w) => parseWhole(w, 1, 10_000));
      if (!n.ok) return n;
      return finish({ patch: { maxQuantityPerProduct: n.value }, said: `max-qty ${n.value}` });
    }
    case 'cod-confirmation': {
      const mode = c.choice('value', COD_MODES);
      if (!mode.ok) return mode;
      return finish({ patch: { codConfirmation: mode.value }, said: `cod-confirmation ${COD_MODE_NAMES[mode.value]}` });
    }
    case 'first-order-cap': {
      const cap = c.required('amount', (w) => parseAmount(w, ctx.config.currency));
      if (!cap.ok) return cap;
      return finish({ patch: { firstOrderValueCapMinor: cap.value }, said: `first-order-cap ${money(cap.value)}` });
    }
    case 'expiry': {
      const stage = c.choice('value', stageVocabulary(expiryStages(ctx)));
      if (!stage.ok) return stage;
      const value = c.required('duration', (w) => (normalizeInput(w) === 'default' || normalizeInput(w) === 'افتراضي' ? 'default' : parseDuration(w)));
      if (!value.ok) return value;
      if (value.value !== 'default' && value.value > MAX_TTL_MS) return { ok: false, problem: { kind: 'invalid', what: 'duration', value: formatDuration(value.value) } };
      const ttl = { ...policy.ttl };
      if (value.value === 'default') delete ttl[stage.value];
      else ttl[stage.value] = value.value;
      const shown = value.value === 'default' ? `default (${formatDuration(ctx.config.ttl[stage.value])})` : formatDuration(value.value);
      return finish({ patch: { ttl }, said: `expiry ${stageName(stage.value)} ${shown}` });
    }
  }
}

const SETTINGS_HELP: Record<Language, string> = {
  en: [
    'delivery-fee <amount> — the flat delivery fee',
    'zone <name> <amount> | zone <name> off — a delivery fee for areas containing <name>',
    'high-risk <name> | high-risk <name> off — areas whose cash orders are risky',
    'cancel-until pending|ready — how far customers may cancel on their own',
    'custom-cancel yes|no — custom orders cancellable after confirmation',
    'returns yes|no, custom-returns yes|no, return-days <n> — return policy',
    'max-qty <n> — most units of one product in an order',
    'expiry pending|ready|request|quote|accepted|cod <duration>|default — e.g. expiry pending 24h',
    'cod-confirmation first|always|never, first-order-cap <amount> — which cash orders customers confirm first (when your store has COD confirmation)',
  ].join('\n'),
  ar: [
    '\u2066delivery-fee <amount>\u2069 — رسوم التوصيل الثابتة',
    '\u2066zone <name> <amount>\u2069 أو \u2066zone <name> off\u2069 — رسوم لمنطقة محددة',
    '\u2066high-risk <name>\u2069 أو \u2066high-risk <name> off\u2069 — مناطق عالية المخاطر للدفع عند الاستلام',
    '\u2066cancel-until pending|ready\u2069 — إلى أي مرحلة يلغي العميل بنفسه',
    '\u2066custom-cancel yes|no\u2069 — إلغاء الطلبات المخصصة بعد التأكيد',
    '\u2066returns yes|no\u2069، \u2066custom-returns yes|no\u2069، \u2066return-days <n>\u2069 — سياسة الإرجاع',
    '\u2066max-qty <n>\u2069 — أقصى كمية من منتج في الطلب',
    '\u2066expiry pending|ready|request|quote|accepted|cod <duration>|default\u2069 — مثل \u2066expiry pending 24h\u2069',
    '\u2066cod-confirmation first|always|never\u2069، \u2066first-order-cap <amount>\u2069 — أي طلبات الدفع عند الاستلام يؤكدها العميل أولاً',
  ].join('\n'),
};

const settings: CommandSpec = {
  name: 'settings',
  aliases: ['الاعدادات', 'اعدادات', 'setting', 'ضبط'],
  usage: '/settings [name value]',
  summary: {
    en: 'Shows or changes your store policy: delivery fees, high-risk zones, cancellation and returns, expiry times.',
    ar: 'يعرض أو يغير سياسة المتجر: رسوم التوصيل والمناطق عالية المخاطر والإلغاء والإرجاع والمهل.',
  },
  details: SETTINGS_HELP,
  run(cmd, ctx): CommandOutcome {
    const t = textsFor(ctx);
    const policy = readPolicy(ctx.tx);
    if (cmd.args.length === 0) return t.settings(view(policy, ctx));
    // A change that would expire waiting items at once is said first, and made only with a trailing "confirm".
    const confirmed = cmd.args.length > 1 && CONFIRM_WORDS.has(normalizeInput(cmd.args.at(-1)!));
    const rest = confirmed ? cmd.rest.replace(/\s*\S+\s*$/u, '') : cmd.rest;
    const parsed = parseChange(rest, policy, ctx);
    if (!parsed.ok) return 'refusal' in parsed ? refuse(parsed.refusal) : usageError(ctx, { usage: `/settings ${SETTINGS.shown.join('|')} <value>` }, parsed.problem);
    // Items already waiting in a stage follow its new length (their deadline moves by the difference).
    const shifts = expiryStages(ctx).map((stage) => ({ stage, delta: ttlFor({ ...policy, ...parsed.change.patch }, ctx.config, stage) - ttlFor(policy, ctx.config, stage) }));
    const preview = shifts.map((s) => previewStageShift(ctx.tx, s.stage, s.delta, ctx.now)).reduce((a, b) => ({ moved: a.moved + b.moved, due: a.due + b.due }), { moved: 0, due: 0 });
    if (preview.due > 0 && !confirmed) return refuse(t.settingWouldExpire(parsed.change.said, preview.due, `/${cmd.typed} ${rest.trim()}`));
    const saved = updatePolicy(ctx.tx, parsed.change.patch, ctx.now);
    if (!saved.ok) return refuse(t.settingRejected(saved.error));
    for (const { stage, delta } of shifts) shiftStageDeadlines(ctx.tx, stage, delta);
    return t.settingSaved(parsed.change.said, preview);
  },
};

export const settingsCommands: CommandFamily = {
  id: 'settings',
  title: { en: 'Settings', ar: 'الإعدادات' },
  commands: [settings],
};
