import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCommandRegistry, sellerCommandRegistry } from '../../src/bot/seller/commands.js';
import { parseOrderFilter } from '../../src/bot/seller/filters.js';
import { parseEdit } from '../../src/bot/seller/commands/order-updates.js';
import { parseManualOrder } from '../../src/bot/seller/commands/orders.js';
import { ArgCursor, arg, parseArgs, parseCommandLine, parseOrderOrPhone, parseSkuQuantity } from '../../src/bot/seller/parse.js';
import { normalizeInput } from '../../src/orders/text.js';
import { hasArabicScript } from '../../src/orders/text.js';

const cmd = (rest: string) => parseCommandLine(`/x ${rest}`, new Map())!;

describe('argument readers', () => {
  it('reads order numbers, amounts and free text in order, and refuses leftovers', () => {
    expect(parseArgs(cmd('#١٠٠١ ٢٥٠.٥٠ a note\nwith  lines'), [arg.order(), arg.amount('EGP'), arg.text('note', 100)])).toEqual({
      ok: true,
      values: [1001, 25_050, 'a note\nwith  lines'],
    });
    expect(parseArgs(cmd('1001 extra'), [arg.order()])).toEqual({ ok: false, problem: { kind: 'extra', value: 'extra' } });
    expect(parseArgs(cmd(''), [arg.order()])).toEqual({ ok: false, problem: { kind: 'missing', what: 'order' } });
    expect(parseArgs(cmd('10.01'), [arg.order()])).toEqual({ ok: false, problem: { kind: 'invalid', what: 'order', value: '10.01' } });
    expect(parseArgs(cmd('1001 250.505'), [arg.order(), arg.amount('EGP')])).toMatchObject({ ok: false, problem: { kind: 'invalid', what: 'amount' } });
    expect(parseArgs(cmd('1001 note'), [arg.order(), arg.optionalAmount('EGP'), arg.optionalText('note', 10)])).toEqual({ ok: true, values: [1001, null, 'note'] });
    expect(parseArgs(cmd('1001 12x'), [arg.order(), arg.optionalAmount('EGP'), arg.optionalText('note', 10)])).toMatchObject({ ok: false, problem: { kind: 'invalid', what: 'amount', value: '12x' } });
    expect(parseArgs(cmd('1001 '.padEnd(20, 'y')), [arg.order(), arg.text('note', 5)])).toEqual({ ok: false, problem: { kind: 'too_long', what: 'note', max: 5 } });
  });

  it('stops free text at a keyword', () => {
    const c = new ArgCursor('Mona  Ali address 5 Nile');
    expect(c.textUntil('text', (t) => t === 'address', 60)).toEqual({ ok: true, value: 'Mona  Ali' });
    expect(c.next()).toBe('address');
    expect(c.textUntil('text', () => false, 60)).toEqual({ ok: true, value: '5 Nile' });
    expect(c.atEnd).toBe(true);
  });

  it('reads products with quantities', () => {
    expect(parseSkuQuantity('HONEY-1KGx2')).toEqual({ sku: 'HONEY-1KG', quantity: 2 });
    expect(parseSkuQuantity('box-xlX٣')).toEqual({ sku: 'box-xl', quantity: 3 });
    expect(parseSkuQuantity('SOAP-3×4')).toEqual({ sku: 'SOAP-3', quantity: 4 });
    expect(parseSkuQuantity('SOAP-3:4')).toEqual({ sku: 'SOAP-3', quantity: 4 });
    for (const bad of ['HONEY', 'HONEYx0', 'x2', 'HONEYx', 'HONEYx10001', 'HONEYx-1']) expect(parseSkuQuantity(bad)).toBeNull();
  });

  it('tells order numbers from phone numbers', () => {
    expect(parseOrderOrPhone('1001')).toEqual({ order: 1001 });
    expect(parseOrderOrPhone('#12345678')).toEqual({ order: 12_345_678 });
    expect(parseOrderOrPhone('01001234567')).toEqual({ phone: '+201001234567' });
    expect(parseOrderOrPhone('+201001234567')).toEqual({ phone: '+201001234567' });
    expect(parseOrderOrPhone('٠١٠٠١٢٣٤٥٦٧')).toEqual({ phone: '+201001234567' });
    expect(parseOrderOrPhone('hello')).toBeNull();
  });
});

describe('order filters', () => {
  it('combines dimensions and ORs values within one', () => {
    expect(parseOrderFilter(['shipped', 'DELIVERED', 'custom', 'instagram', 'unpaid', 'registered', 'tag:VIP', 'page', '٣'], { allowPage: true })).toEqual({
      ok: true,
      value: {
        filter: { statuses: ['shipped', 'delivered'], types: ['custom'], channels: ['instagram'], payments: ['unpaid'], customer: 'registered', tags: ['vip'] },
        page: 3,
        words: ['shipped', 'delivered', 'custom', 'instagram', 'unpaid', 'registered', 'tag:vip'],
      },
    });
    expect(parseOrderFilter(['guest', 'registered'], { allowPage: true })).toMatchObject({ ok: true, value: { filter: {} } });
    expect(parseOrderFilter(['page', '2'], { allowPage: false })).toMatchObject({ ok: false, problem: { kind: 'choice', value: 'page' } });
    expect(parseOrderFilter(['page', '1', 'page', '2'], { allowPage: true })).toMatchObject({ ok: false, problem: { kind: 'repeated' } });
    expect(parseOrderFilter(['#1001'], { allowPage: true })).toMatchObject({ ok: false });
  });
});

describe('/neworder and /edit grammar', () => {
  it('reads a manual order with every section in any order', () => {
    expect(parseManualOrder('01001234567 HONEY-1KGx2 SOAP-3 x 1 DATES-500 ×2 area Dokki name Mona  Ali shipping ٤٥ channel فيسبوك address 5 Nile St, flat 2', 'EGP')).toEqual({
      ok: true,
      value: {
        phone: '+201001234567',
        lines: [
          { sku: 'HONEY-1KG', quantity: 2 },
          { sku: 'SOAP-3', quantity: 1 },
          { sku: 'DATES-500', quantity: 2 },
        ],
        shippingMinor: 4_500,
        channel: 'facebook',
        name: 'Mona  Ali',
        address: '5 Nile St, flat 2',
        area: 'Dokki',
      },
    });
    expect(parseManualOrder('01001234567 shipping 10', 'EGP')).toMatchObject({ ok: false, problem: { kind: 'invalid', what: 'line', value: 'shipping' } });
    expect(parseManualOrder('01001234567 A1x1 channel', 'EGP')).toMatchObject({ ok: false, problem: { kind: 'missing', what: 'channel' } });
  });

  it('reads each kind of edit', () => {
    expect(parseEdit('1001 qty honey 3', 'EGP')).toEqual({ ok: true, number: 1001, edit: { field: 'qty', sku: 'honey', quantity: 3 } });
    expect(parseEdit('1001 الكمية honeyx3', 'EGP')).toEqual({ ok: true, number: 1001, edit: { field: 'qty', sku: 'honey', quantity: 3 } });
    expect(parseEdit('1001 delivery 0', 'EGP')).toEqual({ ok: true, number: 1001, edit: { field: 'shipping', amountMinor: 0 } });
    expect(parseEdit('1001 phone 01001234567', 'EGP')).toEqual({ ok: true, number: 1001, edit: { field: 'phone', phone: '+201001234567' } });
    expect(parseEdit('1001 description two\nlines', 'EGP')).toEqual({ ok: true, number: 1001, edit: { field: 'description', text: 'two\nlines' } });
    expect(parseEdit('1001 qty honey', 'EGP')).toMatchObject({ ok: false, problem: { kind: 'missing', what: 'quantity' } });
    expect(parseEdit('1001 shipping 10 more', 'EGP')).toMatchObject({ ok: false, problem: { kind: 'extra', value: 'more' } });
  });
});

describe('the registry', () => {
  it('gives every command an Arabic alias and both summaries, and no word to two commands', () => {
    const registry = sellerCommandRegistry();
    for (const spec of registry.families.flatMap((f) => f.commands)) {
      expect(spec.aliases.some(hasArabicScript), spec.name).toBe(true);
      expect(spec.summary.en.length, spec.name).toBeGreaterThan(10);
      expect(hasArabicScript(spec.summary.ar), spec.name).toBe(true);
      expect(spec.usage.startsWith(`/${spec.name}`), spec.name).toBe(true);
      expect(registry.find(spec.name)).toBe(spec);
      for (const alias of spec.aliases) expect(registry.aliases.get(normalizeInput(alias)), alias).toBe(spec.name);
    }
  });

  it('refuses two commands claiming one word', () => {
    const run = () => '';
    const spec = (name: string, aliases: string[]) => ({ name, aliases, usage: `/${name}`, summary: { en: name, ar: name }, run });
    expect(() => createCommandRegistry([{ id: 'a', title: { en: 'a', ar: 'a' }, commands: [spec('one', ['تأكيد']), spec('two', ['تاكيد'])] }])).toThrow(/claimed by \/one and \/two/);
  });

  it('never maps a random word to a command unless it is a name or alias', () => {
    const registry = sellerCommandRegistry();
    const known = new Set(registry.aliases.keys());
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (word) => {
        const found = registry.find(word);
        expect(found === undefined).toBe(!known.has(normalizeInput(word.replace(/^\//, ''))));
      }),
    );
  });
});
