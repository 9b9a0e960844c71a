/**
 * Runs `work` on every item, `lanes` at a time: a Query per case, never all cases at once (a burst of Queries
 * competes with the cases' own workflow tasks on the workers).
 */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
