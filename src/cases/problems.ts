import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { LANGUAGES, type Language } from '../domain/codes';
import type { Refusal, RefusalCode, RefusalFacts } from '../domain/refusals';
import { LANGUAGE_PACKS } from '../mail/templates';
import type { LanguagePack } from '../mail/templates/types';
import { ISSUE_TYPES, PROBLEM_TYPES, type IssueKind, type IssueLocation, type ProblemKind } from '../http/problem-types';

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

/** An RFC 9457 problem of a type of problem-types.ts; its detail never carries personal data, tokens or stack traces. */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly words: Words,
    readonly extra: { issues?: InputIssue[]; refusal?: { code: RefusalCode; facts: RefusalFacts } } = {},
  ) {
    super(words(LANGUAGE_PACKS.en));
  }

  get status(): number {
    return PROBLEM_TYPES[this.kind].status;
  }
}

/** A 400 listing its issues. */
export const badRequest = (issues: InputIssue[]): HttpProblem =>
  new HttpProblem('badRequest', (p) => p.problems.invalidInput, { issues });

/** The 404 of a case that does not exist or that the principal may not see: the same answer for both. */
export const noCase = (caseId: string): HttpProblem =>
  new HttpProblem('resourceNotFound', (p) => p.problems.noCase(caseId));

/**
 * A refusal of the service (src/domain/refusals.ts) as a problem: its code, and its words in the reader's
 * language; a 400 names the input it is about.
 */
export function refusalProblem(
  kind: 'badRequest' | 'eventNotApplicable',
  r: Refusal,
  input?: { in: IssueLocation; name: string },
): HttpProblem {
  const detail = inEveryLanguage((_p, l) => refusalDetail(l, r.code, r.facts));
  return new HttpProblem(kind, (p) => p.problems.eventNotApplicable, {
    refusal: { code: r.code, facts: r.facts },
    ...(input ? { issues: [{ kind: 'invalidInput', ...input, detail }] } : {}),
  });
}

/** A refusal in `language`; an import's refusal names the event it is about. */
export function refusalDetail(language: Language, code: RefusalCode, facts: RefusalFacts): string {
  const text = LANGUAGE_PACKS[language].refusals[code](facts);
  return facts.index !== undefined && !code.startsWith('import-') ? `events[${facts.index}]: ${text}` : text;
}

/** The language of the reader (Accept-Language: nl-BE, fr-BE, de-BE, en...), English when none of ours is asked for. */
export function acceptedLanguage(req: Request): Language {
  // English first: no header, or `*`, means English.
  const asked = req.acceptsLanguages('en', ...LANGUAGES.filter((l) => l !== 'en'));
  return typeof asked === 'string' ? (asked as Language) : 'en';
}

/** The trace id of the response (BelGov-Trace-Id, set by the request log), which `instance` names. */
const traceIdOf = (res: Response): string => {
  const locals = res.locals as { traceId?: string };
  return (locals.traceId ??= randomUUID());
};

export function sendProblem(res: Response, problem: HttpProblem): void {
  const t = PROBLEM_TYPES[problem.kind];
  if (t.status === 401)
    res.set('WWW-Authenticate', problem.kind === 'invalidAccessToken' ? 'Bearer error="invalid_token"' : 'Bearer');
  const language = acceptedLanguage(res.req);
  const { refusal, issues } = problem.extra;
  res
    .status(t.status)
    .type('application/problem+json')
    .set('Content-Language', language)
    .json({
      type: t.type,
      ...('href' in t ? { href: t.href } : {}),
      title: t.title,
      status: t.status,
      detail: refusal ? refusalDetail(language, refusal.code, refusal.facts) : problem.words(LANGUAGE_PACKS[language]),
      instance: `urn:uuid:${traceIdOf(res)}`,
      ...(refusal ? { code: refusal.code } : {}),
      ...(issues
        ? {
            issues: issues.map((i) => ({
              ...ISSUE_TYPES[i.kind],
              in: i.in,
              name: i.name,
              detail: i.detail[language],
            })),
          }
        : {}),
    });
}
