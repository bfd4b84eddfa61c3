import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cleanFreeText, hasArabicScript, normalizeInput, parseWholeNumber, toWesternDigits } from '../../src/orders/text.js';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const EXTENDED_ARABIC_INDIC = '۰۱۲۳۴۵۶۷۸۹';
const writeWith = (digits: string) => (n: number | string) => String(n).replace(/\d/g, (d) => digits[Number(d)]!);
const arabicIndic = writeWith(ARABIC_INDIC);
const extendedArabicIndic = writeWith(EXTENDED_ARABIC_INDIC);

/** Non-negative integers up to the 12 digits parseWholeNumber accepts. */
const wholeNumber = fc.bigInt({ min: 0n, max: 999_999_999_999n }).map(Number);

describe('toWesternDigits', () => {
  it('turns Arabic-Indic and Persian digits into 0-9 and leaves everything else', () => {
    expect(toWesternDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toWesternDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toWesternDigits('طلب #١٠٠١ x2')).toBe('طلب #1001 x2');
    expect(toWesternDigits('')).toBe('');
  });

  it('leaves no Eastern digits behind and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = toWesternDigits(s);
        expect(out).not.toMatch(/[٠-٩۰-۹]/);
        expect(out.length).toBe(s.length);
        expect(toWesternDigits(out)).toBe(out);
      }),
    );
  });
});

describe('normalizeInput', () => {
  it.each([
    ['  Main   MENU ', 'main menu'],
    ['القائمة', 'القائمه'],
    ['إتمام الطلب', 'اتمام الطلب'],
    ['أكد', 'اكد'],
    ['آخر', 'اخر'],
    ['عربى', 'عربي'],
    ['مـــرحبا', 'مرحبا'],
    ['مَرْحَبًا', 'مرحبا'],
    ['٢٥٠٫٥٠', '250.50'],
    ['نعم، تمام', 'نعم, تمام'],
    ['１２', '12'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeInput(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normalizeInput(normalizeInput(s)) === normalizeInput(s)));
  });
});

describe('parseWholeNumber', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['٤٢', 42],
    ['۴۲', 42],
    [' ٧ ', 7],
    ['007', 7],
    ['999999999999', 999_999_999_999],
  ])('reads %j as %i', (input, n) => {
    expect(parseWholeNumber(input)).toBe(n);
  });

  it.each(['', ' ', '-1', '+1', '1.5', '1,000', '1 000', '1e3', 'two', 'اثنين', '12a', '1000000000000'])('rejects %j', (input) => {
    expect(parseWholeNumber(input)).toBeNull();
  });

  it('reads any non-negative integer written with Arabic-Indic digits as itself', () => {
    fc.assert(fc.property(wholeNumber, (n) => parseWholeNumber(arabicIndic(n)) === n));
  });

  it('reads any non-negative integer written with Persian or Western digits as itself', () => {
    fc.assert(
      fc.property(wholeNumber, (n) => parseWholeNumber(extendedArabicIndic(n)) === n && parseWholeNumber(String(n)) === n),
    );
  });
});

describe('hasArabicScript', () => {
  it('spots Arabic letters and digits, not Latin text', () => {
    expect(hasArabicScript('السلام عليكم')).toBe(true);
    expect(hasArabicScript('hi يا')).toBe(true);
    expect(hasArabicScript('١')).toBe(true);
    expect(hasArabicScript('Hello 123')).toBe(false);
    expect(hasArabicScript('')).toBe(false);
  });
});

describe('cleanFreeText', () => {
  it('collapses whitespace and strips control characters from names and addresses', () => {
    expect(cleanFreeText('  Mona\t\tAhmed \n')).toBe('Mona Ahmed');
    expect(cleanFreeText('12 Tahrir\u0000 St\u0007')).toBe('12 Tahrir St');
    expect(cleanFreeText('شارع   التحرير')).toBe('شارع التحرير');
  });
});

describe('normalizeInput memo', () => {
  it('gives the same answer however often a word is seen and after its memo fills up and is emptied', () => {
    const first = normalizeInput('تأكيد ١٢');
    for (let i = 0; i < 5_000; i++) normalizeInput(`word ${i} ٤`);
    expect(normalizeInput('تأكيد ١٢')).toBe(first);
    expect(first).toBe('تاكيد 12');
    expect(normalizeInput('word 4999 ٤')).toBe('word 4999 4');
  });

  it('normalises long free text, which is not memoised, the same way', () => {
    const long = `${'عنوان   '.repeat(60)}٩`;
    expect(normalizeInput(long)).toBe(`${'عنوان '.repeat(60)}9`);
    expect(normalizeInput(long)).toBe(normalizeInput(long));
  });
});
