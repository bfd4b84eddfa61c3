import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** JSON lines for machines; readable lines when a person watches the terminal. */
export function createLogger(level: string, options: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const usePretty = options.pretty ?? Boolean(process.stdout.isTTY);
  const destination = usePretty
    ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: options.destination ?? process.stdout })
    : (options.destination ?? process.stdout);
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: pino.stdSerializers.err },
      redact: { paths: ['token', 'otp', 'text', '*.token', '*.otp'], censor: '[redacted]' },
    },
    destination,
  );
}
