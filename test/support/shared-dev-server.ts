/**
 * One Temporal dev server for the integration project (jest globalSetup): the API-level test files
 * share it, each in a namespace of its own, instead of each starting a server. The files that kill
 * Temporal (faults) or need their own processes start their own stack as before.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerOptions, SHARED_ADDRESS_VARIABLE } from './temporal-env';

declare global {
  var sharedDevServer: TestWorkflowEnvironment | undefined;
}

export default async function startSharedDevServer(): Promise<void> {
  const env = await TestWorkflowEnvironment.createLocal(devServerOptions());
  globalThis.sharedDevServer = env;
  // Read by the test files' devServerEnv: jest's workers inherit the environment, --runInBand shares it.
  process.env[SHARED_ADDRESS_VARIABLE] = env.address;
}
