/** The environment of the service's processes (the worker and the API) and of any child of a stack. */
import { join } from 'node:path';
import { PROJECT_ROOT } from './temporal-binaries';

export const DIRECTORY_FILE = join(PROJECT_ROOT, 'config', 'dev', 'directory.json');

export interface ServiceEnvOptions {
  /** The data folder: keys, principals, audit trail and mail ledger go there. */
  dir: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  smtpPort: number;
  /** The API's port (none for a stack without the API). */
  apiPort?: number;
}

/** What the worker and the API read (src/config.ts), for a stack whose files are in `dir`. */
export function serviceEnv(o: ServiceEnvOptions): Record<string, string> {
  return {
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: o.namespace,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    ...(o.apiPort === undefined
      ? {}
      : { HTTP_PORT: String(o.apiPort), PUBLIC_BASE_URL: `http://127.0.0.1:${o.apiPort}` }),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(o.smtpPort),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'case-service@test.invalid',
    PRINCIPALS_FILE: join(o.dir, 'principals.json'),
    DIRECTORY_FILE,
    PAYLOAD_KEYS_FILE: join(o.dir, 'payload-keys.json'),
    KEY_ENCRYPTION_KEYS_FILE: join(o.dir, 'key-encryption-keys.json'),
    AUDIT_LOG_FILE: join(o.dir, 'audit.jsonl'),
    CALENDAR_FEEDS_FILE: join(o.dir, 'calendar-feeds.json'),
    SERVICE_DATABASE: join(o.dir, 'statistics.sqlite'),
    MAIL_LEDGER_FILE: join(o.dir, 'sent-notices.jsonl'),
    // The stacks' cases end moments before the tests and the dev erase them.
    ERASURE_WAITING_DAYS: '0',
    // As operators run it: info, to the process's log.
    LOG_LEVEL: 'info',
  };
}

/** The environment of a child that should see nothing of the caller's shell. */
export const bareEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME });
