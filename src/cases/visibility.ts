import { WORKFLOW_TYPE } from '../../workflows/messages';

/**
 * Every visibility query of the service: the erasure's and the index rebuild's walk over runs. No list reads
 * visibility (they read the case index), and no access is decided from a search attribute. Every value is a
 * validated case id: nothing of a caller's text reaches a query.
 */

/** Every run of one case, the continued-as-new ones included. */
export const runsQuery = (caseId: string): string => `WorkflowId = '${caseId}'`;

/** Every run of every case, running and closed: what an index rebuild walks. */
export const everyCaseRunQuery = `WorkflowType = '${WORKFLOW_TYPE}'`;
