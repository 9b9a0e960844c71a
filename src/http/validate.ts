import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Language } from '../domain/codes';
import type { LanguagePack } from '../i18n/types';
import { FIELD_RULES, type FieldRule } from '../domain/schemas/field-rules';
import { badRequest, inEveryLanguage, type InputIssue, type IssueLocation } from '../cases/problems';

const ZOD_LOCALES: Record<Language, z.core.$ZodErrorMap> = {
  nl: z.locales.nl().localeError,
  fr: z.locales.fr().localeError,
  de: z.locales.de().localeError,
  en: z.locales.en().localeError,
};
const RULE_OF_MESSAGE = new Map(Object.entries(FIELD_RULES).map(([rule, text]) => [text as string, rule as FieldRule]));

/** `victim.pseudonym`, `events[2].on`: the guide's name of a body field. */
const fieldName = (path: readonly PropertyKey[]): string =>
  path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');

/** An issue's words in `language`: the schema's own rule where it states one, zod's words otherwise. */
function issueWords(issue: z.core.$ZodIssue, language: Language, pack: LanguagePack): string {
  const rule = RULE_OF_MESSAGE.get(issue.message);
  if (rule) return pack.problems.fieldRules[rule];
  const localised = ZOD_LOCALES[language](issue as unknown as z.core.$ZodRawIssue);
  const text = typeof localised === 'string' ? localised : localised?.message;
  return text ?? issue.message;
}

/**
 * Parses once with the schema; a failure is a 400 whose issues name every invalid input, in the guide's form, in
 * every language. `name`: the input's name where it is not a field of an object (a path parameter).
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: IssueLocation,
  name?: string,
): z.infer<S> {
  // reportInput lets zod word a type error ("expected a number, received a string"); the value never leaves here.
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues: InputIssue[] = parsed.error.issues.flatMap((issue): InputIssue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        kind: 'unknownInput',
        in: where,
        name: fieldName([...issue.path, key]),
        detail: inEveryLanguage((p) => p.problems.unknownInput),
      }));
    return [
      {
        kind: 'schemaViolation',
        in: where,
        name: name ?? fieldName(issue.path),
        detail: inEveryLanguage((p, l) => issueWords(issue, l, p)),
      },
    ];
  });
  throw badRequest(issues);
}

/** Endpoints that take no query parameters refuse unknown ones, as the guide asks. */
export const noQuery: RequestHandler = (req, _res, next) => {
  const names = Object.keys(req.query);
  if (names.length === 0) return next();
  next(
    badRequest(
      names.map((name) => ({
        kind: 'unknownInput',
        in: 'query',
        name,
        detail: inEveryLanguage((p) => p.problems.unknownInput),
      })),
    ),
  );
};
