import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { tsToMs } from '@temporalio/common/lib/time';
import { dateAt, type IsoDate } from '../domain/calendar';
import type { Centre } from '../domain/codes';
import type { CaseImportInput } from '../domain/procedure/import';
import type { CaseState } from '../domain/procedure/state';
import type { OpenTask } from '../domain/procedure/case-index-entry';
import { toStatus } from '../domain/procedure/status';
import type { CaseErasure } from '../domain/schemas/api';
import type { CaseIndexStore } from '../case-index/case-index-store';
import type { CaseKeys } from '../crypto/case-keys';

/** What an erasure destroys beside the runs: the case's key, and the index rows sealed under it. */
export interface ErasureStores {
  caseKeys: CaseKeys;
  caseIndex: CaseIndexStore;
}
import type { CaseOpening, CaseStatus } from '../domain/schemas/case';
import type { victimCase } from '../../workflows';
import type { RecordEventInput } from '../../workflows/messages';
import { indexEntry, recordEvent, status, WORKFLOW_TYPE } from '../../workflows/messages';
import { accessFrom, type CaseAccess } from './case-access';
import type { CaseIds } from './case-ids';
import { caseStart, importStart, type CaseStart } from './case-start';
import { boundUpdate, updateIdFor } from './inputs';
import { ServiceProblem, noCase, refusalProblem } from './problems';
import { refuse } from '../domain/refusals';
import { toProblem, unavailable } from './temporal-problems';
import { runsQuery } from './visibility';

const { WORKFLOW_EXECUTION_STATUS_RUNNING } = temporal.api.enums.v1.WorkflowExecutionStatus;
const isNotFound = (err: unknown) => err instanceof ServiceProblem && err.status === 404;

/** Every call the API makes to Temporal, each with a deadline so an outage is a quick 503. */
export class CaseGateway {
  constructor(
    private readonly client: Client,
    private readonly opts: {
      taskQueue: string;
      timeoutMs: number;
      /** Where access to a case is read first: what its own workflow wrote, never a search attribute. */
      caseIndex: CaseIndexStore;
      caseIds: CaseIds;
      onTemporalError?: (status: number) => void;
    },
  ) {}

  private async call<T>(caseId: string | undefined, fn: () => Promise<T>): Promise<T> {
    // The gRPC deadline alone can overshoot by a retry's back-off (a second or more when Temporal
    // is down): the caller gets its 503 when the deadline passes, and the call is cancelled, retries and all.
    let timer: NodeJS.Timeout | undefined;
    const cancel = new AbortController();
    const overdue = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        cancel.abort();
        reject(unavailable());
      }, this.opts.timeoutMs);
    });
    const deadline = Date.now() + this.opts.timeoutMs;
    try {
      return await Promise.race([
        this.client.withAbortSignal(cancel.signal, () => this.client.withDeadline(deadline, fn)),
        overdue,
      ]);
    } catch (err) {
      const problem = toProblem(err, caseId);
      const status = problem instanceof ServiceProblem ? problem.status : 500;
      if (status >= 500) this.opts.onTemporalError?.(status);
      throw problem;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Opens a case. With an Idempotency-Key the case id derives from the caller
   * and the key, so a retry finds the case it already opened.
   */
  async open(
    principal: { id: string; centre: Centre },
    opening: CaseOpening,
    referenceKeys: string[],
    idempotencyKey: string | undefined,
  ): Promise<{ status: CaseStatus; created: boolean }> {
    const caseId = await this.caseIdFor(principal.id, idempotencyKey);
    return this.start(caseStart(caseId, principal.centre, opening, this.opts.taskQueue, referenceKeys, principal.id));
  }

  /** Brings in a running case whose import `prepare` checked; with an Idempotency-Key a retry finds it. */
  async import(
    principalId: string,
    idempotencyKey: string | undefined,
    prepare: (caseId: string) => { imported: CaseImportInput; initial: CaseState; request: unknown },
  ): Promise<{ status: CaseStatus; created: boolean }> {
    const { imported, initial, request } = prepare(await this.caseIdFor(principalId, idempotencyKey));
    return this.start(importStart(imported, initial, request, this.opts.taskQueue));
  }

  /** A new case's id; a retry of a request made before case ids were keyed finds the case it made then. */
  private async caseIdFor(principalId: string, idempotencyKey: string | undefined): Promise<string> {
    const { caseIds } = this.opts;
    if (idempotencyKey === undefined) return caseIds.forRequest(principalId, undefined);
    const earlier = caseIds.earlierForRequest(principalId, idempotencyKey);
    const madeEarlier = await this.call(earlier, () => this.client.workflow.getHandle(earlier).describe()).then(
      () => true,
      (err: unknown) => {
        if (err instanceof ServiceProblem && err.status === 404) return false;
        throw err;
      },
    );
    return madeEarlier ? earlier : caseIds.forRequest(principalId, idempotencyKey);
  }

  private async start({ initial, requestHash, options }: CaseStart): Promise<{ status: CaseStatus; created: boolean }> {
    const { caseId } = initial;
    try {
      await this.call(caseId, () => this.client.workflow.start<typeof victimCase>(WORKFLOW_TYPE, options));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const memo = await this.call(caseId, async () => (await this.client.workflow.getHandle(caseId).describe()).memo);
      if (memo?.requestHash !== requestHash)
        throw new ServiceProblem('idempotencyKeyReused', (p) => p.problems.idempotencyKeyReused);
      return { status: await this.status(caseId), created: false };
    }
    return { status: toStatus(initial, dateAt(Date.now())), created: true };
  }

  /**
   * Who may see the case as the case index holds it; undefined when it holds no row (the case's first write under
   * way, or no such case). Search attributes never decide: anyone who reaches Temporal's frontend can set them.
   */
  async indexedAccess(caseId: string): Promise<CaseAccess | undefined> {
    const indexed = await this.opts.caseIndex.accessOf(caseId).catch(() => undefined);
    return indexed && accessFrom(indexed);
  }

  /** The access facts the case's own workflow gives now (a closed case's through a polling worker's replay). */
  async currentAccess(caseId: string): Promise<CaseAccess> {
    const entry = await this.call(caseId, () =>
      this.client.workflow.getHandle<typeof victimCase>(caseId).query(indexEntry),
    ).catch((err: unknown) => {
      // Refused, or never ran (a start without the service's key ends at once, with no handler): no case.
      if (err instanceof ServiceProblem && err.status >= 500) throw err;
      throw noCase(caseId);
    });
    if (entry.caseId !== caseId) throw noCase(caseId);
    return accessFrom(entry);
  }

  /** What waits on the case now, as its own workflow says (the index may be a moment behind a page just sent). */
  async openTasks(caseId: string): Promise<OpenTask[]> {
    const entry = await this.call(caseId, () =>
      this.client.workflow.getHandle<typeof victimCase>(caseId).query(indexEntry),
    );
    return entry.tasks;
  }

  status(caseId: string): Promise<CaseStatus> {
    return this.call(caseId, () => this.client.workflow.getHandle<typeof victimCase>(caseId).query(status));
  }

  /**
   * Records an event or an answer through the Update; the validator's reason becomes a 409.
   * `key`: the caller's idempotency key, when the request carries one (updateIdFor).
   */
  async record(caseId: string, input: RecordEventInput, key: string | undefined): Promise<CaseStatus> {
    const updateId = updateIdFor(input, key);
    return this.call(caseId, async () => {
      try {
        return await this.client.workflow
          .getHandle<typeof victimCase>(caseId)
          .executeUpdate(recordEvent, boundUpdate(input, updateId));
      } catch (err) {
        // The case ended meanwhile (or after this process last saw it) and this update id is not one it
        // recorded: too late, not unknown. Temporal, not the remembered facts, says how it ended.
        if (err instanceof WorkflowNotFoundError && /already completed/i.test(err.message)) {
          throw refusalProblem(
            'eventNotApplicable',
            refuse('case-closed', { outcome: (await this.currentAccess(caseId)).outcome ?? 'finished' }),
          );
        }
        throw err;
      }
    });
  }

  /** The case's latest run as Temporal describes it; none when Temporal holds no run of it. */
  private async latestRun(caseId: string): Promise<temporal.api.workflow.v1.IWorkflowExecutionInfo | undefined> {
    const { namespace } = this.client.options;
    const latest = await this.call(caseId, () =>
      this.client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: caseId } }),
    ).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    const info = latest?.workflowExecutionInfo ?? undefined;
    if (info && info.type?.name !== WORKFLOW_TYPE) throw noCase(caseId);
    return info;
  }

  /**
   * A running run of the service's is a case that has not ended. A run the service did not start (another task
   * queue, or after the case's own end, which the index holds) is a keyless writer's, which must not hold an
   * erasure up for ever: the erasure ends it.
   */
  private async refuseRunning(
    caseId: string,
    info: temporal.api.workflow.v1.IWorkflowExecutionInfo,
    caseIndex: CaseIndexStore,
  ): Promise<void> {
    const ended = (await caseIndex.accessOf(caseId))?.running === false;
    if (info.taskQueue === this.opts.taskQueue && !ended)
      throw new ServiceProblem('caseStillRunning', (p) => p.problems.caseStillRunning);
  }

  /**
   * The day (Brussels) a case ended, which an erasure's waiting period counts from: its latest run's close. A
   * keyless writer's run after the end has not closed; it started after the end, so its start errs late, never early.
   */
  async endedOn(caseId: string): Promise<IsoDate> {
    const info = await this.latestRun(caseId);
    if (!info) throw noCase(caseId);
    if (info.status === WORKFLOW_EXECUTION_STATUS_RUNNING) await this.refuseRunning(caseId, info, this.opts.caseIndex);
    return dateAt(tsToMs(info.closeTime ?? info.startTime));
  }

  /**
   * Erases a case that has ended: its data key first (from then on no copy of its history can be read), then every
   * run of it in Temporal. A repeated erasure finds the key destroyed and deletes whatever run is left.
   */
  async erase(caseId: string, { caseKeys, caseIndex }: ErasureStores): Promise<CaseErasure> {
    const { namespace } = this.client.options;
    const service = this.client.workflowService;
    const info = await this.latestRun(caseId);
    if (info?.status === WORKFLOW_EXECUTION_STATUS_RUNNING) {
      await this.refuseRunning(caseId, info, caseIndex);
      await this.call(caseId, () =>
        service.terminateWorkflowExecution({
          namespace,
          workflowExecution: { workflowId: caseId, runId: info.execution?.runId },
          reason: 'not a run of the service: its case is being erased',
        }),
      );
    }
    const erasure = await caseKeys.erase(caseId, 'admin');
    // The index's copy was sealed under that key; its rows go with it.
    await caseIndex.remove(caseId);
    // Temporal holds no run and the store no key: there is no such case (any more).
    if (!info && erasure === 'no-key') throw noCase(caseId);
    // Visibility may not list the latest run yet: describe named it.
    const runIds = new Set([info?.execution?.runId]);
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await this.call(caseId, () =>
        service.listWorkflowExecutions({ namespace, query: runsQuery(caseId), pageSize: 1000, nextPageToken }),
      );
      for (const e of page.executions ?? []) runIds.add(e.execution?.runId);
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    let runsDeleted = 0;
    for (const runId of runIds) {
      if (!runId) continue;
      await this.call(caseId, () =>
        service.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId: caseId, runId } }),
      ).then(
        () => (runsDeleted += 1),
        (err: unknown) => {
          // Deleted meanwhile (retention, or the previous attempt): nothing left to delete.
          if (!isNotFound(err)) throw err;
        },
      );
    }
    const dataKey = ({ erased: 'destroyed', 'already-erased': 'already-destroyed', 'no-key': 'none' } as const)[
      erasure
    ];
    const effectiveOn = await caseKeys.erasureEffectiveOn(caseId);
    return { caseId, erasedAt: new Date().toISOString(), dataKey, runsDeleted, effectiveOn };
  }

  /** Readiness: Temporal answers within the deadline. */
  async ready(): Promise<boolean> {
    try {
      await this.call(undefined, () => this.client.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }
}
