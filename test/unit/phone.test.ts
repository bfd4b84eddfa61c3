import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizePhone, phoneDigits } from '../../src/orders/phone.js';
import { toWesternDigits } from '../../src/orders/text.js';

const toArabicIndic = (digits: string) => digits.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

describe('normalizePhone', () => {
  it.each([
    ['01001234567', '+201001234567'],
    ['+201001234567', '+201001234567'],
    ['00201001234567', '+201001234567'],
    ['+20 100 123 4567', '+201001234567'],
    ['(010) 0123-4567', '+201001234567'],
    ['010.0123.4567', '+201001234567'],
    ['٠١٠٠١٢٣٤٥٦٧', '+201001234567'],
    ['+20 100 000 0001', '+201000000001'],
    ['+1 202 555 0142', '+12025550142'],
  ])('normalises %j to %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it('reads numbers without a country code in the given country', () => {
    expect(normalizePhone('2025550142', 'US')).toBe('+12025550142');
  });

  it.each(['', '123', 'abc', 'call me', '+20 100', '01001234567x', '++201001234567', '0100123456789012345'])(
    'rejects %j',
    (input) => {
      expect(normalizePhone(input)).toBeNull();
    },
  );

  it('gives the same E.164 for every way an Egyptian mobile number is written', () => {
    fc.assert(
      fc.property(fc.constantFrom('10', '11', '12', '15'), fc.stringMatching(/^\d{8}$/), (prefix, rest) => {
        const national = `${prefix}${rest}`;
        const expected = `+20${national}`;
        for (const written of [`0${national}`, `+20${national}`, `0020${national}`, toArabicIndic(`0${national}`), `+20 ${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`]) {
          expect(normalizePhone(written)).toBe(expected);
        }
      }),
    );
  });
});

describe('phoneDigits', () => {
  it('drops the plus sign for WhatsApp addresses', () => {
    expect(phoneDigits('+201001234567')).toBe('201001234567');
  });

  it('round-trips through normalizePhone', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[0125]\d{8}$/), (national) => {
        const e164 = normalizePhone(`0${national}`)!;
        expect(normalizePhone(`+${phoneDigits(e164)}`)).toBe(e164);
        expect(toWesternDigits(phoneDigits(e164))).toMatch(/^20\d{10}$/);
      }),
    );
  });
});
