/**
 * The links of a page of a collection: `self` and `next`, the filters as asked (the schema let only known ones
 * through), each with its own cursor.
 */
export function pageLinks(
  base: string,
  path: string,
  query: Record<string, unknown>,
  nextCursor: string | null,
): { self: string; next?: string } {
  const { cursor, ...asked } = query as Record<string, string>;
  const at = (c: string | undefined) =>
    `${base}${path}?${new URLSearchParams({ ...asked, ...(c ? { cursor: c } : {}) })}`.replace(/\?$/, '');
  return { self: at(cursor), ...(nextCursor ? { next: at(nextCursor) } : {}) };
}
