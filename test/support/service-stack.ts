import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino from 'pino';
import { createMailActivities } from '../../activities/send-notice';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { dataConverterFor } from '../../src/crypto/data-converter';
import { ensureDevPayloadKeys, loadPayloadKeys, type PayloadKeys } from '../../src/crypto/payload-keys';
import { loadDirectory } from '../../src/directory';
import { createApp } from '../../src/http/app';
import { AuditLog } from '../../src/http/audit';
import { CaseGateway } from '../../src/http/case-gateway';
import { entryForToken, Principals, type PrincipalSpec } from '../../src/http/principals';
import { InMemorySentLedger } from '../../src/mail/sent-ledger';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { devServerEnv, workflowBundle } from './temporal-env';

export const TASK_QUEUE = 'victim-cases-it';

/** One bearer token per role the tests act as; the principals file holds only their hashes. */
export const TOKENS = {
  payoke: 'it-token-centre-payoke',
  pagasa: 'it-token-centre-pagasa',
  immigration: 'it-token-immigration',
  admin: 'it-token-admin',
  antwerpen: 'it-token-prosecutor-antwerpen',
  liege: 'it-token-prosecutor-liege',
  caAntwerpen: 'it-token-pcp-antwerpen',
} as const;

const ENTRIES: (PrincipalSpec & { token: string })[] = [
  { token: TOKENS.payoke, id: 'centre-payoke', role: 'centre', centre: 'PAYOKE' },
  { token: TOKENS.pagasa, id: 'centre-pagasa', role: 'centre', centre: 'PAG-ASA' },
  { token: TOKENS.immigration, id: 'dvz', role: 'immigration-office' },
  { token: TOKENS.admin, id: 'admin', role: 'admin' },
  { token: TOKENS.antwerpen, id: 'pk-antwerpen', role: 'prosecutor', office: 'ANTWERPEN' },
  { token: TOKENS.liege, id: 'pk-liege', role: 'prosecutor', office: 'LIEGE' },
  { token: TOKENS.caAntwerpen, id: 'pg-antwerpen', role: 'prosecutor', office: 'CA-ANTWERPEN' },
];

export interface ServiceStack {
  env: TestWorkflowEnvironment;
  /** A client with the codec, as the API and the worker use. */
  client: Client;
  keys: PayloadKeys;
  keysFile: string;
  app: Express;
  smtp: SmtpSink;
  /** Every log line the API wrote, as text. */
  logLines: string[];
  auditFile: string;
  close(): Promise<void>;
}

/** The real service in one process: dev server, worker with real mail, API, an SMTP server. */
export async function startServiceStack(options: { timeoutMs?: number } = {}): Promise<ServiceStack> {
  const dir = mkdtempSync(join(tmpdir(), 'victim-cases-it-'));
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  const keys = loadPayloadKeys(keysFile);
  const dataConverter = dataConverterFor(keys);
  const env = await devServerEnv();
  const client = new Client({ connection: env.connection, namespace: env.namespace, dataConverter });
  const smtp = await startSmtpSink();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    dataConverter: { payloadCodecs: dataConverter.payloadCodecs },
    activities: createMailActivities({
      transport: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true },
      directory: loadDirectory(join(__dirname, '../../config/dev/directory.json')),
      from: 'case-service@test.invalid',
      publicBaseUrl: 'http://api.test',
      ledger: new InMemorySentLedger(),
    }),
  });
  const running = worker.run();
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const auditFile = join(dir, 'audit.jsonl');
  const audit = new AuditLog(auditFile);
  const app = createApp({
    gateway: new CaseGateway(client, { taskQueue: TASK_QUEUE, timeoutMs: options.timeoutMs ?? 10_000 }),
    principals: new Principals(ENTRIES.map(({ token, ...spec }) => entryForToken(token, spec))),
    codec: new AesGcmCodec(keys),
    logger: pino({ level: 'info' }, sink),
    audit,
    webUiOrigin: 'http://localhost:8233',
    codecAllowTokenlessLoopback: false,
    rateLimitPerMinute: 10_000,
  });
  return {
    env,
    client,
    keys,
    keysFile,
    app,
    smtp,
    logLines,
    auditFile,
    async close() {
      worker.shutdown();
      await running;
      await audit.close();
      await smtp.close();
      await env.teardown();
    },
  };
}

export const auditRecords = (s: ServiceStack): Record<string, unknown>[] =>
  readFileSync(s.auditFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
