import pino, { type Logger } from 'pino';

/**
 * JSON lines on stdout. Redaction is a second line of defence: code never
 * passes bodies, notes or tokens to the logger in the first place.
 */
export function createLogger(level: string, name: string): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: ['*.authorization', '*.token', '*.note', '*.pseudonym', '*.dateOfBirth', '*.guardian', '*.email'],
        censor: '[redacted]',
      },
    },
    // Written in the background: lines logged while a write is under way go out together (one write for many
    // requests under load, none blocking one); pino flushes what is left when the process exits.
    pino.destination({ dest: 1, sync: false }),
  );
}
