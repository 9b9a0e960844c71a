import type { Logger } from 'pino';
import { ConfigError } from './config';
import { createLogger } from './logger';

/**
 * Starts a process: a bad configuration stops it with a message naming the
 * variable; SIGTERM and SIGINT run the returned shutdown once, then exit.
 */
export function runMain(name: string, start: (logger: Logger) => Promise<() => Promise<void>>): void {
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
