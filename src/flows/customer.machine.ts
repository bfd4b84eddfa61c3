// The customer conversation: a pure XState machine. Every event carries the fresh data the edge
// loaded (catalog, the customer's orders and quotes, the time); effects come back as data that
// the bot carries out at the edge. No I/O, no clock, no timers here.
import { assign } from 'xstate';
import { detectLanguage, type Language } from '../orders/language.js';
import { normalizeInput } from '../orders/text.js';
import { pickOption } from './input.js';
import { OPTION_LABELS, withLabels } from './option-labels.js';
import { codConfirm, registerEmail, registerName } from './customer/account-states.js';
import { browsing, cart, cartNewQuantity, cartPickLine, quantity } from './customer/catalog-states.js';
import { checkoutAddress, checkoutArea, checkoutName, confirm } from './customer/checkout-states.js';
import { myOrders, orderActions, typedOrder, problemDescribe, problemPhotos, rateComment, rateOrder, rateSeller } from './customer/orders-states.js';
import {
  emptyDraft,
  quoteAnswer,
  quoteChanges,
  quoteRejectReason,
  requestBudget,
  requestConfirm,
  requestDescription,
  requestPhotos,
  requestQuantity,
} from './customer/request-states.js';
import { customerSetup, emit, globals, say, switchLanguage, t, textOf, unknownReply, type Ctx } from './customer/setup.js';
import type { CustomerContext } from './customer/types.js';

export type { CustomerContext, CustomerEvent, FlowEnv, FlowEffect, PlaceOrderParams } from './customer/types.js';

export const CUSTOMER_MACHINE_ID = 'customer';
/** Bump when a change makes stored snapshots incompatible; old ones are then reset politely. */
export const CUSTOMER_MACHINE_VERSION = 3;

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
  checkoutFor: 'cart',
  quote: null,
  draft: emptyDraft(),
  orderNumber: null,
  problem: null,
  problemImages: [],
  sellerRating: null,
  orderRating: null,
  registerName: null,
  cod: null,
  shownTotalMinor: null,
});

const MENU_OPTIONS = withLabels(
  [
    ['browse', 'products', 'catalog', 'تصفح', 'المنتجات', 'منتجات', 'تصفح المنتجات'],
    ['cart', 'my cart', 'view cart', 'السله', 'سلتي', 'عرض السله'],
    ['custom', 'custom order', 'request', 'طلب خاص', 'خاص'],
    ['my orders', 'orders', 'track', 'my order', 'where is my order', 'order status', 'status', 'طلباتي', 'الطلبات', 'تتبع', 'طلبي', 'فين طلبي', 'وين طلبي', 'حالة الطلب'],
    ['talk to the store', 'talk to the seller', 'seller', 'human', 'agent', 'support', 'التحدث مع المتجر', 'البائع', 'كلم البائع', 'خدمه العملاء'],
    ['language', 'لغه', 'اللغه'],
  ],
  OPTION_LABELS.menu,
);
const REGISTER_WORDS = ['register', 'sign up', 'تسجيل', 'سجلني', 'حساب'];
const QUOTE_WORDS = ['quote', 'offer', 'العرض', 'عرض السعر', 'عرض'];
const LINK_WORDS = ['resend my link', 'my link', 'link', 'رابط طلبي', 'الرابط', 'رابط'];

const menuPick = (args: Ctx) => pickOption(textOf(args.event), MENU_OPTIONS);
const saidOneOf = (words: readonly string[]) => (args: Ctx) => words.map(normalizeInput).includes(normalizeInput(textOf(args.event)));
const latestOpenQuote = (args: Ctx) => args.event.env.openQuotes[0] ?? null;

/** Words that work from the menu and right after an order: register, the open quote, "resend my link". */
const shortcuts = [
  { guard: saidOneOf(REGISTER_WORDS), target: 'registerName' },
  { guard: (args: Ctx) => saidOneOf(QUOTE_WORDS)(args) && latestOpenQuote(args) !== null, target: 'quoteAnswer', actions: 'takeLatestQuote' as const },
  { guard: saidOneOf(LINK_WORDS), target: 'myOrders' },
];

/** The main menu's choices, and one of the customer's own order numbers (#1003) straight to that order. */
const menuChoices = [
  { guard: (args: Ctx) => menuPick(args) === 0 && args.event.env.catalog.length === 0, target: 'menu', actions: say(({ context }) => t(context).noProducts()) },
  { guard: (args: Ctx) => menuPick(args) === 0, target: 'browsing', actions: customerSetup.assign({ page: 0 }) },
  { guard: (args: Ctx) => menuPick(args) === 1, target: 'cart' },
  { guard: (args: Ctx) => menuPick(args) === 2, target: 'requestDescription', actions: customerSetup.assign({ draft: emptyDraft() }) },
  { guard: (args: Ctx) => menuPick(args) === 3, target: 'myOrders' },
  { guard: (args: Ctx) => menuPick(args) === 4, target: 'idle', actions: emit(() => ({ type: 'startHandoff' })) },
  { guard: (args: Ctx) => menuPick(args) === 5, target: 'menu', reenter: true, actions: switchLanguage('toggleLanguage') },
  { guard: (args: Ctx) => typedOrder(args) !== undefined, target: 'orderActions', actions: customerSetup.assign({ orderNumber: (args: Ctx) => typedOrder(args)!.number }) },
];

/** A delivered order's rating question, from a step where nothing else is going on. */
const askFeedback = [
  customerSetup.assign({ orderNumber: ({ event }) => (event.type === 'FEEDBACK_DUE' ? event.orderNumber : null) }),
  say(({ context }) => t(context).feedbackAsk(context.orderNumber ?? 0)),
];

export const customerMachine = customerSetup.createMachine({
  id: CUSTOMER_MACHINE_ID,
  context: ({ input }) => initialCustomerContext(input.language),
  initial: 'new',
  on: {
    QUOTE_OFFERED: { target: '.quoteAnswer', actions: assign({ quote: ({ event }) => event.quote }) },
    COD_CONFIRM: { target: '.codConfirm', actions: assign({ cod: ({ event }) => event.cod }) },
    // Steps that take no photos still answer one.
    MEDIA: { actions: say(({ context }) => t(context).mediaHere()) },
  },
  states: {
    new: {
      on: {
        '*': {
          target: 'menu',
          actions: [
            assign({
              language: ({ event }) => (event.type === 'TEXT' ? detectLanguage(event.text, event.env.defaultLanguage) : event.env.defaultLanguage),
            }),
            emit(({ context }) => ({ type: 'rememberLanguage', language: context.language })),
            say(({ context, event }) => t(context).welcome(event.env.shop)),
          ],
        },
      },
    },

    /** A stored conversation was reset: the message was meant for a step that is gone, so it only brings the menu. */
    restarted: {
      on: {
        TEXT: { target: 'menu' },
        MEDIA: { target: 'menu' },
        FEEDBACK_DUE: { target: 'rateSeller', actions: askFeedback },
      },
    },

    /** After an action: the next message shows the menu (or acts on a shortcut word). */
    idle: {
      on: {
        // A menu choice acts at once (the customer knows the menu); anything else shows it.
        TEXT: [...shortcuts, ...menuChoices, { target: 'menu' }],
        MEDIA: { target: 'menu' },
        FEEDBACK_DUE: { target: 'rateSeller', actions: askFeedback },
      },
    },

    menu: {
      entry: say(({ context, event }) => {
        const quote = event.env.openQuotes[0];
        return t(context).menu() + (quote ? t(context).openQuoteHint(quote.requestNumber) : '');
      }),
      on: {
        TEXT: [
          ...globals('menu', 'menu'),
          ...shortcuts,
          ...menuChoices,
          { actions: unknownReply('menuHint') },
        ],
        MEDIA: { actions: say(({ context }) => t(context).mediaHere()) },
        FEEDBACK_DUE: { target: 'rateSeller', actions: askFeedback },
      },
    },

    browsing,
    quantity,
    cart,
    cartPickLine,
    cartNewQuantity,
    checkoutName,
    checkoutAddress,
    checkoutArea,
    confirm,
    requestDescription,
    requestQuantity,
    requestBudget,
    requestPhotos,
    requestConfirm,
    quoteAnswer,
    quoteRejectReason,
    quoteChanges,
    myOrders,
    orderActions,
    problemDescribe,
    problemPhotos,
    rateSeller,
    rateOrder,
    rateComment,
    registerName,
    registerEmail,
    codConfirm,
  },
});
