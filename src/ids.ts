import { randomBytes as nodeRandomBytes } from 'node:crypto';

export type RandomBytes = (size: number) => Buffer;

export interface IdGenerator {
  /** A WhatsApp-style message id ("3EB0" + hex), unique enough to recognise our own echoes. */
  messageId(): string;
  /** An opaque id for URLs. */
  publicId(): string;
  /** 32 random bytes, base64url: a magic-link token. */
  token(): string;
}

/** Random bytes drawn from a pool refilled 4 KiB at a time (one system call per many ids). */
function pooled(randomBytes: RandomBytes): RandomBytes {
  let pool: Buffer = Buffer.alloc(0);
  let offset = 0;
  return (size) => {
    if (offset + size > pool.length) {
      pool = randomBytes(Math.max(4096, size));
      offset = 0;
    }
    const bytes = Buffer.from(pool.subarray(offset, offset + size));
    offset += size;
    return bytes;
  };
}

export function createIdGenerator(source: RandomBytes = nodeRandomBytes): IdGenerator {
  const randomBytes = pooled(source);
  return {
    messageId: () => `3EB0${randomBytes(9).toString('hex').toUpperCase()}`,
    publicId: () => randomBytes(12).toString('base64url'),
    token: () => randomBytes(32).toString('base64url'),
  };
}
