// Delivery details and the final confirmation, for a cart or for an accepted quote.
import { assign } from 'xstate';
import { deliveryFeeFor } from '../../orders/delivery-fee.js';
import { cleanFreeText } from '../../orders/text.js';
import { shortLine, subtotalOf, type CatalogItem } from '../catalog.js';
import { pickOption } from '../input.js';
import { OPTION_LABELS, withLabels } from '../option-labels.js';
import type { CustomerContext } from './types.js';
import { customerSetup, emit, globals, mediaReply, pricedCart, say, t, textOf, unknownReply, validFreeText, type Ctx } from './setup.js';

// One review step serves a cart and an accepted quote: either's labels are understood.
const CONFIRM_OPTIONS = withLabels(
  [
    ['confirm', 'yes', 'ok', 'تاكيد', 'اكد', 'نعم', 'تمام', 'موافق'],
    ['edit', 'edit cart', 'cart', 'change', 'تعديل', 'السله', 'تغيير'],
    ['cancel', 'no', 'back', 'الغاء', 'لا', 'رجوع'],
  ],
  OPTION_LABELS.confirm,
  OPTION_LABELS.quoteConfirm,
);

const cleaned = (args: Ctx) => cleanFreeText(textOf(args.event));

function suggestedName({ context, event }: Ctx): string | null {
  // The name typed earlier in this checkout first (the customer went back to the cart), then what we know.
  const candidates = [context.name, event.env.registeredName, event.env.lastDelivery?.name, event.env.pushName];
  for (const candidate of candidates) {
    const name = candidate ? cleanFreeText(candidate) : '';
    if (validFreeText(name, 2, 60)) return name;
  }
  return null;
}

/** Why the cart cannot be ordered as it is: a product gone from the catalog, or not enough stock. */
function cartProblem(args: Ctx): CatalogItem | 'changed' | null {
  if (args.context.checkoutFor === 'quote') return null;
  const lines = pricedCart(args);
  if (lines.length !== args.context.cart.length || lines.length === 0) return 'changed';
  return shortLine(lines)?.item ?? null;
}

const stockProblemReply = () =>
  say((args) => {
    const problem = cartProblem(args)!;
    return problem === 'changed' ? t(args.context).cartChanged() : t(args.context).stockChanged(problem);
  });

const confirmHelp = (context: CustomerContext) => (context.checkoutFor === 'quote' ? 'quoteConfirm' : 'confirm');
const feeOf = (args: Ctx) => deliveryFeeFor(args.event.env.shop, args.context.area);
const picked = (args: Ctx) => pickOption(textOf(args.event), CONFIRM_OPTIONS);

export const checkoutName = customerSetup.createStateConfig({
  entry: say((args) => t(args.context).askName(suggestedName(args))),
  on: {
    TEXT: [
      ...globals('checkoutName', 'checkout'),
      {
        guard: (args) => suggestedName(args) !== null && pickOption(textOf(args.event), [['use it']]) === 0,
        target: 'checkoutAddress',
        actions: assign({ name: (args) => suggestedName(args) }),
      },
      { guard: (args) => validFreeText(textOf(args.event), 2, 60), target: 'checkoutAddress', actions: assign({ name: cleaned }) },
      { actions: say(({ context }) => t(context).nameInvalid()) },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

/** The address to offer again: the one typed earlier in this checkout, else the last order's. */
function knownAddress({ context, event }: Ctx): { address: string; area: string } | null {
  if (context.address && context.area) return { address: context.address, area: context.area };
  return event.env.lastDelivery;
}

export const checkoutAddress = customerSetup.createStateConfig({
  entry: say((args) => {
    const last = knownAddress(args);
    return t(args.context).askAddress() + (last ? t(args.context).useLastAddress(last.address, last.area) : '');
  }),
  on: {
    TEXT: [
      ...globals('checkoutAddress', 'checkout'),
      {
        guard: (args) => knownAddress(args) !== null && pickOption(textOf(args.event), [['use it']]) === 0 && cartProblem(args) === null,
        target: 'confirm',
        actions: assign({ address: (args) => knownAddress(args)!.address, area: (args) => knownAddress(args)!.area }),
      },
      {
        guard: (args) => knownAddress(args) !== null && pickOption(textOf(args.event), [['use it']]) === 0,
        target: 'cart',
        actions: stockProblemReply(),
      },
      { guard: (args) => validFreeText(textOf(args.event), 5, 300), target: 'checkoutArea', actions: assign({ address: cleaned }) },
      { actions: say(({ context }) => t(context).addressInvalid()) },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

export const checkoutArea = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).askArea()),
  on: {
    TEXT: [
      ...globals('checkoutArea', 'checkout'),
      { guard: (args) => !validFreeText(textOf(args.event), 2, 100), actions: say(({ context }) => t(context).areaInvalid()) },
      { guard: (args) => cartProblem(args) !== null, target: 'cart', actions: [assign({ area: cleaned }), stockProblemReply()] },
      { target: 'confirm', actions: assign({ area: cleaned }) },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

/** The order's total at today's prices and fee: what the review shows, and what placing it would charge. */
function totalNow(args: Ctx): number {
  const { checkoutFor, quote } = args.context;
  if (checkoutFor === 'quote' && quote) return quote.priceMinor + feeOf(args);
  return subtotalOf(pricedCart(args)) + feeOf(args);
}
/** A price or the delivery fee changed between the review and "1": the customer sees the new total first. */
const totalChanged = (args: Ctx) => args.context.shownTotalMinor !== null && args.context.shownTotalMinor !== totalNow(args);

export const confirm = customerSetup.createStateConfig({
  entry: [
    assign({ shownTotalMinor: totalNow }),
    say((args) => {
      const { name, address, area, quote } = args.context;
      const details = { name: name ?? '', address: address ?? '', area: area ?? '' };
      if (args.context.checkoutFor === 'quote' && quote) return t(args.context).quoteSummary(quote, feeOf(args), details, args.context.language);
      const lines = pricedCart(args);
      return t(args.context).summary(lines, subtotalOf(lines), feeOf(args), details, args.event.env.shop);
    }),
  ],
  exit: assign({ shownTotalMinor: null }),
  on: {
    TEXT: [
      ...globals('confirm', confirmHelp),
      { guard: (args) => picked(args) === 0 && cartProblem(args) !== null, target: 'cart', actions: stockProblemReply() },
      { guard: (args) => picked(args) === 0 && totalChanged(args), target: 'confirm', reenter: true, actions: say(({ context }) => t(context).totalChanged()) },
      {
        guard: (args) => picked(args) === 0 && args.context.checkoutFor === 'quote' && args.context.quote !== null,
        target: 'idle',
        actions: [
          emit(({ context }) => ({
            type: 'acceptQuote',
            quoteId: context.quote!.quoteId,
            requestNumber: context.quote!.requestNumber,
            name: context.name ?? '',
            address: context.address ?? '',
            area: context.area ?? '',
          })),
          assign({ quote: null, checkoutFor: 'cart' as const }),
        ],
      },
      {
        guard: (args) => picked(args) === 0,
        target: 'idle',
        actions: [
          emit(({ context }) => ({
            type: 'placeOrder',
            cart: context.cart,
            name: context.name ?? '',
            address: context.address ?? '',
            area: context.area ?? '',
            language: context.language,
          })),
          assign({ cart: [], selectedProductId: null, editProductId: null }),
        ],
      },
      { guard: (args) => picked(args) === 1 && args.context.checkoutFor === 'quote', target: 'checkoutName' },
      { guard: (args) => picked(args) === 1, target: 'cart' },
      { guard: (args) => picked(args) === 2 && args.context.checkoutFor === 'quote', target: 'quoteAnswer' },
      { guard: (args) => picked(args) === 2, target: 'menu', actions: say(({ context }) => t(context).checkoutCancelled()) },
      { actions: unknownReply(confirmHelp) },
    ],
    MEDIA: { actions: mediaReply() },
  },
});
