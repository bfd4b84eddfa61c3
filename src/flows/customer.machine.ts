// The customer conversation: a pure XState machine. Every input arrives as an event carrying the
// fresh catalog; effects come back as named actions (reply, placeOrder, rememberLanguage) that
// the bot executes at the edge. No I/O, no clock, no timers here.
import { assign, setup } from 'xstate';
import { deliveryFeeFor } from '../orders/delivery-fee.js';
import type { Language } from '../orders/language.js';
import { detectLanguage } from '../orders/language.js';
import { cleanFreeText, normalizeInput } from '../orders/text.js';
import { priceCart, shortLine, subtotalOf, type CartLine, type CatalogItem, type ShopInfo } from './catalog.js';
import { customerTexts, PAGE_SIZE } from './customer-texts.js';
import { isArabicWord, isEnglishWord, isHelpWord, isMenuWord, isMoreWord, MAX_INPUT_LENGTH, pickOption, readNumber } from './input.js';

export const CUSTOMER_MACHINE_ID = 'customer';
/** Bump when a change makes stored snapshots incompatible; old ones are then reset politely. */
export const CUSTOMER_MACHINE_VERSION = 1;

export interface FlowEnv {
  catalog: CatalogItem[];
  shop: ShopInfo;
  pushName: string | null;
  defaultLanguage: Language;
}

export type CustomerEvent =
  | { type: 'TEXT'; text: string; env: FlowEnv }
  | { type: 'MEDIA'; caption: string | null; env: FlowEnv };

export interface CustomerContext {
  language: Language;
  cart: CartLine[];
  selectedProductId: number | null;
  page: number;
  /** The product whose cart line is being changed. */
  editProductId: number | null;
  editMode: 'quantity' | 'remove';
  name: string | null;
  address: string | null;
  area: string | null;
}

export interface PlaceOrderParams {
  cart: CartLine[];
  name: string;
  address: string;
  area: string;
  language: Language;
}

export const initialCustomerContext = (language: Language): CustomerContext => ({
  language,
  cart: [],
  selectedProductId: null,
  page: 0,
  editProductId: null,
  editMode: 'quantity',
  name: null,
  address: null,
  area: null,
});

type Ctx = { context: CustomerContext; event: CustomerEvent };

const t = (context: CustomerContext) => customerTexts[context.language];
const textOf = (event: CustomerEvent) => (event.type === 'TEXT' ? event.text : '');
const visible = (event: CustomerEvent) => event.env.catalog;
const selected = ({ context, event }: Ctx) => visible(event).find((p) => p.id === context.selectedProductId);
const pricedCart = ({ context, event }: Ctx) => priceCart(context.cart, visible(event));
const inCart = (context: CustomerContext, productId: number) => context.cart.find((l) => l.productId === productId)?.quantity ?? 0;
/** Units of a product the customer may still add: stock and the per-order cap, minus what the cart holds. */
const roomFor = (context: CustomerContext, item: CatalogItem, shop: ShopInfo) =>
  Math.min(item.stock, shop.maxPerLine) - inCart(context, item.id);
const editedLine = (args: Ctx) => pricedCart(args).find((l) => l.item.id === args.context.editProductId);
/** The cart line a reply picks by its position in the cart as shown (today's catalog). */
const pickedLine = (args: Ctx) => {
  const n = readNumber(textOf(args.event));
  return n === null || n < 1 ? undefined : pricedCart(args)[n - 1];
};
const pageCount = (event: CustomerEvent) => Math.max(1, Math.ceil(visible(event).length / PAGE_SIZE));
const validFreeText = (text: string, min: number, max: number) => {
  const cleaned = cleanFreeText(text);
  return cleaned.length >= min && cleaned.length <= max && /\p{L}/u.test(cleaned);
};

const MENU_OPTIONS = [
  ['browse', 'products', 'catalog', 'تصفح', 'المنتجات', 'منتجات', 'تصفح المنتجات'],
  ['cart', 'my cart', 'view cart', 'السله', 'سلتي', 'عرض السله'],
  ['language', 'لغه', 'اللغه'],
] as const;
const CART_OPTIONS = [
  ['checkout', 'check out', 'order', 'اتمام', 'اتمام الطلب', 'اطلب'],
  ['add', 'add more', 'browse', 'اضافه', 'تصفح'],
  ['change', 'change quantity', 'edit', 'تغيير', 'تعديل'],
  ['remove', 'delete', 'حذف', 'ازاله'],
  ['empty', 'clear', 'تفريغ', 'افراغ'],
] as const;
const EMPTY_CART_OPTIONS = [['browse', 'products', 'تصفح', 'المنتجات']] as const;
const CONFIRM_OPTIONS = [
  ['confirm', 'yes', 'ok', 'تاكيد', 'اكد', 'نعم', 'تمام', 'موافق'],
  ['edit', 'edit cart', 'cart', 'تعديل', 'السله'],
  ['cancel', 'no', 'الغاء', 'لا'],
] as const;

type HelpKey = keyof (typeof customerTexts)['en']['help'];

export const customerMachine = setup({
  types: {
    context: {} as CustomerContext,
    events: {} as CustomerEvent,
    input: {} as { language: Language },
  },
  actions: {
    // Implemented at the edge; here they are only names with data.
    reply: (_, _params: { text: string }) => {},
    placeOrder: (_, _params: PlaceOrderParams) => {},
    rememberLanguage: (_, _params: { language: Language }) => {},
    useEnglish: assign({ language: 'en' as Language }),
    useArabic: assign({ language: 'ar' as Language }),
    toggleLanguage: assign({ language: ({ context }) => (context.language === 'ar' ? 'en' : 'ar') as Language }),
  },
  guards: {
    tooLong: ({ event }) => event.type === 'TEXT' && event.text.length > MAX_INPUT_LENGTH,
    isMenu: ({ event }) => isMenuWord(textOf(event)),
    isHelp: ({ event }) => isHelpWord(textOf(event)),
    wantsEnglish: ({ context, event }) => context.language !== 'en' && isEnglishWord(textOf(event)),
    wantsArabic: ({ context, event }) => context.language !== 'ar' && isArabicWord(textOf(event)),
    isMedia: ({ event }) => event.type === 'MEDIA',
  },
}).createMachine({
  id: CUSTOMER_MACHINE_ID,
  context: ({ input }) => initialCustomerContext(input.language),
  initial: 'new',
  states: {
    new: {
      on: {
        '*': {
          target: 'menu',
          actions: [
            assign({
              language: ({ event }) =>
                event.type === 'TEXT' ? detectLanguage(event.text, event.env.defaultLanguage) : event.env.defaultLanguage,
            }),
            { type: 'rememberLanguage', params: ({ context }) => ({ language: context.language }) },
            { type: 'reply', params: ({ context, event }) => ({ text: t(context).welcome(event.env.shop) }) },
          ],
        },
      },
    },

    idle: {
      on: { '*': { target: 'menu' } },
    },

    menu: {
      entry: { type: 'reply', params: ({ context }) => ({ text: t(context).menu() }) },
      on: {
        TEXT: [
          ...globals('menu', 'menu'),
          {
            guard: ({ event }) => pickOption(textOf(event), MENU_OPTIONS) === 0 && visible(event).length === 0,
            actions: { type: 'reply', params: ({ context }) => ({ text: t(context).noProducts() }) },
          },
          {
            guard: ({ event }) => pickOption(textOf(event), MENU_OPTIONS) === 0,
            target: 'browsing',
            actions: assign({ page: 0 }),
          },
          { guard: ({ event }) => pickOption(textOf(event), MENU_OPTIONS) === 1, target: 'cart' },
          {
            guard: ({ event }) => pickOption(textOf(event), MENU_OPTIONS) === 2,
            target: 'menu',
            reenter: true,
            actions: switchLanguage('toggleLanguage'),
          },
          { actions: unknownReply('menuHint') },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    browsing: {
      entry: {
        type: 'reply',
        params: ({ context, event }) => ({
          text:
            visible(event).length === 0
              ? t(context).noProducts()
              : t(context).productList(visible(event), context.page % pageCount(event), pageCount(event), event.env.shop),
        }),
      },
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
            actions: {
              type: 'reply',
              params: ({ context, event }) => ({ text: t(context).unknownProduct(visible(event).length) }),
            },
          },
          {
            guard: ({ context, event }) => {
              const item = productPicked(event);
              return item !== undefined && roomFor(context, item, event.env.shop) <= 0;
            },
            actions: {
              type: 'reply',
              params: ({ context, event }) => {
                const item = productPicked(event)!;
                return { text: item.stock === 0 ? t(context).outOfStock(item) : t(context).cartHasMax(item) };
              },
            },
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
    },

    quantity: {
      entry: {
        type: 'reply',
        params: (args) => {
          const item = selected(args);
          if (!item) return { text: t(args.context).cartChanged() };
          return { text: t(args.context).productDetails(item, args.event.env.shop, roomFor(args.context, item, args.event.env.shop)) };
        },
      },
      on: {
        TEXT: [
          ...globals('quantity', 'quantity'),
          { guard: (args) => selected(args) === undefined, target: 'browsing' },
          {
            guard: ({ event }) => {
              const n = readNumber(textOf(event));
              return n === null || n < 1;
            },
            actions: {
              type: 'reply',
              params: (args) => ({ text: t(args.context).quantityNotNumber(roomFor(args.context, selected(args)!, args.event.env.shop)) }),
            },
          },
          {
            guard: (args) => readNumber(textOf(args.event))! > roomFor(args.context, selected(args)!, args.event.env.shop),
            actions: {
              type: 'reply',
              params: (args) => ({
                text: t(args.context).quantityTooLarge(roomFor(args.context, selected(args)!, args.event.env.shop), selected(args)!),
              }),
            },
          },
          {
            target: 'cart',
            actions: [
              { type: 'reply', params: (args) => ({ text: t(args.context).added(readNumber(textOf(args.event))!, selected(args)!) }) },
              assign({
                cart: ({ context, event }) => addToCart(context.cart, context.selectedProductId!, readNumber(textOf(event))!),
                selectedProductId: null,
              }),
            ],
          },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    cart: {
      entry: [
        // Drop lines whose product disappeared from the catalog since they were added.
        assign({ cart: (args) => pricedCart(args).map((l) => ({ productId: l.item.id, quantity: l.quantity })) }),
        {
          type: 'reply',
          params: (args) => {
            const lines = pricedCart(args);
            return { text: lines.length === 0 ? t(args.context).cartEmpty() : t(args.context).cart(lines, subtotalOf(lines), args.event.env.shop) };
          },
        },
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
          { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 0, target: 'checkoutName' },
          { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 1, target: 'browsing', actions: assign({ page: 0 }) },
          { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 2, target: 'cartPickLine', actions: assign({ editMode: 'quantity' }) },
          { guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 3, target: 'cartPickLine', actions: assign({ editMode: 'remove' }) },
          {
            guard: ({ event }) => pickOption(textOf(event), CART_OPTIONS) === 4,
            target: 'cart',
            reenter: true,
            actions: [assign({ cart: [] }), { type: 'reply', params: ({ context }) => ({ text: t(context).cartCleared() }) }],
          },
          { actions: unknownReply('menuHint') },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    cartPickLine: {
      entry: { type: 'reply', params: (args) => ({ text: t(args.context).pickLine(pricedCart(args).length) }) },
      on: {
        TEXT: [
          ...globals('cartPickLine', 'cart'),
          { guard: (args) => pricedCart(args).length === 0, target: 'cart' },
          {
            guard: (args) => pickedLine(args) === undefined,
            actions: { type: 'reply', params: (args) => ({ text: t(args.context).unknownLine(pricedCart(args).length) }) },
          },
          {
            guard: ({ context }) => context.editMode === 'quantity',
            target: 'cartNewQuantity',
            actions: assign({ editProductId: (args) => pickedLine(args)!.item.id }),
          },
          {
            target: 'cart',
            actions: [
              { type: 'reply', params: (args) => ({ text: t(args.context).removed(pickedLine(args)!.item) }) },
              assign({ cart: (args) => args.context.cart.filter((l) => l.productId !== pickedLine(args)!.item.id) }),
            ],
          },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    cartNewQuantity: {
      entry: {
        type: 'reply',
        params: (args) => {
          const line = editedLine(args);
          return { text: line ? t(args.context).askNewQuantity(line.item, maxForEdit(args)) : t(args.context).cartChanged() };
        },
      },
      on: {
        TEXT: [
          ...globals('cartNewQuantity', 'quantity'),
          {
            guard: (args) => editedLine(args) === undefined,
            target: 'cart',
            actions: { type: 'reply', params: ({ context }) => ({ text: t(context).cartChanged() }) },
          },
          {
            guard: ({ event }) => {
              const n = readNumber(textOf(event));
              return n === null || n < 1;
            },
            actions: { type: 'reply', params: (args) => ({ text: t(args.context).quantityNotNumber(maxForEdit(args)) }) },
          },
          {
            guard: (args) => readNumber(textOf(args.event))! > maxForEdit(args),
            actions: { type: 'reply', params: (args) => ({ text: t(args.context).quantityTooLarge(maxForEdit(args), editedLine(args)!.item) }) },
          },
          {
            target: 'cart',
            actions: [
              { type: 'reply', params: (args) => ({ text: t(args.context).quantityChanged(editedLine(args)!.item, readNumber(textOf(args.event))!) }) },
              assign({
                cart: ({ context, event }) =>
                  context.cart.map((l) => (l.productId === context.editProductId ? { ...l, quantity: readNumber(textOf(event))! } : l)),
                editProductId: null,
              }),
            ],
          },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    checkoutName: {
      entry: { type: 'reply', params: ({ context, event }) => ({ text: t(context).askName(suggestedName(event)) }) },
      on: {
        TEXT: [
          ...globals('checkoutName', 'checkout'),
          {
            guard: ({ event }) => suggestedName(event) !== null && pickOption(textOf(event), [['use it']]) === 0,
            target: 'checkoutAddress',
            actions: assign({ name: ({ event }) => suggestedName(event) }),
          },
          {
            guard: ({ event }) => validFreeText(textOf(event), 2, 60),
            target: 'checkoutAddress',
            actions: assign({ name: ({ event }) => cleanFreeText(textOf(event)) }),
          },
          { actions: { type: 'reply', params: ({ context }) => ({ text: t(context).nameInvalid() }) } },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    checkoutAddress: {
      entry: { type: 'reply', params: ({ context }) => ({ text: t(context).askAddress() }) },
      on: {
        TEXT: [
          ...globals('checkoutAddress', 'checkout'),
          {
            guard: ({ event }) => validFreeText(textOf(event), 5, 300),
            target: 'checkoutArea',
            actions: assign({ address: ({ event }) => cleanFreeText(textOf(event)) }),
          },
          { actions: { type: 'reply', params: ({ context }) => ({ text: t(context).addressInvalid() }) } },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    checkoutArea: {
      entry: { type: 'reply', params: ({ context }) => ({ text: t(context).askArea() }) },
      on: {
        TEXT: [
          ...globals('checkoutArea', 'checkout'),
          { guard: ({ event }) => !validFreeText(textOf(event), 2, 100), actions: { type: 'reply', params: ({ context }) => ({ text: t(context).areaInvalid() }) } },
          { guard: (args) => cartProblem(args) !== null, target: 'cart', actions: [assign({ area: ({ event }) => cleanFreeText(textOf(event)) }), stockProblemReply()] },
          { target: 'confirm', actions: assign({ area: ({ event }) => cleanFreeText(textOf(event)) }) },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },

    confirm: {
      entry: {
        type: 'reply',
        params: (args) => {
          const lines = pricedCart(args);
          const { name, address, area } = args.context;
          return {
            text: t(args.context).summary(lines, subtotalOf(lines), deliveryFeeFor(args.event.env.shop, area), { name: name ?? '', address: address ?? '', area: area ?? '' }, args.event.env.shop),
          };
        },
      },
      on: {
        TEXT: [
          ...globals('confirm', 'confirm'),
          { guard: (args) => pickOption(textOf(args.event), CONFIRM_OPTIONS) === 0 && cartProblem(args) !== null, target: 'cart', actions: stockProblemReply() },
          {
            guard: ({ event }) => pickOption(textOf(event), CONFIRM_OPTIONS) === 0,
            target: 'idle',
            actions: [
              {
                type: 'placeOrder',
                params: ({ context }) => ({
                  cart: context.cart,
                  name: context.name ?? '',
                  address: context.address ?? '',
                  area: context.area ?? '',
                  language: context.language,
                }),
              },
              assign({ cart: [], selectedProductId: null, editProductId: null }),
            ],
          },
          { guard: ({ event }) => pickOption(textOf(event), CONFIRM_OPTIONS) === 1, target: 'cart' },
          {
            guard: ({ event }) => pickOption(textOf(event), CONFIRM_OPTIONS) === 2,
            target: 'menu',
            actions: { type: 'reply', params: ({ context }) => ({ text: t(context).checkoutCancelled() }) },
          },
          { actions: unknownReply('confirm') },
        ],
        MEDIA: { actions: mediaReply() },
      },
    },
  },
});

type StateKey = 'menu' | 'browsing' | 'quantity' | 'cart' | 'cartPickLine' | 'cartNewQuantity' | 'checkoutName' | 'checkoutAddress' | 'checkoutArea' | 'confirm';

/** What every step understands: too-long input, menu, help, and switching language. */
function globals(state: StateKey, help: HelpKey) {
  return [
    { guard: 'tooLong' as const, actions: { type: 'reply' as const, params: ({ context }: Ctx) => ({ text: t(context).tooLong() }) } },
    { guard: 'isMenu' as const, target: 'menu' as const, reenter: true },
    { guard: 'isHelp' as const, actions: { type: 'reply' as const, params: ({ context }: Ctx) => ({ text: t(context).help[help]() }) } },
    { guard: 'wantsEnglish' as const, target: state, reenter: true, actions: switchLanguage('useEnglish') },
    { guard: 'wantsArabic' as const, target: state, reenter: true, actions: switchLanguage('useArabic') },
  ];
}

function switchLanguage(change: 'useEnglish' | 'useArabic' | 'toggleLanguage') {
  return [
    change,
    { type: 'rememberLanguage' as const, params: ({ context }: Ctx) => ({ language: context.language }) },
    { type: 'reply' as const, params: ({ context }: Ctx) => ({ text: t(context).languageSet() }) },
  ];
}

function unknownReply(hint: 'menuHint' | HelpKey) {
  return {
    type: 'reply' as const,
    params: ({ context }: Ctx) => ({
      text: `${t(context).unknown()} ${hint === 'menuHint' ? t(context).menuHint() : t(context).help[hint]()}`,
    }),
  };
}

function mediaReply() {
  return { type: 'reply' as const, params: ({ context }: Ctx) => ({ text: t(context).mediaHere() }) };
}

function stockProblemReply() {
  return {
    type: 'reply' as const,
    params: (args: Ctx) => {
      const problem = cartProblem(args)!;
      return { text: problem === 'changed' ? t(args.context).cartChanged() : t(args.context).stockChanged(problem) };
    },
  };
}

/** Why the cart cannot be ordered as it is: a product gone from the catalog, or not enough stock. */
function cartProblem(args: Ctx): CatalogItem | 'changed' | null {
  const lines = pricedCart(args);
  if (lines.length !== args.context.cart.length || lines.length === 0) return 'changed';
  return shortLine(lines)?.item ?? null;
}

function productPicked(event: CustomerEvent): CatalogItem | undefined {
  const text = textOf(event);
  const n = readNumber(text);
  if (n !== null) return visible(event)[n - 1];
  const normalized = normalizeInput(text);
  return visible(event).find((p) => normalizeInput(p.nameEn) === normalized || normalizeInput(p.nameAr) === normalized);
}

function maxForEdit(args: Ctx): number {
  const line = editedLine(args);
  return line ? Math.min(line.item.stock, args.event.env.shop.maxPerLine) : 0;
}

function suggestedName(event: CustomerEvent): string | null {
  const name = event.env.pushName ? cleanFreeText(event.env.pushName) : '';
  return validFreeText(name, 2, 60) ? name : null;
}

function addToCart(cart: readonly CartLine[], productId: number, quantity: number): CartLine[] {
  const existing = cart.find((l) => l.productId === productId);
  return existing
    ? cart.map((l) => (l.productId === productId ? { ...l, quantity: l.quantity + quantity } : l))
    : [...cart, { productId, quantity }];
}
