import { boundUpdate } from '../../src/cases/inputs';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { dateAt, startOfDay, type IsoDate } from '../../src/domain/calendar';
import type { Centre, ComplaintOffice } from '../../src/domain/codes';
import type { Actor } from '../../src/domain/procedure/state';
import type { CaseOpening, CaseStatus } from '../../src/domain/schemas/case';
import type { CaseEvent, StatusQueryAnswer } from '../../src/domain/schemas/events';
import { SA } from '../../src/domain/search-attribute-keys';
import type { CaseActivities } from '../../activities';
import type { victimCase } from '../../workflows';
import { recordEvent, status } from '../../workflows/messages';
import { CENTRE, complaintFiled, opening } from './fixtures';
import { startedForEachTest, startedForTheFile } from './started';
import { timeSkippingEnv, workflowBundle } from './temporal-env';

/** Drives cases on a test environment the way the API does: start, Updates, Query. */
export class CaseDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly taskQueue: string,
  ) {}

  async today(): Promise<IsoDate> {
    return dateAt(await this.env.currentTimeMs());
  }

  async open(
    o: Partial<CaseOpening> = {},
    centre: Centre = 'PAYOKE',
  ): Promise<WorkflowHandleWithFirstExecutionRunId<typeof victimCase>> {
    const caseId = `case-${randomUUID()}`;
    return this.env.client.workflow.start('victimCase', {
      taskQueue: this.taskQueue,
      workflowId: caseId,
      args: [{ caseId, centre, opening: opening(o.openedOn ?? (await this.today()), o) }],
      typedSearchAttributes: [{ key: SA.centre, value: centre }],
    }) as Promise<WorkflowHandleWithFirstExecutionRunId<typeof victimCase>>;
  }

  /**
   * A case opened today (`opening` may say otherwise) whose centre filed a complaint (or statement) with `office` that
   * day: stage 2, temporary residence, the office was sent the status query. The handle, the opening day and the
   * status after the complaint.
   */
  async inTemporaryResidence(
    office: ComplaintOffice = 'ANTWERPEN',
    kind: 'complaint' | 'statement' = 'complaint',
    o: Partial<CaseOpening> = {},
  ): Promise<{ h: WorkflowHandleWithFirstExecutionRunId<typeof victimCase>; d0: IsoDate; s: CaseStatus }> {
    const h = await this.open(o);
    const d0 = o.openedOn ?? (await this.today());
    const s = await this.event(h, CENTRE, complaintFiled(d0, office, kind));
    return { h, d0, s };
  }

  event(h: WorkflowHandle, actor: Actor, event: CaseEvent, updateId?: string): Promise<CaseStatus> {
    return h.executeUpdate(recordEvent, boundUpdate({ actor, event }, updateId));
  }

  answer(h: WorkflowHandle, actor: Actor, queryId: string, answer: StatusQueryAnswer): Promise<CaseStatus> {
    return h.executeUpdate(recordEvent, boundUpdate({ actor, answer: { ...answer, queryId } }));
  }

  status(h: WorkflowHandle): Promise<CaseStatus> {
    return h.query(status);
  }

  /** Moves the server clock to `date` (plus an hour: past midnight's timers) and lets the case catch up. */
  async advanceTo(h: WorkflowHandle, date: IsoDate): Promise<CaseStatus> {
    await this.jumpTo(date);
    return this.settled(h);
  }

  /** Moves the server clock to `date` (plus an hour), whatever runs on it; never back. */
  async jumpTo(date: IsoDate): Promise<void> {
    const ms = startOfDay(date) + 3_600_000 - (await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }

  /** The status once the workflow has no task pending (timers fired, notices sent). */
  async settled(h: WorkflowHandle): Promise<CaseStatus> {
    let last = '';
    for (let i = 0; i < 200; i++) {
      const d = await h.describe();
      const now = JSON.stringify([d.historyLength, d.status.name]);
      if (now === last && !(await working(h))) return this.status(h);
      last = now;
      await new Promise((r) => setTimeout(r, 60));
    }
    throw new Error('case did not settle');
  }
}

const { EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, EVENT_TYPE_WORKFLOW_TASK_STARTED, EVENT_TYPE_ACTIVITY_TASK_SCHEDULED } =
  temporal.api.enums.v1.EventType;
/**
 * Whether the case's last step is still under way: a workflow task, or an activity it just scheduled (the first-run
 * claim, before which nothing else happens). An activity that keeps failing (a store away) is behind a completed task.
 */
async function working(h: WorkflowHandle): Promise<boolean> {
  const last = (await h.fetchHistory()).events?.at(-1)?.eventType;
  return (
    last === EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ||
    last === EVENT_TYPE_WORKFLOW_TASK_STARTED ||
    last === EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
  );
}

/**
 * The workflow tests' harness: a time-skipping server of the file's own, a worker on `taskQueue` with `activities`
 * (the recording ones), and a CaseDriver on them (its `env` is the server); started in the file's beforeAll,
 * stopped in its afterAll.
 */
export function useCaseWorker(
  taskQueue: string,
  activities: CaseActivities,
  { eachTest = false }: { eachTest?: boolean } = {},
): CaseDriver {
  let stopWorker = async () => {};
  return (eachTest ? startedForEachTest : startedForTheFile)(
    'case worker',
    async () => {
      const env = await timeSkippingEnv();
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities,
      }).catch(async (err: unknown) => {
        await env.teardown();
        throw err;
      });
      const running = worker.run();
      stopWorker = async () => {
        worker.shutdown();
        await running;
      };
      return new CaseDriver(env, taskQueue);
    },
    async (cases) => {
      await stopWorker();
      await cases.env.teardown();
    },
  );
}
