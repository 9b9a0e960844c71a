import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SA } from '../../src/domain/search-attribute-keys';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { temporalCliPath, temporalTestServerPath } from '../../tools/stack/temporal-binaries';

/** The real time-skipping test server from the pinned binary (this machine cannot download it). */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** The real dev server (Temporal CLI) with the case search attributes registered. */
export const devServerEnv = (): Promise<TestWorkflowEnvironment> =>
  TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      searchAttributes: Object.values(SA),
    },
  });

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per test file: bundling is the slow part of a workflow test. */
export const workflowBundle = (): Promise<WorkflowBundleWithSourceMap> =>
  (bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    // As in production: failure messages are encoded, so they pass through the payload codec.
    failureConverterPath: require.resolve('../../src/crypto/failure-converter'),
    logger: quietLogger,
  }));

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
