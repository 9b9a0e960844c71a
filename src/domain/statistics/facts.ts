import { daysBetween, type IsoDate } from '../calendar';
import type { Centre, ComplaintOffice, CourtOfAppeal } from '../codes';
import type { Exploitation, Outcome } from '../schemas/case';
import type { DocumentType } from '../schemas/events';

/**
 * The countable facts of a case (issue 18): what happened, on which day, and the three things the statistics
 * break figures down by. No case id, no personal data: the key that makes recording a fact idempotent is hashed
 * under a secret of its case before it is stored (src/statistics/facts-store.ts), and a fact names nobody.
 */
export type Track = 'minor' | 'adult';

export interface FactDimensions {
  centre: Centre;
  track: Track;
  exploitation: Exploitation;
}

export type FactEvent =
  | { kind: 'case-opened' }
  | { kind: 'document-issued'; document: DocumentType }
  | { kind: 'outcome'; outcome: Outcome }
  | { kind: 'complaint'; daysSinceOpening: number }
  | { kind: 'identified'; daysSinceComplaint: number }
  // A status query's life, for the prosecutors' response times: the office it was sent to, and its court of appeal.
  | (QueryFact & { kind: 'query-sent' | 'query-escalated' | 'query-unanswered' })
  | (QueryFact & { kind: 'query-answered'; daysToAnswer: number; inTime: boolean });

export interface QueryFact {
  office: ComplaintOffice;
  courtOfAppeal: CourtOfAppeal;
}
export type FactKind = FactEvent['kind'];

export type Fact = FactEvent & FactDimensions & { on: IsoDate };

/** A fact on its way to the statistics store, with the key its case records it under once. */
export interface PendingFact {
  key: string;
  fact: Fact;
}

/** What the facts of a case need of its state. */
interface FactSource {
  caseId: string;
  centre: Centre;
  unaccompaniedMinor: boolean;
  opening: { exploitation: Exploitation };
  factOutbox: PendingFact[];
}

/** What follows a case's id in the keys of its facts. */
const FACT_KEY = '/fact/';

/** Queues a fact of the case; `id` tells apart the facts of one kind a case can have several of. */
export function countFact(s: FactSource, on: IsoDate, event: FactEvent, id = ''): void {
  const track: Track = s.unaccompaniedMinor ? 'minor' : 'adult';
  const fact: Fact = { ...event, on, centre: s.centre, track, exploitation: s.opening.exploitation };
  s.factOutbox.push({ key: `${s.caseId}${FACT_KEY}${event.kind}${id ? `/${id}` : ''}`, fact });
}

/** The case a fact's key is of (the statistics store keys its row with that case's own secret). */
export function caseOfFact(key: string): string {
  const at = key.indexOf(FACT_KEY);
  if (at <= 0) throw new Error('statistics: a fact key names no case');
  return key.slice(0, at);
}

export const daysFrom = (from: IsoDate, to: IsoDate): number => Math.max(0, daysBetween(from, to));
