import { LANGUAGES } from '../../src/domain/codes';
import { CASE_EVENT_TYPES, eventSchemaOf, statusQueryAnswerSchema } from '../../src/domain/schemas/events';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { choiceWords, fieldsOf, fromForm } from '../../src/workspace/form-fields';

const forms = [...CASE_EVENT_TYPES.map((t) => fieldsOf(eventSchemaOf(t))), fieldsOf(statusQueryAnswerSchema)];

describe("the workspace's words", () => {
  it.each(LANGUAGES)('%s names every choice of every form in words, never by its code', (lang) => {
    const pack = LANGUAGE_PACKS[lang];
    const unnamed = forms
      .flat()
      .filter((f) => f.kind === 'choice')
      .flatMap((f) => f.options.filter((o) => !choiceWords(pack, f.name, o)).map((o) => `${f.name}.${o}`));
    expect(unnamed).toEqual([]);
  });

  it('reads every field of the forms off the schemas, with its kind', () => {
    const complaint = fieldsOf(eventSchemaOf('complaint-filed'));
    expect(complaint.map((f) => [f.name, f.kind, f.optional])).toEqual([
      ['on', 'date', false],
      ['note', 'textarea', true],
      ['kind', 'choice', false],
      ['prosecutorOffice', 'choice', false],
      ['prosecutorFile', 'text', true],
    ]);
    expect(fieldsOf(statusQueryAnswerSchema).filter((f) => f.kind === 'boolean')).toHaveLength(4);
  });

  it('asks a conviction for its offence in plain words, never the older yes/no field; an age determination for its result', () => {
    expect(fieldsOf(eventSchemaOf('conviction')).map((f) => [f.name, f.kind, f.optional])).toEqual([
      ['on', 'date', false],
      ['note', 'textarea', true],
      ['offence', 'choice', true],
      ['appealed', 'boolean', false],
    ]);
    const offence = (lang: 'nl' | 'fr' | 'de' | 'en', value: string) =>
      choiceWords(LANGUAGE_PACKS[lang], 'offence', value);
    expect(offence('nl', 'aggravated-smuggling')).toBe('mensensmokkel met verzwarende omstandigheden');
    expect(offence('fr', 'trafficking')).toBe('traite des êtres humains');
    expect(offence('de', 'other')).toBe('eine andere Straftat');
    expect(fieldsOf(eventSchemaOf('age-determined')).map((f) => [f.name, f.kind])).toEqual([
      ['on', 'date'],
      ['note', 'textarea'],
      ['dateOfBirth', 'date'],
      ['adult', 'boolean'],
    ]);
  });

  it.each(LANGUAGES)("%s: the query's first question names both offences the procedure is for", (lang) => {
    const question = LANGUAGE_PACKS[lang].pages.fields.consideredVictim;
    expect(question).toMatch(/mensenhandel|traite|Menschenhandel|trafficking/);
    expect(question).toMatch(/smokkel|trafic|schmuggel|smuggling/i);
  });

  it('reads what a form sent as the schema does: yes/no as booleans, a date of three fields, empty fields left out', () => {
    const fields = fieldsOf(eventSchemaOf('withdrawal-decided'));
    const on = { 'on-day': '1', 'on-month': '12', 'on-year': '2026' };
    expect(fromForm(fields, { ...on, note: '  ', withdraw: 'false', ground: '' })).toEqual({
      on: '2026-12-01',
      withdraw: false,
    });
  });
});
