import { LANGUAGES } from '../../src/domain/codes';
import { ENGLISH_REFUSALS, REFUSAL_CODES, type RefusalFacts } from '../../src/domain/refusals';
import { LANGUAGE_PACKS } from '../../src/i18n';
import { forbiddenWordsIn } from '../support/forbidden-words';

/** Every fact a refusal may carry (src/domain/procedure/*.ts), in the form the rules give it. */
const FACTS: RefusalFacts = {
  role: 'centre',
  event: 'complaint-filed',
  date: '2027-01-07',
  openedOn: '2026-11-20',
  reflectionEnds: '2027-01-04',
  dateOfBirth: '2010-05-01',
  outcome: 'WITHDRAWN',
  stage: 'REFLECTION',
  stages: 'TEMPORARY_RESIDENCE,IDENTIFIED_VICTIM',
  document: 'A_CARD',
  expected: 'ORDER_TO_LEAVE_45_DAYS,ANNEX_15',
  track: 'minor',
  validUntil: '2027-01-02',
  ground: 'support-declined',
  grounds: "'public-order-threat', 'cooperation-ended'",
  queryId: 'case-7f3k-q2',
  office: 'LABOUR-LIEGE',
  index: '3',
};

const TRANSLATED = LANGUAGES.filter((l) => l !== 'en');

describe.each(LANGUAGES)('refusals in %s', (language) => {
  const pack = LANGUAGE_PACKS[language];

  it.each(REFUSAL_CODES)('%s is a sentence with every fact filled in', (code) => {
    const text = pack.refusals[code](FACTS);
    expect(text.trim()).not.toBe('');
    expect(text).not.toMatch(/undefined|\bnull\b|\bNaN\b|\[object/);
  });
});

describe.each(TRANSLATED)('refusals translated into %s', (language) => {
  const pack = LANGUAGE_PACKS[language];

  it.each(REFUSAL_CODES)('%s differs from the English and names no offence', (code) => {
    const text = pack.refusals[code](FACTS);
    expect(text).not.toBe(ENGLISH_REFUSALS[code](FACTS));
    expect(forbiddenWordsIn(text)).toEqual([]);
  });

  it('names stages, documents, outcomes and grounds in its own words, and keeps event codes as sent', () => {
    const notInStage = pack.refusals['event-not-in-stage'](FACTS);
    expect(notInStage).toContain(pack.stages.REFLECTION);
    expect(notInStage).toContain(pack.stages.TEMPORARY_RESIDENCE);
    expect(notInStage).toContain(pack.stages.IDENTIFIED_VICTIM);
    expect(notInStage).not.toMatch(/REFLECTION|TEMPORARY_RESIDENCE|IDENTIFIED_VICTIM/);
    expect(notInStage).toContain('(complaint-filed)');

    const notOfStage = pack.refusals['document-not-of-stage'](FACTS);
    for (const words of [
      pack.documentTypes.A_CARD,
      pack.documentTypes.ORDER_TO_LEAVE_45_DAYS,
      pack.documentTypes.ANNEX_15,
    ])
      expect(notOfStage).toContain(words);
    expect(notOfStage).not.toMatch(/A_CARD|ANNEX_15|ORDER_TO_LEAVE/);

    expect(pack.refusals['case-closed'](FACTS)).toContain(pack.outcomes.WITHDRAWN);
    const notUnderReview = pack.refusals['ground-not-under-review'](FACTS);
    for (const words of [
      pack.grounds['support-declined'],
      pack.grounds['public-order-threat'],
      pack.grounds['cooperation-ended'],
    ])
      expect(notUnderReview).toContain(words);
    expect(notUnderReview).not.toContain("'");

    expect(pack.refusals['query-not-addressed'](FACTS)).toContain(pack.recipients.prosecutor('LABOUR-LIEGE'));
    expect(pack.refusals['reflection-already-over'](FACTS)).toContain('POST /v1/cases/import');
    expect(pack.refusals['role-not-allowed'](FACTS)).not.toContain('centre:');
  });

  it('shows a code it has no words for as the code itself', () => {
    const text = pack.refusals['event-not-in-stage']({ ...FACTS, stage: 'SOME_NEW_STAGE', stages: 'REFLECTION' });
    expect(text).toContain('SOME_NEW_STAGE');
    expect(pack.refusals['case-closed']({ outcome: 'SOME_NEW_OUTCOME' })).toContain('SOME_NEW_OUTCOME');
    expect(pack.refusals['query-not-addressed']({ queryId: 'q1', office: '?' })).toContain('(?)');
  });
});

it('fr names the reflection period in its own words', () => {
  expect(
    LANGUAGE_PACKS.fr.refusals['event-not-in-stage']({
      event: 'complaint-filed',
      stage: 'REFLECTION',
      stages: 'TEMPORARY_RESIDENCE',
    }),
  ).toContain('réflexion');
});
