import { startOfDay } from '../domain/calendar';
import type { caseListQuerySchema } from '../domain/schemas/api';
import { SA } from '../domain/search-attribute-keys';
import type { Principal } from '../identity/principals';
import { WORKFLOW_TYPE } from '../../workflows/messages';

/**
 * Every visibility query of the service: the case gateway alone runs them, behind its intent methods (the seam a
 * case index will replace). Every value comes from a validated enum, date or code, or is a hex HMAC: nothing of a
 * caller's text reaches a query.
 */

/** Whose cases: a centre's, those a prosecutor's office was queried on; neither, every case. */
export interface CaseScope {
  centre?: string;
  prosecutorOffice?: string;
}
type CaseListQuery = ReturnType<typeof caseListQuerySchema.parse>;

/** The filters of a list of cases, each optional. */
export type CaseFilters = Partial<Pick<CaseListQuery, 'stage' | 'outcome' | 'minor' | 'deadlineBefore'>> & {
  /** The index key of a file number. */
  referenceKey?: string;
  /** Running cases only. */
  running?: true;
};

/** The cases a principal sees: a prosecutor's office those it was queried on, as it reads them one by one. */
export const scopeOf = (p: Principal): CaseScope =>
  p.role === 'centre' ? { centre: p.centre } : p.role === 'prosecutor' ? { prosecutorOffice: p.office } : {};

export function casesQuery(scope: CaseScope, filters: CaseFilters): string {
  // A case continues-as-new at each stage and renewal: its earlier runs stay in visibility with their old attributes.
  const clauses = [
    `WorkflowType = '${WORKFLOW_TYPE}'`,
    filters.running ? `ExecutionStatus = 'Running'` : `ExecutionStatus != 'ContinuedAsNew'`,
  ];
  // Present, even empty, a scope narrows: a principal without its code sees nothing rather than everything.
  if ('centre' in scope) clauses.push(`${SA.centre.name} = '${scope.centre}'`);
  if ('prosecutorOffice' in scope) clauses.push(`${SA.prosecutorOffices.name} = '${scope.prosecutorOffice}'`);
  if (filters.referenceKey) clauses.push(`${SA.references.name} = '${filters.referenceKey}'`);
  if (filters.stage) clauses.push(`${SA.stage.name} = '${filters.stage}'`);
  if (filters.outcome) clauses.push(`${SA.outcome.name} = '${filters.outcome}'`);
  if (filters.minor !== undefined) clauses.push(`${SA.minor.name} = ${filters.minor}`);
  if (filters.deadlineBefore)
    clauses.push(`${SA.nextDeadline.name} < '${new Date(startOfDay(filters.deadlineBefore)).toISOString()}'`);
  return clauses.join(' AND ');
}

/** Every run of one case, the continued-as-new ones included. */
export const runsQuery = (caseId: string): string => `WorkflowId = '${caseId}'`;

/** Every run of every case, running and closed: what an index rebuild walks. */
export const everyCaseRunQuery = `WorkflowType = '${WORKFLOW_TYPE}'`;
