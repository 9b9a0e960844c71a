import type { Payload } from '@temporalio/common';
import { SA } from '../../src/domain/search-attribute-keys';
import { listedSearchAttributes } from '../../src/temporal/listed-search-attributes';

/** A search attribute as the visibility store hands it back: JSON, with its type in the metadata. */
const listed = (type: string | undefined, value: unknown): Payload => ({
  metadata: { encoding: Buffer.from('json/plain'), ...(type ? { type: Buffer.from(type) } : {}) },
  data: Buffer.from(JSON.stringify(value)),
});

describe('the search attributes of a listed case (the SDK path outside its public API)', () => {
  it('decodes every type the case keys use', () => {
    const sa = listedSearchAttributes({
      [SA.stage.name]: listed('Keyword', 'TEMPORARY_RESIDENCE'),
      [SA.centre.name]: listed('Keyword', 'PAYOKE'),
      [SA.minor.name]: listed('Bool', true),
      [SA.awaitingProsecutor.name]: listed('Bool', false),
      [SA.nextDeadline.name]: listed('Datetime', '2026-11-22T23:00:00.000Z'),
      [SA.prosecutorOffices.name]: listed('KeywordList', ['ANTWERPEN', 'CA-ANTWERPEN']),
    });
    expect(sa.get(SA.stage)).toBe('TEMPORARY_RESIDENCE');
    expect(sa.get(SA.centre)).toBe('PAYOKE');
    expect(sa.get(SA.minor)).toBe(true);
    expect(sa.get(SA.awaitingProsecutor)).toBe(false);
    expect(sa.get(SA.nextDeadline)).toEqual(new Date('2026-11-22T23:00:00.000Z'));
    expect(sa.get(SA.prosecutorOffices)).toEqual(['ANTWERPEN', 'CA-ANTWERPEN']);
  });

  it('reads a one-value list of an older server as the value', () => {
    expect(listedSearchAttributes({ [SA.outcome.name]: listed('Keyword', ['NONE']) }).get(SA.outcome)).toBe('NONE');
  });

  it('skips what it cannot type, and an execution without search attributes has none', () => {
    expect(listedSearchAttributes({ [SA.centre.name]: listed(undefined, 'PAYOKE') }).get(SA.centre)).toBeUndefined();
    expect(listedSearchAttributes({ [SA.minor.name]: listed('Bool', 'yes') }).get(SA.minor)).toBeUndefined();
    expect(listedSearchAttributes(undefined).getAll()).toEqual([]);
    expect(listedSearchAttributes(null).getAll()).toEqual([]);
  });
});
