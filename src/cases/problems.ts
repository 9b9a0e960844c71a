import { LANGUAGES, type Language } from '../domain/codes';
import type { Refusal, RefusalCode, RefusalFacts } from '../domain/refusals';
import type { ISSUE_LOCATIONS } from '../domain/schemas/api';
import { LANGUAGE_PACKS } from '../i18n';
import type { LanguagePack } from '../i18n/types';

/** Each problem the service can report, with the HTTP status both faces answer it with (src/http adds its URN). */
export const PROBLEM_STATUS = {
  badRequest: 400,
  noAccessToken: 401,
  invalidAccessToken: 401,
  missingPermission: 403,
  resourceNotFound: 404,
  payloadTooLarge: 413,
  tooManyRequests: 429,
  internalServerError: 500,
  serviceUnavailable: 503,
  eventNotApplicable: 409,
  unsupportedMediaType: 415,
  idempotencyKeyReused: 422,
  unknownPayloadKey: 422,
  caseStillRunning: 409,
  erasureTooEarly: 409,
  erasureNotRequested: 409,
  secondAdminRequired: 409,
  caseErased: 410,
  statisticsYearOpen: 404,
} as const;
export type ProblemKind = keyof typeof PROBLEM_STATUS;

/** What can be wrong with one input of a 400 (the belgif guide's input-validation issues). */
export type IssueKind = 'schemaViolation' | 'unknownInput' | 'invalidInput';
export type IssueLocation = (typeof ISSUE_LOCATIONS)[number];

/** A problem's detail, written once the reader's language is known. */
export type Words = (pack: LanguagePack) => string;

/** One input of a 400 and what is wrong with it (the guide's issue), never its value. */
export interface InputIssue {
  kind: IssueKind;
  in: IssueLocation;
  /** The field: its path in the body (`victim.pseudonym`, `events[2].on`), or the parameter's or header's name. */
  name: string;
  /** In every language: written where the issue is found, sent in the reader's. */
  detail: Record<Language, string>;
}

/** The same text in every language. */
export const inEveryLanguage = (words: (pack: LanguagePack, language: Language) => string): Record<Language, string> =>
  Object.fromEntries(LANGUAGES.map((l) => [l, words(LANGUAGE_PACKS[l], l)])) as Record<Language, string>;

/**
 * The service's error: a kind of problem and its words; the API renders it as RFC 9457 problem+json, the pages
 * as an error page. Its detail never carries personal data, tokens or stack traces.
 */
export class ServiceProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly words: Words,
    readonly extra: { issues?: InputIssue[]; refusal?: { code: RefusalCode; facts: RefusalFacts } } = {},
  ) {
    super(words(LANGUAGE_PACKS.en));
  }

  get status(): number {
    return PROBLEM_STATUS[this.kind];
  }
}

/** A 400 listing its issues. */
export const badRequest = (issues: InputIssue[]): ServiceProblem =>
  new ServiceProblem('badRequest', (p) => p.problems.invalidInput, { issues });

/** The 404 of a case that does not exist or that the principal may not see: the same answer for both. */
export const noCase = (caseId: string): ServiceProblem =>
  new ServiceProblem('resourceNotFound', (p) => p.problems.noCase(caseId));

/**
 * A refusal of the service (src/domain/refusals.ts) as a problem: its code, and its words in the reader's
 * language; a 400 names the input it is about.
 */
export function refusalProblem(
  kind: 'badRequest' | 'eventNotApplicable',
  r: Refusal,
  input?: { in: IssueLocation; name: string },
): ServiceProblem {
  const detail = inEveryLanguage((_p, l) => refusalDetail(l, r.code, r.facts));
  return new ServiceProblem(kind, (p) => p.problems.eventNotApplicable, {
    refusal: { code: r.code, facts: r.facts },
    ...(input ? { issues: [{ kind: 'invalidInput', ...input, detail }] } : {}),
  });
}

/** A refusal in `language`; an import's refusal names the event it is about. */
export function refusalDetail(language: Language, code: RefusalCode, facts: RefusalFacts): string {
  const text = LANGUAGE_PACKS[language].refusals[code](facts);
  return facts.index !== undefined && !code.startsWith('import-') ? `events[${facts.index}]: ${text}` : text;
}
