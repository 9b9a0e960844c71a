import type { Client } from '@temporalio/client';
import type { CaseIndexEntry } from '../domain/procedure/case-index-entry';
import { isNotFound } from '../temporal/not-found';
import { indexEntry } from '../../workflows/messages';
import { everyCaseRunQuery } from '../cases/visibility';

/** The cases Temporal holds, as the index's rebuild and verify read them. */
export interface HeldCases {
  /** Every case, running or closed, once each, by id. */
  ids(): Promise<string[]>;
  /**
   * What the index must show of the case's latest run (a closed case's is answered by a polling worker too);
   * undefined when the case cannot be read (its key erased, a start refused) or answers for another case.
   */
  entry(caseId: string): Promise<CaseIndexEntry | undefined>;
  /** Whether Temporal holds the case, asked of the case itself: visibility may not list a case just started yet. */
  holds(caseId: string): Promise<boolean>;
}

/** Queries at a time: a few thousand cases in minutes, leaving the workers room for the cases' own work. */
export const QUERY_LANES = 4;

/** Listing: at most a few thousand cases, each with a run per stage and renewal. */
const PAGE_SIZE = 1000;

export function heldCases(client: Client): HeldCases {
  return {
    async ids() {
      const ids = new Set<string>();
      // Every run, page by page; a Query by workflow id alone reaches the case's latest run.
      for await (const run of client.workflow.list({ query: everyCaseRunQuery, pageSize: PAGE_SIZE }))
        ids.add(run.workflowId);
      return [...ids].sort();
    },
    async entry(caseId) {
      const entry = await client.workflow
        .getHandle(caseId)
        .query(indexEntry)
        .catch(() => undefined);
      return entry?.caseId === caseId ? entry : undefined;
    },
    async holds(caseId) {
      try {
        await client.workflowService.describeWorkflowExecution({
          namespace: client.options.namespace,
          execution: { workflowId: caseId },
        });
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
  };
}
