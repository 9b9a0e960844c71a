import type { IsoDate } from '../calendar';
import { refuse, type Refusal } from '../refusals';
import type { CaseOpening } from '../schemas/case';
import { eighteenthBirthday, reflectionEnds } from './state';

/** The opening field a refusal is about, for the 400's list of invalid fields. */
export type OpeningRefusal = Refusal & { field: string };

/**
 * Values that cannot open a case (PROCEDURE.md "opening and the complaint"); an import
 * brings in a case whose reflection may be long over, so only the dates of the person are checked then.
 */
export function whyOpeningRefused(
  o: CaseOpening,
  today: IsoDate,
  { imported }: { imported: boolean },
): OpeningRefusal | null {
  if (o.openedOn > today) return { ...refuse('opened-in-future', { openedOn: o.openedOn }), field: 'openedOn' };
  const born = o.victim.dateOfBirth;
  if (born && born > o.openedOn)
    return {
      ...refuse('birth-after-opening', { dateOfBirth: born, openedOn: o.openedOn }),
      field: 'victim.dateOfBirth',
    };
  if (o.unaccompaniedMinor && born && eighteenthBirthday(born) <= o.openedOn) {
    return { ...refuse('minor-of-age', { openedOn: o.openedOn }), field: 'victim.dateOfBirth' };
  }
  const ends = reflectionEnds(o.openedOn, o.unaccompaniedMinor);
  if (!imported && ends < today)
    return { ...refuse('reflection-already-over', { openedOn: o.openedOn, reflectionEnds: ends }), field: 'openedOn' };
  return null;
}
