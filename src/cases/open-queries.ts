import type { CaseStatus, ProsecutorQueryView } from '../domain/schemas/case';
import type { CaseGateway } from './case-gateway';

const MAX_OPEN_QUERIES = 100;

function view(s: CaseStatus): ProsecutorQueryView | null {
  const q = s.prosecutorQuery;
  if (!q) return null;
  return {
    queryId: q.queryId,
    caseId: s.caseId,
    office: q.office,
    addressedTo: q.escalatedTo ?? q.office,
    sentOn: q.sentOn,
    replyBy: q.replyBy,
    escalatedTo: q.escalatedTo,
    documentValidUntil: s.document?.validUntil ?? null,
  };
}

/** The open status queries an office answers, soonest reply first, with the status of each case. */
export async function openQueriesFor(
  gateway: CaseGateway,
  office: string,
): Promise<{ query: ProsecutorQueryView; status: CaseStatus }[]> {
  const items = await gateway.openQueries(office, MAX_OPEN_QUERIES);
  const statuses = await Promise.all(items.map((c) => gateway.status(c.caseId)));
  // A district's office keeps seeing its query after escalation: its late answer is still welcome.
  return statuses
    .map((status) => ({ query: view(status), status }))
    .filter(
      (q): q is { query: ProsecutorQueryView; status: CaseStatus } =>
        !!q.query && (q.query.office === office || q.query.escalatedTo === office),
    )
    .sort((a, b) => a.query.replyBy.localeCompare(b.query.replyBy));
}
