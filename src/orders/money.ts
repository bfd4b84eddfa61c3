import type { Language } from './language.js';
import { normalizeInput } from './text.js';

const MINOR_DIGITS_FALLBACK = 2;

// Building an Intl.NumberFormat costs far more than formatting with one: keep them.
const digitsOf = new Map<string, number>();
const formats = new Map<string, Intl.NumberFormat>();

export function minorDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? MINOR_DIGITS_FALLBACK;
    } catch {
      digits = MINOR_DIGITS_FALLBACK;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

/** "EGP 1,250.50" / "‏١٬٢٥٠٫٥٠ ج.م.‏"; whole amounts drop the decimals. */
export function formatMoney(minor: number, currency: string, language: Language): string {
  const digits = minorDigits(currency);
  const whole = minor % 10 ** digits === 0;
  const key = `${language}:${currency}:${whole ? 0 : 1}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'ar' ? 'ar-EG' : 'en-EG', {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format.format(minor / 10 ** digits);
}

/**
 * "250", "250.5", "250.50", "٢٥٠", "1,500" (grouped the way the bot writes amounts), "EGP 250" or "250 EGP" (the
 * shop's own currency code) -> minor units, with three decimals for currencies that have them; null otherwise.
 */
export function parseAmount(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const code = currency.toLowerCase();
  const bare = normalizeInput(input)
    .replace(/\u066c/g, ',')
    .replace(new RegExp(`^${code}\\s*|\\s*${code}$`, 'g'), '');
  const match = /^(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d+))?$/.exec(bare);
  if (!match) return null;
  const whole = match[1]!.replace(/,/g, '');
  if (whole.length > 9) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + (fraction ? Number(fraction.padEnd(digits, '0')) : 0);
}
