// How a customer's reply is read: numbers (any digits), menu words in both languages.
import { normalizeInput, parseWholeNumber } from '../orders/text.js';

export const MAX_INPUT_LENGTH = 1000;

const MENU_WORDS = ['0', 'menu', 'main menu', 'start', 'القائمه', 'القائمه الرئيسيه', 'قائمه', 'رجوع'];
const HELP_WORDS = ['help', '?', 'مساعده', 'ساعدني', '؟'];
const ENGLISH_WORDS = ['english', 'en', 'انجليزي', 'الانجليزيه', 'انجلش'];
const ARABIC_WORDS = ['عربي', 'العربيه', 'arabic', 'ar', 'عربى'];
const MORE_WORDS = ['more', 'next', 'المزيد', 'التالي', 'كمان'];

const inList = (words: readonly string[]) => (text: string) => words.includes(normalizeInput(text));

export const isMenuWord = inList(MENU_WORDS);
export const isHelpWord = inList(HELP_WORDS);
export const isEnglishWord = inList(ENGLISH_WORDS);
export const isArabicWord = inList(ARABIC_WORDS);
export const isMoreWord = inList(MORE_WORDS);

/** Each option word, normalised, to its option's index: built once per option list (the lists are module constants). */
const optionIndexes = new WeakMap<readonly (readonly string[])[], Map<string, number>>();

function optionIndex(options: readonly (readonly string[])[]): Map<string, number> {
  let index = optionIndexes.get(options);
  if (!index) {
    index = new Map();
    for (const [i, words] of options.entries()) for (const word of words) if (!index.has(normalizeInput(word))) index.set(normalizeInput(word), i);
    optionIndexes.set(options, index);
  }
  return index;
}

/**
 * The 0-based option a reply picks: its number (`2`, `٢`, `2.`) or one of the option's words.
 * Returns null when the reply matches no option.
 */
export function pickOption(text: string, options: readonly (readonly string[])[]): number | null {
  // "2." "2)" "where is my order?" "فين طلبي؟": the trailing marks are not part of the choice.
  const normalized = normalizeInput(text).replace(/[.)\-]$|[?!؟]+$/, '').trim();
  const n = parseWholeNumber(normalized);
  if (n !== null) return n >= 1 && n <= options.length ? n - 1 : null;
  return optionIndex(options).get(normalized) ?? null;
}

/** A number the customer sent, for list positions and quantities; null when it is not a whole number. */
export function readNumber(text: string): number | null {
  return parseWholeNumber(normalizeInput(text).replace(/[.)]$/, ''));
}

/** An order number as a customer types it: `1001`, `#1001`, `١٠٠١`; null otherwise. */
export function parseOrderNumberText(text: string): number | null {
  const match = /^#?(\d{1,9})$/.exec(normalizeInput(text));
  return match ? Number(match[1]) : null;
}
