/**
 * Issue 29.2-3: a refused form says what to fix. One error summary at the top, linking to each field; at each field
 * the same specific message, in the reader's language, never a code or zod's own words; a case rule's refusal marks
 * its field; optional fields accepted empty; dates as day, month and year.
 */
import { z } from 'zod';
import { refusalProblem } from '../../src/cases/problems';
import { LANGUAGES } from '../../src/domain/codes';
import { refuse } from '../../src/domain/refusals';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { caseOpeningSchema } from '../../src/domain/schemas/case';
import { CASE_EVENT_TYPES, caseEventSchema, type CaseEventType } from '../../src/domain/schemas/events';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { FORM_FIELDS } from '../../src/i18n/vocabulary';
import { dateEntry, impossibleDate, partsOfIso } from '../../src/workspace/date-input';
import { eventFields, formsOpenTo } from '../../src/workspace/event-forms';
import type { Principal } from '../../src/identity/principals';
import { problemOf, problemWords } from '../../src/workspace/field-errors';
import { fromForm, type FieldSpec } from '../../src/workspace/form-fields';
import type { WorkspaceDeps } from '../../src/workspace/deps';
import { Browser, useSessionRecords, workspaceInProcess } from '../support/workspace-in-process';

const CASE_ID = 'case-3f1b3a52-6a0c-4f5e-9d0b-1c2d3e4f5a6b';
const text = (name: FieldSpec['name'], optional = false): FieldSpec => ({ name, kind: 'text', options: [], optional });
const date = (name: FieldSpec['name']): FieldSpec => ({ name, kind: 'date', options: [], optional: false });

/** The first issue zod finds in `value` against `schema`. */
const issueOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues[0]!;

describe('what a refused field says', () => {
  const en = LANGUAGE_PACKS.en;
  it.each([
    ['an empty required field', z.string().min(1), text('pseudonym'), {}, 'Enter a pseudonym for the person'],
    [
      'a yes or no not chosen',
      z.boolean(),
      { ...text('unaccompaniedMinor'), kind: 'boolean' as const },
      {},
      'Select whether the person is an unaccompanied minor',
    ],
    [
      'an e-mail address without @',
      z.email(),
      text('caseworkerEmail'),
      { caseworkerEmail: 'payoke.example.org' },
      'Enter an e-mail address like name@example.org',
    ],
    [
      'a value not among the choices',
      z.enum(['nl', 'fr']),
      { ...text('guardianLanguage'), kind: 'choice' as const },
      { guardianLanguage: 'Roemeens' },
      'Language of the guardian: select one of the list',
    ],
    [
      'a text too long',
      z.string().max(200),
      text('guardianName'),
      { guardianName: 'x'.repeat(201) },
      'Name of the guardian: enter at most 200 characters',
    ],
    [
      'a date with a part missing',
      z.iso.date(),
      date('on'),
      { 'on-day': '3', 'on-year': '2026' },
      'Date: enter the day, the month and the year in numbers, for example 27 3 2026',
    ],
    [
      'a day the calendar does not have',
      z.iso.date(),
      date('on'),
      { 'on-day': '31', 'on-month': '2', 'on-year': '2026' },
      'Date: this day does not exist; check the day and the month',
    ],
  ])('%s', (_what, schema, spec, body, expected) => {
    const value = fromForm([spec], body)[spec.name] ?? (body as Record<string, string>)[spec.name];
    const issue = issueOf(schema, value);
    expect(problemWords(en, spec, problemOf(issue, spec, body))).toBe(expected);
  });

  it('reads a file number refused by its pattern as such, and a field a refinement requires as missing', () => {
    const opening = caseOpeningSchema.safeParse({ references: { prosecutorFile: '#12' } }).error!.issues;
    const file = opening.find((i) => i.path.join('.') === 'references.prosecutorFile')!;
    expect(
      problemWords(
        en,
        text('prosecutorFile', true),
        problemOf(file, text('prosecutorFile', true), { prosecutorFile: '#12' }),
      ),
    ).toBe('File number at the prosecutor’s office: use only letters, digits, spaces and . / _ -');
    const decision = caseEventSchema.safeParse({ type: 'withdrawal-decided', on: '2026-03-02', withdraw: true });
    const ground = decision.error!.issues.find((i) => i.path[0] === 'ground')!;
    const spec = { ...text('ground', true), kind: 'choice' as const };
    expect(problemWords(en, spec, problemOf(ground, spec, {}))).toBe('Select the ground the withdrawal rests on');
  });

  it.each(LANGUAGES)('%s words every field left empty, and every other problem, in its own words', (lang) => {
    const w = LANGUAGE_PACKS[lang].pages.formErrors;
    const sentences = [
      ...FORM_FIELDS.map((f) => w.missing[f]),
      w.email,
      w.date('X'),
      w.impossibleDate('X'),
      w.choice('X'),
      w.tooLong('X', 200),
      w.fileReference('X'),
      w.invalid('X'),
      w.guardianForMinorsOnly,
      w.ageDetermination,
    ];
    for (const s of sentences) expect(s.trim()).not.toBe('');
    // No field's code name, no zod word, no ISO date reaches a person.
    const codeNames = FORM_FIELDS.filter((f) => /[A-Z]/.test(f));
    const codes = new RegExp(`\\b(${codeNames.join('|')}|invalid_\\w+|Invalid input|expected \\w+)\\b`);
    for (const s of sentences) expect(s).not.toMatch(codes);
    for (const s of sentences) expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    if (lang !== 'en') expect(w.missing).not.toEqual(LANGUAGE_PACKS.en.pages.formErrors.missing);
  });
});

describe('dates entered as day, month and year', () => {
  it('combines the three fields into the ISO date the schema validates, and back', () => {
    expect(dateEntry({ day: '7', month: '3', year: '2026' })).toEqual({ kind: 'numbers', iso: '2026-03-07' });
    expect(dateEntry({ day: '', month: '', year: '' })).toEqual({ kind: 'empty' });
    expect(dateEntry({ day: '7', month: 'maart', year: '2026' }).kind).toBe('unreadable');
    expect(dateEntry({ day: '7', month: '3', year: '26' }).kind).toBe('unreadable');
    expect(partsOfIso('2026-03-07')).toEqual({ day: '7', month: '3', year: '2026' });
  });

  it('tells a day the calendar does not have from a date it has', () => {
    expect(impossibleDate({ day: '31', month: '2', year: '2026' })).toBe(true);
    expect(impossibleDate({ day: '29', month: '2', year: '2025' })).toBe(true);
    expect(impossibleDate({ day: '1', month: '13', year: '2026' })).toBe(true);
    expect(impossibleDate({ day: '29', month: '2', year: '2028' })).toBe(false);
  });
});

/** A case in the 6-month permit stage with a withdrawal review of two grounds. */
const STATUS = {
  caseId: CASE_ID,
  centre: 'PAYOKE',
  openedOn: '2026-01-05',
  unaccompaniedMinor: false,
  stage: 'IDENTIFIED_VICTIM',
  outcome: null,
  withdrawalReview: {
    grounds: [
      { ground: 'support-declined', reportedOn: '2026-03-01', by: 'centre', reportedById: 'centre-PAYOKE' },
      { ground: 'cooperation-ended', reportedOn: '2026-03-02', by: 'prosecutor', reportedById: 'pk' },
    ],
    decideBy: '2026-04-01',
    identificationPending: false,
  },
} as unknown as CaseStatus;

describe('forms a person may send, and only those', () => {
  it('offers the decision on the withdrawal to an officer who reported none of its grounds only (four eyes)', () => {
    const reporter = { id: 'dvz-1', role: 'immigration-office' } as Principal;
    const other = { id: 'dvz-2', role: 'immigration-office' } as Principal;
    const review = STATUS.withdrawalReview!;
    const reported = {
      ...STATUS,
      withdrawalReview: {
        ...review,
        grounds: [{ ...review.grounds[1]!, by: 'immigration-office', reportedById: 'dvz-1' }],
      },
    } as CaseStatus;
    expect(formsOpenTo(other, reported, [])).toContain('withdrawal-decided');
    expect(formsOpenTo(reporter, reported, [])).not.toContain('withdrawal-decided');
    expect(formsOpenTo(reporter, reported, [])).toContain('document-issued');
  });
});

describe('every form tells required and optional truthfully', () => {
  /** The smallest body each event accepts, to leave one field out of. */
  const filled: Record<string, unknown> = {
    on: '2026-03-02',
    kind: 'complaint',
    prosecutorOffice: 'ANTWERPEN',
    document: 'A_CARD',
    issuedOn: '2026-03-02',
    validUntil: '2026-09-02',
    finding: 'fraudulent',
    withdraw: false,
    documentKind: 'passport',
    offence: 'trafficking',
    appealed: false,
    statementsSignificant: true,
    grant: true,
    reason: 'other',
    status: 'refugee',
    adult: true,
  };
  it.each(CASE_EVENT_TYPES)('%s: a field the page calls optional is accepted empty', (type: CaseEventType) => {
    const fields = eventFields(type, STATUS);
    const body = Object.fromEntries(fields.flatMap((f) => (f.name in filled ? [[f.name, filled[f.name]]] : [])));
    expect(caseEventSchema.safeParse({ type, ...body }).error?.issues ?? []).toEqual([]);
    for (const f of fields.filter((f) => f.optional && !f.condition)) {
      const { [f.name]: _left, ...without } = body;
      const refused = caseEventSchema.safeParse({ type, ...without }).error?.issues ?? [];
      expect(refused.filter((i) => i.path[0] === f.name)).toEqual([]);
    }
  });

  it('calls the withdrawal ground and the refusal reason required with the answer that needs them, never optional', () => {
    const [ground] = eventFields('withdrawal-decided', STATUS).filter((f) => f.name === 'ground');
    expect(ground).toMatchObject({ condition: 'whenWithdrawn' });
    const [reason] = eventFields('permanent-residence-decided', STATUS).filter((f) => f.name === 'reason');
    expect(reason).toMatchObject({ condition: 'whenRefused' });
    const [offence] = eventFields('conviction', STATUS).filter((f) => f.name === 'offence');
    expect(offence).toMatchObject({ optional: false });
  });

  it('offers only the grounds under review, and the document of the stage', () => {
    const ground = eventFields('withdrawal-decided', STATUS).find((f) => f.name === 'ground')!;
    expect(ground.options).toEqual(['support-declined', 'cooperation-ended']);
    expect(eventFields('document-issued', STATUS).find((f) => f.name === 'document')!.options).toEqual(['A_CARD']);
    const reflection = { ...STATUS, stage: 'REFLECTION', withdrawalReview: null } as CaseStatus;
    expect(eventFields('document-issued', reflection).find((f) => f.name === 'document')!.options).toEqual([
      'ANNEX_15',
    ]);
    expect(eventFields('withdrawal-decided', reflection).find((f) => f.name === 'ground')!.options).toEqual([]);
  });
});

/** The error summary of a page, its links, the page's title, and each field's message and marking. */
function readForm(html: string) {
  const title = /<title>([^<]*)<\/title>/.exec(html)![1]!;
  const alerts = html.match(/role="alert"/g) ?? [];
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  const links = [...(summary?.[1] ?? '').matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => ({
    target: m[1]!,
    message: m[2]!,
  }));
  /** The element of an id, and the message tied to it by its error id. */
  const field = (id: string) => ({
    invalid: new RegExp(`id="${id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${id}"`).test(html),
    message: new RegExp(
      `<p id="${id.replace(/-(month|year)$/, '')}-error" class="field-error"><span[^>]*>[^<]*</span>([^<]*)</p>`,
    ).exec(html)?.[1],
  });
  return { title, alerts: alerts.length, summary: summary?.[0] ?? '', links, field };
}

describe('the forms of the workspace, refused', () => {
  const sessions = useSessionRecords();
  let recorded: () => Promise<unknown>;
  beforeEach(() => {
    recorded = () => Promise.resolve(STATUS);
  });

  async function signedIn(id: string, role: 'centre' | 'immigration-office', lang: string): Promise<Browser> {
    const gateway = {
      indexedAccess: () =>
        Promise.resolve({ centre: 'PAYOKE', prosecutorOffices: [], running: true, outcome: undefined }),
      status: () => Promise.resolve(STATUS),
      record: () => recorded(),
    } as unknown as WorkspaceDeps['gateway'];
    const { app } = workspaceInProcess(
      sessions.records,
      { now: Date.now() },
      [role === 'centre' ? { oidcSubject: id, id, role, centre: 'PAYOKE' } : { oidcSubject: id, id, role }],
      { gateway },
    );
    const browser = new Browser(app);
    await browser.signIn(id);
    await browser.get(`/workspace?lang=${lang}`);
    return browser;
  }

  /** Sends a form as its page does: with the page's token and key. */
  async function send(browser: Browser, path: string, action: string, form: Record<string, string>) {
    const page = (await browser.get(path)).text;
    const hidden = Object.fromEntries(
      [...page.matchAll(/<input type="hidden" name="(_csrf|_key)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    return browser.post(action, { ...hidden, ...form });
  }

  it('an empty opening form in Dutch: one summary, focused, linking to each required field with its own message', async () => {
    const centre = await signedIn('centre-PAYOKE', 'centre', 'nl');
    const res = await send(centre, '/workspace/cases/new', '/workspace/cases/new', {
      'openedOn-day': '',
      'openedOn-month': '',
      'openedOn-year': '',
    });
    expect(res.status).toBe(400);
    const page = readForm(res.text);
    const nl = LANGUAGE_PACKS.nl.pages.formErrors;
    expect(page.title).toMatch(/^Fout: /);
    expect(page.alerts).toBe(1);
    expect(page.summary).toMatch(/tabindex="-1"/);
    expect(page.summary).toMatch(/autofocus/);
    expect(page.links.map((l) => l.target)).toEqual([
      'f-openedOn',
      'f-unaccompaniedMinor',
      'f-pseudonym',
      'f-victimLanguage',
      'f-exploitation',
      'f-caseworkerEmail',
    ]);
    expect(page.links[0]!.message).toBe(nl.missing.openedOn);
    for (const link of page.links) expect(page.field(link.target)).toEqual({ invalid: true, message: link.message });
    // What was left empty and is optional is not marked.
    expect(page.field('f-dateOfBirth').invalid).toBe(false);
    // Still the opening's page, though sent to the list's address: its menu item, its language links.
    expect(res.text).toContain('<a href="/workspace/cases/new" aria-current="page">');
    expect(res.text).toContain('href="/workspace/cases/new?lang=fr"');
  });

  it('an e-mail address without @, a language typed in, and 31 February each get their own message', async () => {
    const centre = await signedIn('centre-PAYOKE', 'centre', 'en');
    const res = await send(centre, '/workspace/cases/new', '/workspace/cases/new', {
      'openedOn-day': '31',
      'openedOn-month': '2',
      'openedOn-year': '2026',
      unaccompaniedMinor: 'false',
      pseudonym: 'P',
      victimLanguage: 'Romanian',
      exploitation: 'labour',
      caseworkerEmail: 'caseworker.payoke.example.org',
    });
    const page = readForm(res.text);
    const en = LANGUAGE_PACKS.en.pages;
    expect(page.title).toMatch(/^Error: /);
    expect(page.links).toEqual([
      { target: 'f-openedOn', message: en.formErrors.impossibleDate(en.fields.openedOn) },
      { target: 'f-victimLanguage', message: en.formErrors.choice(en.fields.victimLanguage) },
      { target: 'f-caseworkerEmail', message: en.formErrors.email },
    ]);
    // What was typed is shown again.
    expect(res.text).toMatch(/id="f-openedOn"[^>]*value="31"/);
    expect(res.text).toContain('value="caseworker.payoke.example.org"');
  });

  it('a refused opening shows one box, which names and marks the field the rule is about', async () => {
    const centre = await signedIn('centre-PAYOKE', 'centre', 'fr');
    const res = await send(centre, '/workspace/cases/new', '/workspace/cases/new', {
      'openedOn-day': '1',
      'openedOn-month': '1',
      'openedOn-year': String(new Date().getUTCFullYear() + 1),
      unaccompaniedMinor: 'false',
      pseudonym: 'P',
      victimLanguage: 'ro',
      exploitation: 'labour',
      caseworkerEmail: 'caseworker@payoke.example.org',
    });
    expect(res.status).toBe(400);
    const page = readForm(res.text);
    expect(page.alerts).toBe(1);
    expect(page.title).toMatch(/^Erreur : /);
    expect(page.links.map((l) => l.target)).toEqual(['f-openedOn']);
    expect(page.field('f-openedOn')).toEqual({ invalid: true, message: page.links[0]!.message });
    expect(page.links[0]!.message).toMatch(/^L/);
  });

  it('an event dated before the opening marks its date; the decision offers only the grounds under review', async () => {
    const officer = await signedIn('immigration-office', 'immigration-office', 'de');
    const form = await officer.get(`/workspace/cases/${CASE_ID}/report/withdrawal-decided`);
    const options = [...form.text.matchAll(/<option value(?:="([^"]*)")?>/g)].map((m) => m[1] ?? '');
    expect(options).toEqual(['', 'support-declined', 'cooperation-ended']);
    expect(form.text).not.toMatch(/Grund des Entzugs \(optional\)/);
    expect(form.text).toContain(LANGUAGE_PACKS.de.pages.formErrors.conditions.whenWithdrawn);

    recorded = () =>
      Promise.reject(
        refusalProblem(
          'eventNotApplicable',
          refuse('date-before-opening', { date: '2026-01-01', openedOn: '2026-01-05' }),
        ),
      );
    const res = await send(
      officer,
      `/workspace/cases/${CASE_ID}/report/withdrawal-decided`,
      `/workspace/cases/${CASE_ID}/report/withdrawal-decided`,
      {
        'on-day': '1',
        'on-month': '1',
        'on-year': '2026',
        withdraw: 'false',
      },
    );
    expect(res.status).toBe(409);
    const page = readForm(res.text);
    expect(page.title).toMatch(/^Fehler: /);
    expect(page.alerts).toBe(1);
    expect(page.links.map((l) => l.target)).toEqual(['f-on']);
    expect(page.field('f-on')).toEqual({ invalid: true, message: page.links[0]!.message });
  });

  it('a refusal of the case as a whole is said in the summary, with no field marked', async () => {
    const officer = await signedIn('immigration-office', 'immigration-office', 'en');
    recorded = () =>
      Promise.reject(refusalProblem('eventNotApplicable', refuse('four-eyes', { ground: 'support-declined' })));
    const path = `/workspace/cases/${CASE_ID}/report/withdrawal-decided`;
    const res = await send(officer, path, path, {
      'on-day': '2',
      'on-month': '3',
      'on-year': '2026',
      withdraw: 'false',
    });
    const page = readForm(res.text);
    expect(page.alerts).toBe(1);
    expect(page.links).toEqual([]);
    expect(page.summary).toContain('another person than the one who reported');
    expect(res.text).not.toContain('aria-invalid');
  });
});
