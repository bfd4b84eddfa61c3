// Received pictures and documents, stored once under the media folder by content hash.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MediaTooLargeError, type InboundMedia } from './transport.js';

export interface StoredMedia {
  path: string;
  mimetype: string;
  fileName: string | null;
  sizeBytes: number;
  sha256: string;
}

/** What happened to the media of an inbound message before its handler runs. */
export type MediaOutcome = { ok: true; media: StoredMedia } | { ok: false; reason: 'too_large' | 'unsupported' | 'failed' };

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  // Phones label CSV files in several ways.
  'text/comma-separated-values': 'csv',
  'application/csv': 'csv',
  'application/vnd.ms-excel': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** The extension we store a file under, from its type or (for a generic type) its name; null when we do not take it. */
function extensionOf(mimetype: string, fileName: string | null): string | null {
  const known = EXTENSIONS[mimetype];
  if (known) return known;
  const named = /\.(csv|xlsx)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  return mimetype === 'application/octet-stream' && named ? named : null;
}

/** The type of a picture we stored, from the extension we gave it. */
export function imageMimetypeOf(path: string): string {
  const extension = /\.(\w+)$/.exec(path)?.[1]?.toLowerCase();
  return extension === 'png' ? 'image/png' : extension === 'webp' ? 'image/webp' : 'image/jpeg';
}

export const MEDIA_LIMITS = { image: 5 * 1024 * 1024, document: 10 * 1024 * 1024 } as const;

export function createMediaStore(mediaDir: string) {
  return {
    save(data: Buffer, mimetype: string, fileName: string | null): StoredMedia {
      mkdirSync(mediaDir, { recursive: true });
      const sha256 = createHash('sha256').update(data).digest('hex');
      const path = join(mediaDir, `${sha256}.${extensionOf(mimetype, fileName) ?? 'bin'}`);
      writeFileSync(path, data);
      return { path, mimetype, fileName, sizeBytes: data.length, sha256 };
    },

    /** Downloads within the size cap for its kind and stores it; expected failures are results. */
    async fetch(media: InboundMedia): Promise<MediaOutcome> {
      if (extensionOf(media.mimetype, media.fileName) === null) return { ok: false, reason: 'unsupported' };
      const limit = media.kind === 'image' ? MEDIA_LIMITS.image : MEDIA_LIMITS.document;
      if (media.declaredBytes !== null && media.declaredBytes > limit) return { ok: false, reason: 'too_large' };
      try {
        const data = await media.download(limit);
        if (data.length > limit) return { ok: false, reason: 'too_large' };
        return { ok: true, media: this.save(data, media.mimetype, media.fileName) };
      } catch (err) {
        return { ok: false, reason: err instanceof MediaTooLargeError ? 'too_large' : 'failed' };
      }
    },
  };
}
export type MediaStore = ReturnType<typeof createMediaStore>;
