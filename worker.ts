import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createKeyRetentionActivities } from './activities/erase-case-keys';
import type { CaseActivities, KeyRetentionActivities } from './activities';
import { createCaseIndexActivities } from './activities/index-case';
import { createFactsActivities } from './activities/record-facts';
import { createMailActivities } from './activities/send-notice';
import { loadConfig } from './src/config';
import { openCaseIndex } from './src/case-index/case-index-store';
import { openCaseKeys } from './src/crypto/case-keys';
import { workerDataConverterFor } from './src/crypto/data-converter';
import { loadPayloadKeys } from './src/crypto/payload-keys';
import { loadDirectory } from './src/directory';
import { FileSentLedger } from './src/mail/transport/sent-ledger';
import { createSmtpTransport } from './src/mail/transport/smtp-transport';
import { caseKeySalts, openFactsStore } from './src/statistics/facts-store';
import { runMain } from './src/run-main';
import { temporalConnectionOptions } from './src/temporal/connection-options';
import { cachedCasesFor } from './src/temporal/worker-cache';
import { workflowCode } from './src/temporal/workflow-bundle';
import { ensureKeyRetentionSchedule } from './src/temporal/key-retention-schedule';
import { AuditLog } from './src/audit/audit-log';

runMain('worker', async (logger) => {
  const config = loadConfig(process.env, (message) => logger.warn(message));
  logger.level = config.LOG_LEVEL;
  const keys = loadPayloadKeys(config.PAYLOAD_KEYS_FILE);
  const caseKeys = openCaseKeys(config.SERVICE_DATABASE, keys, config.KEY_ENCRYPTION_KEYS_FILE);
  const directory = loadDirectory(config.DIRECTORY_FILE);
  // Signals are ours (runMain), so the connection closes only after the worker drained.
  // The SDK's metrics (workflow and activity tasks, schedule-to-start latencies, the notices counted by the
  // mail activity) in Prometheus' format, when asked for.
  Runtime.install({
    shutdownSignals: [],
    ...(config.METRICS_ADDRESS
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: config.METRICS_ADDRESS } } } }
      : {}),
  });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const transport = createSmtpTransport({
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } : undefined,
  });
  const ledger = new FileSentLedger(config.MAIL_LEDGER_FILE);
  // The key retention sweep's erasures go into the audit trail beside the API's.
  const audit = new AuditLog(config.AUDIT_LOG_FILE);
  // The facts' ids are keyed hashes under a secret of their case, gone with its key: idempotent, no way back.
  const facts = openFactsStore(config.SERVICE_DATABASE, caseKeySalts(caseKeys));
  // What every list reads, its personal data under each case's own key.
  const caseIndex = openCaseIndex(config.SERVICE_DATABASE, caseKeys);
  // The prebuilt bundle of the build (no webpack run at start), else the workflows bundled now.
  const code = workflowCode();
  if (code.from === 'source' && code.reason === 'stale-bundle') {
    logger.warn('dist/workflow-bundle.js is from other code (run npm run build): bundling the workflows at start');
  } else if (code.from === 'source') {
    logger.info('no prebuilt workflow bundle: bundling the workflows at start');
  }
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...code.options,
    ...(config.TEMPORAL_DEPLOYMENT_NAME && config.TEMPORAL_BUILD_ID
      ? {
          workerDeploymentOptions: {
            useWorkerVersioning: true,
            version: { deploymentName: config.TEMPORAL_DEPLOYMENT_NAME, buildId: config.TEMPORAL_BUILD_ID },
            // A running case replays on the code it started with; continue-as-new moves it (victim-case.ts).
            defaultVersioningBehavior: 'PINNED' as const,
          },
        }
      : {}),
    dataConverter: workerDataConverterFor(keys, caseKeys),
    ...(config.WORKER_CACHE_MEMORY_MB ? { maxCachedWorkflows: cachedCasesFor(config.WORKER_CACHE_MEMORY_MB) } : {}),
    // On SIGTERM the activities in flight (a mail mid-send) finish and report before the process goes.
    shutdownGraceTime: '1 minute',
    activities: {
      ...createMailActivities({
        transport,
        directory,
        from: config.MAIL_FROM,
        publicBaseUrl: config.PUBLIC_BASE_URL,
        ledger,
      }),
      ...createFactsActivities(facts),
      ...createCaseIndexActivities(caseIndex),
      ...createKeyRetentionActivities({
        caseKeys,
        caseIndex,
        workflowService: connection.workflowService,
        namespace: config.TEMPORAL_NAMESPACE,
        audit,
      }),
      // Every activity the workflows call, or the typecheck fails: a case never waits on one no worker runs.
    } satisfies CaseActivities & KeyRetentionActivities,
  });
  const running = worker.run();
  logger.info(
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowCode: code.from,
      buildId: config.TEMPORAL_BUILD_ID ?? null,
      maxCachedWorkflows: worker.options.maxCachedWorkflows,
      // From the process's start: what a restart or a new replica costs before it takes work.
      startMs: Math.round(process.uptime() * 1000),
    },
    'worker running',
  );
  try {
    await ensureKeyRetentionSchedule(connection, config.TEMPORAL_NAMESPACE, config.TEMPORAL_TASK_QUEUE);
  } catch (err) {
    // A server without schedules (the time-skipping test server): the cases run, their keys outlive retention.
    logger.error({ err: { name: (err as Error).name } }, 'the key retention schedule could not be made');
  }
  // In-flight workflow and activity tasks finish before the process exits.
  return async () => {
    worker.shutdown();
    await running;
    transport.close();
    await ledger.close();
    await facts.close();
    await caseIndex.close();
    await caseKeys.close();
    await audit.close();
    await connection.close();
  };
});
