// The one duration parser: "90s", "30m", "48h", "7d" (also Arabic-Indic digits).
import { toWesternDigits } from './text.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION_RE = /^(\d{1,6})\s*([smhd])$/;

/** Milliseconds, or null when the text is not a duration of the form `<n><s|m|h|d>`. */
export function parseDuration(input: string): number | null {
  const match = DURATION_RE.exec(toWesternDigits(input.trim().toLowerCase()));
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_MS;
  return amount > 0 ? amount * UNIT_MS[unit] : null;
}

export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.round(ms / 1000)}s`;
}

/** "1 day", "5 days"; in Arabic "يوم واحد", "يومان", "3 أيام", "11 يوماً" (Arabic counts take different plurals). */
export function formatDays(n: number, language: 'ar' | 'en'): string {
  if (language === 'en') return `${n} day${n === 1 ? '' : 's'}`;
  if (n === 1) return 'يوم واحد';
  if (n === 2) return 'يومان';
  return n >= 3 && n <= 10 ? `${n} أيام` : `${n} يوماً`;
}
