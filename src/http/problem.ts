import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { LANGUAGES, type Language } from '../domain/codes';
import type { Refusal, RefusalCode, RefusalFacts } from '../domain/refusals';
import { LANGUAGE_PACKS } from '../mail/templates';

/** One invalid field of a 400: where it is and what is wrong, never its value. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem; `detail` must never carry personal data, tokens or stack traces. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: {
      invalidParams?: InvalidParam[];
      type?: string;
      refusal?: { code: RefusalCode; facts: RefusalFacts };
    } = {},
  ) {
    super(detail);
  }
}

/** A refusal of the service (src/domain/refusals.ts) as a problem: its code, and its words in the reader's language. */
export function refusalProblem(
  status: 400 | 409,
  r: Refusal,
  extra: { invalidParams?: InvalidParam[] } = {},
): HttpProblem {
  return new HttpProblem(status, r.message, { ...extra, refusal: { code: r.code, facts: r.facts } });
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

export function sendProblem(res: Response, problem: HttpProblem): void {
  if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer');
  const { refusal } = problem.extra;
  // Refusals have their words in every language; other details are English for now.
  const language = refusal ? acceptedLanguage(res.req) : 'en';
  res
    .status(problem.status)
    .type('application/problem+json')
    .set('Content-Language', language)
    .json({
      type: problem.extra.type ?? 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: refusal ? refusalDetail(language, refusal.code, refusal.facts) : problem.detail,
      ...(refusal ? { code: refusal.code } : {}),
      ...(problem.extra.invalidParams ? { invalidParams: problem.extra.invalidParams } : {}),
    });
}
