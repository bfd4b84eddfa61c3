// Input normalisation shared by the customer flows and the seller command parser.

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const EXTENDED_ARABIC_INDIC = '۰۱۲۳۴۵۶۷۸۹';

export function toWesternDigits(input: string): string {
  return input.replace(/[٠-٩۰-۹]/g, (d) => {
    const i = ARABIC_INDIC.indexOf(d);
    return String(i >= 0 ? i : EXTENDED_ARABIC_INDIC.indexOf(d));
  });
}

/**
 * The form used to match replies against menu words: Western digits, lower case, no tatweel or
 * Arabic diacritics, unified alef/yaa/taa-marbuta, Arabic comma and decimal separators as ASCII,
 * single spaces.
 */
export function normalizeInput(input: string): string {
  const known = normalized.get(input);
  if (known !== undefined) return known;
  const result = normalizeUncached(input);
  if (input.length <= MEMO_MAX_LENGTH) {
    if (normalized.size >= MEMO_MAX_ENTRIES) normalized.clear();
    normalized.set(input, result);
  }
  return result;
}

// Menu words, product names and short replies are normalised many times per message (every guard of every
// candidate transition): a small bounded memo of this pure function saves that work.
const MEMO_MAX_ENTRIES = 2_000;
const MEMO_MAX_LENGTH = 200;
const normalized = new Map<string, string>();

function normalizeUncached(input: string): string {
  return toWesternDigits(input)
    .normalize('NFKC')
    .replace(/[\u0640\u064B-\u065F\u0670]/g, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/،/g, ',')
    .replace(/٫/g, '.')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Any character Unicode gives the Arabic script, presentation forms included (text copied from PDFs and old keyboards). */
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]|\p{Script_Extensions=Arabic}/u;

export function hasArabicScript(input: string): boolean {
  return ARABIC_SCRIPT.test(input);
}

/** A whole positive or zero integer written with any digits, or null. */
export function parseWholeNumber(input: string): number | null {
  const s = normalizeInput(input);
  if (!/^\d{1,12}$/.test(s)) return null;
  return Number(s);
}

/** Collapses whitespace and strips control characters from free text a person typed (names, addresses). */
export function cleanFreeText(input: string): string {
  return input
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
