import { LANGUAGES } from '../../src/domain/codes';
import { NOTICE_KINDS, type Notice, type NoticeKind } from '../../src/domain/notices';
import { allDayEventIcs } from '../../src/mail/compose/ics';
import { idAtom, noticeEventUid, noticeMessageId } from '../../src/mail/compose/message-id';
import { escapeHtml, render } from '../../src/mail/compose/render';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { codeWordsIn } from '../support/code-words';
import { forbiddenWordsIn } from '../support/forbidden-words';

const BASE = 'https://cases.example.org';

/** Every fact a template may show, with the codes most likely to leak a forbidden word. */
const ALL_FACTS = {
  centre: 'PAYOKE',
  stage: 'IDENTIFIED_VICTIM',
  documentType: 'A_CARD',
  renewal: '2',
  documentValidUntil: '2027-03-31',
  minor: true,
  deadline: 'PROSECUTOR_REPLY_DUE',
  outcome: 'PROCEEDINGS_ENDED',
  detail: 'trafficking-retained-in-charges',
  ground: 'contact-with-exploiters',
  office: 'LIEGE',
  queryId: 'case-7f3k-q2',
  renewalAvailable: false,
  identityProofMissing: true,
  humanitarianCandidate: true,
  noticeKind: 'status-query',
  recipients: 'caseworker, prosecutor:LIEGE, undelivered-after-retries',
};

function notice(kind: NoticeKind, overrides: Partial<Notice> = {}): Notice {
  return {
    key: `case-7f3k/${kind}/2027-01-07`,
    kind,
    caseId: 'case-7f3k',
    centre: 'PAYOKE',
    recipients: [],
    due: '2027-01-07',
    facts: ALL_FACTS,
    ...overrides,
  };
}

const DUE_IN = {
  nl: 'donderdag 7 januari 2027',
  fr: 'jeudi 7 janvier 2027',
  de: 'Donnerstag, 7. Januar 2027',
  en: 'Thursday, 7 January 2027',
} as const satisfies Record<(typeof LANGUAGES)[number], string>;

describe.each(LANGUAGES)('templates in %s', (language) => {
  it.each(NOTICE_KINDS)('%s renders every part, with the due date, in neutral words', (kind) => {
    const mail = render(notice(kind), language, { publicBaseUrl: BASE });

    expect(mail.subject).toContain('case-7f3k');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('case-7f3k');
      expect(part).toContain(DUE_IN[language]);
      // Plain words only: no code of the schemas, no ISO date (issue 29).
      expect(codeWordsIn(part.replace(/<[^>]*>/g, ' '))).toEqual([]);
    }
    // A query's mail links to the query itself, not to a list it could be missing from.
    const link = kind.startsWith('status-query')
      ? `${BASE}/workspace/queries/case-7f3k-q2`
      : `${BASE}/workspace/cases/case-7f3k`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.ics).toContain('DTSTART;VALUE=DATE:20270107');

    const everything = [mail.subject, mail.text, mail.html, mail.ics ?? ''].join('\n');
    expect(forbiddenWordsIn(everything)).toEqual([]);
    expect(everything).not.toMatch(
      /IDENTIFIED_VICTIM|contact-with-exploiters|undefined|\[object|see the application|voir l’application|zie de toepassing|siehe Anwendung/,
    );
  });

  it('says whether proof of identity is still missing', () => {
    const missing = render(notice('permanent-residence-granted'), language, { publicBaseUrl: BASE }).text;
    const provided = render(
      notice('permanent-residence-granted', { facts: { identityProofMissing: false } }),
      language,
      {
        publicBaseUrl: BASE,
      },
    ).text;
    expect(missing).not.toEqual(provided);
    expect(missing).toMatch(/passport|passeport|paspoort|Reisepass/i);
    expect(provided).not.toMatch(/passport|passeport|paspoort|Reisepass/i);
  });
});

/** Every text of a pack, by path; a text that depends on the facts is taken both ways, a recipient's with a code. */
function textsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    if (path.startsWith('.recipients.')) return [[path, (value as (code: string) => string)('CODE')]];
    if (path === '.pages.case.escalatedTo') return [[path, (value as (code: string) => string)('CA-LIEGE')]];
    const text = value as (facts: Record<string, boolean>) => string;
    return [true, false].map((missing): [string, string] => [
      `${path}(${missing})`,
      text({ identityProofMissing: missing }),
    ]);
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => textsOf(v, `${path}.${k}`));
  return [];
}

/** English words that no German sentence of ours uses (event codes and links stripped first). */
const ENGLISH_WORDS =
  /\b(the|and|please|your|of|is|has|been|was|file|residence|reminder|request|notice|recipient|stage|deadline|centre|proof|granted|closed|expires?|answer|by)\b/i;
const withoutCodesAndLinks = (text: string) =>
  text.replace(/https?:\/\/\S+/g, '').replace(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g, '');

describe('German (de-BE)', () => {
  it('has the same keys as the English pack, and translates every text', () => {
    const en = new Map(textsOf(LANGUAGE_PACKS.en));
    const de = new Map(textsOf(LANGUAGE_PACKS.de));
    expect([...de.keys()].sort()).toEqual([...en.keys()].sort());
    // Words German shares with English: a separator, a dash, "Pseudonym".
    const SAME_IN_BOTH = new Set([
      '.words.labelSeparator',
      '.pages.cases.none',
      '.pages.cases.pseudonym',
      '.pages.fields.pseudonym',
    ]);
    const untranslated = [...de].filter(([path, text]) => text === en.get(path) && !SAME_IN_BOTH.has(path));
    expect(untranslated).toEqual([]);
    // Three questions of the workspace's forms are about exactly this: the opening's form of exploitation,
    // the status query's "still considered a victim?" and a conviction's offence. They show inside the signed-in
    // page only, as do the messages that ask for them when they are left empty.
    const asked = (path: string) =>
      ['exploitation', 'consideredVictim'].some((f) =>
        [`.pages.fields.${f}`, `.pages.formErrors.missing.${f}`].includes(path),
      ) ||
      path.startsWith('.pages.choices.exploitation.') ||
      path.startsWith('.pages.choices.offence.');
    for (const [path, text] of de) if (!asked(path)) expect([path, forbiddenWordsIn(text)]).toEqual([path, []]);
    expect(LANGUAGE_PACKS.de.locale).toBe('de-BE');
  });

  it.each(NOTICE_KINDS)('%s reads in German, with no English left', (kind) => {
    const mail = render(notice(kind), 'de', { publicBaseUrl: BASE });
    expect(mail.html).toContain('<html lang="de-BE">');
    expect(mail.text).toMatch(/^Guten Tag,\n/);
    expect(mail.text).toContain('Aktenzeichen: case-7f3k');
    const words = withoutCodesAndLinks(`${mail.subject}\n${mail.text}`);
    expect(words.match(ENGLISH_WORDS)).toBeNull();
    // Nothing a third party may glimpse names the procedure: the subject speaks of a residence file, if of anything.
    expect(mail.subject).not.toMatch(/Menschen|Opfer|Ausbeut/i);
  });

  it('names the file an Aufenthaltsakte and the actors as Belgian German does', () => {
    const subjects = Object.values(LANGUAGE_PACKS.de.kinds).map((kind) => kind.subject);
    expect(subjects.filter((s) => s.includes('Aufenthaltsakte')).length).toBeGreaterThan(5);
    const all = textsOf(LANGUAGE_PACKS.de)
      .map(([, text]) => text)
      .join('\n');
    for (const term of [
      'Ausländeramt',
      'Generalprokurator',
      'Staatsanwaltschaft',
      'Bedenkzeit',
      'Anlage 15',
      'A-Karte',
      'B-Karte',
      'Statusanfrage',
      'unbegleiteter minderjähriger Ausländer',
      'Vormund',
    ]) {
      expect(all.toLowerCase()).toContain(term.toLowerCase());
    }
    // Germany's words, not Belgium's.
    expect(all).not.toMatch(/Staatsanwalt\b|Generalstaatsanwalt|Ausländerbehörde|Aufenthaltstitel/);
  });

  it("shows the workflow's facts in German words", () => {
    const { text } = render(notice('case-closed'), 'de', { publicBaseUrl: BASE });
    for (const line of [
      'Zentrum: Payoke',
      'Phase: Phase 3, Aufenthalt von sechs Monaten',
      'Dokument: Bescheinigung der Eintragung im Ausländerregister (A-Karte, 6 Monate)',
      'Nummer der Verlängerung: 2',
      'Aktuelles Dokument gültig bis: Mittwoch, 31. März 2027',
      'Unbegleiteter minderjähriger Ausländer: ja',
      'Frist: Antwort der Staatsanwaltschaft auf die Statusanfrage',
      'Ausgang: Gerichtsverfahren beendet',
      'Grund: Straftat in der Anklage beibehalten',
      'Angefragte Stelle: die Staatsanwaltschaft Lüttich',
      'Referenz der Statusanfrage: case-7f3k-q2',
      'Einmalige Verlängerung des Dokuments von drei Monaten noch möglich: nein',
      'Identitätsnachweis: noch vorzulegen',
      'Mitteilung: Statusanfrage zu einer Aufenthaltsakte',
      'Empfänger: der für die Akte zuständige Sozialarbeiter, die Staatsanwaltschaft Lüttich, ein Empfänger, den der Mailserver nach mehreren Versuchen nicht erreichen konnte',
    ]) {
      expect(text).toContain(`- ${line}\n`);
    }
    expect(text).toContain('Abgeschlossen am: Donnerstag, 7. Januar 2027');
    const unknown = render(notice('stage-changed', { facts: { stage: 'HUMAN_TRAFFICKING_STAGE' } }), 'de', {
      publicBaseUrl: BASE,
    }).text;
    expect(unknown).toContain('- Phase: siehe Anwendung\n');
  });
});

describe('render', () => {
  it('uses the language asked for', () => {
    const subjects = LANGUAGES.map((l) => render(notice('status-query'), l, { publicBaseUrl: BASE }).subject);
    expect(subjects).toEqual([
      'Statusaanvraag over een verblijfsdossier [case-7f3k]',
      'Demande de statut concernant un dossier de séjour [case-7f3k]',
      'Statusanfrage zu einer Aufenthaltsakte [case-7f3k]',
      'Status request on a residence file [case-7f3k]',
    ]);
  });

  it('escapes every value in the HTML part', () => {
    const hostile = '<script>alert("x")</script>&';
    const mail = render(notice('case-closed', { caseId: hostile }), 'en', { publicBaseUrl: BASE });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(escapeHtml(hostile));
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(mail.text).toContain(`${BASE}/workspace/cases/${encodeURIComponent(hostile)}`);
  });

  it("shows the workflow's facts in words", () => {
    const { text } = render(notice('case-closed'), 'en', { publicBaseUrl: BASE });
    for (const line of [
      'Centre: Payoke',
      'Stage: stage 3, six-month residence',
      'Renewal number: 2',
      'Current document valid until: Wednesday, 31 March 2027',
      'Unaccompanied minor: yes',
      "Deadline: answer of the prosecutor's office to the status request",
      'Outcome: judicial proceedings ended',
      'Reason: offence retained in the charges',
      'Reported ground: contact renewed, on the person’s own initiative, with the presumed perpetrators',
      'Status request reference: case-7f3k-q2',
      'One renewal of the three-month document still available: no',
      'Notice: Status request on a residence file',
      "Recipient: the file's social worker, the prosecutor's office of Liège, a recipient the mail relay could not reach after several attempts",
    ]) {
      expect(text).toContain(`- ${line}\n`);
    }
    const unknownYet = render(notice('case-opened', { facts: { documentType: '', minor: false } }), 'en', {
      publicBaseUrl: BASE,
    }).text;
    expect(unknownYet).not.toContain('Document:');
    expect(unknownYet).toContain('- Unaccompanied minor: no');
  });

  it('never echoes an unknown code or an unknown fact', () => {
    const mail = render(
      notice('stage-changed', {
        facts: { stage: 'HUMAN_TRAFFICKING_STAGE', ground: 'exploitation', queryId: 'a b <c>', pseudonym: 'Alice' },
      }),
      'en',
      { publicBaseUrl: BASE },
    );
    const everything = `${mail.text}${mail.html}${mail.ics}`;
    expect(everything).not.toMatch(/HUMAN_TRAFFICKING|exploitation|a b <c>|Alice/);
    expect(mail.text).toContain('Stage: see the application');
  });

  it('omits the due line and the calendar file when the notice has no date', () => {
    const mail = render(notice('stage-changed', { due: undefined }), 'fr', { publicBaseUrl: `${BASE}/` });
    expect(mail.ics).toBeUndefined();
    expect(mail.text).not.toMatch(/\.ics/);
    expect(mail.text).toContain(`${BASE}/workspace/cases/case-7f3k`);
  });

  it('rejects a due date that is not a calendar date', () => {
    expect(() => render(notice('status-query', { due: '2027-02-30' }), 'en', { publicBaseUrl: BASE })).toThrow(
      /2027-02-30/,
    );
  });
});

describe('calendar event and identifiers', () => {
  it('is an all-day event with a UID derived from the notice key', () => {
    const ics = allDayEventIcs({
      uid: noticeEventUid('case-1/x'),
      date: '2027-02-28',
      summary: 'S',
      description: 'D',
      url: BASE,
    });
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics.replace(/\r?\n[ \t]/g, '')).toContain(
      'UID:case-1=2Fx=2Faebe8ffb70c126ae2dfd2b9eaf9c5dc3@case-notices.invalid',
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20270228');
    expect(ics).toContain('DTEND;VALUE=DATE:20270301');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-\/\/case-notices\/\/residence files\/\/EN\r\n/);
    // A deadline must not show the recipient as busy all day.
    expect(ics).toContain('TRANSP:TRANSPARENT');
  });

  it('escapes text and folds long lines as RFC 5545 asks', () => {
    const ics = allDayEventIcs({
      uid: 'u@x',
      date: '2027-02-28',
      summary: 'A, b; c',
      description: `line 1\n${'x'.repeat(100)}`,
      url: BASE,
    });
    expect(ics).toContain('SUMMARY:A\\, b\\; c\r\n');
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`DESCRIPTION:line 1\\n${'x'.repeat(100)}\r\n`);
  });

  it('derives Message-IDs deterministically and injectively', () => {
    expect(noticeMessageId('case-1/status-query/1', 'prosecutor:LIEGE')).toBe(
      '<case-1=2Fstatus-query=2F77a1f161308a7a2f6d2e8fd64754138f.prosecutor=3ALIEGE@case-notices.invalid>',
    );
    expect(noticeMessageId('case-1/status-query/1/2', 'guardian')).not.toBe(
      noticeMessageId('case-1/status-query/12', 'guardian'),
    );
    // The key's last part may be a code in the procedure's own words; ids travel in headers, logs and calendars.
    const stageChange = noticeMessageId('case-1/stage-changed/IDENTIFIED_VICTIM', 'centre:PAYOKE');
    const review = noticeEventUid('case-1/withdrawal-review-opened/contact-with-exploiters/2027-01-04');
    expect(`${stageChange} ${review}`).not.toMatch(/VICTIM|exploit/i);
    expect(idAtom('a/b')).not.toBe(idAtom('a:b'));
    expect(idAtom('a.b')).not.toContain('.');
    expect(idAtom('é')).toBe('=C3=A9');
  });
});
