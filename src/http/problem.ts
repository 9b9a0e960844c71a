import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { acceptedLanguage } from '../accepted-language';
import { refusalDetail, type ServiceProblem } from '../cases/problems';
import { LANGUAGE_PACKS } from '../i18n';
import { ISSUE_TYPES, PROBLEM_TYPES } from './problem-types';

/** The trace id of the response (BelGov-Trace-Id, set by the request log), which `instance` names. */
const traceIdOf = (res: Response): string => {
  const locals = res.locals as { traceId?: string };
  return (locals.traceId ??= randomUUID());
};

/** The problem as RFC 9457 problem+json, of a type of problem-types.ts, its detail in the reader's language. */
export function sendProblem(res: Response, problem: ServiceProblem): void {
  const t = PROBLEM_TYPES[problem.kind];
  if (problem.status === 401)
    res.set('WWW-Authenticate', problem.kind === 'invalidAccessToken' ? 'Bearer error="invalid_token"' : 'Bearer');
  const language = acceptedLanguage(res.req);
  const { refusal, issues } = problem.extra;
  res
    .status(problem.status)
    .type('application/problem+json')
    .set('Content-Language', language)
    .json({
      type: t.type,
      ...('href' in t ? { href: t.href } : {}),
      title: t.title,
      status: problem.status,
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
