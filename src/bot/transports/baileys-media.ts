// Downloads a customer's media (research guide 4.10). Baileys builds the URL from sender-supplied fields with no
// host check, never asks for a re-upload on 404/410 in rc14, and its downloadMediaMessage leaves the HTTP body
// stream without an error listener: a connection dropped mid-download throws an uncaught exception and the promise
// never settles. So the transfer is ours (fetch with an abort signal); the keys come from Baileys' getMediaKeys.
import { MediaTooLargeError } from '../transport.js';
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import {
  DEFAULT_ORIGIN,
  extractMessageContent,
  getContentType,
  getMediaKeys,
  toNumber,
  type MediaType,
  type WAMessage,
} from '@whiskeysockets/baileys';

export interface MediaDownloadDeps {
  /** Asks the sender's phone to upload the media again; resolves to the message with fresh URL fields. */
  reupload(msg: WAMessage): Promise<WAMessage>;
  isAllowedUrl(url: URL): boolean;
  timeoutMs: number;
}

export { MediaTooLargeError };

export class MediaHttpError extends Error {
  constructor(
    readonly status: number,
    host: string,
  ) {
    super(`media download from ${host} failed with HTTP ${status}`);
    this.name = 'MediaHttpError';
  }
}

const DEFAULT_MEDIA_HOST = 'mmg.whatsapp.net';
/** The CDN copy expired; the phone can upload it again. */
const REUPLOAD_STATUSES = new Set([404, 410]);
/** An encrypted file is the AES-CBC ciphertext (at most one padding block more) plus a 10-byte MAC. */
const AES_BLOCK = 16;
const MAC_LENGTH = 10;

const MEDIA_TYPES: Partial<Record<string, MediaType>> = {
  imageMessage: 'image',
  videoMessage: 'video',
  audioMessage: 'audio',
  stickerMessage: 'sticker',
  documentMessage: 'document',
};

/** WhatsApp's CDN only: https on a *.whatsapp.net host. */
export function isWhatsAppMediaUrl(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.endsWith('.whatsapp.net');
}

interface MediaFields {
  url?: string | null;
  directPath?: string | null;
  mediaKey?: Uint8Array | string | null;
  fileLength?: Parameters<typeof toNumber>[0];
}

function mediaOf(msg: WAMessage): { type: MediaType; fields: MediaFields } | null {
  const content = extractMessageContent(msg.message);
  const contentType = getContentType(content);
  const type = contentType ? MEDIA_TYPES[contentType] : undefined;
  if (!content || !contentType || !type) return null;
  const inner: unknown = content[contentType];
  return inner && typeof inner === 'object' ? { type, fields: inner as MediaFields } : null;
}

/** The URL Baileys would fetch, computed the same way (`downloadContentFromMessage` in rc14). */
export function effectiveMediaUrl(msg: WAMessage): URL | null {
  const fields = mediaOf(msg)?.fields;
  if (!fields) return null;
  try {
    if (fields.directPath) {
      const host = fields.url ? new URL(fields.url).host : DEFAULT_MEDIA_HOST;
      return new URL(`https://${host}${fields.directPath}`);
    }
    return fields.url ? new URL(fields.url) : null;
  } catch {
    return null;
  }
}

export async function downloadInboundMedia(msg: WAMessage, maxBytes: number, deps: MediaDownloadDeps): Promise<Buffer> {
  try {
    return await downloadOnce(msg, maxBytes, deps);
  } catch (error) {
    if (!(error instanceof MediaHttpError) || !REUPLOAD_STATUSES.has(error.status)) throw error;
    // Only works while the phone is online; one attempt.
    return await downloadOnce(await deps.reupload(msg), maxBytes, deps);
  }
}

async function downloadOnce(msg: WAMessage, maxBytes: number, deps: MediaDownloadDeps): Promise<Buffer> {
  const media = mediaOf(msg);
  if (!media) throw new Error('not a media message');
  const { fileLength, mediaKey } = media.fields;
  // The sender declares fileLength; what actually arrives is counted below too.
  if (fileLength != null && toNumber(fileLength) > maxBytes) throw new MediaTooLargeError(maxBytes);
  const url = effectiveMediaUrl(msg);
  if (!url || !deps.isAllowedUrl(url)) {
    throw new Error(`refusing to download media from ${url ? url.host : 'a message without a media URL'}`);
  }
  const keys = await getMediaKeys(mediaKey, media.type);
  const encrypted = await fetchCapped(url, maxBytes + AES_BLOCK + MAC_LENGTH, maxBytes, deps.timeoutMs);
  const plain = decrypt(encrypted, keys);
  if (plain.length > maxBytes) throw new MediaTooLargeError(maxBytes);
  return plain;
}

async function fetchCapped(url: URL, limit: number, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`media download timed out after ${timeoutMs} ms`)),
    timeoutMs,
  );
  timer.unref();
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { Origin: DEFAULT_ORIGIN } });
    if (!response.ok) throw new MediaHttpError(response.status, url.host);
    if (Number(response.headers.get('content-length')) > limit) throw new MediaTooLargeError(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body ?? []) {
      total += chunk.length;
      if (total > limit) throw new MediaTooLargeError(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } finally {
    clearTimeout(timer);
    // Releases the connection when we stopped reading early; a no-op after a complete read.
    controller.abort();
  }
}

function decrypt(encrypted: Buffer, keys: { iv: Uint8Array; cipherKey: Uint8Array; macKey?: Uint8Array }): Buffer {
  if (!keys.macKey) throw new Error('media keys without a MAC key');
  if (encrypted.length < MAC_LENGTH + AES_BLOCK) throw new Error('media file is truncated');
  const ciphertext = encrypted.subarray(0, -MAC_LENGTH);
  const mac = createHmac('sha256', keys.macKey).update(keys.iv).update(ciphertext).digest().subarray(0, MAC_LENGTH);
  if (!timingSafeEqual(mac, encrypted.subarray(-MAC_LENGTH))) throw new Error('media file failed its integrity check');
  const decipher = createDecipheriv('aes-256-cbc', keys.cipherKey, keys.iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
