import pino, { type Logger } from 'pino';
import { ConfigError } from './config';
import { createLogger } from './logger';

/** What a crash report says of an error: its name and code, never its message or stack (they may hold case data). */
export function crashFacts(err: unknown): { error: string; code?: string | number } {
  if (typeof err !== 'object' || err === null) return { error: typeof err };
  const name = (err as { name?: unknown }).name;
  const code = (err as { code?: unknown }).code;
  return {
    error: typeof name === 'string' && name !== '' ? name : (err.constructor?.name ?? 'object'),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
  };
}

/**
 * Replaces Node's report of an unhandled rejection or uncaught exception, which prints the whole error
 * (message, stack, properties: possibly case data), by one fatal JSON line on stderr with the error's
 * name and code only; then the process exits non-zero, as it would have by default.
 */
export function installCrashHandler(name: string): void {
  // Synchronous, so the line is written before the exit.
  const log = pino({ name }, pino.destination({ dest: 2, sync: true }));
  const crash = (kind: string) => (err: unknown) => {
    log.fatal({ ...crashFacts(err), kind }, 'process crashed');
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));
}

/**
 * Starts a process: a bad configuration stops it with a message naming the
 * variable; SIGTERM and SIGINT run the returned shutdown once, then exit; a
 * crash is logged by error name and code only (installCrashHandler).
 */
export function runMain(name: string, start: (logger: Logger) => Promise<() => Promise<void>>): void {
  installCrashHandler(name);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info', name);
  start(logger).then(
    (shutdown) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        shutdown().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ error: (err as Error).name }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    },
    (err: unknown) => {
      // Start-up errors are ours (config, files): their messages name the variable or file, never case data.
      const message = err instanceof Error ? err.message : String(err);
      logger.fatal({ error: err instanceof ConfigError ? 'ConfigError' : (err as Error)?.name }, message);
      process.exit(1);
    },
  );
}
