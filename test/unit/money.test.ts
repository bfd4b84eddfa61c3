import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMoney, minorDigits, parseAmount } from '../../src/orders/money.js';

/** Intl puts no-break spaces and direction marks around the currency; compare on plain text. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200e\u200f\u061c]/g, '');
const toArabicIndic = (text: string) => text.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

describe('formatMoney', () => {
  it('writes English amounts as EGP with grouping, dropping .00 on whole amounts', () => {
    expect(plain(formatMoney(25_000, 'EGP', 'en'))).toBe('EGP 250');
    expect(plain(formatMoney(25_050, 'EGP', 'en'))).toBe('EGP 250.50');
    expect(plain(formatMoney(125_050, 'EGP', 'en'))).toBe('EGP 1,250.50');
    expect(plain(formatMoney(5, 'EGP', 'en'))).toBe('EGP 0.05');
    expect(plain(formatMoney(0, 'EGP', 'en'))).toBe('EGP 0');
    expect(plain(formatMoney(100_000_000, 'EGP', 'en'))).toBe('EGP 1,000,000');
  });

  it('writes Arabic amounts with Arabic-Indic digits and the pound sign ج.م.', () => {
    expect(plain(formatMoney(25_000, 'EGP', 'ar'))).toBe('٢٥٠ ج.م.');
    expect(plain(formatMoney(25_050, 'EGP', 'ar'))).toBe('٢٥٠٫٥٠ ج.م.');
    expect(plain(formatMoney(125_050, 'EGP', 'ar'))).toBe('١٬٢٥٠٫٥٠ ج.م.');
  });

  it('never shows Western digits in Arabic or Arabic digits in English', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (minor) => {
        expect(formatMoney(minor, 'EGP', 'ar')).not.toMatch(/[0-9]/);
        expect(formatMoney(minor, 'EGP', 'en')).not.toMatch(/[٠-٩]/);
      }),
    );
  });
});

describe('parseAmount', () => {
  it.each([
    ['250', 25_000],
    ['250.50', 25_050],
    ['250.5', 25_050],
    ['٢٥٠', 25_000],
    ['٢٥٠٫٥٠', 25_050],
    [' 250 ', 25_000],
    ['0', 0],
    ['0.05', 5],
    // As the bot writes amounts ("EGP 1,500"), so a customer or seller can copy them back.
    ['1,500', 150_000],
    ['1,500.50', 150_050],
    ['١٬٥٠٠', 150_000],
    ['12,345,678', 1_234_567_800],
    ['EGP 250', 25_000],
    ['250 egp', 25_000],
  ])('reads %j as %i piastres', (input, minor) => {
    expect(parseAmount(input, 'EGP')).toBe(minor);
  });

  it.each(['1e3', '-5', '250.555', '', 'abc', '250.', '.5', '1,00', '1,0000', ',500', '1,000,000,000', 'USD 250', 'EGP', '25 0', '0x10', 'Infinity', '1234567890'])(
    'rejects %j',
    (input) => {
      expect(parseAmount(input, 'EGP')).toBeNull();
    },
  );

  it('takes whole amounts only for currencies without minor units', () => {
    expect(minorDigits('JPY')).toBe(0);
    expect(parseAmount('250', 'JPY')).toBe(250);
    expect(parseAmount('250.5', 'JPY')).toBeNull();
  });

  it('reads back every amount a seller could type, in either digit set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 99 }), (pounds, piastres) => {
        const typed = `${pounds}.${String(piastres).padStart(2, '0')}`;
        const minor = pounds * 100 + piastres;
        expect(parseAmount(typed, 'EGP')).toBe(minor);
        expect(parseAmount(toArabicIndic(typed).replace('.', '٫'), 'EGP')).toBe(minor);
      }),
    );
  });

  it('reads the English display of an amount back to the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (minor) => {
        const shown = plain(formatMoney(minor, 'EGP', 'en')).replace(/^EGP /, '').replace(/,/g, '');
        expect(parseAmount(shown, 'EGP')).toBe(minor);
      }),
    );
  });
});

describe('currencies with three decimals', () => {
  it('reads 1.234 KWD as 1234 fils and refuses a fourth decimal', async () => {
    const { parseAmount } = await import('../../src/orders/money.js');
    expect(parseAmount('1.234', 'KWD')).toBe(1234);
    expect(parseAmount('1.2345', 'KWD')).toBeNull();
  });
});
