import type { IsoDate } from '../calendar';
import { addDays } from '../calendar';
import type { Centre } from '../codes';
import { atImportEvent, refuse, type Refusal } from '../refusals';
import type { CaseOpening } from '../schemas/case';
import type { ImportedBy, ImportedEvent } from '../schemas/events';
import { applyAnswer, applyEvent } from './apply';
import { runClockAsOfTheirDates } from './clock';
import { centreOf, IMMIGRATION_OFFICE, queueNotice } from './outbox';
import { whyAnswerRejected, whyEventRejected } from './rules';
import { historyEntry, newCaseState, UNKNOWN_REPORTER, type Actor, type CaseState } from './state';
import { announceQuery, countQueryFromImport } from './transitions';
import type { EarlierRules } from './earlier-rules';

/** What the workflow is started with to bring in a running case (CONTRACT.md `POST /v1/cases/import`). */
export interface CaseImportInput {
  caseId: string;
  centre: Centre;
  opening: CaseOpening;
  events: ImportedEvent[];
  importedOn: IsoDate;
  importer: Actor;
  /** The reference index keys of the file numbers in the opening and the events (computed by the API). */
  referenceKeys?: string[];
}

/** An imported event's reporter: the role and office it names, no person (PROCEDURE.md: an imported ground may be decided by anyone). */
const actorOf = (by: ImportedBy, centre: Centre): Actor => ({
  id: UNKNOWN_REPORTER,
  role: by.role,
  ...(by.role === 'centre' ? { centre } : {}),
  ...(by.office ? { office: by.office } : {}),
});

/** Applies one earlier event as of its own date; an answer answers the query open on that date. */
function applyImported(
  s: CaseState,
  e: ImportedEvent,
  actor: Actor,
  index: number,
  rules: EarlierRules,
): Refusal | null {
  if (e.type === 'status-query-answered') {
    const queryId = s.query?.queryId;
    if (!queryId) return refuse('import-no-open-query', { index: String(index), date: e.on });
    const why = whyAnswerRejected(s, queryId, actor);
    if (why) return atImportEvent(index, why);
    applyAnswer(s, e, actor, e.on);
    return null;
  }
  const { by: _by, ...event } = e;
  const why = whyEventRejected(s, event, actor, e.on);
  if (why) return atImportEvent(index, why);
  applyEvent(s, event, actor, e.on, rules);
  return null;
}

/**
 * Brings in a running case (PROCEDURE.md "importing running cases"): its earlier events applied as of
 * their dates with the clocks running in between, so it arrives in the state and with the deadlines it
 * has today. Nothing of the past is mailed; an open status query is announced anew, and the Immigration
 * Office and the centre are told of the import.
 */
export function importCase(
  input: CaseImportInput,
  rules: EarlierRules = {},
): { state: CaseState } | { refusal: Refusal } {
  const disorder = input.events.findIndex((e, i) => i > 0 && e.on < input.events[i - 1]!.on);
  if (disorder >= 0)
    return { refusal: refuse('import-out-of-order', { index: String(disorder), date: input.events[disorder]!.on }) };
  const s = newCaseState(input.caseId, input.centre, input.opening, input.referenceKeys);
  for (const [index, e] of input.events.entries()) {
    if (e.on > input.importedOn) return { refusal: atImportEvent(index, refuse('date-in-future', { date: e.on })) };
    runClockAsOfTheirDates(s, e.on, rules);
    const refusal = applyImported(s, e, actorOf(e.by, input.centre), index, rules);
    if (refusal) return { refusal };
  }
  // What fell due before the import day happened before the service knew of the case; from that day on, it runs here.
  runClockAsOfTheirDates(s, addDays(input.importedOn, -1), rules);
  if (s.outcome !== null) return { refusal: refuse('import-case-ended', { outcome: s.outcome }) };
  s.noticesDone.push(...s.outbox.map((n) => n.key));
  s.outbox = [];
  s.history.push(historyEntry(input.importedOn, 'case-imported', input.importer));
  if (s.query) {
    // Counted from the import day: no notice names a deadline already past (PROCEDURE.md "status query").
    if (!rules.before25) countQueryFromImport(s, input.importedOn);
    announceQuery(s, s.query, `${s.query.queryId}/imported`);
  }
  queueNotice(s, 'case-imported', 'imported', [IMMIGRATION_OFFICE, centreOf(s)], { due: input.importedOn });
  return { state: s };
}
