// Browsing the catalog, choosing quantities and editing the cart.
import { assign, enqueueActions } from 'xstate';
import { normalizeInput } from '../../orders/text.js';
import { subtotalOf, type CartLine, type CatalogItem, type ShopInfo } from '../catalog.js';
import { PAGE_SIZE } from '../customer-texts.js';
import { isMoreWord, pickOption, readNumber } from '../input.js';
import { OPTION_LABELS, withLabels } from '../option-labels.js';
import { customerSetup, globals, mediaReply, pricedCart, say, t, textOf, unknownReply, type Ctx } from './setup.js';
import type { CustomerContext, CustomerEvent } from './types.js';

const CART_OPTIONS = withLabels(
  [
    ['checkout', 'check out', 'order', 'اتمام', 'اتمام الطلب', 'اطلب'],
    ['add', 'add more', 'browse', 'اضافه', 'تصفح'],
    ['change', 'change quantity', 'edit', 'تغيير', 'تعديل'],
    ['remove', 'delete', 'حذف', 'ازاله'],
    ['empty', 'clear', 'تفريغ', 'افراغ'],
  ],
  OPTION_LABELS.cart,
);
const EMPTY_CART_OPTIONS = [['browse', 'products', 'تصفح', 'المنتجات']] as const;

const visible = (event: CustomerEvent) => event.env.catalog;
const selected = ({ context, event }: Ctx) => visible(event).find((p) => p.id === context.selectedProductId);
const inCart = (context: CustomerContext, productId: number) => context.cart.find((l) => l.productId === productId)?.quantity ?? 0;
/** Units of a product the customer may still add: stock and the per-order cap, minus what the cart holds. */
const roomFor = (context: CustomerContext, item: CatalogItem, shop: ShopInfo) => Math.min(item.stock, shop.maxPerLine) - inCart(context, item.id);
const editedLine = (args: Ctx) => pricedCart(args).find((l) => l.item.id === args.context.editProductId);
/** The cart line a reply picks by its position in the cart as shown (today's catalog). */
const pickedLine = (args: Ctx) => {
  const n = readNumber(textOf(args.event));
  return n === null || n < 1 ? undefined : pricedCart(args)[n - 1];
};
const pageCount = (event: CustomerEvent) => Math.max(1, Math.ceil(visible(event).length / PAGE_SIZE));
const maxForEdit = (args: Ctx) => {
  const line = editedLine(args);
  return line ? Math.min(line.item.stock, args.event.env.shop.maxPerLine) : 0;
};
const quantitySent = (args: Ctx) => readNumber(textOf(args.event));
const notAQuantity = (args: Ctx) => {
  const n = quantitySent(args);
  return n === null || n < 1;
};

function productPicked(event: CustomerEvent): CatalogItem | undefined {
  const text = textOf(event);
  const n = readNumber(text);
  if (n !== null) return visible(event)[n - 1];
  const normalized = normalizeInput(text);
  return visible(event).find((p) => normalizeInput(p.nameEn) === normalized || normalizeInput(p.nameAr) === normalized);
}

export function addToCart(cart: readonly CartLine[], productId: number, quantity: number): CartLine[] {
  const existing = cart.find((l) => l.productId === productId);
  return existing ? cart.map((l) => (l.productId === productId ? { ...l, quantity: l.quantity + quantity } : l)) : [...cart, { productId, quantity }];
}

export const browsing = customerSetup.createStateConfig({
  entry: say(({ context, event }) =>
    visible(event).length === 0 ? t(context).noProducts() : t(context).productList(visible(event), context.page % pageCount(event), pageCount(event), event.env.shop),
  ),
  on: {
    TEXT: [
      ...globals('browsing', 'browsing'),
      {
        guard: ({ event }) => isMoreWord(textOf(event)),
        target: 'browsing',
        reenter: true,
        actions: assign({ page: ({ context, event }) => (context.page + 1) % pageCount(event) }),
      },
      {
        guard: ({ event }) => {
          const n = readNumber(textOf(event));
          return n !== null && (n < 1 || n > visible(event).length);
        },
        actions: say(({ context, event }) => t(context).unknownProduct(visible(event).length)),
      },
      {
        guard: ({ context, event }) => {
          const item = productPicked(event);
          return item !== undefined && roomFor(context, item, event.env.shop) <= 0;
        },
        actions: say(({ context, event }) => {
          const item = productPicked(event)!;
          return item.stock === 0 ? t(context).outOfStock(item) : t(context).cartHasMax(item);
        }),
      },
      {
        guard: ({ event }) => productPicked(event) !== undefined,
        target: 'quantity',
        actions: assign({ selectedProductId: ({ event }) => productPicked(event)!.id }),
      },
      { actions: unknownReply('menuHint') },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

export const quantity = customerSetup.createStateConfig({
  entry: [
    // The product's photo first (when it has one), then its details and the question.
    enqueueActions(({ context, event, enqueue }) => {
      const item = selected({ context, event });
      if (item?.hasImage) enqueue({ type: 'effect', params: { type: 'productPhoto', productId: item.id } });
    }),
    say((args) => {
    const item = selected(args);
      return item ? t(args.context).productDetails(item, args.event.env.shop, roomFor(args.context, item, args.event.env.shop)) : t(args.context).cartChanged();
    }),
  ],
  on: {
    TEXT: [
      ...globals('quantity', 'quantity'),
      { guard: (args) => selected(args) === undefined, target: 'browsing' },
      { guard: notAQuantity, actions: say((args) => t(args.context).quantityNotNumber(roomFor(args.context, selected(args)!, args.event.env.shop))) },
      {
        guard: (args) => quantitySent(args)! > roomFor(args.context, selected(args)!, args.event.env.shop),
        actions: say((args) => t(args.context).quantityTooLarge(roomFor(args.context, selected(args)!, args.event.env.shop), selected(args)!)),
      },
      {
        target: 'cart',
        actions: [
          say((args) => t(args.context).added(quantitySent(args)!, selected(args)!)),
          assign({
            cart: (args) => addToCart(args.context.cart, args.context.selectedProductId!, quantitySent(args)!),
            selectedProductId: null,
          }),
        ],
      },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

export const cart = customerSetup.createStateConfig({
  entry: [
    // Drop lines whose product disappeared from the catalog since they were added.
    assign({ cart: (args) => pricedCart(args).map((l) => ({ productId: l.item.id, quantity: l.quantity })) }),
    say((args) => {
      const lines = pricedCart(args);
      return lines.length === 0 ? t(args.context).cartEmpty() : t(args.context).cart(lines, subtotalOf(lines), args.event.env.shop);
    }),
  ],
  on: {
    TEXT: [
      ...globals('cart', 'cart'),
      {
        guard: ({ context, event }) => context.cart.length === 0 && pickOption(textOf(event), EMPTY_CART_OPTIONS) === 0,
        target: 'browsing',
        actions: assign({ page: 0 }),
      },
      { guard: ({ context }) => context.cart.length === 0, actions: unknownReply('menuHint') },
      { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 0, target: 'checkoutName', actions: assign({ checkoutFor: 'cart' as const }) },
      { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 1, target: 'browsing', actions: assign({ page: 0 }) },
      { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 2, target: 'cartPickLine', actions: assign({ editMode: 'quantity' as const }) },
      { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 3, target: 'cartPickLine', actions: assign({ editMode: 'remove' as const }) },
      {
        guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 4,
        target: 'cart',
        reenter: true,
        actions: [assign({ cart: [] }), say(({ context }) => t(context).cartCleared())],
      },
      { actions: unknownReply('menuHint') },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

export const cartPickLine = customerSetup.createStateConfig({
  entry: say((args) => t(args.context).pickLine(pricedCart(args).length)),
  on: {
    TEXT: [
      ...globals('cartPickLine', 'cart'),
      { guard: (args) => pricedCart(args).length === 0, target: 'cart' },
      { guard: (args) => pickedLine(args) === undefined, actions: say((args) => t(args.context).unknownLine(pricedCart(args).length)) },
      {
        guard: ({ context }) => context.editMode === 'quantity',
        target: 'cartNewQuantity',
        actions: assign({ editProductId: (args) => pickedLine(args)!.item.id }),
      },
      {
        target: 'cart',
        actions: [
          say((args) => t(args.context).removed(pickedLine(args)!.item)),
          assign({ cart: (args) => args.context.cart.filter((l) => l.productId !== pickedLine(args)!.item.id) }),
        ],
      },
    ],
    MEDIA: { actions: mediaReply() },
  },
});

export const cartNewQuantity = customerSetup.createStateConfig({
  entry: say((args) => {
    const line = editedLine(args);
    return line ? t(args.context).askNewQuantity(line.item, maxForEdit(args)) : t(args.context).cartChanged();
  }),
  on: {
    TEXT: [
      ...globals('cartNewQuantity', 'quantity'),
      { guard: (args) => editedLine(args) === undefined, target: 'cart', actions: say(({ context }) => t(context).cartChanged()) },
      { guard: notAQuantity, actions: say((args) => t(args.context).quantityNotNumber(maxForEdit(args))) },
      {
        guard: (args) => quantitySent(args)! > maxForEdit(args),
        actions: say((args) => t(args.context).quantityTooLarge(maxForEdit(args), editedLine(args)!.item)),
      },
      {
        target: 'cart',
        actions: [
          say((args) => t(args.context).quantityChanged(editedLine(args)!.item, quantitySent(args)!)),
          assign({
            cart: (args) => args.context.cart.map((l) => (l.productId === args.context.editProductId ? { ...l, quantity: quantitySent(args)! } : l)),
            editProductId: null,
          }),
        ],
      },
    ],
    MEDIA: { actions: mediaReply() },
  },
});
