/**
 * Driving cases through the API of a fault stack: every request carries an Idempotency-Key and is retried until it
 * gets a definitive answer, as a client integrating with the contract does.
 */
import { WORKFLOW_TYPE } from '../../workflows/messages';
import type { ApiResponse } from '../stack/http';
import type { ProcessStack } from '../stack/process-stack';
import { sleep, waitUntil } from '../stack/wait';
import { script, type Step, type Variant } from './scripts';

/**
 * What a scenario drives and breaks: the process stack, or the cluster (tools/cluster), whose `worker` is one of
 * its two and whose `temporal` is the service a scenario kills.
 */
export type FaultStack = Pick<
  ProcessStack,
  'dir' | 'request' | 'client' | 'caseIndex' | 'smtp' | 'tokens' | 'worker' | 'temporal' | 'api'
>;

export interface CaseRun {
  who: string;
  variant: Variant;
  caseId?: string;
  steps: number;
  done: number;
  /** Requests repeated after no answer, a 5xx or a 429. */
  retries: number;
  /** 503 answers seen (Temporal or the worker unavailable). */
  unavailable: number;
  /** Answers that are neither success nor retryable, and 500s: each one is a failure of the run. */
  errors: string[];
}

export interface DriveOptions {
  /** Cases driven at the same time. */
  concurrency: number;
  /** How long one request is retried before the case gives up. */
  stepDeadlineMs?: number;
  /** Called after every answer, e.g. to trigger a fault at the right moment. */
  onAnswer?: (res: ApiResponse) => void;
  /** Requests under way right now, kept up to date by the drivers. */
  live?: { inFlight: number };
}

const retryable = (res: ApiResponse) => res.status === 0 || res.status === 429 || res.status >= 500;

async function runStep(
  stack: FaultStack,
  run: CaseRun,
  step: Step,
  key: string,
  o: DriveOptions,
): Promise<ApiResponse | undefined> {
  const deadline = Date.now() + (o.stepDeadlineMs ?? 180_000);
  for (let attempt = 0; ; attempt++) {
    if (o.live) o.live.inFlight += 1;
    const res = await stack.request(step.method, step.path(run.caseId ?? ''), {
      token: stack.tokens[step.token],
      body: step.body,
      idempotencyKey: key,
      timeoutMs: 20_000,
    });
    if (o.live) o.live.inFlight -= 1;
    o.onAnswer?.(res);
    if (res.status === 503) run.unavailable += 1;
    if (res.status === 500) run.errors.push(`${step.label}: 500 ${JSON.stringify(res.body)}`);
    if (!retryable(res)) {
      if (res.status >= 200 && res.status < 300) return res;
      run.errors.push(`${step.label}: ${res.status} ${JSON.stringify(res.body)}`);
      return undefined;
    }
    if (Date.now() > deadline) {
      run.errors.push(`${step.label}: gave up after ${attempt + 1} attempts (last ${res.status || res.error})`);
      return undefined;
    }
    run.retries += 1;
    await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }
}

async function driveCase(stack: FaultStack, run: CaseRun, steps: Step[], o: DriveOptions): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const res = await runStep(stack, run, step, `${run.who}-${i}`, o);
    if (!res) return;
    if (i === 0) run.caseId = (res.body as { caseId: string }).caseId;
    run.done += 1;
  }
}

/** Drives every case to the end of its script, `concurrency` cases at a time. */
export async function driveCases(
  stack: FaultStack,
  cases: { who: string; variant: Variant }[],
  today: string,
  o: DriveOptions,
): Promise<CaseRun[]> {
  const runs = cases.map((c): CaseRun => ({ ...c, steps: 0, done: 0, retries: 0, unavailable: 0, errors: [] }));
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < runs.length; i = next++) {
      const run = runs[i]!;
      const steps = script(run.variant, today, run.who);
      run.steps = steps.length;
      await driveCase(stack, run, steps, o);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, runs.length) }, lane));
  return runs;
}

/** Waits until no case workflow runs any more (each script ends its case; the last notices go out before). */
export async function settle(stack: FaultStack, timeoutMs: number): Promise<void> {
  await waitUntil(
    'every case to finish',
    async () =>
      (await stack.client.workflow.count(`WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`)).count ===
      0,
    timeoutMs,
    1_000,
  );
}
