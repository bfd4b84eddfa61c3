import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCommandLine, parseOrderNumber } from '../../src/bot/seller/parse.js';
import { normalizeInput } from '../../src/orders/text.js';

/** The seller commands and their aliases as typed by sellers, indexed the way commands.ts does. */
const COMMANDS: Record<string, readonly string[]> = {
  help: ['مساعدة', 'مساعده', 'الاوامر'],
  language: ['lang', 'اللغة', 'اللغه', 'لغة'],
  orders: ['الطلبات', 'طلبات'],
  order: ['طلب'],
  confirm: ['تأكيد', 'تاكيد', 'اكد'],
};
const aliases = new Map<string, string>();
for (const [name, words] of Object.entries(COMMANDS)) {
  aliases.set(normalizeInput(name), name);
  for (const word of words) aliases.set(normalizeInput(word), name);
}
const typedForms = Object.entries(COMMANDS).flatMap(([name, words]) => [name, name.toUpperCase(), ...words].map((typed) => ({ typed, name })));

describe('parseCommandLine', () => {
  it('splits a command into its canonical name, what was typed, arguments and the rest', () => {
    expect(parseCommandLine('/confirm 1001', aliases)).toEqual({ name: 'confirm', typed: 'confirm', args: ['1001'], rest: '1001' });
  });

  it('understands Arabic aliases, hamza variants and capitals', () => {
    expect(parseCommandLine('/تأكيد ١٠٠١', aliases)).toMatchObject({ name: 'confirm', typed: 'تأكيد', args: ['١٠٠١'] });
    expect(parseCommandLine('/اكد #1001', aliases)?.name).toBe('confirm');
    expect(parseCommandLine('/Orders', aliases)).toEqual({ name: 'orders', typed: 'Orders', args: [], rest: '' });
    expect(parseCommandLine('/اللغة en', aliases)).toMatchObject({ name: 'language', args: ['en'] });
  });

  it('keeps free text after the command as typed', () => {
    const parsed = parseCommandLine('  /order   1001   leave it\nat the door  ', aliases);
    expect(parsed).toEqual({ name: 'order', typed: 'order', args: ['1001', 'leave', 'it', 'at', 'the', 'door'], rest: '1001   leave it\nat the door' });
  });

  it('returns name null for an unknown command instead of guessing', () => {
    expect(parseCommandLine('/frobnicate 1', aliases)).toMatchObject({ name: null, typed: 'frobnicate', args: ['1'] });
    expect(parseCommandLine('/confirmm 1001', aliases)?.name).toBeNull();
    expect(parseCommandLine('/', aliases)).toEqual({ name: null, typed: '', args: [], rest: '' });
    expect(parseCommandLine('/ confirm 1001', aliases)?.name).toBeNull();
  });

  it('returns null for messages that are not commands', () => {
    expect(parseCommandLine('confirm 1001', aliases)).toBeNull();
    expect(parseCommandLine('', aliases)).toBeNull();
    expect(parseCommandLine('hello /confirm', aliases)).toBeNull();
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }).map((s) => `/${s}`)), (text) => {
        parseCommandLine(text, aliases);
      }),
    );
  });

  it('returns null exactly when the trimmed text does not start with a slash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(parseCommandLine(text, aliases) === null).toBe(!text.trim().startsWith('/'));
      }),
    );
  });

  it('maps every known alias to its canonical name, whatever follows it', () => {
    const word = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }).filter((s) => !/\s/.test(s));
    fc.assert(
      fc.property(
        fc.constantFrom(...typedForms),
        fc.array(word, { maxLength: 4 }),
        fc.constantFrom('', ' ', '\t', '\n'),
        ({ typed, name }, args, lead) => {
          const parsed = parseCommandLine(`${lead}/${typed} ${args.join(' ')}`, aliases);
          expect(parsed).toEqual({ name, typed, args, rest: args.join(' ') });
        },
      ),
    );
  });
});

describe('parseOrderNumber', () => {
  it.each([
    ['#1001', 1001],
    ['1001', 1001],
    ['١٠٠١', 1001],
    ['#١٠٠١', 1001],
    ['۱۰۰۱', 1001],
    [' 1001 ', 1001],
  ])('reads %j as order %i', (arg, n) => {
    expect(parseOrderNumber(arg)).toBe(n);
  });

  it.each([undefined, '', '#', 'abc', '# 1001', '1001a', '10.01', '1,001', '-1001', '##1001', '1234567890'])('rejects %j', (arg) => {
    expect(parseOrderNumber(arg)).toBeNull();
  });

  it('reads any order number back from #N in either digit set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => {
        const arabic = String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
        expect(parseOrderNumber(`#${n}`)).toBe(n);
        expect(parseOrderNumber(arabic)).toBe(n);
      }),
    );
  });
});
