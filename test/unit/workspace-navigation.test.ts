/** Issue 29.9: the menu marks the reader's page, or the section it is in; the language links keep the page. */
import { currentItem, languageHref } from '../../src/workspace/views/navigation';

const centre = ['/workspace/cases', '/workspace/cases/new'];
const office = ['/workspace/inbox', '/workspace/cases'];

describe('the menu', () => {
  it('marks the page itself, the opening form not as "Files"', () => {
    expect(currentItem('/workspace/cases', centre)).toEqual({ href: '/workspace/cases', current: 'page' });
    expect(currentItem('/workspace/cases/new', centre)).toEqual({ href: '/workspace/cases/new', current: 'page' });
  });

  it('marks the section of a page that has no item: a file, its forms, a search are "Files"', () => {
    for (const path of ['/workspace/cases/case-1', '/workspace/cases/case-1/report/x', '/workspace/cases/search'])
      expect([path, currentItem(path, office)]).toEqual([path, { href: '/workspace/cases', current: 'true' }]);
    expect(currentItem('/workspace/queries/q-1', ['/workspace/queries', '/workspace/cases'])).toEqual({
      href: '/workspace/queries',
      current: 'true',
    });
  });

  it('marks nothing on a page of no item, and never an item by a shared beginning of its name', () => {
    expect(currentItem('/workspace/signed-out', office)).toBeUndefined();
    expect(currentItem('/workspace/inboxes', office)).toBeUndefined();
  });
});

describe('the language links', () => {
  it('keep the page’s query, with the language replaced', () => {
    expect(languageHref('/workspace/sign-in', 'returnTo=%2Fworkspace%2Fqueries&lang=de', 'fr')).toBe(
      '/workspace/sign-in?returnTo=%2Fworkspace%2Fqueries&lang=fr',
    );
    expect(languageHref('/workspace/cases', undefined, 'nl')).toBe('/workspace/cases?lang=nl');
  });
});
