// The narrowest crash window of the outbox: the simulator showed a message, then the process died before the outbox
// recorded it as sent. After the restart the row is still pending and goes out again; like WhatsApp, which keeps one
// message per id, the transcript must still show it once. (The crash test hits this window only by chance.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { createOutboxRepo } from '../../src/store/outbox.js';
import { outbox } from '../../src/store/schema.js';
import { createSimTranscriptRepo } from '../../src/store/sim-transcript.js';
import { CUSTOMER, startHarness } from '../helpers/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'tijaratk-sim-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the simulator after a crash', () => {
  it('shows a message that was already shown before the crash only once, and still sends the rest', async () => {
    const path = join(dir, 'bot.db');
    const first = await startHarness({ databasePath: path, env: { MEDIA_DIR: join(dir, 'media') } });
    await first.say(CUSTOMER, 'Hello');
    const shownBefore = first.outbound(CUSTOMER).length;
    await first.stop();

    // What a SIGKILL between the transcript write and markSent leaves behind, plus one row never shown.
    const handle = openDatabase(path);
    const at = new Date('2026-03-01T09:59:00.000Z');
    const repo = createOutboxRepo(handle.db);
    repo.enqueue({ messageId: 'SHOWN', address: CUSTOMER, guestId: null, content: { type: 'text', text: 'already on screen' } }, at);
    repo.enqueue({ messageId: 'NOT-SHOWN', address: CUSTOMER, guestId: null, content: { type: 'text', text: 'still queued' } }, at);
    createSimTranscriptRepo(handle.db).append({ chat: CUSTOMER, direction: 'out', messageId: 'SHOWN', text: 'already on screen', at: at.toISOString() });
    handle.close();

    const second = await startHarness({ databasePath: path, env: { MEDIA_DIR: join(dir, 'media') } });
    try {
      await second.app.outbox.drain();
      expect(second.outbound(CUSTOMER).slice(shownBefore)).toEqual(['already on screen', 'still queued']);
      expect(second.app.db.select().from(outbox).all().every((r) => r.status === 'sent')).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
