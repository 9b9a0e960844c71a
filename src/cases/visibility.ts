import { startOfDay } from '../domain/calendar';
import type { caseListQuerySchema } from '../domain/schemas/api';
import { SA } from '../domain/search-attribute-keys';
import { WORKFLOW_TYPE } from '../../workflows/messages';
import type { Principal } from '../identity/principals';

/** Visibility query: filters from the caller, scope from the principal; every value comes from a validated enum or date. */
export function listQuery(
  p: Principal,
  q: Partial<ReturnType<typeof caseListQuerySchema.parse>>,
  referenceKey?: string,
): string {
  // A case continues-as-new at each stage and renewal: its earlier runs stay in visibility with their old attributes.
  const clauses = [`WorkflowType = '${WORKFLOW_TYPE}'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (p.role === 'centre') clauses.push(`${SA.centre.name} = '${p.centre}'`);
  // A prosecutor's office sees the cases it was queried on, as it reads them one by one.
  if (p.role === 'prosecutor') clauses.push(`${SA.prosecutorOffices.name} = '${p.office}'`);
  // A hex HMAC: nothing of the caller's text reaches the query.
  if (referenceKey) clauses.push(`${SA.references.name} = '${referenceKey}'`);
  if (q.stage) clauses.push(`${SA.stage.name} = '${q.stage}'`);
  if (q.outcome) clauses.push(`${SA.outcome.name} = '${q.outcome}'`);
  if (q.minor !== undefined) clauses.push(`${SA.minor.name} = ${q.minor}`);
  if (q.deadlineBefore)
    clauses.push(`${SA.nextDeadline.name} < '${new Date(startOfDay(q.deadlineBefore)).toISOString()}'`);
  return clauses.join(' AND ');
}
