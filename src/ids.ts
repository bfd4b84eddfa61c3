import { randomBytes as nodeRandomBytes } from 'node:crypto';

export type RandomBytes = (size: number) => Buffer;

export interface IdGenerator {
  /** A WhatsApp-style message id ("3EB0" + 18 hex digits), unique enough to recognise our own echoes. */
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

/** Message ids per random prefix; then a new prefix is drawn. */
const IDS_PER_PREFIX = 2 ** 24;

export function createIdGenerator(source: RandomBytes = nodeRandomBytes): IdGenerator {
  const randomBytes = pooled(source);
  // A random prefix (48 bits) and a counter: the ids of one process follow each other, so the indexes they are
  // stored under (outbox, transcript) grow at one end instead of touching a random page per message, which made
  // every commit write more. Ids are not secrets (the recipient sees them); they only have to be unique.
  let prefix = '';
  let counter = IDS_PER_PREFIX;
  return {
    messageId: () => {
      if (counter >= IDS_PER_PREFIX) {
        prefix = `3EB0${randomBytes(6).toString('hex').toUpperCase()}`;
        counter = 0;
      }
      return `${prefix}${(counter++).toString(16).toUpperCase().padStart(6, '0')}`;
    },
    publicId: () => randomBytes(12).toString('base64url'),
    token: () => randomBytes(32).toString('base64url'),
  };
}
