import { LRUCache } from 'lru-cache';
import type { Centre } from '../domain/codes';

/** What the API needs to know about a case before letting a principal near it: search attributes only. */
export interface CaseAccess {
  centre: Centre | undefined;
  prosecutorOffices: string[];
  /** When last seen; a case never runs again once it ended. */
  running: boolean;
  outcome: string | undefined;
}

/** Cases whose access facts this process remembers; a miss costs one describe call, so the bound only trades memory for calls. */
const REMEMBERED_CASES = 10_000;

/**
 * The access facts this process last saw of each case (centre and queried offices, never personal data).
 * A case's centre never changes and its queried offices only grow, so whoever could see it then can see it now.
 */
export class SeenCaseAccess {
  private readonly seen = new LRUCache<string, CaseAccess>({ max: REMEMBERED_CASES });

  remember(caseId: string, access: CaseAccess): void {
    this.seen.set(caseId, access);
  }

  forget(caseId: string): void {
    this.seen.delete(caseId);
  }

  lastSeen(caseId: string): CaseAccess | undefined {
    return this.seen.get(caseId);
  }
}
