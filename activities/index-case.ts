import { Context } from '@temporalio/activity';
import type { CaseIndexStore } from '../src/case-index/case-index-store';
import type { CaseIndexEntry } from '../src/domain/procedure/case-index-entry';

/** The run of the workflow that called the activity (a case activity is only ever called by one). */
export function callingRunId(): string {
  const runId = Context.current().info.workflowExecution?.runId;
  if (!runId) throw new Error('claimFirstRun is called by a case workflow only');
  return runId;
}

/**
 * The case index activities: the case as of its revision (a retry or a late attempt never moves it back), and the
 * claim of a case's first run.
 */
export function createCaseIndexActivities(store: CaseIndexStore) {
  return {
    async indexCase(entry: CaseIndexEntry): Promise<boolean> {
      return store.write(entry);
    },
    async claimFirstRun(caseId: string): Promise<boolean> {
      return store.claimFirstRun(caseId, callingRunId());
    },
  };
}
