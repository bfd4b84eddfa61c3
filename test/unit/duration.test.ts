import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatDays, formatDuration, parseDuration } from '../../src/orders/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['48h', 172_800_000],
    ['7d', 604_800_000],
    ['1s', 1_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('tolerates spaces, capitals and Arabic-Indic digits', () => {
    expect(parseDuration(' 7d ')).toBe(604_800_000);
    expect(parseDuration('7 d')).toBe(604_800_000);
    expect(parseDuration('48H')).toBe(172_800_000);
    expect(parseDuration('٤٨h')).toBe(172_800_000);
  });

  it.each(['', 'forever', 's', '0s', '-5s', '1.5h', '1w', '10', 'h48', '1000000s', '1h30m'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('uses the largest whole unit', () => {
    expect(formatDuration(604_800_000)).toBe('7d');
    expect(formatDuration(172_800_000)).toBe('2d');
    expect(formatDuration(259_200_000)).toBe('3d');
    expect(formatDuration(90 * 60_000)).toBe('90m');
    expect(formatDuration(1_800_000)).toBe('30m');
    expect(formatDuration(90_000)).toBe('90s');
  });

  it('reads back as the same duration it was made from', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.constantFrom('s', 'm', 'h', 'd'), (n, unit) => {
        const ms = parseDuration(`${n}${unit}`);
        expect(ms).not.toBeNull();
        expect(parseDuration(formatDuration(ms!))).toBe(ms);
      }),
    );
  });
});

describe('formatDays', () => {
  it.each([
    [1, 'en', '1 day'],
    [5, 'en', '5 days'],
    [1, 'ar', 'يوم واحد'],
    [2, 'ar', 'يومان'],
    [3, 'ar', '3 أيام'],
    [10, 'ar', '10 أيام'],
    [11, 'ar', '11 يوماً'],
    [30, 'ar', '30 يوماً'],
  ] as const)('%i in %s is "%s"', (n, language, text) => {
    expect(formatDays(n, language)).toBe(text);
  });
});
