import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../../src/ids.js';

describe('message ids', () => {
  it('look like WhatsApp ids, never repeat, and follow each other within a process', () => {
    const ids = createIdGenerator();
    const made = Array.from({ length: 10_000 }, () => ids.messageId());
    for (const id of made) expect(id).toMatch(/^3EB0[0-9A-F]{18}$/);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });

  it('differ between two processes (each draws its own random prefix)', () => {
    const first = createIdGenerator().messageId();
    const second = createIdGenerator().messageId();
    expect(first.slice(0, 16)).not.toBe(second.slice(0, 16));
  });

  it('draw a new prefix when the counter runs out, and stay unique across it', () => {
    const ids = createIdGenerator();
    const firstPrefix = ids.messageId().slice(0, 16);
    let last = '';
    for (let i = 1; i < 2 ** 24; i++) last = ids.messageId();
    expect(last.slice(0, 16)).toBe(firstPrefix);
    expect(last.slice(16)).toBe('FFFFFF');
    const next = ids.messageId();
    expect(next.slice(0, 16)).not.toBe(firstPrefix);
    expect(next.slice(16)).toBe('000000');
  });
});
