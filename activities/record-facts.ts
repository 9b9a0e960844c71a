import type { PendingFact } from '../src/domain/statistics/facts';
import type { FactsStore } from '../src/statistics/facts-store';

/** The statistics activity: each fact into the store once, however often it is retried. */
export function createFactsActivities(store: FactsStore) {
  return {
    async recordFacts(facts: PendingFact[]): Promise<number> {
      return store.record(facts);
    },
  };
}
