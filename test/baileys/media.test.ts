import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, it, expect } from 'vitest';
import { encryptedStream, type WAMessage } from '@whiskeysockets/baileys';
import type { InboundMessage } from '../../src/bot/transport.js';
import { effectiveMediaUrl, isWhatsAppMediaUrl, MediaTooLargeError } from '../../src/bot/transports/baileys-media.js';
import { loadFixture, settle, startHarness, type Harness, type HarnessOptions } from './harness.js';

const plain = randomBytes(50_000);
let encrypted: Buffer;
let mediaKey: Buffer;
let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  const enc = await encryptedStream(plain, 'image');
  encrypted = readFileSync(enc.encFilePath);
  rmSync(enc.encFilePath, { force: true });
  mediaKey = enc.mediaKey;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/media/hang.enc') {
      // Headers and a first chunk, then nothing: a stalled CDN.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(encrypted.subarray(0, 1024));
      return;
    }
    if (req.url === '/media/drop.enc') {
      // The connection dies mid-body (Baileys' own download throws an uncaught error here).
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(encrypted.length) });
      res.write(encrypted.subarray(0, 4096), () => res.socket?.destroy());
      return;
    }
    if (req.url === '/media/tampered.enc') {
      const copy = Buffer.from(encrypted);
      copy[100] = (copy[100] ?? 0) ^ 0xff;
      res.writeHead(200);
      res.end(copy);
      return;
    }
    if (req.url === '/media/chunked.enc') {
      // No content-length: only counting the streamed bytes can catch an oversized file.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < encrypted.length; i += 8192) res.write(encrypted.subarray(i, i + 8192));
      res.end();
      return;
    }
    if (req.url === '/media/ok.enc') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(encrypted);
    } else {
      res.writeHead(410);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  requests.length = 0;
});

const loopbackOnly: HarnessOptions = { deps: { isAllowedMediaUrl: (url) => url.hostname === '127.0.0.1' } };

/** The image fixture pointing at our loopback server, the way a sender could point it anywhere. */
function imageAt(path: string, fileLength: number = plain.length): WAMessage {
  const msg = loadFixture('image-caption');
  const image = msg.message?.imageMessage;
  if (!image) throw new Error('fixture has no imageMessage');
  image.url = `${base}${path}`;
  image.directPath = null;
  image.mediaKey = mediaKey;
  image.fileLength = fileLength;
  return msg;
}

async function receiveMedia(options: HarnessOptions, msg: WAMessage) {
  h = await startHarness(options);
  h.socket.open();
  h.socket.upsert([msg]);
  await settle();
  const message: InboundMessage | undefined = h.received[0];
  if (message?.type !== 'media') throw new Error('expected a media message');
  return message.media;
}

describe('Baileys media download', () => {
  it('downloads and decrypts an image from an allowed host', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/ok.enc'));
    const bytes = await media.download(1_000_000);
    expect(bytes.equals(plain)).toBe(true);
    expect(requests).toEqual(['/media/ok.enc']);
  });

  it('refuses a declared size above the cap without fetching', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/ok.enc'));
    await expect(media.download(plain.length - 1)).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(requests).toEqual([]);
  });

  it('stops a stream that grows past the cap even when the sender under-declares it', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/chunked.enc', 10));
    await expect(media.download(20_000)).rejects.toBeInstanceOf(MediaTooLargeError);
    expect(await media.download(1_000_000)).toEqual(plain);
    expect(requests).toEqual(['/media/chunked.enc', '/media/chunked.enc']);
  });

  it('refuses a response whose content-length is above the cap', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/ok.enc', 10));
    await expect(media.download(20_000)).rejects.toBeInstanceOf(MediaTooLargeError);
  });

  it('refuses hosts outside https *.whatsapp.net by default', async () => {
    const media = await receiveMedia({}, imageAt('/media/ok.enc'));
    await expect(media.download(1_000_000)).rejects.toThrow(/refusing to download media from 127\.0\.0\.1/);
    expect(requests).toEqual([]);
  });

  it('asks the phone to re-upload after a 410 and downloads the fresh copy', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/expired.enc'));
    h!.socket.updateMediaMessage.mockImplementationOnce(async () => imageAt('/media/ok.enc'));
    const bytes = await media.download(1_000_000);
    expect(bytes.equals(plain)).toBe(true);
    expect(h!.socket.updateMediaMessage).toHaveBeenCalledTimes(1);
    expect(requests).toEqual(['/media/expired.enc', '/media/ok.enc']);
  });

  it('gives up on a stalled download after the timeout', async () => {
    const options: HarnessOptions = { deps: { ...loopbackOnly.deps, mediaTimeoutMs: 5 } };
    const media = await receiveMedia(options, imageAt('/media/hang.enc'));
    await expect(media.download(1_000_000)).rejects.toThrow('media download timed out after 5 ms');
  });

  it('rejects, without crashing or hanging, when the connection drops mid-download', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/drop.enc'));
    await expect(media.download(1_000_000)).rejects.toThrow();
  });

  it('rejects a file whose MAC does not match', async () => {
    const media = await receiveMedia(loopbackOnly, imageAt('/media/tampered.enc'));
    await expect(media.download(1_000_000)).rejects.toThrow('media file failed its integrity check');
  });

  it('checks the URL Baileys will really fetch (directPath on the url host)', () => {
    const msg = loadFixture('image-caption');
    expect(effectiveMediaUrl(msg)?.host).toBe('mmg.whatsapp.net');
    expect(isWhatsAppMediaUrl(effectiveMediaUrl(msg)!)).toBe(true);
    msg.message!.imageMessage!.url = 'http://169.254.169.254/latest';
    const url = effectiveMediaUrl(msg)!;
    expect(url.href.startsWith('https://169.254.169.254/o1/v/')).toBe(true);
    expect(isWhatsAppMediaUrl(url)).toBe(false);
    expect(isWhatsAppMediaUrl(new URL('http://mmg.whatsapp.net/x'))).toBe(false);
    expect(isWhatsAppMediaUrl(new URL('https://mmg.whatsapp.net.evil.example/x'))).toBe(false);
  });
});
