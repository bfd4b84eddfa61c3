// The catalog can change between two messages of a customer: edits must act on the line the
// customer sees, and a vanished product must never crash the conversation.
import { describe, expect, it } from 'vitest';
import { stepCustomerFlow } from '../../src/flows/customer-flow.js';
import { CUSTOMER_MACHINE_VERSION } from '../../src/flows/customer.machine.js';
import { Chat, DATES, HONEY, makeEnv } from './driver.js';

const withoutHoney = () => makeEnv({ catalog: [DATES], defaultLanguage: 'en' });

function cartWithHoneyAndDates() {
  const chat = new Chat(makeEnv({ defaultLanguage: 'en' }));
  chat.sendAll(['Hello', '1', '1', '2', '2', '2', '1']);
  expect(chat.context.cart).toEqual([
    { productId: HONEY.id, quantity: 2 },
    { productId: DATES.id, quantity: 1 },
  ]);
  return chat;
}

describe('cart edits after a product left the catalog', () => {
  it('removes the line the customer picked from the cart as shown today', () => {
    const chat = cartWithHoneyAndDates();
    chat.env = withoutHoney();
    chat.send('remove');
    chat.send('1');
    expect(chat.replies.join('\n')).toContain('Removed Siwa dates');
    expect(chat.context.cart.some((l) => l.productId === DATES.id)).toBe(false);
  });

  it('refuses a line number beyond the cart as shown, instead of crashing', () => {
    const chat = cartWithHoneyAndDates();
    chat.env = withoutHoney();
    chat.send('change');
    chat.send('2');
    expect(chat.replies.join('\n')).toContain('There is no item with that number');
  });

  it('answers with the changed cart when the product being edited disappears', () => {
    const chat = cartWithHoneyAndDates();
    chat.send('change');
    chat.send('1');
    chat.env = withoutHoney();
    chat.send('2');
    expect(chat.replies.join('\n')).toContain('no longer available');
    expect(chat.state).toBe('cart');
    chat.send('English');
    expect(chat.replies.length).toBeGreaterThan(0);
  });
});

describe('a stored snapshot with a broken context', () => {
  it.each([
    [{ value: 'cart', context: {} }],
    [{ value: 'menu', context: { language: 'fr', cart: [] } }],
  ])('is reset politely: %j', (snapshot) => {
    const env = makeEnv();
    const result = stepCustomerFlow({ version: CUSTOMER_MACHINE_VERSION, snapshot }, { type: 'TEXT', text: 'help', env }, null);
    expect(result.effects[0]).toMatchObject({ type: 'reply' });
    expect(JSON.stringify(result.effects)).toContain('نبدأ من جديد');
  });
});
