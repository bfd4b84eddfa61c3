// Downloads a customer's media (research guide 4.10). Baileys builds the URL from sender-supplied fields with no
// host check and never asks for a re-upload on 404/410 in rc14, so both are handled here, plus size caps and a timeout.
import type { Readable } from 'node:stream';
import { downloadMediaMessage, extractMessageContent, getContentType, toNumber, type WAMessage } from '@whiskeysockets/baileys';
import { statusCodeOf } from './baileys-reconnect.js';

export interface MediaDownloadDeps {
  /** Asks the sender's phone to upload the media again; resolves to the message with fresh URL fields. */
  reupload(msg: WAMessage): Promise<WAMessage>;
  isAllowedUrl(url: URL): boolean;
  timeoutMs: number;
}

export class MediaTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`media is larger than ${limitBytes} bytes`);
    this.name = 'MediaTooLargeError';
  }
}

const DEFAULT_MEDIA_HOST = 'mmg.whatsapp.net';
const REUPLOAD_STATUSES = new Set([404, 410]);

/** WhatsApp's CDN only: https on a *.whatsapp.net host. */
export function isWhatsAppMediaUrl(url: URL): boolean {
  return url.protocol === 'https:' && url.hostname.endsWith('.whatsapp.net');
}

interface MediaFields {
  url?: string | null;
  directPath?: string | null;
  fileLength?: Parameters<typeof toNumber>[0];
}

function mediaFields(msg: WAMessage): MediaFields | null {
  const content = extractMessageContent(msg.message);
  const type = getContentType(content);
  if (!content || !type) return null;
  const inner: unknown = content[type];
  return inner && typeof inner === 'object' ? (inner as MediaFields) : null;
}

/** The URL Baileys will fetch, computed the same way (`downloadContentFromMessage` in rc14). */
export function effectiveMediaUrl(msg: WAMessage): URL | null {
  const fields = mediaFields(msg);
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

function declaredBytes(msg: WAMessage): number | null {
  const length = mediaFields(msg)?.fileLength;
  return length == null ? null : toNumber(length);
}

export async function downloadInboundMedia(msg: WAMessage, maxBytes: number, deps: MediaDownloadDeps): Promise<Buffer> {
  try {
    return await downloadOnce(msg, maxBytes, deps);
  } catch (error) {
    const status = statusCodeOf(error);
    if (status === undefined || !REUPLOAD_STATUSES.has(status)) throw error;
    // The CDN copy expired: the phone can upload it again (only while it is online).
    return await downloadOnce(await deps.reupload(msg), maxBytes, deps);
  }
}

async function downloadOnce(msg: WAMessage, maxBytes: number, deps: MediaDownloadDeps): Promise<Buffer> {
  const declared = declaredBytes(msg);
  if (declared !== null && declared > maxBytes) throw new MediaTooLargeError(maxBytes);
  const url = effectiveMediaUrl(msg);
  if (!url || !deps.isAllowedUrl(url)) {
    throw new Error(`refusing to download media from ${url ? url.host : 'a message without a media URL'}`);
  }

  let stream: Readable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stream?.destroy();
      reject(new Error(`media download timed out after ${deps.timeoutMs} ms`));
    }, deps.timeoutMs);
    timer.unref();
  });
  const read = async (): Promise<Buffer> => {
    stream = await downloadMediaMessage(msg, 'stream', {});
    const chunks: Buffer[] = [];
    let total = 0;
    // The sender declares fileLength; count what actually arrives too.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        stream.destroy();
        throw new MediaTooLargeError(maxBytes);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
  try {
    return await Promise.race([read(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
