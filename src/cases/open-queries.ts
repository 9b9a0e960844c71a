import type { CaseIndexStore } from '../case-index/case-index-store';
import type { ListedTask, TaskPosition } from '../case-index/task-listing';
import type { ProsecutorOffice } from '../domain/codes';
import type { OpenTask } from '../domain/procedure/case-index-entry';
import type { ProsecutorQueryView } from '../domain/schemas/case';

const KIND = 'status-query-answer';

/** A page of an office's open queries, with where it stands among them. */
export interface OpenQueryPage {
  items: (ProsecutorQueryView & { revision: number })[];
  total: number;
  next: TaskPosition | null;
}

const officeOf = (t: OpenTask): string => (t.party.role === 'prosecutor' ? t.party.office : '');

/**
 * The query as its office sees it, from the case's answer tasks alone: one for the office queried (since the query
 * was sent) and, once escalated, one for its Principal Crown Prosecutor (since the escalation, later).
 */
function view(listed: ListedTask, answerTasks: OpenTask[]): ProsecutorQueryView & { revision: number } {
  const [sent, escalated] = [...answerTasks].sort((a, b) => a.since.localeCompare(b.since));
  const office = sent ? officeOf(sent) : '';
  const escalatedTo = escalated ? officeOf(escalated) : null;
  return {
    queryId: listed.taskId.replace(/\/answer$/, ''),
    caseId: listed.caseId,
    office: office as ProsecutorQueryView['office'],
    addressedTo: (escalatedTo ?? office) as ProsecutorQueryView['addressedTo'],
    sentOn: sent?.since ?? listed.since,
    replyBy: listed.due,
    escalatedTo: escalatedTo as ProsecutorQueryView['escalatedTo'],
    documentValidUntil: listed.documentValidUntil,
    revision: listed.revision,
  };
}

/**
 * A page of the open status queries an office answers, soonest reply first, from the case index: those sent to it
 * and those escalated to it (a district's office keeps seeing its query after escalation: a late answer is welcome).
 */
export async function openQueriesPage(
  caseIndex: CaseIndexStore,
  office: ProsecutorOffice,
  after: TaskPosition | undefined,
  limit: number,
): Promise<OpenQueryPage> {
  const page = await caseIndex.listTasks({ party: { role: 'prosecutor', office }, kinds: [KIND] }, after, limit);
  const answerTasks = await caseIndex.tasksOf(
    page.items.map((t) => t.caseId),
    KIND,
  );
  return {
    items: page.items.map((t) =>
      view(
        t,
        answerTasks.filter((a) => a.caseId === t.caseId),
      ),
    ),
    total: page.total,
    next: page.next,
  };
}

/** Every open query of an office (a calendar feed's, the queries page's), page after page. */
export async function everyOpenQuery(
  caseIndex: CaseIndexStore,
  office: ProsecutorOffice,
): Promise<OpenQueryPage['items']> {
  const items: OpenQueryPage['items'] = [];
  let after: TaskPosition | undefined;
  do {
    const page = await openQueriesPage(caseIndex, office, after, 500);
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return items;
}
