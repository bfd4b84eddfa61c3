// "My orders": the customer's own orders, and what they can do with one of them.
import { assign } from 'xstate';
import { parseOrderNumberText } from '../input.js';
import { pickOption, readNumber } from '../input.js';
import { OPTION_LABELS, withLabels } from '../option-labels.js';
import { addToCart } from './catalog-states.js';
import { emptyDraft, MAX_REQUEST_IMAGES } from './request-states.js';
import { customerSetup, emit, globals, isDone, isSkip, ratingOf, say, t, textOf, unknownReply, validFreeText, type Ctx } from './setup.js';
import { cleanFreeText } from '../../orders/text.js';
import type { CartLine } from '../catalog.js';
import type { OrderView } from './types.js';

const ACTION_OPTIONS = withLabels(
  [
    ['link', 'send link', 'resend my link', 'الرابط', 'ارسل الرابط'],
    ['cancel', 'cancel order', 'الغاء', 'الغاء الطلب'],
    ['received', 'i received it', 'delivered', 'استلمت', 'تم الاستلام'],
    ['problem', 'return', 'report', 'مشكله', 'ارجاع', 'بلاغ'],
    ['rate', 'rating', 'تقييم', 'قيم'],
    ['reorder', 'order again', 'again', 'اطلب مره اخري', 'اعاده الطلب'],
  ],
  OPTION_LABELS.orderActions,
);

// The orders are read from the database on first use: only look when there is a number to look for.
const orderOf = (args: Ctx, number: number | null): OrderView | undefined => (number === null ? undefined : args.event.env.orders.find((o) => o.number === number));
const selectedOrder = (args: Ctx) => orderOf(args, args.context.orderNumber);
const delivered = (args: Ctx) => selectedOrder(args)?.status === 'delivered';
export const typedOrder = (args: Ctx) => orderOf(args, parseOrderNumberText(textOf(args.event)));
const action = (args: Ctx) => pickOption(textOf(args.event), ACTION_OPTIONS);
const orderAction = (kind: 'link' | 'cancel' | 'confirmDelivery') => emit((args) => ({ type: 'orderAction', action: kind, orderNumber: args.context.orderNumber! }));

/** Today's cart for a past catalog order: lines still on sale, capped by stock and the per-order cap. */
function reorderLines(args: Ctx, order: OrderView): { cart: CartLine[]; skipped: number; reduced: number } {
  let cart: CartLine[] = [];
  let skipped = 0;
  let reduced = 0;
  for (const line of order.lines) {
    const item = args.event.env.catalog.find((p) => p.id === line.productId);
    const quantity = item ? Math.min(line.quantity, item.stock, args.event.env.shop.maxPerLine) : 0;
    if (!item || quantity < 1) skipped++;
    else {
      if (quantity < line.quantity) reduced++;
      cart = addToCart(cart, item.id, quantity);
    }
  }
  return { cart, skipped, reduced };
}

export const myOrders = customerSetup.createStateConfig({
  entry: [
    emit(() => ({ type: 'listOrders' })),
    say(({ context, event }) => (event.env.orders.length === 0 ? t(context).myOrdersNone() : t(context).myOrdersPick())),
  ],
  // Nothing to pick from: straight back to the menu.
  always: { guard: ({ event }) => event.env.orders.length === 0, target: 'menu' },
  on: {
    TEXT: [
      ...globals('myOrders', 'orders'),
      { guard: (args) => typedOrder(args) !== undefined, target: 'orderActions', actions: assign({ orderNumber: (args) => typedOrder(args)!.number }) },
      { guard: (args) => readNumber(textOf(args.event)) !== null || parseOrderNumberText(textOf(args.event)) !== null, actions: say(({ context }) => t(context).orderNotYours()) },
      { actions: unknownReply('orders') },
    ],
  },
});

export const orderActions = customerSetup.createStateConfig({
  entry: say((args) => {
    const order = selectedOrder(args);
    return order ? t(args.context).orderActions(order, args.context.language) : t(args.context).orderNotYours();
  }),
  on: {
    TEXT: [
      ...globals('orderActions', 'orders'),
      { guard: (args) => selectedOrder(args) === undefined, target: 'myOrders' },
      // Another of their order numbers switches to that order.
      { guard: (args) => action(args) === null && typedOrder(args) !== undefined, target: 'orderActions', reenter: true, actions: assign({ orderNumber: (args) => typedOrder(args)!.number }) },
      { guard: (args) => action(args) === 0, actions: orderAction('link') },
      { guard: (args) => action(args) === 1, target: 'idle', actions: orderAction('cancel') },
      { guard: (args) => action(args) === 2, target: 'idle', actions: orderAction('confirmDelivery') },
      // Reports and ratings are for delivered orders: say so before asking the questions (the edge checks again).
      { guard: (args) => action(args) === 3 && !delivered(args), actions: say(({ context }) => t(context).outcome('return_refused_not_delivered', context.orderNumber!)) },
      { guard: (args) => action(args) === 4 && !delivered(args), actions: say(({ context }) => t(context).outcome('feedback_not_delivered', context.orderNumber!)) },
      { guard: (args) => action(args) === 3, target: 'problemDescribe', actions: assign({ problem: null, problemImages: [] }) },
      { guard: (args) => action(args) === 4, target: 'rateSeller', actions: assign({ sellerRating: null, orderRating: null }) },
      {
        guard: (args) => action(args) === 5 && selectedOrder(args)!.type === 'custom',
        target: 'requestConfirm',
        actions: [
          assign({
            draft: (args) => {
              const order = selectedOrder(args)!;
              return { ...emptyDraft(), description: order.description ?? '', quantity: order.requestQuantity ?? 1 };
            },
          }),
          say(({ context }) => t(context).reorderCustom()),
        ],
      },
      {
        guard: (args) => action(args) === 5 && reorderLines(args, selectedOrder(args)!).cart.length === 0,
        // The menu follows, so "1" browses as it says there.
        target: 'menu',
        actions: say(({ context }) => t(context).reorderNothing()),
      },
      {
        guard: (args) => action(args) === 5,
        target: 'cart',
        actions: [
          say((args) => {
            const { skipped, reduced } = reorderLines(args, selectedOrder(args)!);
            return t(args.context).reorderCatalog(skipped, reduced);
          }),
          assign({ cart: (args) => reorderLines(args, selectedOrder(args)!).cart }),
        ],
      },
      { actions: unknownReply('orders') },
    ],
  },
});

const addProblemImage = (args: Ctx) =>
  args.event.type === 'MEDIA' && args.event.media.ok && args.context.problemImages.length < MAX_REQUEST_IMAGES
    ? [...args.context.problemImages, args.event.media.image]
    : args.context.problemImages;

export const problemDescribe = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).returnReason()),
  on: {
    TEXT: [
      ...globals('problemDescribe', 'orders'),
      { guard: (args) => validFreeText(textOf(args.event), 5, 1000), target: 'problemPhotos', actions: assign({ problem: (args) => cleanFreeText(textOf(args.event)) }) },
      { actions: say(({ context }) => t(context).returnReasonInvalid()) },
    ],
    MEDIA: {
      actions: [assign({ problemImages: addProblemImage }), say(({ context }) => t(context).returnReason())],
    },
  },
});

const reportProblem = () =>
  emit(({ context }) => ({ type: 'reportProblem', orderNumber: context.orderNumber!, text: context.problem ?? '', images: context.problemImages }));

export const problemPhotos = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).returnPhotos(context.problemImages.length)),
  on: {
    TEXT: [
      ...globals('problemPhotos', 'orders'),
      { guard: (args) => isDone(args) || isSkip(args), target: 'idle', actions: reportProblem() },
      { actions: say(({ context }) => t(context).returnPhotos(context.problemImages.length)) },
    ],
    MEDIA: [
      { guard: (args) => args.event.type === 'MEDIA' && !args.event.media.ok, actions: say((args) => (args.event.type === 'MEDIA' && !args.event.media.ok ? t(args.context).requestPhotoRefused(args.event.media.reason) : '')) },
      { actions: [assign({ problemImages: addProblemImage }), say(({ context }) => t(context).returnPhotos(context.problemImages.length))] },
    ],
  },
});

export const rateSeller = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).rateSeller()),
  on: {
    TEXT: [
      ...globals('rateSeller', 'rating'),
      { guard: (args) => ratingOf(args) !== null, target: 'rateOrder', actions: assign({ sellerRating: ratingOf }) },
      { actions: say(({ context }) => t(context).rateInvalid()) },
    ],
  },
});

export const rateOrder = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).rateOrder()),
  on: {
    TEXT: [
      ...globals('rateOrder', 'rating'),
      { guard: (args) => ratingOf(args) !== null, target: 'rateComment', actions: assign({ orderRating: ratingOf }) },
      { actions: say(({ context }) => t(context).rateInvalid()) },
    ],
  },
});

const submitFeedback = (comment: (args: Ctx) => string | null) =>
  emit((args) => ({
    type: 'submitFeedback',
    orderNumber: args.context.orderNumber!,
    sellerRating: args.context.sellerRating ?? 0,
    orderRating: args.context.orderRating,
    comment: comment(args),
  }));

export const rateComment = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).rateComment()),
  on: {
    TEXT: [
      ...globals('rateComment', 'rating'),
      { guard: isSkip, target: 'idle', actions: submitFeedback(() => null) },
      { guard: (args) => cleanFreeText(textOf(args.event)).length >= 1, target: 'idle', actions: submitFeedback((args) => cleanFreeText(textOf(args.event)).slice(0, 1000)) },
      { actions: say(({ context }) => t(context).rateComment()) },
    ],
  },
});
