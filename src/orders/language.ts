import { hasArabicScript } from './text.js';

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The customer's language follows their first message: Arabic script means Arabic. */
export function detectLanguage(text: string, fallback: Language): Language {
  if (hasArabicScript(text)) return 'ar';
  if (/[a-z]/i.test(text)) return 'en';
  return fallback;
}
