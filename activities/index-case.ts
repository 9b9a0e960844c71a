import type { CaseIndexStore } from '../src/case-index/case-index-store';
import type { CaseIndexEntry } from '../src/domain/procedure/case-index-entry';

/** The case index activity: the case as of its revision; a retry or a late attempt never moves it back. */
export function createCaseIndexActivities(store: CaseIndexStore) {
  return {
    async indexCase(entry: CaseIndexEntry): Promise<boolean> {
      return store.write(entry);
    },
  };
}
