import { describe, it, expect } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { waIdentities } from '../../src/store/schema.js';
import { createWaIdentitiesRepo } from '../../src/store/wa-identities.js';

describe('createWaIdentitiesRepo', () => {
  it('upserts a LID -> phone JID pair without device suffixes', () => {
    const { db } = openDatabase(':memory:');
    const repo = createWaIdentitiesRepo(db);
    expect(repo.phoneJidForLid('76201234567890@lid')).toBeNull();

    repo.remember('76201234567890:4@lid', '201001234567:4@s.whatsapp.net', new Date('2026-01-01T10:00:00Z'));
    expect(repo.phoneJidForLid('76201234567890@lid')).toBe('201001234567@s.whatsapp.net');
    expect(repo.phoneJidForLid('76201234567890:9@lid')).toBe('201001234567@s.whatsapp.net');

    repo.remember('76201234567890@lid', '201009990000@s.whatsapp.net', new Date('2026-01-02T10:00:00Z'));
    expect(db.select().from(waIdentities).all()).toEqual([
      { lid: '76201234567890@lid', phoneJid: '201009990000@s.whatsapp.net', updatedAt: '2026-01-02T10:00:00.000Z' },
    ]);
  });

  it('ignores values that are not JIDs', () => {
    const { db } = openDatabase(':memory:');
    const repo = createWaIdentitiesRepo(db);
    repo.remember('not-a-jid', '201001234567@s.whatsapp.net', new Date());
    expect(repo.phoneJidForLid('not-a-jid')).toBeNull();
    expect(db.select().from(waIdentities).all()).toEqual([]);
  });
});
