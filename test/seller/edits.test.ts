import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderNotes } from '../../src/store/schema.js';
import { CUSTOMER, startSellerHarness, type SellerHarness } from './helpers.js';

let h: SellerHarness;
beforeEach(async () => {
  h = await startSellerHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const lastEvent = (n: number) => {
  const e = h.events(n).at(-1)!;
  return { type: e.type, actor: e.actorId, before: JSON.parse(e.before ?? 'null'), after: JSON.parse(e.after ?? 'null') };
};

describe('/edit', () => {
  it('changes a quantity: stock follows, totals are recomputed, the edit is logged before/after and the customer told', async () => {
    const n = h.place({ lines: [['HONEY-1KG', 2], ['DATES-500', 1]] });
    h.customerNews();
    const reply = await h.seller(`/edit ${n} qty honey-1kg 5`);
    expect(reply).toContain('✏️ Order #1001 updated. Quantity of Natural honey 1 kg (HONEY-1KG): 2 → 5');
    expect(reply).toContain('New total: EGP 1,370');
    expect(reply).toContain('The customer has been told.');
    expect(h.product('HONEY-1KG').stock).toBe(15);
    expect(h.order(n)).toMatchObject({ subtotalMinor: 134_000, totalMinor: 137_000 });
    expect(lastEvent(n)).toEqual({
      type: 'edit:qty',
      actor: '+201000000001',
      before: { sku: 'HONEY-1KG', value: 2, subtotalMinor: 59_000, shippingMinor: 3_000, totalMinor: 62_000 },
      after: { sku: 'HONEY-1KG', value: 5, subtotalMinor: 134_000, shippingMinor: 3_000, totalMinor: 137_000 },
    });
    const told = h.customerNews();
    expect(told).toContain('The store updated your order #1001:');
    expect(told).toContain('Natural honey 1 kg: quantity 2 → 5');
    expect(told).toContain('New total: EGP 1,370');
  });

  it('removes an item with qty 0, adds a new product at today’s price, and refuses the last item or too much', async () => {
    const n = h.place({ lines: [['HONEY-1KG', 2], ['DATES-500', 1]] });
    await h.seller(`/edit ${n} qty DATES-500 0`);
    expect(h.items(n).map((i) => i.sku)).toEqual(['HONEY-1KG']);
    expect(h.product('DATES-500').stock).toBe(40);
    expect(await h.seller(`/edit ${n} qty HONEY-1KG 0`)).toBe('That is the last item of order #1001. To drop the whole order, use /cancel 1001 <reason>.');
    expect(await h.seller(`/edit ${n} qty SOAP-3x2`)).toContain('Quantity of Olive oil soap (3 bars) (SOAP-3): 0 → 2');
    expect(h.items(n).find((i) => i.sku === 'SOAP-3')).toMatchObject({ unitPriceMinor: 12_000, quantity: 2, lineTotalMinor: 24_000 });
    expect(await h.seller(`/edit ${n} qty HONEY-1KG 50`)).toBe('Not enough HONEY-1KG in stock: 18 left.');
    expect(await h.seller(`/edit ${n} qty TEA-BOX 1`)).toBe('Not enough TEA-BOX in stock: 0 left.');
    expect(await h.seller(`/edit ${n} qty NOPE 1`)).toContain('There is no product with the code NOPE');
    expect(await h.seller(`/edit ${n} qty DATES-500 0`)).toBe('Order #1001 has no item DATES-500.');
    expect(await h.seller(`/edit ${n} qty HONEY-1KG 2`)).toBe('Nothing changed: order #1001 already has that value.');
    expect(await h.seller(`/edit ${n} qty HONEY-1KG -1`)).toContain('"-1" is not a valid quantity.');
    expect(h.order(n).totalMinor).toBe(50_000 + 24_000 + 3_000);
  });

  it('edits the delivery fee, address, area, name, phone and description, each logged, the customer told in Arabic', async () => {
    const n = h.place({ language: 'ar' });
    h.customerNews();
    await h.seller(`/edit ${n} shipping 45.50`);
    expect(h.order(n)).toMatchObject({ shippingMinor: 4_550, totalMinor: 54_550 });
    expect(h.customerNews()).toContain('رسوم التوصيل');
    await h.seller(`/edit ${n} address 7 Corniche Rd,   flat 9`);
    expect(h.order(n).addressLine).toBe('7 Corniche Rd,   flat 9');
    expect(lastEvent(n)).toMatchObject({ type: 'edit:address', before: { value: '12 Tahrir St' }, after: { value: '7 Corniche Rd,   flat 9' } });
    expect(h.customerNews()).toContain('العنوان: 7 Corniche Rd');
    await h.seller(`/تعديل ${n} الاسم منى أحمد`);
    expect(h.order(n).customerName).toBe('منى أحمد');
    await h.seller(`/edit ${n} phone 01112223334`);
    expect(h.order(n).customerPhone).toBe('+201112223334');
    await h.seller(`/edit ${n} area Maadi`);
    await h.seller(`/edit ${n} description =1+2 gift wrap`);
    expect(h.order(n).description).toBe('=1+2 gift wrap');
    expect(h.events(n).map((e) => e.type).filter((t) => t.startsWith('edit:'))).toEqual(['edit:shipping', 'edit:address', 'edit:name', 'edit:phone', 'edit:area', 'edit:description']);
  });

  it('refuses edits once the order has left the shop, and bad fields or values', async () => {
    const n = h.place();
    expect(await h.seller(`/edit ${n}`)).toContain('Missing: the field.');
    expect(await h.seller(`/edit ${n} colour red`)).toContain('"colour" is not a field I know. Use one of: qty, shipping, address, area, name, phone, description.');
    expect(await h.seller(`/edit ${n} shipping free`)).toContain('"free" is not a valid amount');
    expect(await h.seller(`/edit ${n} phone 123`)).toContain('"123" is not a valid phone number.');
    expect(await h.seller(`/edit ${n} name ${'x'.repeat(61)}`)).toContain('The text is too long (at most 60 characters).');
    expect(await h.seller(`/edit ${n} address`)).toContain('Missing: the text.');
    expect(await h.seller('/edit 4242 shipping 10')).toContain('There is no order #4242');
    await h.seller(`/confirm ${n}`);
    await h.seller(`/ship ${n} Bosta`);
    expect(await h.seller(`/edit ${n} shipping 10`)).toBe('Order #1001 cannot be edited: it is shipped. Orders can be edited while pending, confirmed, ready for shipping.');
    expect(h.order(n).shippingMinor).toBe(3_000);
    expect(h.events(n).some((e) => e.type.startsWith('edit:'))).toBe(false);
  });
});

describe('/note, /tag, /untag', () => {
  it('keeps notes internal: stored and logged, never sent to the customer', async () => {
    const n = h.place();
    h.customerNews();
    expect(await h.seller(`/note ${n} customer asked to call first\nsecond line`)).toBe('📝 Note added to order #1001 (only sellers see it).');
    expect(h.app.db.select().from(orderNotes).all()).toMatchObject([{ author: '+201000000001', text: 'customer asked to call first\nsecond line' }]);
    expect(h.customerNews()).toBe('');
    expect(h.transcript(CUSTOMER).map((e) => e.text).join()).not.toContain('call first');
    expect(await h.seller(`/note ${n}`)).toContain('Missing: the note.');
    expect(await h.seller('/note 4242 hi')).toContain('There is no order #4242');
  });

  it('tags and untags, normalising case and #, refusing bad tags', async () => {
    const n = h.place();
    expect(await h.seller(`/tag ${n} VIP #facebook-lead هدية`)).toBe('🏷 Tagged order #1001: vip, facebook-lead, هديه. Tags now: facebook-lead, vip, هديه.');
    expect(await h.seller(`/tag ${n} vip`)).toContain('already had these tags');
    expect(await h.seller(`/tag ${n} a+b`)).toContain('"a+b" is not a valid tag');
    expect(await h.seller(`/tag ${n}`)).toContain('Missing: the tag');
    expect(await h.seller(`/untag ${n} vip`)).toBe('Removed from order #1001: vip. Tags now: facebook-lead, هديه.');
    expect(await h.seller(`/untag ${n} vip`)).toBe('Order #1001 did not have vip. Tags now: facebook-lead, هديه.');
    expect(h.events(n).map((e) => e.type)).toEqual(['placed', 'tag_added', 'tag_added', 'tag_added', 'tag_removed']);
    for (let i = 0; i < 18; i++) await h.seller(`/tag ${n} t${i}`);
    expect(await h.seller(`/tag ${n} one-too-many`)).toBe('An order can have at most 20 tags.');
  });
});
