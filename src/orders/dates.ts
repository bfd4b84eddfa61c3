// Dates as customers and sellers read them: the shop's time zone (Cairo), in their language.
// Formatters are costly to build, so one per language is kept.
import type { Language } from './language.js';

const TIME_ZONE = 'Africa/Cairo';
const dateTimes = new Map<Language, Intl.DateTimeFormat>();
const days = new Map<Language, Intl.DateTimeFormat>();

const locale = (language: Language) => (language === 'ar' ? 'ar-EG' : 'en-GB');

/** "27 Nov 2026, 07:33" / "٢٧‏/١١‏/٢٠٢٦، ٧:٣٣ ص". */
export function formatDateTime(at: string | Date, language: Language): string {
  let format = dateTimes.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
    dateTimes.set(language, format);
  }
  return format.format(new Date(at));
}

/** "27 November 2026". */
export function formatDay(at: string | Date, language: Language): string {
  let format = days.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeZone: TIME_ZONE });
    days.set(language, format);
  }
  return format.format(new Date(at));
}
