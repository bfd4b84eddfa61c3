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

export function createIdGenerator(randomBytes: RandomBytes = nodeRandomBytes): IdGenerator {
  return {
    messageId: () => `3EB0${randomBytes(9).toString('hex').toUpperCase()}`,
    publicId: () => randomBytes(12).toString('base64url'),
    token: () => randomBytes(32).toString('base64url'),
  };
}
