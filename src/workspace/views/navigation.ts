/**
 * Which item of the menu is the reader's: the page itself (`page`), or the section it belongs to (`true`: a file's
 * page, a form of it, a search belong to "Files"); the longest item that holds the path wins, so that opening a
 * file is not "Files".
 */
export function currentItem(
  path: string,
  hrefs: readonly string[],
): { href: string; current: 'page' | 'true' } | undefined {
  const exact = hrefs.find((href) => href === path);
  if (exact) return { href: exact, current: 'page' };
  const section = hrefs.filter((href) => path.startsWith(`${href}/`)).sort((a, b) => b.length - a.length)[0];
  return section ? { href: section, current: 'true' } : undefined;
}

/** The page in another language: its path and query (a sign-in's way back, a list's filters), `lang` replaced. */
export function languageHref(path: string, query: string | undefined, lang: string): string {
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}
