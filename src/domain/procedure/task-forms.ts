import type { CaseEventType } from '../schemas/events';
import type { Actor } from './state';
import type { OpenTask, TaskKind, TaskParty } from './case-index-entry';

/**
 * The events whose form closes a task of each kind; a status query is closed by its answer, which has a form of its
 * own. What the procedure decides: the Immigration Office renews or does not renew a document that expires without
 * the prosecutor's answer.
 */
export const TASK_EVENTS: Record<Exclude<TaskKind, 'status-query-answer'>, readonly CaseEventType[]> = {
  'document-dates': ['document-issued'],
  'withdrawal-decision': ['withdrawal-decided'],
  'permanent-residence-decision': ['permanent-residence-decided'],
  'expiry-without-decision': ['temporary-residence-renewed', 'not-renewed'],
  'identity-proof': ['identity-documented'],
};

/** Whether the task waits for this actor: its role and, for a centre or an office, its own. */
export function waitsFor(task: Pick<OpenTask, 'party'>, actor: Pick<Actor, 'role' | 'centre' | 'office'>): boolean {
  const party: TaskParty = task.party;
  if (party.role !== actor.role) return false;
  if (party.role === 'centre') return party.centre === actor.centre;
  if (party.role === 'prosecutor') return party.office === actor.office;
  return true;
}

/** The events a task offers this actor: none to the person who reported a ground of the review it decides. */
export function eventsClosing(
  task: OpenTask,
  actor: Pick<Actor, 'id' | 'role' | 'centre' | 'office'>,
): CaseEventType[] {
  if (task.kind === 'status-query-answer' || !waitsFor(task, actor)) return [];
  if (task.reporters?.includes(actor.id)) return [];
  return [...TASK_EVENTS[task.kind]];
}
