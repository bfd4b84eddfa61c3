// The customer conversation as a whole: language, global words, media, stale snapshots, long input.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { stepCustomerFlow } from '../../src/flows/customer-flow.js';
import { customerTexts } from '../../src/flows/customer-texts.js';
import { CUSTOMER_MACHINE_VERSION, initialCustomerContext } from '../../src/flows/customer.machine.js';
import { Chat, chatAt, makeEnv, PATHS, plain, SHOP, STEPS, type Step } from './driver.js';

const en = customerTexts.en;
const ar = customerTexts.ar;

/** The help text each step answers with. */
const HELP_FOR: Record<Step, keyof typeof en.help> = {
  menu: 'menu',
  browsing: 'browsing',
  quantity: 'quantity',
  cart: 'cart',
  cartPickLine: 'cart',
  cartNewQuantity: 'quantity',
  checkoutName: 'checkout',
  checkoutAddress: 'checkout',
  checkoutArea: 'checkout',
  confirm: 'confirm',
};

describe('the first message', () => {
  it('in Arabic script gets Arabic replies and remembers Arabic, even when the shop default is English', () => {
    const chat = new Chat(makeEnv({ defaultLanguage: 'en' }));
    chat.send('السلام عليكم');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'ar' });
    expect(chat.replies).toEqual([plain(ar.welcome(SHOP)), plain(ar.menu())]);
    expect(chat.lastReply).toContain('القائمة الرئيسية');
    expect(chat.state).toBe('menu');
    expect(chat.context.language).toBe('ar');
  });

  it('in English gets English replies and remembers English, even when the shop default is Arabic', () => {
    const chat = new Chat(makeEnv({ defaultLanguage: 'ar' }));
    chat.send('Hello');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'en' });
    expect(chat.replies).toEqual([plain(en.welcome(SHOP)), plain(en.menu())]);
    expect(chat.replies[0]).toContain('Welcome to Test Shop!');
    expect(chat.context.language).toBe('en');
  });

  it('with no letters at all uses the shop default language', () => {
    const chat = new Chat(makeEnv({ defaultLanguage: 'en' }));
    chat.send('👋 123');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'en' });
    expect(chat.replies).toEqual([plain(en.welcome(SHOP)), plain(en.menu())]);
  });

  it('as a photo is still greeted, in the shop default language', () => {
    const chat = new Chat(makeEnv({ defaultLanguage: 'ar' }));
    chat.sendMedia('look');
    expect(chat.replies).toEqual([plain(ar.welcome(SHOP)), plain(ar.menu())]);
    expect(chat.state).toBe('menu');
  });

  it('greets only once: the second message is answered by the menu step', () => {
    const chat = chatAt('menu', 'en');
    chat.send('hello again');
    expect(chat.replies).toEqual([`${en.unknown()} ${en.menuHint()}`]);
    expect(chat.effects.some((e) => e.type === 'rememberLanguage')).toBe(false);
  });
});

describe('switching language mid-flow', () => {
  it.each(STEPS)('"English" at %s re-shows that step in English', (step) => {
    const chat = chatAt(step, 'ar');
    const snapshotBefore = chat.context;
    chat.send('English');

    // What an English-speaking customer sees on arriving at the same step.
    const english = chatAt(step, 'en');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'en' });
    expect(chat.replies).toEqual([plain(en.languageSet()), english.lastReply]);
    expect(chat.state).toBe(step);
    expect(chat.context).toEqual({ ...snapshotBefore, language: 'en' });
  });

  it.each(STEPS)('"عربي" at %s re-shows that step in Arabic', (step) => {
    const chat = chatAt(step, 'en');
    chat.send('عربي');
    const arabic = chatAt(step, 'ar');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'ar' });
    expect(chat.replies).toEqual([plain(ar.languageSet()), arabic.lastReply]);
    expect(chat.state).toBe(step);
  });

  it('keeps the product page being browsed', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ ...makeEnv().catalog[0]!, id: i + 1, nameEn: `Item ${i + 1}`, nameAr: `صنف ${i + 1}` }));
    const chat = new Chat(makeEnv({ catalog: many }));
    chat.sendAll(['Hello', '1', 'more', 'عربي']);
    expect(chat.lastReply).toContain('9. صنف 9');
    expect(chat.lastReply).not.toContain('1. صنف 1\n');
  });

  it('asking for the language already in use is not a switch', () => {
    const chat = chatAt('menu', 'en');
    chat.send('English');
    expect(chat.effects.some((e) => e.type === 'rememberLanguage')).toBe(false);
    expect(chat.context.language).toBe('en');
  });

  it('the menu language option toggles the language', () => {
    const chat = chatAt('menu', 'ar');
    chat.send('6');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'en' });
    expect(chat.replies).toEqual([plain(en.languageSet()), plain(en.menu())]);
    chat.send('language');
    expect(chat.effects[0]).toEqual({ type: 'rememberLanguage', language: 'ar' });
    expect(chat.replies).toEqual([plain(ar.languageSet()), plain(ar.menu())]);
  });
});

describe('menu words return to the main menu from any step', () => {
  for (const word of ['menu', 'القائمة', '0', '٠', 'Main Menu']) {
    it.each(STEPS)(`"${word}" at %s`, (step) => {
      const chat = chatAt(step, 'en');
      const cartBefore = chat.context.cart;
      chat.send(word);
      expect(chat.state).toBe('menu');
      expect(chat.replies).toEqual([plain(en.menu())]);
      expect(chat.context.cart).toEqual(cartBefore);
    });
  }
});

describe('help', () => {
  it.each(STEPS)('explains %s without leaving it', (step) => {
    const chat = chatAt(step, 'en');
    const before = chat.last!.snapshot;
    chat.send('help');
    expect(chat.replies).toEqual([en.help[HELP_FOR[step]]()]);
    expect(chat.last!.snapshot).toEqual(before);
  });

  it.each(STEPS)('"مساعدة" explains %s in Arabic without leaving it', (step) => {
    const chat = chatAt(step, 'ar');
    const before = chat.last!.snapshot;
    chat.send('مساعدة');
    expect(chat.replies).toEqual([ar.help[HELP_FOR[step]]()]);
    expect(chat.last!.snapshot).toEqual(before);
  });

  it('answers in the conversation language whatever language the word is in', () => {
    const chat = chatAt('cart', 'ar');
    chat.send('HELP');
    expect(chat.replies).toEqual([ar.help.cart()]);
    chat.send('?');
    expect(chat.replies).toEqual([ar.help.cart()]);
  });
});

describe('photos and other media', () => {
  it.each(STEPS)('at %s get a text-only hint and change nothing', (step) => {
    const chat = chatAt(step, 'en');
    const before = chat.last!.snapshot;
    chat.sendMedia('2');
    expect(chat.replies).toEqual([en.mediaHere()]);
    expect(chat.effects).toHaveLength(1);
    expect(chat.last!.snapshot).toEqual(before);
  });

  it('are answered in Arabic in an Arabic conversation', () => {
    const chat = chatAt('checkoutAddress', 'ar');
    chat.sendMedia(null);
    expect(chat.replies).toEqual([ar.mediaHere()]);
  });
});

describe('a message that is too long', () => {
  const long = 'a'.repeat(5_000);

  it.each(STEPS)('at %s gets the too-long reply and leaves the step as it was', (step) => {
    const chat = chatAt(step, 'en');
    const before = chat.last!.snapshot;
    chat.send(long);
    expect(chat.replies).toEqual([en.tooLong()]);
    expect(chat.last!.snapshot).toEqual(before);
  });

  it('is answered in Arabic in an Arabic conversation, even if it spells a menu word', () => {
    const chat = chatAt('checkoutAddress', 'ar');
    chat.send(`${' '.repeat(4_990)}menu`);
    expect(chat.replies).toEqual([ar.tooLong()]);
    expect(chat.state).toBe('checkoutAddress');
  });

  it('starts at 1,001 characters', () => {
    const chat = chatAt('checkoutName', 'en');
    chat.send(`Mona ${'x'.repeat(995)}`); // 1,000: read, and refused as a name
    expect(chat.replies).toEqual([en.nameInvalid()]);
    chat.send(`Mona ${'x'.repeat(996)}`);
    expect(chat.replies).toEqual([en.tooLong()]);
  });
});

describe('stored snapshots that cannot be resumed', () => {
  const env = makeEnv();
  const cartSnapshot = () => chatAt('cart', 'en').last!.snapshot;

  it.each([CUSTOMER_MACHINE_VERSION - 1, CUSTOMER_MACHINE_VERSION + 1])('from machine version %i are reset politely', (version) => {
    const result = stepCustomerFlow({ version, snapshot: cartSnapshot() }, { type: 'TEXT', text: '1', env }, 'en');
    expect(result.effects).toEqual([
      { type: 'reply', text: en.conversationReset() },
      { type: 'reply', text: en.menu() },
    ]);
    expect(result.snapshot).toEqual({ value: 'menu', context: initialCustomerContext('en') });
  });

  it.each([
    ['an unknown state', { value: 'checkoutPhone', context: initialCustomerContext('en') }],
    ['a nested state value', { value: { checkout: 'name' }, context: initialCustomerContext('en') }],
    ['no context', { value: 'cart' }],
    ['a string', 'cart'],
    ['null', null],
  ])('with %s are reset politely in the known language', (_label, snapshot) => {
    const result = stepCustomerFlow({ version: CUSTOMER_MACHINE_VERSION, snapshot }, { type: 'TEXT', text: 'hi', env }, 'ar');
    expect(result.effects).toEqual([
      { type: 'reply', text: ar.conversationReset() },
      { type: 'reply', text: ar.menu() },
    ]);
    expect(result.snapshot.value).toBe('menu');
  });

  it('without a known language are reset in the shop default language', () => {
    const result = stepCustomerFlow({ version: 0, snapshot: {} }, { type: 'TEXT', text: 'Hello', env: makeEnv({ defaultLanguage: 'en' }) }, null);
    expect(result.effects[0]).toEqual({ type: 'reply', text: en.conversationReset() });
  });

  it('continue normally after the reset', () => {
    const chat = new Chat(makeEnv());
    chat.last = stepCustomerFlow({ version: 0, snapshot: 'old' }, { type: 'TEXT', text: 'hi', env: chat.env }, 'en');
    chat.send('1');
    expect(chat.state).toBe('browsing');
    expect(chat.lastReply).toContain('1. Natural honey — EGP 250');
  });
});

describe('any sequence of messages', () => {
  const vocabulary = [
    ...new Set(Object.values(PATHS).flat()),
    '0', '2', '3', '4', '5', '6', '9', '٢', 'more', 'المزيد', 'help', 'menu', 'English', 'عربي', 'cart', 'checkout',
    'confirm', 'تأكيد', 'edit', 'cancel', 'remove', 'empty', 'Natural honey', 'تمر سيوي', 'use it', '', '   ', '-1', '1.5',
  ];
  const message = fc.oneof(
    fc.constantFrom(...vocabulary).map((text) => ({ media: false, text })),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ({ media: false, text })),
    fc.constant({ media: true, text: '' }),
  );

  it('never crashes, keeps snapshots plain data, and orders only after a confirmation within stock', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 30 }), (messages) => {
        const chat = new Chat(makeEnv());
        for (const m of messages) {
          const stateBefore = chat.last ? chat.state : 'new';
          if (m.media) chat.sendMedia();
          else chat.send(m.text);
          expect(chat.replies.length + chat.effects.filter((e) => e.type !== 'reply').length).toBeGreaterThan(0);
          for (const effect of chat.effects) {
            if (effect.type !== 'placeOrder') continue;
            expect(stateBefore).toBe('confirm');
            expect(effect.cart.length).toBeGreaterThan(0);
            for (const line of effect.cart) {
              const item = chat.env.catalog.find((p) => p.id === line.productId)!;
              expect(line.quantity).toBeGreaterThanOrEqual(1);
              expect(line.quantity).toBeLessThanOrEqual(Math.min(item.stock, chat.env.shop.maxPerLine));
            }
          }
          for (const line of chat.context.cart) {
            expect(line.quantity).toBeLessThanOrEqual(chat.env.shop.maxPerLine);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
