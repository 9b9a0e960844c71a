import { randomUUID } from 'node:crypto';
import type { ReferenceIndex } from '../crypto/reference-index';
import { EVENT_ROLES } from '../domain/procedure/rules';
import type { CaseEvent, CaseEventType, StatusQueryAnswer } from '../domain/schemas/events';
import type { RecordEventInput } from '../../workflows/messages';
import type { Principal } from '../identity/principals';
import { ServiceProblem } from './problems';

/** The API's and the pages' one check of who may report an event, before the case's own rules. */
export function requireReporter(p: Principal, type: CaseEventType): void {
  if (!EVENT_ROLES[type].includes(p.role))
    throw new ServiceProblem('missingPermission', (w) =>
      w.problems.roleMayNotReport(w.pages.roles[p.role], w.pages.events[type]),
    );
}

/** The Update input of an event: the actor is the authenticated principal, never the caller's word. */
export function eventInput(p: Principal, event: CaseEvent, index: ReferenceIndex): RecordEventInput {
  const { id, role, centre, office } = p;
  const referenceKeys = index.ofEvent(event);
  return { actor: { id, role, centre, office }, event, ...(referenceKeys.length > 0 ? { referenceKeys } : {}) };
}

/** The Update input of an answer to a status query, by the prosecutor's office that is signed in. */
export function answerInput(p: Principal, answer: StatusQueryAnswer, queryId: string): RecordEventInput {
  const { id, role, office } = p;
  return { actor: { id, role, office }, answer: { ...answer, queryId } };
}

/** The Update's options, its input bound to its id (the workflow's validator refuses an input bound to another). */
export const boundUpdate = (
  input: RecordEventInput,
  updateId: string = randomUUID(),
): { args: [RecordEventInput]; updateId: string } => ({ args: [{ ...input, updateId }], updateId });

/**
 * The Update's id: the event type first, so each event is recognisable on the case's timeline in the Web UI;
 * then the caller's key (the API's Idempotency-Key, a page's form key), scoped to the caller so two callers' keys
 * never collide and a retry is the same Update; without a key, a fresh id.
 */
export function updateIdFor(input: RecordEventInput, key: string | undefined): string {
  const what = 'event' in input ? input.event.type : 'status-query-answer';
  return `${what}/${key ? `${input.actor.id}/${key}` : randomUUID()}`;
}
