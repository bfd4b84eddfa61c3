// Answers a customer relies on between steps: the help of the step they are at, the total they agreed to,
// and the menu acting at once after an action.
import { describe, expect, it } from 'vitest';
import { stepCustomerFlow } from '../../src/flows/customer-flow.js';
import { customerTexts } from '../../src/flows/customer-texts.js';
import { CUSTOMER_MACHINE_VERSION } from '../../src/flows/customer.machine.js';
import type { OrderView, QuoteView } from '../../src/flows/customer/types.js';
import { Chat, chatAt, HONEY, makeEnv, plain, SHOP } from './driver.js';

const en = customerTexts.en;
const ar = customerTexts.ar;

const QUOTE: QuoteView = {
  quoteId: 7,
  requestNumber: 101,
  description: 'A wooden name sign',
  priceMinor: 150_000,
  currency: 'EGP',
  deliveryDays: 3,
  notes: null,
  expiresAt: '2026-03-03T10:00:00.000Z',
};

const deliveredOrder = (quantity: number): OrderView => ({
  number: 1001,
  type: 'catalog',
  status: 'delivered',
  totalMinor: HONEY.priceMinor * quantity,
  currency: 'EGP',
  lines: [{ productId: HONEY.id, quantity }],
  description: null,
  requestQuantity: null,
});

/** A customer at the review of an accepted quote's delivery details. */
function atQuoteReview(language: 'en' | 'ar') {
  const chat = chatAt('menu', language);
  chat.sendEvent({ type: 'QUOTE_OFFERED', quote: QUOTE });
  chat.sendAll(['1', 'Mona Ahmed', '12 Tahrir St, building 5', 'Dokki, Giza']);
  expect(chat.state).toBe('confirm');
  return chat;
}

describe('help and unknown replies say the options of the step the customer is at', () => {
  it('at the cash-on-delivery question: 1 send it, 2 cancel, and nothing else is offered', () => {
    const chat = chatAt('menu', 'ar');
    chat.sendEvent({ type: 'COD_CONFIRM', cod: { orderNumber: 1006, totalMinor: 63_000, currency: 'EGP' } });
    chat.send('؟');
    expect(chat.replies).toEqual([ar.help.cod()]);
    chat.send('٣');
    expect(chat.replies).toEqual([`${ar.unknown()} ${ar.help.cod()}`]);
    expect(chat.effects.some((e) => e.type === 'answerCod')).toBe(false);
    expect(chat.state).toBe('codConfirm');
    chat.send('١');
    expect(chat.effects).toContainEqual({ type: 'answerCod', orderNumber: 1006, confirm: true });
  });

  it('at the review of an accepted quote: 2 changes the delivery details, 3 goes back to the quote', () => {
    const chat = atQuoteReview('en');
    chat.send('help');
    expect(chat.replies).toEqual([en.help.quoteConfirm()]);
    chat.send('what?');
    expect(chat.replies).toEqual([`${en.unknown()} ${en.help.quoteConfirm()}`]);
    chat.send('3');
    expect(chat.state).toBe('quoteAnswer');
  });

  it('at the review of a cart the help is still the cart review’s', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('help');
    expect(chat.replies).toEqual([en.help.confirm()]);
  });
});

describe('the order is placed only at the total the customer was shown', () => {
  it('a price changed after the review: the new total is shown and nothing is placed until the customer says 1 again', () => {
    const chat = chatAt('confirm', 'en');
    expect(chat.lastReply).toContain('Total: EGP 530');
    chat.env = makeEnv({ catalog: chat.env.catalog.map((p) => (p.id === HONEY.id ? { ...p, priceMinor: 30_000 } : p)) });
    chat.send('1');
    expect(chat.effects.some((e) => e.type === 'placeOrder')).toBe(false);
    expect(chat.replies[0]).toBe(en.totalChanged());
    expect(chat.replies[1]).toContain('Total: EGP 630');
    expect(chat.state).toBe('confirm');
    chat.send('1');
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'placeOrder', cart: [{ productId: HONEY.id, quantity: 2 }] }));
  });

  it('the delivery fee of the area changed after the review, for a quote as for a cart', () => {
    const chat = atQuoteReview('ar');
    chat.env = makeEnv({ shop: { ...SHOP, deliveryZones: [{ name: 'Giza', feeMinor: 4_500 }] } });
    chat.send('1');
    expect(chat.effects.some((e) => e.type === 'acceptQuote')).toBe(false);
    expect(chat.replies[0]).toBe(ar.totalChanged());
    chat.send('1');
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'acceptQuote', quoteId: QUOTE.quoteId }));
  });

  it('nothing changed: placed at once', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('1');
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'placeOrder' }));
  });
});

describe('after an action the menu acts at once', () => {
  it('"4" right after an order is placed opens my orders instead of showing the menu first', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('1');
    expect(chat.state).toBe('idle');
    chat.env = makeEnv({ orders: [deliveredOrder(2)] });
    chat.send('4');
    expect(chat.state).toBe('myOrders');
  });

  it('anything that is not a choice still brings the menu', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('1');
    chat.send('thanks!');
    expect(chat.state).toBe('menu');
    expect(chat.replies).toEqual([plain(en.menu())]);
  });

  it('one of the customer’s order numbers, and the usual ways of asking where an order is', () => {
    const env = makeEnv({ orders: [deliveredOrder(2)] });
    const chat = chatAt('menu', 'en', env);
    chat.send('#1001');
    expect(chat.state).toBe('orderActions');
    for (const text of ['where is my order?', 'status', 'فين طلبي؟', 'طلبي']) {
      const asking = chatAt('menu', 'en', env);
      asking.send(text);
      expect(asking.state, text).toBe('myOrders');
    }
  });
});

describe('ordering a past order again', () => {
  it('says when a line comes back with fewer than before', () => {
    const env = makeEnv({ orders: [deliveredOrder(4)], catalog: [{ ...HONEY, stock: 3 }] });
    const chat = chatAt('menu', 'en', env);
    chat.sendAll(['4', '1001', 'order again']);
    expect(chat.replies[0]).toBe(en.reorderCatalog(0, 1));
    expect(chat.replies[0]).toContain('smaller quantity');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 3 }]);
  });

  it('with nothing left to order, the menu follows so that "1" browses', () => {
    const env = makeEnv({ orders: [deliveredOrder(2)], catalog: [{ ...HONEY, stock: 0 }] });
    const chat = chatAt('menu', 'en', env);
    chat.sendAll(['4', '1001', 'order again']);
    expect(chat.replies[0]).toBe(en.reorderNothing());
    expect(chat.state).toBe('menu');
    chat.send('1');
    expect(chat.state).toBe('browsing');
  });
});

describe('an option typed out as it is shown is understood', () => {
  it.each([
    ['Confirm the order', 'en'],
    ['تأكيد الطلب', 'ar'],
  ] as const)('"%s" at the review places the order', (text, language) => {
    const chat = chatAt('confirm', language);
    chat.send(text);
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'placeOrder' }));
  });

  it('"Place the order" at an accepted quote’s review, "Back to the quote" returns to it', () => {
    const chat = atQuoteReview('en');
    chat.send('Back to the quote');
    expect(chat.state).toBe('quoteAnswer');
    chat.sendAll(['Accept', 'Mona Ahmed', '12 Tahrir St, building 5', 'Dokki, Giza', 'Place the order']);
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'acceptQuote', quoteId: QUOTE.quoteId }));
  });

  it('"Send the request" at a custom request’s review, and "Order again" on a past order', () => {
    const chat = chatAt('menu', 'en');
    chat.sendAll(['Custom order request', 'A wooden name sign with Omar on it', '1', 'skip', 'done']);
    expect(chat.state).toBe('requestConfirm');
    chat.send('Send the request');
    expect(chat.effects).toContainEqual(expect.objectContaining({ type: 'createRequest' }));

    const past = chatAt('menu', 'ar', makeEnv({ orders: [deliveredOrder(1)] }));
    past.sendAll(['طلباتي', '1001', 'اطلب مرة أخرى']);
    expect(past.context.cart).toEqual([{ productId: HONEY.id, quantity: 1 }]);
  });
});

describe('photos of a custom request', () => {
  it('the fifth photo says it is the last one kept instead of inviting more', () => {
    const chat = chatAt('menu', 'en');
    chat.sendAll(['3', 'A wooden name sign with Omar on it', '1', 'skip']);
    expect(chat.state).toBe('requestPhotos');
    for (let i = 1; i <= 5; i++) {
      chat.sendEvent({ type: 'MEDIA', caption: null, media: { ok: true, image: { path: `media/p${i}.jpg`, mimetype: 'image/jpeg', sizeBytes: 10, sha256: `h${i}` } } });
    }
    expect(chat.lastReply).toBe('Photo received (5/5), the most we keep. Send "done" to continue.');
  });

  it('a budget written as the bot writes amounts is understood', () => {
    const chat = chatAt('menu', 'en');
    chat.sendAll(['3', 'A wooden name sign with Omar on it', '1', 'EGP 1,500']);
    expect(chat.context.draft.budgetMinor).toBe(150_000);
  });
});

describe('the cash-on-delivery question in the middle of a new checkout', () => {
  it('after the answer the customer is told the cart is still there, and "2" opens it', () => {
    const chat = chatAt('checkoutAddress', 'en');
    chat.sendEvent({ type: 'COD_CONFIRM', cod: { orderNumber: 1001, totalMinor: 53_000, currency: 'EGP' } });
    chat.send('1');
    expect(chat.effects).toContainEqual({ type: 'answerCod', orderNumber: 1001, confirm: true });
    expect(chat.replies).toEqual([en.cartStillHere()]);
    chat.send('2');
    expect(chat.state).toBe('cart');
  });

  it('with an empty cart nothing more is said', () => {
    const chat = chatAt('menu', 'en');
    chat.sendEvent({ type: 'COD_CONFIRM', cod: { orderNumber: 1001, totalMinor: 53_000, currency: 'EGP' } });
    chat.send('2');
    expect(chat.effects).toEqual([{ type: 'answerCod', orderNumber: 1001, confirm: false }]);
  });
});

describe('back to the cart from the review', () => {
  it('checking out again offers the name and address typed a moment ago', () => {
    const chat = new Chat(makeEnv({ pushName: null, defaultLanguage: 'en' }));
    chat.sendAll(['Hello', '1', '1', '2', '1', 'Mona Ahmed', '12 Tahrir St, building 5', 'Dokki, Giza']);
    expect(chat.state).toBe('confirm');
    chat.sendAll(['2', '1']);
    expect(chat.lastReply).toBe(en.askName('Mona Ahmed'));
    chat.send('1');
    expect(chat.lastReply).toContain('Reply 1 to use your last address: 12 Tahrir St, building 5, Dokki, Giza');
    chat.send('1');
    expect(chat.state).toBe('confirm');
  });
});

describe('a stored conversation that cannot be resumed', () => {
  it('still moves to a quote the seller just sent, after the polite reset note', () => {
    const stale = { version: CUSTOMER_MACHINE_VERSION - 1, snapshot: { value: 'cart', context: {} } };
    const result = stepCustomerFlow(stale, { type: 'QUOTE_OFFERED', quote: QUOTE, env: makeEnv({ defaultLanguage: 'en' }) }, 'en');
    expect(result.snapshot.value).toBe('quoteAnswer');
    expect(result.effects[0]).toEqual({ type: 'reply', text: en.conversationReset() });
  });
});

describe('photos sent before the photo step', () => {
  it('are acknowledged when they arrive, and the photo step counts them instead of repeating "received"', () => {
    const chat = chatAt('menu', 'en');
    chat.sendAll(['3', 'A wooden name sign with Omar on it']);
    expect(chat.state).toBe('requestQuantity');
    chat.sendEvent({ type: 'MEDIA', caption: null, media: { ok: true, image: { path: 'media/a.jpg', mimetype: 'image/jpeg', sizeBytes: 10, sha256: 'a' } } });
    expect(chat.replies).toEqual([`Photo received (1/5). ${en.requestQuantity()}`]);
    chat.sendAll(['1', 'skip']);
    expect(chat.replies).toEqual([en.requestPhotosSoFar(1)]);
    expect(chat.lastReply).toBe('You have sent 1 of at most 5 photos. Send more, or "done" when you have finished.');
  });
});
