import { z } from 'zod';
import { describeIssues } from './json-file';

/** Thrown when an environment variable is invalid; the message names the variable. */
export class ConfigError extends Error {}

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** An empty variable is an unset one: compose files and .env files write `NAME=` for "none". */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port')
    .default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** TLS to the Temporal frontend (implied by a CA or a client certificate), as Temporal Cloud and a cluster with mTLS need. */
  TEMPORAL_TLS: bool.default(false),
  /** The CA that signed the frontend's certificate (PEM), when it is not a public one. */
  TEMPORAL_TLS_CA_FILE: unsetWhenEmpty(z.string().min(1)),
  /** The service's client certificate and key (PEM), for a frontend that requires client certificates. */
  TEMPORAL_TLS_CERT_FILE: unsetWhenEmpty(z.string().min(1)),
  TEMPORAL_TLS_KEY_FILE: unsetWhenEmpty(z.string().min(1)),
  /** The name the frontend's certificate carries, when it differs from the host of TEMPORAL_ADDRESS. */
  TEMPORAL_TLS_SERVER_NAME: unsetWhenEmpty(z.string().min(1)),
  /** A Temporal Cloud API key, sent as a bearer token (with TLS). */
  TEMPORAL_API_KEY: unsetWhenEmpty(z.string().min(1)),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('victim-cases'),
  HTTP_PORT: port.default(3000),
  /**
   * A second port of the API, with TLS (certificate and key in PEM), where a TLS front is not in the way: the
   * Temporal Web UI sends a user's access token to the codec only over https.
   */
  HTTPS_PORT: unsetWhenEmpty(port),
  HTTPS_CERT_FILE: unsetWhenEmpty(z.string().min(1)),
  HTTPS_KEY_FILE: unsetWhenEmpty(z.string().min(1)),
  SMTP_HOST: z.string().min(1).default('localhost'),
  SMTP_PORT: port.default(2525),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.email().default('case-service@localhost.localdomain'),
  PRINCIPALS_FILE: z.string().min(1).default('.data/principals.json'),
  DIRECTORY_FILE: z.string().min(1).default('config/dev/directory.json'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  PAYLOAD_KEYS_FILE: z.string().min(1).default('.data/payload-keys.json'),
  /**
   * The key-encryption keys that wrap every case key (never in the database), rewritten by the daily key sweep's
   * rotation, so on a volume every worker and API shares and may write; the erasure ledger sits beside it.
   */
  KEY_ENCRYPTION_KEYS_FILE: z.string().min(1).default('.data/key-encryption-keys.json'),
  AUDIT_LOG_FILE: z.string().min(1).default('.data/audit.jsonl'),
  /** The calendar feeds an admin issued: subscriber, language and the hash of each secret. */
  CALENDAR_FEEDS_FILE: z.string().min(1).default('.data/calendar-feeds.json'),
  /**
   * The service's own database (an SQLite file or a postgres:// URL): every case's data key and the statistics'
   * countable facts. The default file keeps its old name, so an existing store is found where it was.
   */
  SERVICE_DATABASE: z.string().min(1).default('.data/statistics.sqlite'),
  /**
   * Days after a case ended before an admin may request its erasure (a second admin confirms it): time for a late
   * appeal or a question to surface while the file can still be read. 0 in the dev and test stacks.
   */
  ERASURE_WAITING_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Message-IDs already accepted by the relay, so a retried activity sends no second mail. */
  MAIL_LEDGER_FILE: z.string().min(1).default('.data/sent-notices.jsonl'),
  WEB_UI_ORIGIN: z.url().default('http://localhost:8233'),
  /** Local dev stack only: the Web UI there has no login, so the codec answers tokenless loopback calls. */
  CODEC_ALLOW_TOKENLESS_LOOPBACK: bool.default(false),
  /** Deadline of every API call to Temporal, so an outage is a quick 503 rather than a hung request. */
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** The workspace's sign-in (OpenID Connect, authorization code + PKCE); without an issuer the pages are off. */
  OIDC_ISSUER_URL: unsetWhenEmpty(z.url()),
  OIDC_CLIENT_ID: z.string().min(1).default('victim-case-workspace'),
  OIDC_CLIENT_SECRET: unsetWhenEmpty(z.string().min(1)),
  /** The audience the codec requires in a Web UI user's access token from OIDC_ISSUER_URL (none: any of the issuer's). */
  OIDC_ACCESS_TOKEN_AUDIENCE: unsetWhenEmpty(z.string().min(1)),
  /** Minutes without a request after which a workspace session ends. */
  WORKSPACE_IDLE_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  /**
   * Worker Versioning: the worker deployment and this release's build id. Set, the worker polls as that version
   * and new cases stay on the version they start on (pinned) until their next continue-as-new, which moves them to
   * the deployment's current version. Unset: unversioned, as on the dev server.
   */
  TEMPORAL_DEPLOYMENT_NAME: unsetWhenEmpty(z.string().regex(/^[\w.-]{1,255}$/, 'letters, digits, . _ -')),
  TEMPORAL_BUILD_ID: unsetWhenEmpty(z.string().regex(/^[\w.-]{1,255}$/, 'letters, digits, . _ -')),
  /**
   * The worker's memory for cached cases, in MiB: its workflow cache holds as many cases as fit (a cached case
   * replays no history at its next task). Unset: the SDK's default, sized by the heap limit.
   */
  WORKER_CACHE_MEMORY_MB: unsetWhenEmpty(z.coerce.number().int().min(1)),
  /** Where the process serves its Prometheus metrics (host:port, GET /metrics); unset: none. */
  METRICS_ADDRESS: unsetWhenEmpty(z.string().regex(/^[^\s]+:\d+$/, 'expected host:port')),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * The level of the one line per request: `info` keeps them at the default LOG_LEVEL; `npm start` sets `debug`, so
   * its console keeps the errors, the warnings and its banner (an afternoon of clicking was 23,000 lines).
   */
  REQUEST_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Config = z.infer<typeof envSchema>;

/**
 * Old names still read, so a deployment keeps running across the rename: STATISTICS_DATABASE named a store that
 * holds the case keys too, and an operator who backs up or wipes "the statistics" must know it does.
 */
const RENAMED = { STATISTICS_DATABASE: 'SERVICE_DATABASE' } as const;

/** `warn` hears of each old name in use (the processes log it; elsewhere a Node warning). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = (message) => process.emitWarning(message, 'DeprecationWarning'),
): Config {
  // An empty variable means "unset", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  for (const [old, name] of Object.entries(RENAMED)) {
    if (present[old] === undefined) continue;
    warn(`${old} is deprecated: set ${name} instead${present[name] === undefined ? '' : ` (${name} is set and wins)`}`);
    present[name] ??= present[old];
    delete present[old];
  }
  const parsed = envSchema
    .refine((c) => (c.TEMPORAL_TLS_CERT_FILE === undefined) === (c.TEMPORAL_TLS_KEY_FILE === undefined), {
      path: ['TEMPORAL_TLS_KEY_FILE'],
      message: 'TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together',
    })
    .refine((c) => (c.TEMPORAL_DEPLOYMENT_NAME === undefined) === (c.TEMPORAL_BUILD_ID === undefined), {
      path: ['TEMPORAL_BUILD_ID'],
      message: 'TEMPORAL_DEPLOYMENT_NAME and TEMPORAL_BUILD_ID go together',
    })
    .refine((c) => c.HTTPS_PORT === undefined || (c.HTTPS_CERT_FILE !== undefined && c.HTTPS_KEY_FILE !== undefined), {
      path: ['HTTPS_PORT'],
      message: 'HTTPS_PORT needs HTTPS_CERT_FILE and HTTPS_KEY_FILE',
    })
    .safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error.issues)}`);
  }
  return parsed.data;
}

export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
