// The one phone normaliser: everything is stored and compared as E.164.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { toWesternDigits } from './text.js';

/** E.164 (`+201001234567`) or null. Numbers without a country code are read in `defaultCountry`. */
export function normalizePhone(input: string, defaultCountry: CountryCode = 'EG'): string | null {
  const cleaned = toWesternDigits(input).replace(/[\s\-().]/g, '');
  if (!/^\+?\d{6,16}$/.test(cleaned) && !/^00\d{6,16}$/.test(cleaned)) return null;
  const withPlus = cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** The digits WhatsApp uses in a phone-number JID (`201001234567`). */
export function phoneDigits(e164: string): string {
  return e164.replace(/^\+/, '');
}
