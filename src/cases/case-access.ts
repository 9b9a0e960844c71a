import type { IndexedAccess } from '../case-index/case-index-store';
import type { Centre } from '../domain/codes';

/** What the API needs to know about a case before letting a principal near it. */
export interface CaseAccess {
  centre: Centre;
  prosecutorOffices: string[];
  /** When last written; a case never runs again once it ended. */
  running: boolean;
  outcome: string | undefined;
}

export const accessFrom = (a: IndexedAccess): CaseAccess => ({
  centre: a.centre,
  prosecutorOffices: [...a.offices],
  running: a.running,
  outcome: a.outcome ?? undefined,
});
