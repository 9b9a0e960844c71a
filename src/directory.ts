import { z } from 'zod';
import {
  CENTRES,
  COURTS_OF_APPEAL,
  DISTRICT_COURT_OF_APPEAL,
  JUDICIAL_DISTRICTS,
  LABOUR_AUDITOR_COURT_OF_APPEAL,
  LABOUR_AUDITOR_OFFICES,
  LANGUAGES,
  isLabourAuditorOffice,
  type ComplaintOffice,
  type CourtOfAppeal,
  type Language,
} from './domain/codes';
import { parseWith, readJsonFile } from './json-file';

/**
 * The recipients directory (CONTRACT.md, DIRECTORY_FILE): where each institution
 * is reached and in which language. Every code must be present, so that a notice
 * can never fail at 3 a.m. because an office was left out of the file.
 */
export class DirectoryError extends Error {}

export interface Contact {
  email: string;
  language: Language;
}

/** Words a person fixing the file understands; `undefined` keeps zod's own message (e.g. an unknown key). */
function objectError(issue: { code?: string; input?: unknown }, expected?: string): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? 'missing' : expected;
}

const contact = z.strictObject(
  {
    email: z.email({ error: 'expected an e-mail address' }),
    language: z.enum(LANGUAGES, { error: `expected one of ${LANGUAGES.join(', ')}` }),
  },
  { error: (issue) => objectError(issue, 'expected an object { email, language }') },
);

/** An object with exactly these keys: a missing code and a misspelt one are both reported. */
function exactly<K extends string, S extends z.ZodType>(keys: readonly K[], schemaOf: (key: K) => S) {
  const shape = Object.fromEntries(keys.map((k) => [k, schemaOf(k)])) as Record<K, S>;
  return z.strictObject(shape, {
    error: (issue) => objectError(issue, `expected an object keyed by ${keys.join(', ')}`),
  });
}

/** An office's contact, with the court of appeal it escalates to: the one of the judicial map, nothing else. */
const officeContact = (office: string, expected: CourtOfAppeal) =>
  contact.extend({
    courtOfAppeal: z.literal(expected, { error: `must be ${expected}, the court of appeal of ${office}` }),
  });

const directorySchema = z.strictObject({
  immigrationOffice: contact,
  centres: exactly(CENTRES, () => contact),
  prosecutorOffices: exactly(JUDICIAL_DISTRICTS, (district) =>
    officeContact(district, DISTRICT_COURT_OF_APPEAL[district]),
  ),
  labourAuditorOffices: exactly(LABOUR_AUDITOR_OFFICES, (office) =>
    officeContact(office, LABOUR_AUDITOR_COURT_OF_APPEAL[office]),
  ),
  principalCrownProsecutors: exactly(COURTS_OF_APPEAL, () => contact),
});

export type Directory = z.infer<typeof directorySchema>;

/** The contact of the office a complaint is with: a prosecutor's office, or a labour auditor's office. */
export function complaintOfficeContact(
  directory: Directory,
  office: ComplaintOffice,
): Contact & { courtOfAppeal: CourtOfAppeal } {
  return isLabourAuditorOffice(office) ? directory.labourAuditorOffices[office] : directory.prosecutorOffices[office];
}

/** Validates an already-parsed directory; `source` names it in the error. */
export function parseDirectory(data: unknown, source: string): Directory {
  return parseWith(
    directorySchema,
    data,
    (problem) => new DirectoryError(`recipients directory ${source}: ${problem}`),
  );
}

/** Reads and validates the directory file; throws a DirectoryError that names the file and each bad entry. */
export function loadDirectory(path: string): Directory {
  return readJsonFile(
    path,
    directorySchema,
    (problem) => new DirectoryError(`recipients directory ${path}: ${problem}`),
  );
}
