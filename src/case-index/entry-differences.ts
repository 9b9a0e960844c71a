import type { CaseIndexEntry, IndexedPersonalData } from '../domain/procedure/case-index-entry';

/**
 * What a list shows of a case. Not the revision: the workflow skips a write when a new revision changes nothing a list
 * shows, so a correct row may hold an older revision than its case.
 */
type ListedField = Exclude<keyof CaseIndexEntry, 'caseId' | 'revision' | 'personal'>;
// A record, so that a field added to the entry fails the typecheck here until it is compared too.
const LISTED: Record<ListedField, true> = {
  centre: true,
  offices: true,
  stage: true,
  outcome: true,
  running: true,
  openedOn: true,
  nextDeadline: true,
  deadlines: true,
  documentValidUntil: true,
  flags: true,
  referenceKeys: true,
  tasks: true,
};
const LISTED_FIELDS = Object.keys(LISTED) as ListedField[];

/** JSON with each object's keys sorted: the same value built in another order is the same. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );

/**
 * The fields in which an index row differs from what its case shows: names only, never their values (the personal
 * data among them are compared one by one and named `personal.<field>`).
 */
export function entryDifferences(row: CaseIndexEntry, expected: CaseIndexEntry): string[] {
  const listed = LISTED_FIELDS.filter((f) => canonical(row[f]) !== canonical(expected[f]));
  const personalKeys = [...new Set([...Object.keys(row.personal), ...Object.keys(expected.personal)])].sort();
  const personal = (personalKeys as (keyof IndexedPersonalData)[])
    .filter((k) => row.personal[k] !== expected.personal[k])
    .map((k) => `personal.${k}`);
  return [...listed, ...personal];
}
