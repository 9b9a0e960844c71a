/**
 * Issue 29.9: the menu marks the reader's page, or the section it is in (also a refused opening, which is shown
 * again); the language links keep the page; the links back lead where they say.
 */
import { LANGUAGE_PACKS } from '../../src/i18n';
import type { WorkspaceDeps } from '../../src/workspace/deps';
import { currentItem, languageHref } from '../../src/workspace/views/navigation';
import { Browser, useSessionRecords, workspaceInProcess } from '../support/workspace-in-process';

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

describe('the pages', () => {
  const CASE = '/workspace/cases/case-0b6f5f0e-7c1e-4a52-9d0c-3a1d2f4e5a6b';
  const sessions = useSessionRecords();

  const caseworker = async (): Promise<Browser> => {
    // A case of PAYOKE's, as the case index says: its forms are the caseworker's.
    const gateway = {
      indexedAccess: () =>
        Promise.resolve({ centre: 'PAYOKE', prosecutorOffices: [], running: true, outcome: undefined }),
      // An event's form offers the choices of the case as it is.
      status: () => Promise.resolve({ stage: 'TEMPORARY_RESIDENCE', withdrawalReview: null }),
    };
    const { app } = workspaceInProcess(
      sessions.records,
      { now: Date.parse('2026-12-01T08:00:00Z') },
      [{ oidcSubject: 'centre-PAYOKE', id: 'centre-PAYOKE', role: 'centre', centre: 'PAYOKE' }],
      { gateway } as unknown as Partial<WorkspaceDeps>,
    );
    const reader = new Browser(app);
    await reader.signIn('centre-PAYOKE');
    return reader;
  };

  it('a refused opening is shown again as the opening page: its menu item, its language links', async () => {
    const reader = await caseworker();
    const { csrf } = await reader.session();
    const refused = await reader.post('/workspace/cases/new', { _csrf: csrf! });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<a href="/workspace/cases/new" aria-current="page">');
    expect(refused.text).toContain('<a href="/workspace/cases">');
    expect(refused.text).toContain('href="/workspace/cases/new?lang=fr"');
  });

  it('a form’s link back leads to its file, and says so', async () => {
    const form = await (await caseworker()).get(`${CASE}/report/support-declined`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`<a href="${CASE}">${LANGUAGE_PACKS.en.pages.backTo.file}</a>`);
    // The file's form is in the section of the files.
    expect(form.text).toContain('<a href="/workspace/cases" aria-current="true">');
  });
});
