import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino from 'pino';
import { createFactsActivities } from '../../activities/record-facts';
import { createMailActivities } from '../../activities/send-notice';
import { createKeyRetentionActivities } from '../../activities/erase-case-keys';
import { createCaseIndexActivities } from '../../activities/index-case';
import { openCaseIndex, type CaseIndexStore } from '../../src/case-index/case-index-store';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { openCaseKeys, type CaseKeys } from '../../src/crypto/case-keys';
import { dataConverterFor, workerDataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../../src/crypto/payload-keys';
import { ReferenceIndex } from '../../src/crypto/reference-index';
import { loadDirectory } from '../../src/directory';
import { createApp } from '../../src/http/app';
import { AuditLog } from '../../src/audit/audit-log';
import { CalendarFeeds } from '../../src/http/calendar-feeds';
import { CaseIds } from '../../src/cases/case-ids';
import { CaseGateway } from '../../src/cases/case-gateway';
import { CaseErasures } from '../../src/cases/case-erasures';
import { openErasureRecords } from '../../src/cases/erasure-records';
import { entryForToken, Principals, type PrincipalSpec } from '../../src/identity/principals';
import { InMemorySentLedger } from '../../src/mail/transport/sent-ledger';
import { caseKeySalts, openFactsStore, type FactsStore } from '../../src/statistics/facts-store';
import { startSmtpServer, type SmtpServer, type SmtpServerOptions } from '../../tools/stack/smtp-server';
import { startedForTheFile } from './started';
import { devServerEnv, workflowBundle } from './temporal-env';

export const TASK_QUEUE = 'victim-cases-it';

/** One bearer token per role the tests act as; the principals file holds only their hashes. */
export const TOKENS = {
  payoke: 'it-token-centre-payoke',
  pagasa: 'it-token-centre-pagasa',
  surya: 'it-token-centre-surya',
  immigration: 'it-token-immigration',
  immigration2: 'it-token-immigration-2',
  admin: 'it-token-admin',
  admin2: 'it-token-admin-2',
  antwerpen: 'it-token-prosecutor-antwerpen',
  liege: 'it-token-prosecutor-liege',
  caAntwerpen: 'it-token-pcp-antwerpen',
  labourAntwerpen: 'it-token-labour-antwerpen',
} as const;

const ENTRIES: (PrincipalSpec & { token: string })[] = [
  { token: TOKENS.payoke, id: 'centre-payoke', role: 'centre', centre: 'PAYOKE' },
  { token: TOKENS.pagasa, id: 'centre-pagasa', role: 'centre', centre: 'PAG-ASA' },
  { token: TOKENS.surya, id: 'centre-surya', role: 'centre', centre: 'SURYA' },
  { token: TOKENS.immigration, id: 'dvz', role: 'immigration-office' },
  // A second officer: four eyes (PROCEDURE.md "Withdrawal").
  { token: TOKENS.immigration2, id: 'dvz-2', role: 'immigration-office' },
  { token: TOKENS.admin, id: 'admin', role: 'admin' },
  // A second admin: an erasure one admin requests, another confirms (four eyes).
  { token: TOKENS.admin2, id: 'admin-2', role: 'admin' },
  { token: TOKENS.antwerpen, id: 'pk-antwerpen', role: 'prosecutor', office: 'ANTWERPEN' },
  { token: TOKENS.liege, id: 'pk-liege', role: 'prosecutor', office: 'LIEGE' },
  { token: TOKENS.caAntwerpen, id: 'pg-antwerpen', role: 'prosecutor', office: 'CA-ANTWERPEN' },
  { token: TOKENS.labourAntwerpen, id: 'au-antwerpen', role: 'prosecutor', office: 'LABOUR-ANTWERPEN' },
];

export interface TestAppOptions {
  /** The Temporal client the API's CaseGateway uses (e.g. one whose connection leads nowhere). */
  client: Client;
  keys: PayloadKeys;
  /** The case keys the client's codec uses, for the codec endpoint and erasures. */
  caseKeys: CaseKeys;
  /** The case index an erasure deletes rows of (default: an empty one in memory). */
  caseIndex?: CaseIndexStore;
  /** The case workflows' task queue (default TASK_QUEUE, which the stack's worker polls). */
  taskQueue?: string;
  /** Deadline of each call to Temporal (default 10 s). */
  timeoutMs?: number;
  rateLimitPerMinute?: number;
  /** Today's date as the API sees it (default the clock's): which years' statistics are published. */
  today?: () => string;
  bodyLimit?: string;
  /** The reference index key (default: a fixed test key). */
  indexKey?: Buffer;
  /** Receives every log line the API writes. */
  logLines?: string[];
  audit?: AuditLog;
  /** The statistics store the API reads (default: an empty one in memory). */
  statistics?: FactsStore;
  /** The calendar feeds' file (default: a new one in a temporary folder). */
  calendarFeedsFile?: string;
  /** PUBLIC_BASE_URL: the links of collections and the documents' server (default http://localhost:3000). */
  publicBaseUrl?: string;
  /** Where the erasure requests are kept (default: in memory, this app's own). */
  serviceDatabase?: string;
  /** ERASURE_WAITING_DAYS (default 0: the tests erase cases that ended moments ago). */
  erasureWaitingDays?: number;
}

export const TEST_INDEX_KEY = Buffer.alloc(32, 7);

/** The API as the harness builds it, with the test principals (TOKENS); for apps with other limits or a dead Temporal. */
export function createTestApp(o: TestAppOptions): Express {
  const logLines = o.logLines ?? [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const caseIndex = o.caseIndex ?? openCaseIndex(':memory:', o.caseKeys);
  const gateway = new CaseGateway(o.client, {
    taskQueue: o.taskQueue ?? TASK_QUEUE,
    timeoutMs: o.timeoutMs ?? 10_000,
    caseIndex,
    caseIds: new CaseIds(o.indexKey ?? TEST_INDEX_KEY),
  });
  return createApp({
    gateway,
    erasures: new CaseErasures({
      gateway,
      stores: { caseKeys: o.caseKeys, caseIndex },
      records: openErasureRecords(o.serviceDatabase ?? ':memory:'),
      waitingDays: o.erasureWaitingDays ?? 0,
    }),
    referenceIndex: new ReferenceIndex(o.indexKey ?? TEST_INDEX_KEY),
    principals: new Principals(ENTRIES.map(({ token, ...spec }) => entryForToken(token, spec))),
    codec: new AesGcmCodec(o.keys, o.caseKeys.uncached()),
    caseKeys: o.caseKeys,
    caseIndex,
    logger: pino({ level: 'info' }, sink),
    audit: o.audit,
    webUiOrigin: 'http://localhost:8233',
    codecAllowTokenlessLoopback: false,
    rateLimitPerMinute: o.rateLimitPerMinute ?? 10_000,
    bodyLimit: o.bodyLimit,
    ...(o.publicBaseUrl ? { publicBaseUrl: o.publicBaseUrl } : {}),
    statistics: o.statistics ?? openFactsStore(':memory:'),
    ...(o.today ? { today: o.today } : {}),
    calendarFeeds: new CalendarFeeds(
      o.calendarFeedsFile ?? join(mkdtempSync(join(tmpdir(), 'victim-cases-feeds-')), 'calendar-feeds.json'),
    ),
  });
}

export interface ServiceStack {
  /** The stack's data folder: keys, audit trail, statistics store, calendar feeds. */
  dir: string;
  env: TestWorkflowEnvironment;
  /** A client with the codec, as the API and the worker use. */
  client: Client;
  keys: PayloadKeys;
  /** The case keys, in the statistics store's database as in a deployment (worker and API each open it). */
  caseKeys: CaseKeys;
  /** The API's case index, on that database too. */
  caseIndex: CaseIndexStore;
  keysFile: string;
  app: Express;
  smtp: SmtpServer;
  /** Every log line the API wrote, as text. */
  logLines: string[];
  auditFile: string;
  /**
   * Restarts the worker and the API with the key file as it is now, as an operator does after a key rotation
   * (addAndActivateKey): replaces `keys`, `client` and `app`; the dev server, the SMTP sink, the sent-mail ledger,
   * `logLines` and the audit file (reopened for append) stay.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceStackOptions {
  /** Deadline of each call the API makes to Temporal (default 10 s). */
  timeoutMs?: number;
  /** How the SMTP sink behaves, e.g. addresses it refuses. */
  smtp?: SmtpServerOptions;
}

/** The real service in one process: dev server, worker with real mail, API, an SMTP server. */
export async function startServiceStack(options: ServiceStackOptions = {}): Promise<ServiceStack> {
  const dir = mkdtempSync(join(tmpdir(), 'victim-cases-it-'));
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  const env = await devServerEnv();
  const smtp = await startSmtpServer(options.smtp);
  // One ledger across restarts, like the file ledger of a deployment.
  // The statistics store as in a deployment: the worker writes it, the API reads it, one file for both.
  const statisticsFile = join(dir, 'statistics.sqlite');
  const activities = {
    ...createMailActivities({
      transport: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      directory: loadDirectory(join(__dirname, '../../config/dev/directory.json')),
      from: 'case-service@test.invalid',
      publicBaseUrl: 'http://api.test',
      ledger: new InMemorySentLedger(),
    }),
  };
  const bundle = await workflowBundle();
  const logLines: string[] = [];
  const auditFile = join(dir, 'audit.jsonl');

  /** Worker and API as their processes start: keys read from the file. */
  const startProcesses = async () => {
    const keys = loadPayloadKeys(keysFile);
    const caseKeys = openCaseKeys(statisticsFile, keys);
    const workerCaseKeys = openCaseKeys(statisticsFile, keys);
    const workerAudit = new AuditLog(auditFile);
    // The worker's case index, as in a deployment: the same database, its personal data under the case keys.
    const caseIndex = openCaseIndex(statisticsFile, workerCaseKeys);
    // The worker's facts keyed by its case keys' salts, as worker.ts does.
    const facts = openFactsStore(statisticsFile, caseKeySalts(workerCaseKeys));
    const client = new Client({
      connection: env.connection,
      namespace: env.namespace,
      dataConverter: dataConverterFor(keys, caseKeys),
    });
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace,
      taskQueue: TASK_QUEUE,
      workflowBundle: bundle,
      // The whole converter: with only the codec, activity failures would keep their messages in clear in the history.
      dataConverter: workerDataConverterFor(keys, workerCaseKeys),
      activities: {
        ...activities,
        ...createFactsActivities(facts),
        ...createCaseIndexActivities(caseIndex),
        ...createKeyRetentionActivities({
          caseKeys: workerCaseKeys,
          caseIndex,
          workflowService: env.nativeConnection.workflowService,
          namespace: env.namespace ?? 'default',
          audit: workerAudit,
        }),
      },
    });
    const running = worker.run();
    const audit = new AuditLog(auditFile);
    // The API's own, on the same database, as server.ts opens it.
    const apiCaseIndex = openCaseIndex(statisticsFile, caseKeys);
    const app = createTestApp({
      client,
      keys,
      caseKeys,
      caseIndex: apiCaseIndex,
      timeoutMs: options.timeoutMs,
      logLines,
      audit,
      calendarFeedsFile: join(dir, 'calendar-feeds.json'),
      statistics: openFactsStore(statisticsFile),
      serviceDatabase: statisticsFile,
    });
    return {
      keys,
      caseKeys,
      caseIndex: apiCaseIndex,
      client,
      app,
      async stop() {
        worker.shutdown();
        await running;
        await caseIndex.close();
        await apiCaseIndex.close();
        await facts.close();
        await Promise.all([audit.close(), workerAudit.close(), caseKeys.close(), workerCaseKeys.close()]);
      },
    };
  };

  let processes = await startProcesses();
  const stack: ServiceStack = {
    dir,
    env,
    client: processes.client,
    keys: processes.keys,
    caseKeys: processes.caseKeys,
    caseIndex: processes.caseIndex,
    keysFile,
    app: processes.app,
    smtp,
    logLines,
    auditFile,
    async restart() {
      await processes.stop();
      processes = await startProcesses();
      const { client, keys, caseKeys, caseIndex, app } = processes;
      Object.assign(stack, { client, keys, caseKeys, caseIndex, app });
    },
    async close() {
      await processes.stop();
      await smtp.close();
      await env.teardown();
    },
  };
  return stack;
}

export const auditRecords = (s: ServiceStack): Record<string, unknown>[] =>
  readFileSync(s.auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The service stack of an API-level test file, started in its beforeAll and closed in its afterAll. */
export const useServiceStack = (options: ServiceStackOptions = {}): ServiceStack =>
  startedForTheFile(
    'service stack',
    () => startServiceStack(options),
    (stack) => stack.close(),
  );
