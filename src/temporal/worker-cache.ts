/**
 * What one cached case costs the worker in resident memory, as the bench's scale section measures it at
 * K = 10,000 (docs/performance.md): 0.48 MiB, of which 0.11 MiB live heap (the SDK's per-workflow state and the
 * case's), the rest V8's heap slack and the core's state of the cached run.
 */
export const CACHED_CASE_MIB = 0.5;

/** The workflow cache that fits a memory budget; the SDK needs at least two slots. */
export const cachedCasesFor = (budgetMiB: number): number => Math.max(2, Math.floor(budgetMiB / CACHED_CASE_MIB));
