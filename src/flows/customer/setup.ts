// The customer machine's setup and the helpers every group of states shares.
import { assign, setup } from 'xstate';
import type { Language } from '../../orders/language.js';
import { cleanFreeText, normalizeInput } from '../../orders/text.js';
import { priceCart } from '../catalog.js';
import { customerTexts } from '../customer-texts.js';
import { isArabicWord, isEnglishWord, isHelpWord, isMenuWord, MAX_INPUT_LENGTH, readNumber } from '../input.js';
import type { CustomerContext, CustomerEvent, FlowEffect } from './types.js';

export type Ctx = { context: CustomerContext; event: CustomerEvent };

export const customerSetup = setup({
  types: {
    context: {} as CustomerContext,
    events: {} as CustomerEvent,
    input: {} as { language: Language },
  },
  actions: {
    // The one effect action: its params say what the edge must do (reply, place an order...).
    effect: (_, _params: FlowEffect) => {},
    useEnglish: assign({ language: 'en' as Language }),
    useArabic: assign({ language: 'ar' as Language }),
    toggleLanguage: assign({ language: ({ context }) => (context.language === 'ar' ? 'en' : 'ar') as Language }),
    takeLatestQuote: assign({ quote: ({ event }) => event.env.openQuotes[0] ?? null }),
    clearCod: assign({ cod: null }),
  },
  guards: {
    tooLong: ({ event }) => event.type === 'TEXT' && event.text.length > MAX_INPUT_LENGTH,
    isMenu: ({ event }) => isMenuWord(textOf(event)),
    isHelp: ({ event }) => isHelpWord(textOf(event)),
    wantsEnglish: ({ context, event }) => context.language !== 'en' && isEnglishWord(textOf(event)),
    wantsArabic: ({ context, event }) => context.language !== 'ar' && isArabicWord(textOf(event)),
  },
});

export const t = (context: CustomerContext) => customerTexts[context.language];
export const textOf = (event: CustomerEvent) => (event.type === 'TEXT' ? event.text : event.type === 'MEDIA' ? (event.caption ?? '') : '');
export const pricedCart = ({ context, event }: Ctx) => priceCart(context.cart, event.env.catalog);

/** An effect action whose params are computed from the context and event when it runs. */
export const emit = (make: (args: Ctx) => FlowEffect) => ({ type: 'effect' as const, params: make });
export const say = (make: (args: Ctx) => string) => emit((args) => ({ type: 'reply', text: make(args) }));

export function validFreeText(text: string, min: number, max: number): boolean {
  const cleaned = cleanFreeText(text);
  return cleaned.length >= min && cleaned.length <= max && /\p{L}/u.test(cleaned);
}

const SKIP_WORDS = ['skip', 'no', 'none', 'تخطي', 'تخطى', 'لا', 'لا يوجد', 'بدون'];
const DONE_WORDS = ['done', 'finished', 'ok', 'تم', 'خلاص', 'انتهيت'];
export const isSkip = (args: Ctx) => SKIP_WORDS.includes(normalizeInput(textOf(args.event)));
export const isDone = (args: Ctx) => DONE_WORDS.includes(normalizeInput(textOf(args.event)));

/** A rating 1..5 the customer sent, or null. */
export const ratingOf = (args: Ctx) => {
  const n = readNumber(textOf(args.event));
  return n !== null && n >= 1 && n <= 5 ? n : null;
};

export type HelpKey = keyof (typeof customerTexts)['en']['help'];
export type StateKey = string;
/** The help of a step, or of a step whose options depend on the context (a cart's or a quote's review). */
export type StepHelp = HelpKey | ((context: CustomerContext) => HelpKey);
const helpText = (help: StepHelp, context: CustomerContext) => t(context).help[typeof help === 'function' ? help(context) : help]();

/** What every step understands: too-long input, menu, help, and switching language. */
export function globals(state: StateKey, help: StepHelp) {
  return [
    { guard: 'tooLong' as const, actions: say(({ context }) => t(context).tooLong()) },
    { guard: 'isMenu' as const, target: '#customer.menu', reenter: true },
    { guard: 'isHelp' as const, actions: say(({ context }) => helpText(help, context)) },
    { guard: 'wantsEnglish' as const, target: `#customer.${state}`, reenter: true, actions: switchLanguage('useEnglish') },
    { guard: 'wantsArabic' as const, target: `#customer.${state}`, reenter: true, actions: switchLanguage('useArabic') },
  ];
}

export function switchLanguage(change: 'useEnglish' | 'useArabic' | 'toggleLanguage') {
  return [
    change,
    emit(({ context }) => ({ type: 'rememberLanguage', language: context.language })),
    say(({ context }) => t(context).languageSet()),
  ];
}

export function unknownReply(hint: 'menuHint' | StepHelp) {
  return say(({ context }) => `${t(context).unknown()} ${hint === 'menuHint' ? t(context).menuHint() : helpText(hint, context)}`);
}

export const mediaReply = () => say(({ context }) => t(context).mediaHere());
