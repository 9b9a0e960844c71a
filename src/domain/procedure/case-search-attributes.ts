import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { startOfDay } from '../calendar';
import { SA } from '../search-attribute-keys';
import { upcomingDeadlines } from './clock';
import type { CaseState } from './state';

/** The case's search attributes as staff filter on them in the Web UI; null removes one. */
export function caseSearchAttributes(s: CaseState): SearchAttributeUpdatePair[] {
  const next = upcomingDeadlines(s)[0];
  return [
    { key: SA.stage, value: s.stage },
    { key: SA.outcome, value: s.outcome ?? 'NONE' },
    { key: SA.centre, value: s.centre },
    { key: SA.minor, value: s.unaccompaniedMinor },
    { key: SA.nextDeadline, value: next ? new Date(startOfDay(next.due)) : null },
    { key: SA.awaitingProsecutor, value: s.query !== null },
    { key: SA.prosecutorOffices, value: [...s.queriedOffices] },
    // Only once there is one: cases without references upsert what they always did (replay of older histories).
    ...(s.referenceIndex.length > 0 ? [{ key: SA.references, value: [...s.referenceIndex] }] : []),
  ];
}
