// Checkout: name, address, area, summary, and the placeOrder effect.
import { describe, it, expect } from 'vitest';
import { customerTexts } from '../../src/flows/customer-texts.js';
import { Chat, chatAt, DATES, HONEY, makeEnv, withStock } from './driver.js';

const en = customerTexts.en;
const ar = customerTexts.ar;

const placeOrders = (chat: Chat) => chat.effects.filter((e) => e.type === 'placeOrder');

describe('checkout details', () => {
  it('offers the WhatsApp name and takes it with 1 or "use it"', () => {
    for (const answer of ['1', 'use it']) {
      const chat = chatAt('checkoutName', 'en');
      expect(chat.lastReply).toBe(en.askName('Mona'));
      expect(chat.lastReply).toContain('Reply 1 to use "Mona", or send another name.');
      chat.send(answer);
      expect(chat.state).toBe('checkoutAddress');
      expect(chat.context.name).toBe('Mona');
      expect(chat.replies).toEqual([en.askAddress()]);
    }
  });

  it('takes another name, tidied, instead of the WhatsApp name', () => {
    const chat = chatAt('checkoutName', 'ar');
    chat.send('  منى   أحمد ');
    expect(chat.context.name).toBe('منى أحمد');
    expect(chat.replies).toEqual([ar.askAddress()]);
  });

  it('does not offer a WhatsApp name that is not a usable name', () => {
    const chat = chatAt('checkoutName', 'en', makeEnv({ pushName: '🙂' }));
    expect(chat.lastReply).toBe(en.askName(null));
    chat.send('1');
    expect(chat.state).toBe('checkoutName');
    expect(chat.replies).toEqual([en.nameInvalid()]);
  });

  it.each([['M'], ['12345'], [`${'a'.repeat(61)}`]])('refuses %j as a name', (name) => {
    const chat = chatAt('checkoutName', 'en', makeEnv({ pushName: null }));
    chat.send(name);
    expect(chat.state).toBe('checkoutName');
    expect(chat.replies).toEqual([en.nameInvalid()]);
  });

  it('refuses an address too short to deliver to', () => {
    const chat = chatAt('checkoutAddress', 'en');
    chat.send('Giza');
    expect(chat.state).toBe('checkoutAddress');
    expect(chat.replies).toEqual([en.addressInvalid()]);
  });

  it('refuses an area without letters', () => {
    const chat = chatAt('checkoutArea', 'ar');
    chat.send('١٢');
    expect(chat.state).toBe('checkoutArea');
    expect(chat.replies).toEqual([ar.areaInvalid()]);
  });

  it('summarises the order with delivery fee, total, name and address', () => {
    const chat = chatAt('confirm', 'en');
    const summary = chat.lastReply;
    expect(summary).toContain('• Natural honey × 2 — EGP 500');
    expect(summary).toContain('Subtotal: EGP 500');
    expect(summary).toContain('Delivery: EGP 30');
    expect(summary).toContain('Total: EGP 530 (cash on delivery)');
    expect(summary).toContain('Name: Mona Ahmed');
    expect(summary).toContain('Address: 12 Tahrir St, building 5, Dokki, Giza');
    expect(summary).toContain('1. Confirm the order');
  });

  it('says delivery is free when there is no fee', () => {
    const env = makeEnv({ shop: { ...makeEnv().shop, deliveryFeeMinor: 0 } });
    expect(chatAt('confirm', 'en', env).lastReply).toContain('Delivery: free\nTotal: EGP 500');
    expect(chatAt('confirm', 'ar', env).lastReply).toContain('التوصيل: مجاني');
  });
});

describe('placing the order', () => {
  it('emits placeOrder with the cart, name, address, area and language only after the final confirmation', () => {
    const chat = new Chat(makeEnv());
    const seen: string[] = [];
    for (const text of ['Hello', '1', '1', '2', '2', '2', '3', '1', 'Mona Ahmed', '12 Tahrir St, building 5', 'Dokki, Giza']) {
      chat.send(text);
      seen.push(...chat.effects.map((e) => e.type));
    }
    expect(seen).not.toContain('placeOrder');
    expect(chat.state).toBe('confirm');

    chat.send('1');
    expect(chat.effects).toEqual([
      {
        type: 'placeOrder',
        cart: [
          { productId: HONEY.id, quantity: 2 },
          { productId: DATES.id, quantity: 3 },
        ],
        name: 'Mona Ahmed',
        address: '12 Tahrir St, building 5',
        area: 'Dokki, Giza',
        language: 'en',
      },
    ]);
  });

  it('in Arabic, confirmed with the word تأكيد, carries the Arabic language', () => {
    const chat = chatAt('confirm', 'ar');
    chat.send('تأكيد');
    expect(placeOrders(chat)).toEqual([
      expect.objectContaining({ cart: [{ productId: HONEY.id, quantity: 2 }], name: 'Mona Ahmed', language: 'ar' }),
    ]);
  });

  it('empties the cart afterwards, and the next message shows the menu', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('yes');
    expect(chat.context.cart).toEqual([]);
    chat.send('hi');
    expect(chat.state).toBe('menu');
    expect(chat.replies).toEqual([en.menu()]);
    chat.send('2');
    expect(chat.replies).toEqual([en.cartEmpty()]);
  });

  it('"edit" goes back to the cart and "cancel" to the menu, keeping the cart, without ordering', () => {
    const edit = chatAt('confirm', 'en');
    edit.send('edit');
    expect(edit.state).toBe('cart');
    expect(placeOrders(edit)).toEqual([]);

    const cancel = chatAt('confirm', 'ar');
    cancel.send('الغاء');
    expect(cancel.state).toBe('menu');
    expect(cancel.replies).toEqual([ar.checkoutCancelled(), ar.menu()]);
    expect(cancel.context.cart).toEqual([{ productId: HONEY.id, quantity: 2 }]);
    expect(placeOrders(cancel)).toEqual([]);
  });

  it('does not understand other replies at the summary', () => {
    const chat = chatAt('confirm', 'en');
    chat.send('maybe');
    expect(chat.state).toBe('confirm');
    expect(chat.replies).toEqual([`${en.unknown()} ${en.help.confirm()}`]);
  });
});

describe('stock that changes before the order is confirmed', () => {
  it('when it drops below the cart quantity, no order is placed and the customer is told what is left', () => {
    const chat = chatAt('confirm', 'en'); // 2 × honey
    chat.env = withStock(chat.env, HONEY.id, 1);
    chat.send('1');
    expect(placeOrders(chat)).toEqual([]);
    expect(chat.state).toBe('cart');
    expect(chat.replies[0]).toBe('Sorry, only 1 of Natural honey are left now. Please update your cart.');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 2 }]);
  });

  it('when the product sells out, the Arabic customer is told it sold out', () => {
    const chat = chatAt('confirm', 'ar');
    chat.env = withStock(chat.env, HONEY.id, 0);
    chat.send('تأكيد');
    expect(placeOrders(chat)).toEqual([]);
    expect(chat.replies[0]).toBe(ar.stockChanged({ ...HONEY, stock: 0 }));
  });

  it('when the product leaves the catalog, the cart is updated and nothing is ordered', () => {
    const chat = chatAt('confirm', 'en');
    chat.env = makeEnv({ catalog: [DATES] });
    chat.send('1');
    expect(placeOrders(chat)).toEqual([]);
    expect(chat.replies).toEqual([en.cartChanged(), en.cartEmpty()]);
  });

  it('is noticed when the area is given, before the summary', () => {
    const chat = chatAt('checkoutArea', 'en');
    chat.env = withStock(chat.env, HONEY.id, 1);
    chat.send('Dokki, Giza');
    expect(chat.state).toBe('cart');
    expect(chat.replies[0]).toBe(en.stockChanged({ ...HONEY, stock: 1 }));
  });

  it('after fixing the cart the order goes through with the new quantity', () => {
    const chat = chatAt('confirm', 'en');
    chat.env = withStock(chat.env, HONEY.id, 1);
    chat.send('1');
    chat.sendAll(['3', '1', '1', '1', '1', 'Flat 3, 12 Tahrir St', 'Dokki']);
    expect(chat.state).toBe('confirm');
    chat.send('1');
    expect(placeOrders(chat)).toEqual([expect.objectContaining({ cart: [{ productId: HONEY.id, quantity: 1 }], address: 'Flat 3, 12 Tahrir St', area: 'Dokki' })]);
  });
});
