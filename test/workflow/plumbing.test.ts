import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fortyFiveDays } from '../fixtures/plumbing-workflows';
import { timeSkippingEnv } from '../support/temporal-env';

describe('the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(() => env?.teardown());

  it('completes a 45-day sleep in well under a second of wall time', async () => {
    let wall = 0;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'plumbing',
      workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('../fixtures/plumbing-workflows') }),
    });
    const result = await worker.runUntil(async () => {
      wall = Date.now();
      return env.client.workflow.execute(fortyFiveDays, { taskQueue: 'plumbing', workflowId: 'plumbing-sleep' });
    });
    expect(result).toBe('done');
    expect(Date.now() - wall).toBeLessThan(1_000);
  });
});
