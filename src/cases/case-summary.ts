import { temporal } from '@temporalio/proto';
import { dateAt } from '../domain/calendar';
import type { Centre } from '../domain/codes';
import type { CaseSummary } from '../domain/schemas/api';
import { SA } from '../domain/search-attribute-keys';
import { listedSearchAttributes } from '../temporal/listed-search-attributes';

/** A case in a list, from its visibility record alone: search attributes, never the state. */
export function caseSummaryOf(e: temporal.api.workflow.v1.IWorkflowExecutionInfo): CaseSummary {
  const sa = listedSearchAttributes(e.searchAttributes?.indexedFields);
  const deadline = sa.get(SA.nextDeadline);
  const outcome = sa.get(SA.outcome);
  return {
    caseId: e.execution?.workflowId ?? '',
    centre: (sa.get(SA.centre) as Centre | undefined) ?? null,
    stage: (sa.get(SA.stage) as CaseSummary['stage']) ?? null,
    outcome: outcome && outcome !== 'NONE' ? (outcome as CaseSummary['outcome']) : null,
    unaccompaniedMinor: sa.get(SA.minor) ?? null,
    nextDeadline: deadline ? dateAt(deadline.getTime()) : null,
    awaitingProsecutor: sa.get(SA.awaitingProsecutor) ?? false,
    running: e.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
  };
}
