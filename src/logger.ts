import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: pino.stdSerializers.err },
      redact: { paths: ['token', 'otp', 'text', '*.token', '*.otp'], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}
