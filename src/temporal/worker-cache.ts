/**
 * What one cached case costs the worker in resident memory, as the bench's scale section measures it (README,
 * "Benchmarks"): the workflow's own objects in the shared V8 context, its state and the SDK's bookkeeping.
 */
export const CACHED_CASE_MIB = 0.25;

/** The workflow cache that fits a memory budget; the SDK needs at least two slots. */
export const cachedCasesFor = (budgetMiB: number): number => Math.max(2, Math.floor(budgetMiB / CACHED_CASE_MIB));
