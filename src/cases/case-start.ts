import { createHash } from 'node:crypto';
import type { WorkflowStartOptions } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import type { Centre } from '../domain/codes';
import { caseSearchAttributes } from '../domain/procedure/case-search-attributes';
import { runSummary } from '../domain/procedure/run-summary';
import type { CaseImportInput } from '../domain/procedure/import';
import { newCaseState, type CaseState } from '../domain/procedure/state';
import type { CaseOpening } from '../domain/schemas/case';
import type { victimCase } from '../../workflows';
import type { VictimCaseInput } from '../../workflows/messages';

/** How a case's workflow starts: its first state, the hash of the request (a retry's body must match) and the options. */
export interface CaseStart {
  initial: CaseState;
  requestHash: string;
  options: WorkflowStartOptions<typeof victimCase>;
}

/**
 * How a case's workflow starts: the API's way, which the bench's raw-client path repeats exactly.
 * `referenceKeys`: the index keys of the file numbers the opening names; `openedBy`: the person who opens it.
 */
export function caseStart(
  caseId: string,
  centre: Centre,
  opening: CaseOpening,
  taskQueue: string,
  referenceKeys: string[] = [],
  openedBy?: string,
): CaseStart {
  const input = {
    caseId,
    centre,
    opening,
    ...(referenceKeys.length > 0 ? { referenceKeys } : {}),
    ...(openedBy ? { openedBy } : {}),
  };
  return startOptions(newCaseState(caseId, centre, opening, referenceKeys, openedBy), input, opening, taskQueue);
}

/** A running case brought in with its history: started with the import, which the workflow applies again. */
export function importStart(
  imported: CaseImportInput,
  initial: CaseState,
  request: unknown,
  taskQueue: string,
): CaseStart {
  return startOptions(initial, { import: imported }, request, taskQueue);
}

function startOptions(initial: CaseState, input: VictimCaseInput, request: unknown, taskQueue: string): CaseStart {
  const { caseId } = initial;
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const options: WorkflowStartOptions<typeof victimCase> = {
    workflowId: caseId,
    taskQueue,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { requestHash },
    staticSummary: runSummary(initial),
    // Set at start too, so the new case is found by the list filters at once.
    typedSearchAttributes: caseSearchAttributes(initial).filter((p): p is SearchAttributePair => p.value !== null),
  };
  return { initial, requestHash, options };
}
