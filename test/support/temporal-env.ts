import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { BUNDLE_OPTIONS, workflowCode } from '../../src/temporal/workflow-bundle';
import { SA } from '../../src/domain/search-attribute-keys';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { PROJECT_ROOT, temporalCliPath, temporalTestServerPath } from '../../tools/stack/temporal-binaries';
import { prepareNamespace } from '../../tools/stack/namespace';

/** The real time-skipping test server from the pinned binary (this machine cannot download it). */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** Where the integration project's shared dev server listens (set by its globalSetup, shared-dev-server.ts). */
export const SHARED_ADDRESS_VARIABLE = 'TEST_SHARED_TEMPORAL_ADDRESS';

/** How the real dev server (Temporal CLI) starts: the pinned binary, the case search attributes registered. */
export const devServerOptions = () => ({
  server: {
    executable: { type: 'existing-path' as const, path: temporalCliPath() },
    searchAttributes: Object.values(SA),
  },
});

/**
 * The real dev server for one test file: a namespace of its own (its case lists see only its cases)
 * on the integration project's shared server (shared-dev-server.ts), or a server of its own when the
 * file runs without that project's globalSetup.
 */
export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  const address = process.env[SHARED_ADDRESS_VARIABLE];
  if (!address) return TestWorkflowEnvironment.createLocal(devServerOptions());
  const namespace = `test-${randomUUID()}`;
  const connection = await Connection.connect({ address });
  try {
    await prepareNamespace(connection, namespace, { retentionDays: 1, knownWithinMs: 10_000, pollMs: 100 });
  } finally {
    await connection.close();
  }
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
}

let bundle: Promise<WorkflowBundleOption> | undefined;

/**
 * The workflow code the tests' workers run. `npm test` builds first and sets TEST_WORKFLOW_BUNDLE=dist:
 * its workers run the production bundle (dist/workflow-bundle.js), when it was made from the compiled
 * code beside it. A direct jest run (the inner loop, where dist/ may lag the sources) bundles from
 * source, once per test file: bundling is the slow part of a workflow test.
 */
export function workflowBundle(): Promise<WorkflowBundleOption> {
  if (process.env.TEST_WORKFLOW_BUNDLE === 'dist') {
    const built = workflowCode(join(PROJECT_ROOT, 'dist'));
    if (built.from === 'prebuilt-bundle') return Promise.resolve(built.options.workflowBundle);
  }
  // As in production: failure messages are encoded (through the payload codec), refused payloads read back.
  return (bundle ??= bundleWorkflowCode({ ...BUNDLE_OPTIONS, logger: quietLogger }));
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
