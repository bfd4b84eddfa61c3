// The simulator HTTP API (DESIGN.md section 4) over real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let server: Server;
let base: string;
let mediaDir: string;

beforeEach(async () => {
  mediaDir = mkdtempSync(join(tmpdir(), 'tijaratk-sim-media-'));
  h = await startHarness({ env: { PUBLIC_URL: 'http://127.0.0.1:3999', MEDIA_DIR: mediaDir } });
  server = h.app.web.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await h.stop();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('the simulator API', () => {
  const send = (body: string) => fetch(`${base}/sim/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('accepts a message with 202 and shows both directions in the transcript', async () => {
    const res = await send(JSON.stringify({ from: '+201001234567', text: 'hi', id: 'API-1' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ id: 'API-1' });
    await h.app.outbox.drain();
    const list = await (await fetch(`${base}/sim/messages?chat=%2B201001234567&after=0`)).json();
    expect(list.messages[0]).toMatchObject({ seq: 1, chat: '+201001234567', direction: 'in', text: 'hi', media: null });
    expect(list.messages[1].direction).toBe('out');
    const later = await (await fetch(`${base}/sim/messages?chat=%2B201001234567&after=1`)).json();
    expect(later.messages.every((m: { seq: number }) => m.seq > 1)).toBe(true);
  });

  it.each([
    ['not JSON', '{"from": ', 'valid JSON'],
    ['no from', JSON.stringify({ text: 'hi' }), 'from'],
    ['a bad number', JSON.stringify({ from: 'abc', text: 'hi' }), 'phone number'],
    ['neither text nor media', JSON.stringify({ from: '+201001234567' }), 'one of text or media'],
    ['an unknown field', JSON.stringify({ from: '+201001234567', text: 'x', admin: true }), 'admin'],
    ['a media type we do not take', JSON.stringify({ from: '+201001234567', media: { mimetype: 'text/html', base64: 'AAAA' } }), 'mimetype'],
  ])('answers 400 with a reason for %s', async (_label, body, reason) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain(reason);
  });

  it('serves a photo sent in the chat, from a MEDIA_DIR given as an absolute path', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const res = await send(JSON.stringify({ from: '+201001234567', media: { mimetype: 'image/png', base64: png.toString('base64'), fileName: 'ref.png' } }));
    expect(res.status).toBe(202);
    const list = await (await fetch(`${base}/sim/messages?chat=%2B201001234567&after=0`)).json();
    const photo = list.messages.find((m: { media: { url: string } | null }) => m.media !== null);
    const file = await fetch(`${base}${photo.media.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(png);
  });

  it('answers 503, not 202, for a message that could not be stored at all, and 202 again after', async () => {
    // Every write refused (as on a read-only or vanished disk): neither the message nor its apology can be kept.
    h.app.database.sqlite.pragma('query_only = ON');
    const refused = await send(JSON.stringify({ from: '+201001234567', text: 'hi', id: 'RO-1' }));
    expect(refused.status).toBe(503);
    expect((await refused.json()).error).toContain('cannot store messages right now');
    h.app.database.sqlite.pragma('query_only = OFF');
    const again = await send(JSON.stringify({ from: '+201001234567', text: 'hi', id: 'RO-1' }));
    expect(again.status).toBe(202);
  });

  it('answers 400 for a transcript request without a valid chat', async () => {
    const res = await fetch(`${base}/sim/messages?after=0`);
    expect(res.status).toBe(400);
  });
});
