/**
 * The workspace in a real browser: Chromium (Debian's, installed by scripts/setup.mjs) driven by
 * playwright-core, against the real dev server, worker, API, SMTP server and the development OIDC
 * provider, signing in through the real authorization-code flow. Each role's main path is clicked
 * through; axe-core checks every page visited (WCAG 2.1 AA) and finds nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { formatLegalDate } from '../../src/i18n/facts';
import { dateAt } from '../../src/domain/calendar';
import { startProcessStack, type ProcessStack } from '../../tools/stack/process-stack';
import { PROJECT_ROOT } from '../../tools/stack/temporal-binaries';
import { waitUntil } from '../../tools/stack/wait';
import { launchChromium } from '../support/chromium';
import { codeWordsIn } from '../support/code-words';
import { opening } from '../support/fixtures';
import { eventually } from '../support/api-helpers';

/**
 * The text of an inbox section once it passes `ok`: the inbox reads the case index, which the worker writes just
 * after the event, so the page is read again until it shows the change.
 */
const inboxSection = (page: Page, inboxUrl: string, heading: string, ok: (text: string) => boolean) =>
  eventually(async () => {
    await page.goto(inboxUrl);
    return (await page.locator('section', { has: page.locator('h2', { hasText: heading }) }).textContent()) ?? '';
  }, ok);

const SCREENSHOTS = process.env.WORKSPACE_SCREENSHOTS ? join(PROJECT_ROOT, 'docs', 'screenshots') : undefined;
const PSEUDONYM = 'Mirela-Browser-Probe';
jest.setTimeout(120_000);

let stack: ProcessStack;
let browser: Browser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startProcessStack({ workspace: {}, logLevel: 'warn' }), launchChromium()]);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Every page a test visits, for axe, with its URL, and the codes or raw dates its text shows a person. */
const visited: { who: string; url: string; violations: string[]; codes: string[] }[] = [];

async function checkAccessible(page: Page, who: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  visited.push({
    who,
    url: new URL(page.url()).pathname,
    violations: violations.map((v) => `${v.id}: ${v.help}`),
    codes: codeWordsIn(await page.locator('body').innerText()),
  });
}

/** A browser of its own for each person, in a language; signed in when it first reaches a page. */
async function personIn(lang: string): Promise<BrowserContext> {
  return browser.newContext({ locale: lang, extraHTTPHeaders: { 'Accept-Language': lang } });
}

/** Follows the sign-in the workspace redirects to: its own sign-in page, then the dev provider's login form. */
async function signInAs(page: Page, login: string): Promise<void> {
  await toProviderLogin(page);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any-password');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.href.startsWith(stack.apiUrl));
}

/** From the workspace's sign-in page on to the identity provider's login form. */
async function toProviderLogin(page: Page): Promise<void> {
  await page.waitForURL((u) => u.pathname === '/workspace/sign-in');
  await page.click('main a.button');
  await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
}

/** Types a date into a form's day, month and year fields (`#f-on`, `#f-on-month`, `#f-on-year`). */
async function fillDate(page: Page, field: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  await page.fill(`#f-${field}`, String(Number(day)));
  await page.fill(`#f-${field}-month`, String(Number(month)));
  await page.fill(`#f-${field}-year`, year!);
}

/** The date a form's day, month and year fields hold, as an ISO date. */
async function dateIn(page: Page, field: string): Promise<string> {
  const part = async (id: string) => (await page.inputValue(id)).padStart(2, '0');
  return `${await page.inputValue(`#f-${field}-year`)}-${await part(`#f-${field}-month`)}-${await part(`#f-${field}`)}`;
}

async function shot(page: Page, name: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the workspace in a browser', () => {
  let caseUrl: string;

  it('a caseworker signs in, opens a case and reports a complaint', async () => {
    const page = await (await personIn('nl-BE')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases`);
    await signInAs(page, 'centre-PAYOKE');
    expect(new URL(page.url()).pathname).toBe('/workspace/cases');
    await expect(page.locator('h1').textContent()).resolves.toBe('Dossiers');
    await checkAccessible(page, 'centre');
    // No script may run on a page, and no form posts without the session's token.
    const listed = await page.request.get(`${stack.apiUrl}/workspace/cases`);
    expect(listed.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'self';/);
    const forged = await page.request.post(`${stack.apiUrl}/workspace/cases`, { form: { pseudonym: 'forged' } });
    expect(forged.status()).toBe(403);

    await page.click('text=Dossier openen');
    await checkAccessible(page, 'centre');
    await page.check('input[name=unaccompaniedMinor][value=false]');
    await page.fill('#f-pseudonym', PSEUDONYM);
    await page.selectOption('#f-victimLanguage', 'ro');
    await page.selectOption('#f-exploitation', 'labour');
    await page.fill('#f-caseworkerEmail', 'caseworker@payoke.example.org');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/workspace\/cases\/case-[0-9a-f-]{36}\?recorded=1$/);
    caseUrl = page.url().replace(/\?.*$/, '');
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Geregistreerd.');
    await expect(page.locator('main').textContent()).resolves.toContain(PSEUDONYM);
    await checkAccessible(page, 'centre');
    await shot(page, 'case-page-centre');

    await page.click('text=Klacht of verklaringen afgelegd');
    await checkAccessible(page, 'centre');
    await page.selectOption('#f-kind', 'complaint');
    await page.selectOption('#f-prosecutorOffice', 'ANTWERPEN');
    await page.fill('#f-prosecutorFile', 'AN.12.L3.55555/26');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    const main = await page.locator('main').textContent();
    expect(main).toContain('AN.12.L3.55555/26');
    expect(main).toContain('Statusaanvraag aan het parket');
    await checkAccessible(page, 'centre');

    // Found by the prosecutor's file number as the caseworker types it; the number never enters a URL.
    await page.goto(`${stack.apiUrl}/workspace/cases`);
    await page.fill('#f-reference', 'an 12 l3 55555 26');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/workspace\/cases\/search$/);
    await expect(page.locator('tbody').textContent()).resolves.toContain(PSEUDONYM);
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await checkAccessible(page, 'centre');
    await page.context().close();
  });

  it("the prosecutor's office follows the link in its mail, signs in and answers the status query", async () => {
    const mail = await waitUntil(
      'the status query mail to ANTWERPEN',
      () =>
        stack.smtp.messages.find(
          (m) => /\/workspace\/queries/.test(m.text ?? '') && JSON.stringify(m.to).includes('antwerpen'),
        ),
      30_000,
      200,
    );
    const link = /(http:\/\/\S+\/workspace\/queries)/.exec(mail.text ?? '')![1]!;
    const page = await (await personIn('fr-BE')).newPage();
    await page.goto(link);
    await signInAs(page, 'prosecutor-ANTWERPEN');
    expect(new URL(page.url()).pathname).toBe('/workspace/queries');
    await expect(page.locator('main').textContent()).resolves.toContain(PSEUDONYM);
    await checkAccessible(page, 'prosecutor');
    await shot(page, 'prosecutor-queries');

    await page.click('text=Répondre >> nth=-1');
    await checkAccessible(page, 'prosecutor');
    for (const q of ['consideredVictim', 'proceedingsOngoing', 'cooperating', 'tiesSevered'])
      await page.check(`input[name=${q}][value=true]`);
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    expect(page.url().replace(/\?.*$/, '')).toBe(caseUrl);
    await expect(page.locator('main').textContent()).resolves.toContain('phase 3');
    await checkAccessible(page, 'prosecutor');
    await page.context().close();
  });

  it('the Immigration Office records the A-card’s dates and decides a withdrawal reported by someone else', async () => {
    const centre = await (await personIn('nl-BE')).newPage();
    await centre.goto(`${caseUrl}/report/support-declined`);
    await signInAs(centre, 'centre-PAYOKE');
    await centre.click('main button[type=submit]');
    await centre.waitForURL(/\?recorded=1$/);
    await centre.context().close();

    const page = await (await personIn('en')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/inbox`);
    await signInAs(page, 'immigration-office');
    // The A-card of stage 3 waits to be issued, and the ground the centre reported waits for a decision.
    const inbox = `${stack.apiUrl}/workspace/inbox`;
    await inboxSection(page, inbox, 'Documents to issue', (t) => t.includes(PSEUDONYM));
    await inboxSection(page, inbox, 'Withdrawal reviews', (t) => t.includes(PSEUDONYM));
    await checkAccessible(page, 'immigration-office');
    await shot(page, 'immigration-office-inbox');

    await page.goto(`${caseUrl}/report/document-issued`);
    await page.selectOption('#f-document', 'A_CARD');
    const issued = await dateIn(page, 'on');
    await fillDate(page, 'issuedOn', issued);
    const validUntil = new Date(Date.parse(issued) + 180 * 86_400_000).toISOString().slice(0, 10);
    await fillDate(page, 'validUntil', validUntil);
    await page.fill('#f-immigrationOfficeFile', '8.765.432');
    await checkAccessible(page, 'immigration-office');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    await expect(page.locator('main').textContent()).resolves.toContain('8.765.432');
    await inboxSection(page, inbox, 'Documents to issue', (t) => !t.includes(PSEUDONYM));

    await page.goto(`${caseUrl}/report/withdrawal-decided`);
    await page.check('input[name=withdraw][value=false]');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    await expect(page.locator('main').textContent()).resolves.not.toContain('Withdrawal review');
    // The history says what was decided and by whom: the officer by name, the centre's caseworker too.
    const history = (await page.locator('section', { has: page.locator('h2#history') }).innerText()).replace(
      /\s+/g,
      ' ',
    );
    expect(history).toContain('Decision on the withdrawal: not withdrawn Anna Janssens (Immigration Office)');
    expect(history).toContain('Lotte Peeters (specialised centre)');
    await checkAccessible(page, 'immigration-office');
    await shot(page, 'decision-in-history');
    await page.context().close();
  });

  it('a decision the officer may not take is not offered, and says why in French: who reported a ground may not decide it', async () => {
    const page = await (await personIn('fr-BE')).newPage();
    await page.goto(`${caseUrl}/report/public-order-threat`);
    await signInAs(page, 'immigration-office-2');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    // Four eyes in the inbox too: the review of its own ground is listed, as one another officer decides.
    await inboxSection(page, `${stack.apiUrl}/workspace/inbox`, 'Retraits à décider', (t) =>
      t.includes(LANGUAGE_PACKS.fr.pages.inbox.yours),
    );
    await checkAccessible(page, 'immigration-office-2');
    // The decision is not offered to who reported a ground: the case page has no link to it, and the form's address
    // says why instead of a form, in the French of the catalogue the API and the mails use, written as a sentence.
    await page.goto(caseUrl);
    await expect(page.locator('a[href$="/report/withdrawal-decided"]').count()).resolves.toBe(0);
    const form = await page.goto(`${caseUrl}/report/withdrawal-decided`);
    expect(form?.status()).toBe(403);
    const fourEyes = LANGUAGE_PACKS.fr.refusals['four-eyes']({ ground: 'public-order-threat' });
    await expect(page.locator('main p').first().textContent()).resolves.toBe(
      fourEyes.charAt(0).toUpperCase() + fourEyes.slice(1),
    );
    await expect(page.locator('main form').count()).resolves.toBe(0);
    await checkAccessible(page, 'immigration-office-2');
    await shot(page, 'refusal-in-french');
    await page.context().close();
  });

  it('an admin requests the erasure of a file that has ended, in Dutch; a second admin confirms it, in French; its page then says who erased it and when', async () => {
    const centre = { token: stack.tokens['centre-PAYOKE'] };
    const opened = await stack.request('POST', '/v1/cases', {
      ...centre,
      body: opening(new Date().toISOString().slice(0, 10), {
        victim: { pseudonym: `${PSEUDONYM}-Erased`, dateOfBirth: '1998-03-02', language: 'ro' },
      }),
    });
    const caseId = (opened.body as { caseId: string }).caseId;
    const ended = await stack.request('POST', `/v1/cases/${caseId}/events`, {
      ...centre,
      body: { type: 'opened-in-error', on: new Date().toISOString().slice(0, 10) },
    });
    expect(ended.status).toBe(200);
    const nl = LANGUAGE_PACKS.nl.pages.erase;
    const fr = LANGUAGE_PACKS.fr.pages.erase;
    const page = await (await personIn('nl-BE')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases/${caseId}`);
    await signInAs(page, 'admin');
    const erase = page.locator('section', { has: page.locator('h2', { hasText: nl.title }) });
    await expect(erase.textContent()).resolves.toContain('Dit kan niet ongedaan worden gemaakt');
    await checkAccessible(page, 'admin');
    // Not without the box ticked: the browser asks for it and nothing is sent.
    await erase.getByRole('button', { name: nl.request }).click();
    expect(new URL(page.url()).pathname).toBe(`/workspace/cases/${caseId}`);
    await erase.locator('input[name=confirm]').check();
    await erase.getByRole('button', { name: nl.request }).click();
    await expect(erase.locator('[role=status]').textContent()).resolves.toBe(nl.requested);
    // The requester is told a second admin confirms, and is not offered the confirmation.
    await expect(erase.textContent()).resolves.toContain(nl.yours);
    await expect(erase.getByRole('button', { name: nl.confirmErasure }).count()).resolves.toBe(0);
    await checkAccessible(page, 'admin');

    // The second admin finds the request in the inbox, in French, and confirms it on the file's page.
    const second = await (await personIn('fr-BE')).newPage();
    await second.goto(`${stack.apiUrl}/workspace/inbox`);
    await signInAs(second, 'admin-2');
    const waiting = second.locator('section', { has: second.locator('h2', { hasText: fr.toConfirm }) });
    await expect(waiting.textContent()).resolves.toContain('Sofie Maes a demandé l’effacement de ce dossier le');
    await checkAccessible(second, 'admin-2');
    await waiting.locator(`a[href="/workspace/cases/${caseId}"]`).click();
    const confirm = second.locator('section', { has: second.locator('h2', { hasText: fr.title }) });
    await shot(second, 'erasure-to-confirm');
    await confirm.locator('input[name=confirm]').check();
    await confirm.getByRole('button', { name: fr.confirmErasure }).click();
    await expect(second.locator('h1').textContent()).resolves.toBe(fr.doneTitle);
    const today = formatLegalDate(dateAt(Date.now()), LANGUAGE_PACKS.fr.locale);
    const record = (await second.locator('main').textContent()) ?? '';
    for (const said of [fr.erasedOn, today, `${fr.requestedBy}Sofie Maes (`, `${fr.confirmedBy}Luc Peeters`])
      expect(record).toContain(said);
    // Nothing else of the case: no pseudonym, no history.
    expect(record).not.toContain(PSEUDONYM);
    await checkAccessible(second, 'admin-2');
    await second.context().close();

    const audit = readFileSync(join(stack.dir, 'audit.jsonl'), 'utf8').trim().split('\n');
    const lines = audit.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ principalId: 'admin', action: 'page.case.erase.request', caseId, result: 303 }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ principalId: 'admin-2', action: 'page.case.erase', caseId, result: 303 }),
    );
    // The first admin's page of the file, in Dutch, is the record now too.
    await page.goto(`${stack.apiUrl}/workspace/cases/${caseId}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(nl.doneTitle);
    await expect(page.locator('main').textContent()).resolves.toContain(`${nl.confirmedBy}Luc Peeters`);
    await shot(page, 'erased-file');
    // The running case of the other tests offers no erasure, even to an admin.
    await page.goto(caseUrl);
    await expect(page.locator('main').textContent()).resolves.not.toContain(nl.title);
    await page.context().close();
  });

  it('signing out ends the session for every copy of its cookie, and at the identity provider', async () => {
    const context = await personIn('en');
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases`);
    await signInAs(page, 'centre-PAYOKE');
    // Someone copies the cookie (a shared computer, a proxy's log): it opens the workspace in another browser.
    const copied = await personIn('en');
    await copied.addCookies(await context.cookies());
    const thief = await copied.newPage();
    await thief.goto(`${stack.apiUrl}/workspace/cases`);
    expect(new URL(thief.url()).pathname).toBe('/workspace/cases');

    await page.click('form.sign-out button[type=submit]');
    // The identity provider's own sign-out (RP-initiated logout), which sends the reader back.
    await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
    await page.click('button[name=logout][value=yes]');
    await page.waitForURL(`${stack.apiUrl}/workspace/signed-out`);
    await expect(page.locator('h1').textContent()).resolves.toBe(LANGUAGE_PACKS.en.pages.signedOutTitle);
    await checkAccessible(page, 'signed out');

    // The copy is still sealed and within its 10 hours, and opens nothing: the session is no longer on record.
    const refused = await thief.goto(`${stack.apiUrl}/workspace/cases`);
    expect(refused?.status()).toBe(401);
    await expect(thief.locator('main').textContent()).resolves.toContain(LANGUAGE_PACKS.en.pages.sessionClosed);
    await checkAccessible(thief, 'copied cookie');
    // The identity provider forgot the reader too: signing in again asks who it is.
    await page.goto(`${stack.apiUrl}/workspace/cases`);
    await signInAs(page, 'centre-PAYOKE');
    expect(new URL(page.url()).pathname).toBe('/workspace/cases');
    await Promise.all([context.close(), copied.close()]);
  });

  it('every page visited passes axe (WCAG 2.1 AA) with no violation', () => {
    expect(visited.length).toBeGreaterThan(10);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });

  it('audits every page that showed the case, by person, with nothing personal', () => {
    const lines = readFileSync(join(stack.dir, 'audit.jsonl'), 'utf8').trim().split('\n');
    const caseId = caseUrl.split('/').pop()!;
    const reads = lines
      .map((l) => JSON.parse(l) as { principalId: string; action: string; caseId: string | null })
      .filter((a) => a.caseId === caseId && a.action === 'page.case.read');
    expect(new Set(reads.map((a) => a.principalId))).toEqual(
      new Set(['centre-PAYOKE', 'prosecutor-ANTWERPEN', 'immigration-office', 'immigration-office-2', 'admin']),
    );
    // Every list that showed the case names it (issue 28: lists and the inbox were audited with no case): the
    // centre's search, the office's queries, both officers' inboxes, and the second admin's, where the erasure waited.
    const listed = lines
      .map((l) => JSON.parse(l) as { principalId: string; action: string; caseId: string | null })
      .filter((a) => a.caseId === caseId && a.action.endsWith('.list'));
    expect(new Set(listed.map((a) => `${a.principalId} ${a.action}`))).toEqual(
      new Set([
        'centre-PAYOKE page.case.list',
        'prosecutor-ANTWERPEN page.query.list',
        'immigration-office page.case.list',
        'immigration-office-2 page.case.list',
        'admin-2 page.case.list',
      ]),
    );
    expect(lines.join('\n')).not.toContain(PSEUDONYM);
  });
});

describe('signing in in the reader’s language', () => {
  const { de, nl } = LANGUAGE_PACKS;
  /** The link of the mail that a case's opening sends the Immigration Office: a page of the case. */
  let link: string;
  let fromVisit: number;
  beforeAll(async () => {
    fromVisit = visited.length;
    const opened = await stack.request('POST', '/v1/cases', {
      token: stack.tokens['centre-PAYOKE'],
      body: opening(new Date().toISOString().slice(0, 10), {
        victim: { pseudonym: `${PSEUDONYM}-Sign-In`, dateOfBirth: '1997-05-04', language: 'ro' },
      }),
    });
    const caseId = (opened.body as { caseId: string }).caseId;
    const mail = await waitUntil(
      'the opening mail to the Immigration Office',
      () => stack.smtp.messages.find((m) => (m.text ?? '').includes(`/workspace/cases/${caseId}`)),
      30_000,
      200,
    );
    link = new RegExp(`(http://\\S+/workspace/cases/${caseId})`).exec(mail.text ?? '')![1]!;
  });

  const headingOf = (page: Page) => page.locator('h1').textContent();
  const langOf = (page: Page) => page.locator('html').getAttribute('lang');

  it('a German reader follows a mail’s link: the sign-in page, the provider’s login, then the page asked for', async () => {
    const page = await (await personIn('de-BE')).newPage();
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe('/workspace/sign-in');
    await expect(langOf(page)).resolves.toBe('de');
    await expect(headingOf(page)).resolves.toBe(de.pages.signInTitle);
    const main = await page.locator('main').textContent();
    for (const said of Object.values(de.pages.signInPage)) expect(main).toContain(said);
    await checkAccessible(page, 'sign-in page (de)');
    await shot(page, 'sign-in-de');

    await page.click(`main a.button:has-text("${de.pages.signIn}")`);
    await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
    await expect(langOf(page)).resolves.toBe('de');
    await expect(headingOf(page)).resolves.toBe('Anmeldung');
    await expect(page.locator('label[for=password]').textContent()).resolves.toBe('Passwort');
    await checkAccessible(page, 'provider login (de)');
    await page.fill('input[name=login]', 'immigration-office');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await page.waitForURL(link);
    await expect(langOf(page)).resolves.toBe('de');
    await page.context().close();
  });

  it('cancelling at the provider says so in German and offers to try again, which signs in', async () => {
    const page = await (await personIn('de-BE')).newPage();
    await page.goto(link);
    await toProviderLogin(page);
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/workspace/callback'),
      page.click('button:has-text("Abbrechen")'),
    ]);
    expect(cancelled.status()).toBe(200);
    await expect(langOf(page)).resolves.toBe('de');
    await expect(headingOf(page)).resolves.toBe(de.pages.signInFailed.cancelledTitle);
    await expect(page.locator('main').textContent()).resolves.toContain(de.pages.signInFailed.cancelled);
    await checkAccessible(page, 'sign-in cancelled (de)');

    await page.click(`main a.button:has-text("${de.pages.signInFailed.retry}")`);
    await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
    await expect(headingOf(page)).resolves.toBe('Anmeldung');
    await page.fill('input[name=login]', 'immigration-office');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await page.waitForURL(link);
    await page.context().close();
  });

  it('a reader who switches the sign-in page to Dutch is asked and told in Dutch at every step', async () => {
    const page = await (await personIn('de-BE')).newPage();
    await page.goto(link);
    await page.click('nav.languages a[lang=nl]');
    await expect(headingOf(page)).resolves.toBe(nl.pages.signInTitle);
    await expect(langOf(page)).resolves.toBe('nl');
    // Still on the way back to the mail's page.
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe(new URL(link).pathname);
    await checkAccessible(page, 'sign-in page (nl)');

    await page.click(`main a.button:has-text("${nl.pages.signIn}")`);
    await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
    await expect(langOf(page)).resolves.toBe('nl');
    await expect(headingOf(page)).resolves.toBe('Aanmelden');
    // A name that is no account is asked again, in Dutch.
    await page.fill('input[name=login]', 'nobody');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await expect(page.locator('[role=alert]').textContent()).resolves.toContain('Er bestaat geen account');
    await checkAccessible(page, 'provider login refused (nl)');

    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/workspace/callback'),
      page.click('button:has-text("Annuleren")'),
    ]);
    expect(cancelled.status()).toBe(200);
    await expect(headingOf(page)).resolves.toBe(nl.pages.signInFailed.cancelledTitle);
    await checkAccessible(page, 'sign-in cancelled (nl)');
    await page.click(`main a.button:has-text("${nl.pages.signInFailed.retry}")`);
    await page.fill('input[name=login]', 'immigration-office');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await page.waitForURL(link);
    await expect(langOf(page)).resolves.toBe('nl');
    await page.context().close();
  });

  it('in French: signed in from the link; the header keeps its rows at 1280 px, the values their line on a phone', async () => {
    const { fr } = LANGUAGE_PACKS;
    const page = await (await personIn('fr-BE')).newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(link);
    await expect(headingOf(page)).resolves.toBe(fr.pages.signInTitle);
    await page.click(`main a.button:has-text("${fr.pages.signIn}")`);
    await page.waitForURL((u) => u.href.startsWith(stack.oidc!.issuer));
    await expect(headingOf(page)).resolves.toBe('Connexion');
    await checkAccessible(page, 'provider login (fr)');
    await page.fill('input[name=login]', 'immigration-office-2');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await page.waitForURL(link);

    // The service's name, the languages and the person signed in on one row, the menu on the next (it wrapped).
    const box = async (selector: string) => {
      const b = (await page.locator(selector).boundingBox())!;
      return { top: b.y, bottom: b.y + b.height, middle: b.y + b.height / 2 };
    };
    const name = await box('header .app');
    for (const other of ['header .languages', 'header .sign-out'])
      expect([other, Math.abs((await box(other)).middle - name.middle) < 8]).toEqual([other, true]);
    expect((await box('header nav:not(.languages)')).top).toBeGreaterThanOrEqual(
      (await box('header .sign-out')).bottom,
    );

    // On a phone each label stands above its value, and no value runs off the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const lines = await page.$$eval('main dl div', (rows) =>
      rows.map((row) => {
        const dt = row.children[0]!.getBoundingClientRect();
        const dd = row.children[1]!.getBoundingClientRect();
        return { labelLeft: dt.left, valueLeft: dd.left, valueRight: dd.right, valueBelow: dd.top >= dt.bottom };
      }),
    );
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.valueLeft).toBe(line.labelLeft);
      expect(line.valueBelow).toBe(true);
      expect(line.valueRight).toBeLessThanOrEqual(390);
    }
    await page.context().close();
  });

  it('every page of the sign-in passes axe (WCAG 2.1 AA)', () => {
    const ours = visited.slice(fromVisit);
    expect(ours.length).toBeGreaterThanOrEqual(6);
    expect(ours.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});

describe('forms that say what to fix', () => {
  /** Where this block's pages start among those axe checked (the block above asserts its own). */
  let firstVisited: number;
  beforeAll(() => {
    firstVisited = visited.length;
  });
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  /**
   * What a refused form shows, as a person meets it: the one alert box, whether it has the focus, the page's title,
   * and each of the summary's links with the field it leads to, that field's marking and its own message.
   */
  async function refusedForm(page: Page) {
    const summary = page.locator('.error-summary');
    const links = await summary
      .locator('a')
      .evaluateAll((as) => as.map((a) => ({ target: a.getAttribute('href')!.slice(1), message: a.textContent ?? '' })));
    const fields = await Promise.all(
      links.map(async ({ target }) => ({
        target,
        invalid: await page.locator(`[id="${target}"]`).getAttribute('aria-invalid'),
        // The message at the field, without the word that only screen readers say.
        message: await page.locator(`[id="${target}-error"]`).evaluate((p) =>
          Array.from(p.childNodes)
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent)
            .join(''),
        ),
      })),
    );
    return {
      alerts: await page.locator('[role=alert]').count(),
      focused: await page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false),
      visible: await summary.isVisible(),
      title: await page.title(),
      links,
      fields,
    };
  }

  it('an empty opening form in Dutch: a summary in focus linking to each field, the same message at each', async () => {
    const page = await (await personIn('nl-BE')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases/new`);
    await signInAs(page, 'centre-PAYOKE');
    for (const part of ['', '-month', '-year']) await page.fill(`#f-openedOn${part}`, '');
    await page.click('main button[type=submit]');
    const form = await refusedForm(page);
    const nl = LANGUAGE_PACKS.nl.pages.formErrors;
    expect(form).toMatchObject({ alerts: 1, focused: true, visible: true });
    expect(form.title).toMatch(/^Fout: Dossier openen/);
    expect(form.links).toEqual(
      (
        ['openedOn', 'unaccompaniedMinor', 'pseudonym', 'victimLanguage', 'exploitation', 'caseworkerEmail'] as const
      ).map((f) => ({ target: `f-${f}`, message: nl.missing[f] })),
    );
    expect(form.fields).toEqual(form.links.map((l) => ({ ...l, invalid: 'true' })));
    // A link takes the reader to its field.
    await page.click('.error-summary a >> nth=2');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-pseudonym');
    await checkAccessible(page, 'centre, empty opening');
    await shot(page, 'error-summary-dutch');

    // An e-mail address without @: its own message; what was typed stays.
    await page.check('input[name=unaccompaniedMinor][value=false]');
    await fillDate(page, 'openedOn', new Date().toISOString().slice(0, 10));
    await page.fill('#f-pseudonym', `${PSEUDONYM}-Forms`);
    await page.selectOption('#f-victimLanguage', 'ro');
    await page.selectOption('#f-exploitation', 'begging');
    await page.fill('#f-caseworkerEmail', 'caseworker.payoke.example.org');
    await page.click('main button[type=submit]');
    const email = await refusedForm(page);
    expect(email.links).toEqual([{ target: 'f-caseworkerEmail', message: nl.email }]);
    expect(email.fields).toEqual([{ target: 'f-caseworkerEmail', message: nl.email, invalid: 'true' }]);
    expect(email.focused).toBe(true);
    await expect(page.inputValue('#f-pseudonym')).resolves.toBe(`${PSEUDONYM}-Forms`);
    await expect(page.locator('#f-victimLanguage option:checked').textContent()).resolves.toBe('Roemeens');
    await checkAccessible(page, 'centre, e-mail without @');

    // Left empty, the date of birth marked optional is accepted.
    await page.fill('#f-caseworkerEmail', 'caseworker@payoke.example.org');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/workspace\/cases\/case-[0-9a-f-]{36}\?recorded=1$/);
    const formsCase = page.url().replace(/\?.*$/, '');

    // A complaint dated before the opening: the case's rule names and marks the date.
    await page.goto(`${formsCase}/report/complaint-filed`);
    await fillDate(page, 'on', yesterday);
    await page.selectOption('#f-kind', 'statement');
    await page.selectOption('#f-prosecutorOffice', 'ANTWERPEN');
    await page.click('main button[type=submit]');
    const early = await refusedForm(page);
    expect(early).toMatchObject({ alerts: 1, focused: true });
    expect(early.title).toMatch(/^Fout: /);
    expect(early.links.map((l) => l.target)).toEqual(['f-on']);
    expect(early.links[0]!.message).toMatch(/^De datum/);
    expect(early.fields).toEqual([{ ...early.links[0], invalid: 'true' }]);
    await expect(page.inputValue('#f-on')).resolves.toBe(String(Number(yesterday.slice(8))));
    await checkAccessible(page, 'centre, complaint before the opening');
    await page.context().close();
  });

  it('in German: 31 February, a language not chosen, and a guardian without e-mail address get their own messages', async () => {
    const page = await (await personIn('de-BE')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases/new`);
    await signInAs(page, 'centre-PAYOKE');
    // Optional fields say so; a field only some answers need says which.
    await expect(page.locator('label[for=f-dateOfBirth], legend').allTextContents()).resolves.toContain(
      `Geburtsdatum (${LANGUAGE_PACKS.de.pages.openCase.optional})`,
    );
    await expect(page.locator('label[for=f-guardianName]').textContent()).resolves.toBe(
      `Name des Vormunds (${LANGUAGE_PACKS.de.pages.formErrors.conditions.guardian})`,
    );
    await fillDate(page, 'openedOn', `${new Date().getUTCFullYear()}-02-31`);
    await page.check('input[name=unaccompaniedMinor][value=false]');
    await page.fill('#f-pseudonym', `${PSEUDONYM}-Formulare`);
    await page.fill('#f-caseworkerEmail', 'begleitung@payoke.example.org');
    await page.fill('#f-guardianName', 'Vormund');
    await page.click('main button[type=submit]');
    const form = await refusedForm(page);
    const de = LANGUAGE_PACKS.de.pages;
    expect(form).toMatchObject({ alerts: 1, focused: true, visible: true });
    expect(form.title).toMatch(/^Fehler: /);
    expect(form.links).toEqual([
      { target: 'f-openedOn', message: de.formErrors.impossibleDate(de.fields.openedOn) },
      { target: 'f-victimLanguage', message: de.formErrors.missing.victimLanguage },
      { target: 'f-exploitation', message: de.formErrors.missing.exploitation },
      { target: 'f-guardianEmail', message: de.formErrors.missing.guardianEmail },
    ]);
    expect(form.fields).toEqual(form.links.map((l) => ({ ...l, invalid: 'true' })));
    // The day, month and year typed are shown again as typed.
    await expect(page.inputValue('#f-openedOn')).resolves.toBe('31');
    await expect(page.inputValue('#f-openedOn-month')).resolves.toBe('2');
    await checkAccessible(page, 'centre, German opening');
    await page.context().close();
  });

  it('every refused form visited passes axe (WCAG 2.1 AA) with no violation', () => {
    const mine = visited.slice(firstVisited);
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(mine.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});

describe('a way forward for what still waits on a file', () => {
  it('residence of unlimited duration granted without identity proof: the centre finds the proof to record, in Dutch, and records it', async () => {
    const today = dateAt(Date.now());
    const as = (who: string, method: string, path: string, body?: unknown) =>
      stack.request(method, path, { token: stack.tokens[who], ...(body ? { body } : {}) });
    const opened = await as(
      'centre-PAYOKE',
      'POST',
      '/v1/cases',
      opening(today, { victim: { pseudonym: `${PSEUDONYM}-B-Card`, language: 'ro' } }),
    );
    const caseId = (opened.body as { caseId: string }).caseId;
    const event = async (who: string, body: Record<string, unknown>) =>
      expect((await as(who, 'POST', `/v1/cases/${caseId}/events`, { on: today, ...body })).status).toBe(200);
    await event('centre-PAYOKE', { type: 'complaint-filed', kind: 'complaint', prosecutorOffice: 'ANTWERPEN' });
    const queried = await as('immigration-office', 'GET', `/v1/cases/${caseId}`);
    const queryId = (queried.body as { prosecutorQuery: { queryId: string } }).prosecutorQuery.queryId;
    const yes = { consideredVictim: true, proceedingsOngoing: true, cooperating: true, tiesSevered: true };
    expect((await as('prosecutor-ANTWERPEN', 'POST', `/v1/prosecutor/queries/${queryId}/answer`, yes)).status).toBe(
      200,
    );
    await event('prosecutor-ANTWERPEN', { type: 'trafficking-retained-in-charges', statementsSignificant: true });
    await event('immigration-office', { type: 'permanent-residence-decided', grant: true });

    const nl = LANGUAGE_PACKS.nl.pages;
    const page = await (await personIn('nl-BE')).newPage();
    await page.goto(`${stack.apiUrl}/workspace/cases/${caseId}`);
    await signInAs(page, 'centre-PAYOKE');
    const waiting = page.locator('section', { has: page.locator('h2#open-tasks') });
    await expect(waiting.innerText()).resolves.toContain(nl.tasks['identity-proof']);
    await expect(page.locator('main').innerText()).resolves.toContain(nl.case.closedWithTasks);
    await checkAccessible(page, 'centre');
    await shot(page, 'identity-proof-way-forward');
    await waiting.getByRole('link', { name: nl.events['identity-documented'] }).click();
    await page.selectOption('#f-documentKind', 'passport');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\?recorded=1$/);
    await expect(page.locator('h2#open-tasks').count()).resolves.toBe(0);
    await expect(page.locator('section', { has: page.locator('h2#history') }).innerText()).resolves.toContain(
      `${nl.events['identity-documented']}`,
    );
    await checkAccessible(page, 'centre');
    await page.context().close();
  });
});

describe('plain words', () => {
  it('no page any person visited shows a code of the schemas or a date written as a code', () => {
    expect(visited.length).toBeGreaterThan(20);
    expect(visited.filter((v) => v.codes.length > 0).map(({ who, url, codes }) => ({ who, url, codes }))).toEqual([]);
  });
});
