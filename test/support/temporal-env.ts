import { TestWorkflowEnvironment } from '@temporalio/testing';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/crypto/data-converter';
import { workflowCode } from '../../src/temporal/workflow-bundle';
import { SA } from '../../src/domain/search-attribute-keys';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { PROJECT_ROOT, temporalCliPath, temporalTestServerPath } from '../../tools/stack/temporal-binaries';

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
  return (bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    // As in production: failure messages are encoded, so they pass through the payload codec.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietLogger,
  }));
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
