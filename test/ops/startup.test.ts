// Start-up problems an operator must hear about at once, in one line naming what to fix: not a bot that says
// "ready" and serves nothing, nor one that fails at a customer's first photo.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createTijaratk } from '../../src/app.js';
import { createManualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { createIdGenerator } from '../../src/ids.js';
import { openDatabase } from '../../src/store/db.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tijaratk-startup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const appWith = (env: Record<string, string>) =>
  createTijaratk({
    config: parseConfig({ TRANSPORT: 'simulator', DATABASE_PATH: join(dir, 'shop.db'), MEDIA_DIR: join(dir, 'media'), LOG_LEVEL: 'silent', HOST: '127.0.0.1', ...env }),
    logger: pino({ level: 'silent' }),
    clock: createManualClock('2026-03-01T10:00:00.000Z'),
    ids: createIdGenerator(),
  });

describe('start-up', () => {
  it('refuses a port another program holds, naming PORT and HOST, instead of running without a web server', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    const app = appWith({ PORT: String(port) });
    try {
      await expect(app.start()).rejects.toThrow(new RegExp(`^PORT ${port} on HOST 127.0.0.1 cannot be used: .*EADDRINUSE`));
    } finally {
      await app.stop(0);
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('names DATABASE_PATH when it is a folder or not a database', () => {
    expect(() => appWith({ DATABASE_PATH: dir })).toThrow(/^DATABASE_PATH .+ cannot be used: /);
    writeFileSync(join(dir, 'orders.csv'), 'number,total\n1001,530\n'.repeat(200));
    expect(() => appWith({ DATABASE_PATH: join(dir, 'orders.csv') })).toThrow(/^DATABASE_PATH .+orders\.csv cannot be used: file is not a database/);
  });

  it('names MEDIA_DIR when photos could not be written there', async () => {
    // A path through a file cannot be created, even by root (who ignores folder permissions).
    writeFileSync(join(dir, 'not-a-folder'), '');
    const app = appWith({ DATABASE_PATH: ':memory:', MEDIA_DIR: join(dir, 'not-a-folder', 'media') });
    await expect(app.start(false)).rejects.toThrow(/^MEDIA_DIR .+ cannot be written: /);
    await app.stop(0);
  });

  it('refuses a database another running bot holds, and takes over the lease of one that died', async () => {
    const path = join(dir, 'shared.db');
    const other = spawn('sleep', ['30']);
    try {
      const seed = openDatabase(path);
      const lease = (pid: number) =>
        seed.sqlite
          .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('instance_lease', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
          .run(JSON.stringify({ pid, host: hostname(), renewedAt: '2026-03-01T10:00:00.000Z' }), '2026-03-01T10:00:00.000Z');
      lease(other.pid!);
      const second = appWith({ DATABASE_PATH: path });
      await expect(second.start(false)).rejects.toThrow(new RegExp(`^DATABASE_PATH .+shared\\.db is in use by another Tijaratk \\(process ${other.pid} on `));
      await second.stop(0);

      // The other process is gone (killed, a power cut): its lease no longer holds.
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
      lease(other.pid!);
      seed.close();
      const after = appWith({ DATABASE_PATH: path });
      await expect(after.start(false)).resolves.toBe(0);
      await after.stop(0);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('a lease from another machine holds while it is renewed, and not once it went stale', async () => {
    const path = join(dir, 'remote.db');
    const seed = openDatabase(path);
    const lease = (renewedAt: string) =>
      seed.sqlite
        .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('instance_lease', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(JSON.stringify({ pid: 4242, host: 'another-machine', renewedAt }), renewedAt);
    lease('2026-03-01T09:59:55.000Z'); // 5 s before the clock: fresh
    const refused = appWith({ DATABASE_PATH: path });
    await expect(refused.start(false)).rejects.toThrow(/in use by another Tijaratk \(process 4242 on another-machine\)/);
    await refused.stop(0);
    lease('2026-03-01T09:59:40.000Z'); // 20 s before: stale
    seed.close();
    const taken = appWith({ DATABASE_PATH: path });
    await expect(taken.start(false)).resolves.toBe(0);
    await taken.stop(0);
  });
});
