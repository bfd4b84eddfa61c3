// Browsing the catalog and filling the cart.
import { describe, it, expect } from 'vitest';
import { customerTexts } from '../../src/flows/customer-texts.js';
import { priceCart, subtotalOf } from '../../src/flows/catalog.js';
import { Chat, chatAt, DATES, GHEE, HONEY, makeEnv, plain, product, SHOP } from './driver.js';

const en = customerTexts.en;
const ar = customerTexts.ar;

describe('main menu options', () => {
  it.each(['1', '1.', '١', 'browse', 'Products', 'تصفح', 'المنتجات'])('%j opens the product list', (text) => {
    const chat = chatAt('menu', 'en');
    chat.send(text);
    expect(chat.state).toBe('browsing');
    expect(chat.replies).toEqual([plain(en.productList(makeEnv().catalog, 0, 1, SHOP))]);
  });

  it.each(['2', '٢', 'cart', 'My cart', 'السلة', 'سلتي'])('%j opens the cart', (text) => {
    const chat = chatAt('menu', 'ar');
    chat.send(text);
    expect(chat.state).toBe('cart');
    expect(chat.replies).toEqual([ar.cartEmpty()]);
  });

  it.each(['7', '9', 'shop now', 'بكرة'])('%j is not understood and the menu hint is given', (text) => {
    const chat = chatAt('menu', 'en');
    chat.send(text);
    expect(chat.state).toBe('menu');
    expect(chat.replies).toEqual([`${en.unknown()} ${en.menuHint()}`]);
  });

  it('says the catalog is empty instead of showing an empty list', () => {
    const chat = new Chat(makeEnv({ catalog: [] }));
    chat.sendAll(['Hello', '1']);
    expect(chat.state).toBe('menu');
    expect(chat.replies).toEqual([en.noProducts()]);
  });
});

describe('the product list', () => {
  it('shows prices and marks products that are out of stock', () => {
    const chat = chatAt('browsing', 'en');
    expect(chat.lastReply).toContain('1. Natural honey — EGP 250');
    expect(chat.lastReply).toContain('2. Siwa dates — EGP 80');
    expect(chat.lastReply).toContain('3. Ghee — EGP 120 (out of stock)');
    expect(chat.lastReply).not.toContain('more');
  });

  it('shows Arabic names and prices to Arabic speakers', () => {
    const chat = chatAt('browsing', 'ar');
    const withoutDirectionMarks = chat.lastReply.replace(/\u200f/g, '');
    expect(withoutDirectionMarks).toContain('1. عسل طبيعي — ٢٥٠ ج.م.');
    expect(chat.lastReply).toContain('(نفدت الكمية)');
  });

  it.each(['1', 'Natural honey', 'natural HONEY', 'عسل طبيعي'])('%j picks the honey and asks how many', (text) => {
    const chat = chatAt('browsing', 'en');
    chat.send(text);
    expect(chat.state).toBe('quantity');
    expect(chat.context.selectedProductId).toBe(HONEY.id);
    expect(chat.replies).toEqual([plain(en.productDetails(HONEY, SHOP, 5))]);
    expect(chat.lastReply).toContain('Reply with a number from 1 to 5.');
  });

  it.each(['4', '0٤', '99'])('%j is not a product number', (text) => {
    const chat = chatAt('browsing', 'en');
    chat.send(text);
    expect(chat.state).toBe('browsing');
    expect(chat.replies).toEqual([en.unknownProduct(3)]);
  });

  it('refuses a product that is out of stock', () => {
    const chat = chatAt('browsing', 'en');
    chat.send('3');
    expect(chat.state).toBe('browsing');
    expect(chat.replies).toEqual([en.outOfStock(GHEE)]);
  });

  describe('with more than 8 products', () => {
    const catalog = Array.from({ length: 10 }, (_, i) => product(i + 1, `Item ${i + 1}`, `صنف ${i + 1}`, (i + 1) * 1_000, 10));

    it('shows 8 per page and "more" shows the next page, then wraps around', () => {
      const chat = new Chat(makeEnv({ catalog }));
      chat.sendAll(['Hello', '1']);
      expect(chat.lastReply).toContain('8. Item 8 — EGP 80');
      expect(chat.lastReply).not.toContain('9. Item 9');
      expect(chat.lastReply).toContain('Send "more" for the next page (1/2).');

      chat.send('more');
      expect(chat.state).toBe('browsing');
      expect(chat.replies).toEqual([plain(en.productList(catalog, 1, 2, SHOP))]);
      expect(chat.lastReply).toContain('9. Item 9 — EGP 90');
      expect(chat.lastReply).toContain('10. Item 10 — EGP 100');
      expect(chat.lastReply).not.toContain('Send "more"');

      chat.send('next');
      expect(chat.lastReply).toContain('1. Item 1 — EGP 10');
    });

    it('"المزيد" pages in Arabic', () => {
      const chat = new Chat(makeEnv({ catalog }));
      chat.sendAll(['مرحبا', '1']);
      expect(chat.lastReply).toContain('أرسل "المزيد" للصفحة التالية (1/2).');
      chat.send('المزيد');
      expect(chat.replies).toEqual([plain(ar.productList(catalog, 1, 2, SHOP))]);
    });

    it('numbers pick from the whole list, whatever page is shown', () => {
      const chat = new Chat(makeEnv({ catalog }));
      chat.sendAll(['Hello', '1', '10']);
      expect(chat.state).toBe('quantity');
      expect(chat.context.selectedProductId).toBe(10);
      chat.sendAll(['0', '1', 'more', '2']);
      expect(chat.context.selectedProductId).toBe(2);
    });
  });
});

describe('choosing a quantity', () => {
  it('adds the product and shows the cart', () => {
    const chat = chatAt('quantity', 'en');
    chat.send('2');
    expect(chat.state).toBe('cart');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 2 }]);
    expect(chat.replies[0]).toBe('Added 2 × Natural honey to your cart. ✅');
    expect(chat.lastReply).toContain('1. Natural honey × 2 — EGP 500');
    expect(chat.lastReply).toContain('Subtotal: EGP 500');
  });

  it('reads Arabic-Indic digits', () => {
    const chat = chatAt('quantity', 'ar');
    chat.send('٣');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 3 }]);
    expect(chat.replies[0]).toBe(ar.added(3, HONEY));
  });

  it('refuses more than the stock, naming the limit', () => {
    const chat = chatAt('browsing', 'en');
    chat.send('2'); // Siwa dates: 3 in stock, below the per-order cap of 5
    expect(chat.lastReply).toContain('Reply with a number from 1 to 3.');
    chat.send('4');
    expect(chat.state).toBe('quantity');
    expect(chat.replies).toEqual([en.quantityTooLarge(3, DATES)]);
    expect(chat.lastReply).toBe('You can order at most 3 of Siwa dates (3 in stock). Please send a smaller number.');
    expect(chat.context.cart).toEqual([]);
  });

  it('refuses more than the per-order cap, naming the limit', () => {
    const chat = chatAt('quantity', 'ar'); // honey: 20 in stock, cap 5
    chat.send('6');
    expect(chat.state).toBe('quantity');
    expect(chat.replies).toEqual([ar.quantityTooLarge(5, HONEY)]);
    expect(chat.lastReply).toContain('هي 5');
  });

  it.each(['0٫5', 'two', '-1', '1.5', 'x'])('asks again for a number when sent %j', (text) => {
    const chat = chatAt('quantity', 'en');
    chat.send(text);
    expect(chat.state).toBe('quantity');
    expect(chat.replies).toEqual([en.quantityNotNumber(5)]);
  });

  it('merges a product added twice into one cart line, and counts it against the cap', () => {
    const chat = chatAt('cart', 'en'); // 2 × honey
    chat.sendAll(['2', '1']);
    expect(chat.lastReply).toContain('Reply with a number from 1 to 3.');
    chat.send('4');
    expect(chat.replies).toEqual([en.quantityTooLarge(3, HONEY)]);
    chat.send('3');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 5 }]);
    expect(chat.lastReply).toContain('1. Natural honey × 5 — EGP 1,250');
    expect(chat.lastReply).not.toContain('2. Natural honey');

    chat.sendAll(['2', '1']);
    expect(chat.state).toBe('browsing');
    expect(chat.replies).toEqual([en.cartHasMax(HONEY)]);
  });
});

describe('the cart', () => {
  /** 2 × honey and 1 × dates. */
  function twoLineCart(language: 'en' | 'ar' = 'en') {
    const chat = chatAt('cart', language);
    chat.sendAll(['2', '2', '1']);
    expect(chat.context.cart).toEqual([
      { productId: HONEY.id, quantity: 2 },
      { productId: DATES.id, quantity: 1 },
    ]);
    return chat;
  }

  it('lists lines with totals and the options', () => {
    const chat = twoLineCart();
    const lines = priceCart(chat.context.cart, chat.env.catalog);
    expect(chat.lastReply).toBe(plain(en.cart(lines, subtotalOf(lines), SHOP)));
    expect(chat.lastReply).toContain('Subtotal: EGP 580');
    expect(chat.lastReply).toContain('3. Change a quantity');
  });

  it('changes the quantity of a line', () => {
    const chat = twoLineCart();
    chat.send('change');
    expect(chat.state).toBe('cartPickLine');
    expect(chat.replies).toEqual([en.pickLine(2)]);
    chat.send('2');
    expect(chat.state).toBe('cartNewQuantity');
    expect(chat.replies).toEqual([en.askNewQuantity(DATES, 3)]);
    chat.send('3');
    expect(chat.state).toBe('cart');
    expect(chat.replies[0]).toBe('Siwa dates is now × 3.');
    expect(chat.context.cart).toEqual([
      { productId: HONEY.id, quantity: 2 },
      { productId: DATES.id, quantity: 3 },
    ]);
    expect(chat.lastReply).toContain('2. Siwa dates × 3 — EGP 240');
  });

  it('refuses a new quantity above the limit or that is not a number', () => {
    const chat = twoLineCart('ar');
    chat.sendAll(['تعديل', '1']);
    expect(chat.replies).toEqual([ar.askNewQuantity(HONEY, 5)]);
    chat.send('6');
    expect(chat.state).toBe('cartNewQuantity');
    expect(chat.replies).toEqual([ar.quantityTooLarge(5, HONEY)]);
    chat.send('صفر');
    expect(chat.replies).toEqual([ar.quantityNotNumber(5)]);
    expect(chat.context.cart[0]).toEqual({ productId: HONEY.id, quantity: 2 });
  });

  it('asks again when the line number does not exist', () => {
    const chat = twoLineCart();
    chat.send('3');
    chat.send('3');
    expect(chat.state).toBe('cartPickLine');
    expect(chat.replies).toEqual([en.unknownLine(2)]);
  });

  it('removes a line', () => {
    const chat = twoLineCart();
    chat.send('4');
    expect(chat.state).toBe('cartPickLine');
    chat.send('1');
    expect(chat.state).toBe('cart');
    expect(chat.replies[0]).toBe('Removed Natural honey from your cart.');
    expect(chat.context.cart).toEqual([{ productId: DATES.id, quantity: 1 }]);
    expect(chat.lastReply).toContain('1. Siwa dates × 1 — EGP 80');
    expect(chat.lastReply).not.toContain('Natural honey');
  });

  it('removing the last line leaves an empty cart', () => {
    const chat = chatAt('cart', 'ar');
    chat.sendAll(['حذف', '1']);
    expect(chat.replies).toEqual([ar.removed(HONEY), ar.cartEmpty()]);
    expect(chat.context.cart).toEqual([]);
  });

  it('empties the cart', () => {
    const chat = twoLineCart();
    chat.send('empty');
    expect(chat.state).toBe('cart');
    expect(chat.replies).toEqual([en.cartCleared(), en.cartEmpty()]);
    expect(chat.context.cart).toEqual([]);
  });

  it('when empty offers only browsing', () => {
    const chat = chatAt('menu', 'en');
    chat.send('2');
    expect(chat.replies).toEqual(['Your cart is empty.\n1. Browse products\n0. Main menu']);
    chat.send('5');
    expect(chat.state).toBe('cart');
    expect(chat.replies).toEqual([`${en.unknown()} ${en.menuHint()}`]);
    chat.send('checkout');
    expect(chat.state).toBe('cart');
    chat.send('1');
    expect(chat.state).toBe('browsing');
  });

  it('"add more" goes back to the product list', () => {
    const chat = chatAt('cart', 'en');
    chat.send('add more');
    expect(chat.state).toBe('browsing');
    expect(chat.context.cart).toEqual([{ productId: HONEY.id, quantity: 2 }]);
  });

  it('drops lines whose product left the catalog when shown again', () => {
    const chat = twoLineCart();
    chat.env = makeEnv({ catalog: [DATES] });
    chat.sendAll(['0', '2']);
    expect(chat.context.cart).toEqual([{ productId: DATES.id, quantity: 1 }]);
    expect(chat.lastReply).toContain('1. Siwa dates × 1');
    expect(chat.lastReply).not.toContain('Natural honey');
  });
});
