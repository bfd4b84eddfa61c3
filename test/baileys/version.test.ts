// Which WA Web version the socket announces. WhatsApp refuses versions that are too old (405), and the one bundled
// with Baileys ages with the package: when web.whatsapp.com cannot be reached, the last version it gave, kept in the
// database across restarts, is used instead. Nothing here touches the network (the fetch is injected).
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { WAVersion } from '@whiskeysockets/baileys';
import { createManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/logger.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { resolveWaWebVersion, settingsWaVersionCache, type FetchWaWebVersion } from '../../src/bot/transports/baileys-socket.js';

const BUNDLED: WAVersion = [2, 3000, 1_000_000_001];
const CURRENT: WAVersion = [2, 3000, 1_029_000_000];
const online: FetchWaWebVersion = async () => ({ version: CURRENT, isLatest: true });
const offline: FetchWaWebVersion = async () => ({ version: BUNDLED, isLatest: false, error: new Error('getaddrinfo ENOTFOUND web.whatsapp.com') });

let handle: DatabaseHandle | undefined;
afterEach(() => {
  handle?.close();
  handle = undefined;
});

function setUp() {
  handle = openDatabase(':memory:');
  const clock = createManualClock('2026-11-27T10:00:00.000Z');
  const lines: Array<{ msg?: string; version?: WAVersion }> = [];
  const logger = createLogger('info', {
    pretty: false,
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(chunk.toString()) as { msg?: string });
        callback();
      },
    }),
  });
  // A new cache object per call, as after a restart: only the database carries the version over.
  const cache = () => settingsWaVersionCache(handle!.db, clock);
  return { db: handle.db, sqlite: handle.sqlite, logger, lines, cache };
}

describe('resolveWaWebVersion', () => {
  it("uses web.whatsapp.com's version and keeps it", async () => {
    const { logger, lines, cache } = setUp();
    expect(await resolveWaWebVersion(logger, cache(), online)).toEqual(CURRENT);
    expect(cache().get()).toEqual(CURRENT);
    expect(lines).toHaveLength(0);
  });

  it('offline after a restart: the last version fetched, not the bundled one, and says so', async () => {
    const { logger, lines, cache } = setUp();
    await resolveWaWebVersion(logger, cache(), online);
    expect(await resolveWaWebVersion(logger, cache(), offline)).toEqual(CURRENT);
    expect(lines.at(-1)).toMatchObject({ msg: 'could not fetch the current WhatsApp Web version; using the last one fetched', version: CURRENT });
  });

  it('offline on the very first start: the bundled version, and says so', async () => {
    const { logger, lines, cache } = setUp();
    expect(await resolveWaWebVersion(logger, cache(), offline)).toEqual(BUNDLED);
    expect(lines.at(-1)).toMatchObject({ msg: 'could not fetch the current WhatsApp Web version; using the bundled one', version: BUNDLED });
    expect(cache().get()).toBeNull();
  });

  it.each([['a string', '"2.3000"'], ['not JSON at all', '2,3000,']])('ignores a stored value that is %s instead of announcing it', async (_, stored) => {
    const { logger, sqlite, cache } = setUp();
    sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('wa_web_version', ?, '2026-11-27T10:00:00.000Z')").run(stored);
    expect(cache().get()).toBeNull();
    expect(await resolveWaWebVersion(logger, cache(), offline)).toEqual(BUNDLED);
  });

  it('still connects with the fetched version when it cannot be kept', async () => {
    const { logger, lines } = setUp();
    const broken = { get: () => null, set: () => { throw new Error('database is locked'); } };
    expect(await resolveWaWebVersion(logger, broken, online)).toEqual(CURRENT);
    expect(lines.at(-1)).toMatchObject({ msg: 'could not keep the WhatsApp Web version' });
  });
});
