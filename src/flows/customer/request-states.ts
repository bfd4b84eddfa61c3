// Custom orders: the customer describes a request (with photos), then answers the seller's quote.
import { assign } from 'xstate';
import { formatMoney, parseAmount } from '../../orders/money.js';
import { cleanFreeText } from '../../orders/text.js';
import { pickOption, readNumber } from '../input.js';
import { OPTION_LABELS, withLabels } from '../option-labels.js';
import { customerSetup, emit, globals, isDone, isSkip, say, t, textOf, unknownReply, validFreeText, type Ctx } from './setup.js';
import type { CustomerContext, RequestDraft } from './types.js';

export const MAX_REQUEST_IMAGES = 5;
export const emptyDraft = (): RequestDraft => ({ description: null, quantity: null, budgetMinor: null, images: [] });

const REQUEST_CONFIRM_OPTIONS = withLabels(
  [
    ['send', 'confirm', 'yes', 'ارسال', 'تاكيد', 'نعم'],
    ['start over', 'again', 'restart', 'من جديد', 'اعاده'],
    ['cancel', 'no', 'الغاء', 'لا'],
  ],
  OPTION_LABELS.request,
);
const QUOTE_OPTIONS = withLabels(
  [
    ['accept', 'yes', 'ok', 'قبول', 'اقبل', 'موافق', 'نعم'],
    ['reject', 'no', 'decline', 'رفض', 'ارفض', 'لا'],
    ['changes', 'change', 'edit', 'تعديل', 'تعديلات', 'تغيير'],
  ],
  OPTION_LABELS.quote,
);

const cleaned = (args: Ctx) => cleanFreeText(textOf(args.event));
const mediaOk = (args: Ctx) => args.event.type === 'MEDIA' && args.event.media.ok;
const addImage = (context: CustomerContext, args: Ctx): RequestDraft =>
  args.event.type === 'MEDIA' && args.event.media.ok && context.draft.images.length < MAX_REQUEST_IMAGES
    ? { ...context.draft, images: [...context.draft.images, args.event.media.image] }
    : context.draft;
const photoRefusal = () =>
  say((args) => (args.event.type === 'MEDIA' && !args.event.media.ok ? t(args.context).requestPhotoRefused(args.event.media.reason) : t(args.context).mediaHere()));
const quoteExpired = (args: Ctx) => args.context.quote !== null && args.context.quote.expiresAt <= args.event.env.now;

/** A photo sent while a step waits for text: it is kept, said so, and the step's question asked again. */
const photoKeptThen = (step: 'requestQuantity' | 'requestBudget') =>
  say(({ context }) => `${t(context).requestPhotoKept(context.draft.images.length)} ${t(context)[step]()}`);

export const requestDescription = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).requestDescribe()),
  on: {
    TEXT: [
      ...globals('requestDescription', 'request'),
      { guard: (args) => validFreeText(textOf(args.event), 5, 1000), target: 'requestQuantity', actions: assign({ draft: (args) => ({ ...args.context.draft, description: cleaned(args) }) }) },
      { actions: say(({ context }) => t(context).requestDescriptionInvalid()) },
    ],
    MEDIA: [
      { guard: (args) => !mediaOk(args), actions: photoRefusal() },
      {
        guard: (args) => validFreeText(textOf(args.event), 5, 1000),
        target: 'requestQuantity',
        actions: assign({ draft: (args) => ({ ...addImage(args.context, args), description: cleaned(args) }) }),
      },
      {
        actions: [
          assign({ draft: (args) => addImage(args.context, args) }),
          say(({ context }) => t(context).requestPhotoThenDescribe(context.draft.images.length)),
        ],
      },
    ],
  },
});

export const requestQuantity = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).requestQuantity()),
  on: {
    TEXT: [
      ...globals('requestQuantity', 'request'),
      {
        guard: (args) => {
          const n = readNumber(textOf(args.event));
          return n !== null && n >= 1 && n <= 1000;
        },
        target: 'requestBudget',
        actions: assign({ draft: (args) => ({ ...args.context.draft, quantity: readNumber(textOf(args.event)) }) }),
      },
      { actions: say(({ context }) => t(context).requestQuantityInvalid()) },
    ],
    MEDIA: [{ guard: (args) => !mediaOk(args), actions: photoRefusal() }, { actions: [assign({ draft: (args) => addImage(args.context, args) }), photoKeptThen('requestQuantity')] }],
  },
});

export const requestBudget = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).requestBudget()),
  on: {
    TEXT: [
      ...globals('requestBudget', 'request'),
      { guard: isSkip, target: 'requestPhotos', actions: assign({ draft: (args) => ({ ...args.context.draft, budgetMinor: null }) }) },
      {
        guard: (args) => (parseAmount(textOf(args.event), args.event.env.shop.currency) ?? 0) > 0,
        target: 'requestPhotos',
        actions: assign({ draft: (args) => ({ ...args.context.draft, budgetMinor: parseAmount(textOf(args.event), args.event.env.shop.currency) }) }),
      },
      { actions: say(({ context }) => t(context).requestBudgetInvalid()) },
    ],
    MEDIA: [{ guard: (args) => !mediaOk(args), actions: photoRefusal() }, { actions: [assign({ draft: (args) => addImage(args.context, args) }), photoKeptThen('requestBudget')] }],
  },
});

export const requestPhotos = customerSetup.createStateConfig({
  // Photos sent at earlier steps are already kept: say how many, not "photo received" again.
  entry: say(({ context }) => (context.draft.images.length === 0 ? t(context).requestPhotos(0) : t(context).requestPhotosSoFar(context.draft.images.length))),
  on: {
    TEXT: [
      ...globals('requestPhotos', 'request'),
      { guard: (args) => isDone(args) || isSkip(args), target: 'requestConfirm' },
      { actions: say(({ context }) => t(context).requestPhotos(context.draft.images.length)) },
    ],
    MEDIA: [
      { guard: (args) => !mediaOk(args), actions: photoRefusal() },
      { guard: ({ context }) => context.draft.images.length >= MAX_REQUEST_IMAGES, actions: say(({ context }) => t(context).requestPhotosFull()) },
      { actions: [assign({ draft: (args) => addImage(args.context, args) }), say(({ context }) => t(context).requestPhotos(context.draft.images.length))] },
    ],
  },
});

export const requestConfirm = customerSetup.createStateConfig({
  entry: say(({ context, event }) =>
    t(context).requestSummary({
      description: context.draft.description ?? '',
      quantity: context.draft.quantity ?? 1,
      budget: context.draft.budgetMinor === null ? null : formatMoney(context.draft.budgetMinor, event.env.shop.currency, context.language),
      photos: context.draft.images.length,
    }),
  ),
  on: {
    TEXT: [
      ...globals('requestConfirm', 'request'),
      {
        guard: (args) => pickOption(textOf(args.event), REQUEST_CONFIRM_OPTIONS) === 0,
        target: 'idle',
        actions: [
          emit(({ context }) => ({
            type: 'createRequest',
            description: context.draft.description ?? '',
            quantity: context.draft.quantity ?? 1,
            budgetMinor: context.draft.budgetMinor,
            images: context.draft.images,
          })),
          assign({ draft: emptyDraft() }),
        ],
      },
      { guard: (args) => pickOption(textOf(args.event), REQUEST_CONFIRM_OPTIONS) === 1, target: 'requestDescription', actions: assign({ draft: emptyDraft() }) },
      {
        guard: (args) => pickOption(textOf(args.event), REQUEST_CONFIRM_OPTIONS) === 2,
        target: 'menu',
        actions: [assign({ draft: emptyDraft() }), say(({ context }) => t(context).requestCancelled())],
      },
      { actions: unknownReply('request') },
    ],
    MEDIA: [{ guard: (args) => !mediaOk(args), actions: photoRefusal() }, { target: 'requestConfirm', reenter: true, actions: assign({ draft: (args) => addImage(args.context, args) }) }],
  },
});

export const quoteAnswer = customerSetup.createStateConfig({
  entry: say(({ context }) => (context.quote ? t(context).quoteOffer(context.quote, context.language) : t(context).quoteClosed())),
  on: {
    TEXT: [
      ...globals('quoteAnswer', 'quote'),
      { guard: ({ context }) => context.quote === null, target: 'menu' },
      { guard: quoteExpired, target: 'menu', actions: [say(({ context }) => t(context).quoteExpired(context.quote!.requestNumber)), assign({ quote: null })] },
      {
        guard: (args) => pickOption(textOf(args.event), QUOTE_OPTIONS) === 0,
        target: 'checkoutName',
        actions: [assign({ checkoutFor: 'quote' as const }), say(({ context }) => t(context).quoteAcceptCheckout())],
      },
      { guard: (args) => pickOption(textOf(args.event), QUOTE_OPTIONS) === 1, target: 'quoteRejectReason' },
      { guard: (args) => pickOption(textOf(args.event), QUOTE_OPTIONS) === 2, target: 'quoteChanges' },
      { actions: unknownReply('quote') },
    ],
  },
});

const answerQuote = (make: (args: Ctx) => string | null, kind: 'rejectQuote' | 'requestQuoteChanges') =>
  emit((args) => {
    const quote = args.context.quote!;
    return kind === 'rejectQuote'
      ? { type: 'rejectQuote', quoteId: quote.quoteId, requestNumber: quote.requestNumber, reason: make(args) }
      : { type: 'requestQuoteChanges', quoteId: quote.quoteId, requestNumber: quote.requestNumber, text: make(args) ?? '' };
  });

export const quoteRejectReason = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).quoteRejectReason()),
  on: {
    TEXT: [
      ...globals('quoteRejectReason', 'quote'),
      { guard: ({ context }) => context.quote === null, target: 'menu' },
      { guard: isSkip, target: 'idle', actions: [answerQuote(() => null, 'rejectQuote'), assign({ quote: null })] },
      { guard: (args) => cleaned(args).length >= 2, target: 'idle', actions: [answerQuote(cleaned, 'rejectQuote'), assign({ quote: null })] },
      { actions: say(({ context }) => t(context).quoteRejectReason()) },
    ],
  },
});

export const quoteChanges = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).quoteChangesAsk()),
  on: {
    TEXT: [
      ...globals('quoteChanges', 'quote'),
      { guard: ({ context }) => context.quote === null, target: 'menu' },
      { guard: (args) => validFreeText(textOf(args.event), 2, 1000), target: 'idle', actions: [answerQuote(cleaned, 'requestQuoteChanges'), assign({ quote: null })] },
      { actions: say(({ context }) => t(context).quoteChangesInvalid()) },
    ],
  },
});
