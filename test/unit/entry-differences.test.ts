import { entryDifferences } from '../../src/case-index/entry-differences';
import { caseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import { newCaseState } from '../../src/domain/procedure/state';
import { opening } from '../support/fixtures';

const entry = () => caseIndexEntry(newCaseState('case-differences', 'PAYOKE', opening('2026-11-02')));

describe('entryDifferences: what `npm run index -- verify` names of a row', () => {
  it('sees none in a row of an older revision that shows the same, its keys in another order', () => {
    const expected = entry();
    const next = expected.nextDeadline!;
    const row = { ...expected, revision: 0, nextDeadline: { due: next.due, kind: next.kind } };
    expect(entryDifferences(row, { ...expected, revision: 7 })).toEqual([]);
  });

  it('names each field that differs, and a personal field by name only', () => {
    const expected = entry();
    const row = {
      ...expected,
      stage: 'TEMPORARY_RESIDENCE' as const,
      flags: [...expected.flags, 'undeliverable-notices' as const],
      personal: { ...expected.personal, pseudonym: 'someone else', prosecutorFile: 'AN.12.L3 1/26' },
    };
    expect(entryDifferences(row, expected)).toEqual([
      'stage',
      'flags',
      'personal.prosecutorFile',
      'personal.pseudonym',
    ]);
  });
});
