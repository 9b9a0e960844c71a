import { createHash, randomUUID } from 'node:crypto';
import type { Client, WorkflowStartOptions } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure, METADATA_ENCODING_KEY, type Payload, type SearchAttributePair } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { LRUCache } from 'lru-cache';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { dateAt } from '../domain/calendar';
import type { Centre } from '../domain/codes';
import { caseSearchAttributes } from '../domain/procedure/search-attributes';
import type { CaseImportInput } from '../domain/procedure/import';
import { newCaseState, type CaseState } from '../domain/procedure/state';
import { toStatus } from '../domain/procedure/status';
import type { CaseSummary } from '../domain/schemas/api';
import type { CaseOpening, CaseStatus } from '../domain/schemas/case';
import { SA } from '../domain/search-attributes';
import type { victimCase } from '../../workflows';
import type { RecordEventInput, RejectionDetails, VictimCaseInput } from '../../workflows/messages';
import { EVENT_REJECTED, recordEvent, status, WORKFLOW_TYPE } from '../../workflows/messages';
import { ENCRYPTED_ENCODING } from '../crypto/aes-gcm-codec';
import { HttpProblem } from './problem';

/** What the API needs to know about a case before letting a principal near it: search attributes only. */
export interface CaseAccess {
  centre: Centre | undefined;
  prosecutorOffices: string[];
  /** When last seen; a case never runs again once it ended. */
  running: boolean;
  outcome: string | undefined;
}

/** Cases whose access facts this process remembers; a miss costs one describe call, so the bound only trades memory for calls. */
const REMEMBERED_CASES = 10_000;

const GRPC_UNAVAILABLE = new Set([1, 4, 14]); // CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE
const GRPC_FAILED_PRECONDITION = 9;

function isOutage(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && GRPC_UNAVAILABLE.has(code)) return true;
    if (/deadline|timed? ?out|connect|transport|unavailable/i.test(String((e as Error).message ?? ''))) return true;
    // The case's workflow task is being retried (e.g. its worker died mid-task): Temporal refuses Updates until it passes.
    if (code === GRPC_FAILED_PRECONDITION && /workflow task in failed state/i.test(String((e as Error).message ?? ''))) return true;
  }
  return false;
}

const UNAVAILABLE = 'the case service is unavailable (Temporal or its worker did not answer in time); retry later';

/** Maps Temporal's errors to the API's problems: nothing of Temporal's internals, no stack, reaches the caller. */
function toProblem(err: unknown, caseId?: string): unknown {
  if (err instanceof HttpProblem) return err;
  if (err instanceof WorkflowNotFoundError) return new HttpProblem(404, `no case ${caseId ?? ''}`.trim());
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === EVENT_REJECTED) {
    const details = err.cause.details?.[0] as RejectionDetails | undefined;
    return new HttpProblem(409, err.cause.message, { code: details?.code });
  }
  if (isOutage(err)) return new HttpProblem(503, UNAVAILABLE);
  return err;
}

/** How a case's workflow starts: the API's way, which the bench's raw-client path repeats exactly. */
export function caseStart(caseId: string, centre: Centre, opening: CaseOpening, taskQueue: string) {
  return startOptions(newCaseState(caseId, centre, opening), { caseId, centre, opening }, opening, taskQueue);
}

/** A running case brought in with its history: started with the import, which the workflow applies again. */
export function importStart(imported: CaseImportInput, initial: CaseState, request: unknown, taskQueue: string) {
  return startOptions(initial, { import: imported }, request, taskQueue);
}

function startOptions(initial: CaseState, input: VictimCaseInput, request: unknown, taskQueue: string) {
  const { caseId, centre, opening } = initial;
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const options: WorkflowStartOptions<typeof victimCase> = {
    workflowId: caseId,
    taskQueue,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { requestHash },
    staticSummary: `${caseId} · centre ${centre} · ${opening.unaccompaniedMinor ? 'unaccompanied minor' : 'adult'} track`,
    // Set at start too, so the new case is found by the list filters at once.
    typedSearchAttributes: caseSearchAttributes(initial).filter((p): p is SearchAttributePair => p.value !== null),
  };
  return { initial, requestHash, options };
}

/** Every call the API makes to Temporal, each with a deadline so an outage is a quick 503. */
export class CaseGateway {
  private readonly seen = new LRUCache<string, CaseAccess>({ max: REMEMBERED_CASES });

  constructor(
    private readonly client: Client,
    private readonly opts: { taskQueue: string; timeoutMs: number },
  ) {}

  private async call<T>(caseId: string | undefined, fn: () => Promise<T>): Promise<T> {
    // The gRPC deadline alone can overshoot by a retry's back-off (a second or more when Temporal
    // is down): the caller gets its 503 when the deadline passes, whatever the call is doing.
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new HttpProblem(503, UNAVAILABLE)), this.opts.timeoutMs);
    });
    try {
      return await Promise.race([this.client.withDeadline(Date.now() + this.opts.timeoutMs, fn), overdue]);
    } catch (err) {
      throw toProblem(err, caseId);
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
    idempotencyKey: string | undefined,
  ): Promise<{ status: CaseStatus; created: boolean }> {
    const caseId = newCaseId(principal.id, idempotencyKey);
    return this.start(caseStart(caseId, principal.centre, opening, this.opts.taskQueue));
  }

  /** Brings in a running case whose import `prepare` checked; with an Idempotency-Key a retry finds it. */
  async import(
    principalId: string,
    idempotencyKey: string | undefined,
    prepare: (caseId: string) => { imported: CaseImportInput; initial: CaseState; request: unknown },
  ): Promise<{ status: CaseStatus; created: boolean }> {
    const { imported, initial, request } = prepare(newCaseId(principalId, idempotencyKey));
    return this.start(importStart(imported, initial, request, this.opts.taskQueue));
  }

  private async start({ initial, requestHash, options }: ReturnType<typeof startOptions>): Promise<{ status: CaseStatus; created: boolean }> {
    const { caseId, centre } = initial;
    try {
      await this.call(caseId, () => this.client.workflow.start<typeof victimCase>(WORKFLOW_TYPE, options));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      const memo = await this.call(caseId, async () => (await this.client.workflow.getHandle(caseId).describe()).memo);
      if (memo?.requestHash !== requestHash) throw new HttpProblem(422, 'this Idempotency-Key was already used with a different body');
      return { status: await this.status(caseId), created: false };
    }
    this.seen.set(caseId, { centre, prosecutorOffices: [...initial.queriedOffices], running: true, outcome: undefined });
    return { status: toStatus(initial, dateAt(Date.now())), created: true };
  }

  /** The case's access facts as Temporal has them now. */
  async access(caseId: string): Promise<CaseAccess> {
    const d = await this.call(caseId, () => this.client.workflow.getHandle(caseId).describe());
    if (d.type !== WORKFLOW_TYPE) throw new HttpProblem(404, `no case ${caseId}`);
    const access: CaseAccess = {
      centre: d.typedSearchAttributes.get(SA.centre) as Centre | undefined,
      prosecutorOffices: d.typedSearchAttributes.get(SA.prosecutorOffices) ?? [],
      running: d.status.name === 'RUNNING',
      outcome: d.typedSearchAttributes.get(SA.outcome),
    };
    this.seen.set(caseId, access);
    return access;
  }

  /**
   * The facts this process last saw, without a call. A case's centre never changes and its queried
   * offices only grow, so whoever could see it then can see it now; whatever changed meanwhile
   * (the case ended) the Update or Query that follows finds out from Temporal itself.
   */
  lastSeenAccess(caseId: string): CaseAccess | undefined {
    return this.seen.get(caseId);
  }

  status(caseId: string): Promise<CaseStatus> {
    return this.call(caseId, () => this.client.workflow.getHandle<typeof victimCase>(caseId).query(status));
  }

  /** Records an event or an answer through the Update; the validator's reason becomes a 409. */
  async record(caseId: string, input: RecordEventInput, updateId: string | undefined): Promise<CaseStatus> {
    return this.call(caseId, async () => {
      try {
        return await this.client.workflow.getHandle<typeof victimCase>(caseId).executeUpdate(recordEvent, { args: [input], updateId });
      } catch (err) {
        // The case ended meanwhile (or after this process last saw it) and this update id is not one it
        // recorded: too late, not unknown. Temporal, not the remembered facts, says how it ended.
        if (err instanceof WorkflowNotFoundError && /already completed/i.test(err.message)) {
          throw new HttpProblem(409, `the case is closed (${(await this.access(caseId)).outcome ?? 'finished'}); no event applies any more`, { code: 'case-closed' });
        }
        throw err;
      }
    });
  }

  async list(query: string, pageSize: number, cursor: string | undefined): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
    const nextPageToken = cursor === undefined ? undefined : await this.openCursor(cursor);
    const res = await this.call(undefined, () =>
      this.client.workflowService.listWorkflowExecutions({ namespace: this.client.options.namespace, query, pageSize, nextPageToken }),
    );
    const items = (res.executions ?? []).map((e): CaseSummary => {
      const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const deadline = sa.get(SA.nextDeadline);
      return {
        caseId: e.execution?.workflowId ?? '',
        centre: (sa.get(SA.centre) as Centre | undefined) ?? null,
        stage: (sa.get(SA.stage) as CaseSummary['stage']) ?? null,
        outcome: ((o) => (o && o !== 'NONE' ? (o as CaseSummary['outcome']) : null))(sa.get(SA.outcome)),
        unaccompaniedMinor: sa.get(SA.minor) ?? null,
        nextDeadline: deadline ? dateAt(deadline.getTime()) : null,
        awaitingProsecutor: sa.get(SA.awaitingProsecutor) ?? false,
        running: e.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
      };
    });
    const token = res.nextPageToken;
    return { items, nextCursor: token && token.length > 0 ? await this.sealCursor(token) : null };
  }

  /**
   * A cursor is Temporal's page token sealed by the payload codec (authenticated encryption): Temporal
   * fails with an internal error, after retries, on a token it did not issue, so only sealed ones reach it.
   */
  private async sealCursor(token: Uint8Array): Promise<string> {
    let payloads: Payload[] = [{ metadata: {}, data: token }];
    for (const codec of this.client.options.loadedDataConverter.payloadCodecs) payloads = await codec.encode(payloads);
    return Buffer.from(temporal.api.common.v1.Payload.encode(payloads[0]!).finish()).toString('base64url');
  }

  private async openCursor(cursor: string): Promise<Uint8Array> {
    const codecs = this.client.options.loadedDataConverter.payloadCodecs;
    try {
      let payloads: Payload[] = [temporal.api.common.v1.Payload.decode(Buffer.from(cursor, 'base64url'))];
      // Without the codec's own encoding the payload did not come from sealCursor (decode would pass it through).
      if (codecs.length > 0 && Buffer.from(payloads[0]!.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() !== ENCRYPTED_ENCODING) throw new Error('unsealed');
      for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
      const token = payloads[0]?.data;
      if (!token || token.length === 0) throw new Error('empty');
      return token;
    } catch {
      throw new HttpProblem(400, 'invalid query: query.cursor', {
        invalidParams: [{ name: 'query.cursor', reason: 'not a cursor this API returned (use nextCursor of the previous page)' }],
      });
    }
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

/** A new case's id; with an Idempotency-Key it derives from the caller and the key, so a retry finds the case. */
const newCaseId = (principalId: string, key: string | undefined): string => (key ? caseIdFromKey(principalId, key) : `case-${randomUUID()}`);

function caseIdFromKey(principalId: string, key: string): string {
  const h = createHash('sha256').update(`${principalId}\n${key}`).digest('hex');
  return `case-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
