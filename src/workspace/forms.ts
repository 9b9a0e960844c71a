import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { refusalDetail, ServiceProblem } from '../cases/problems';
import type { Language } from '../domain/codes';
import type { RefusalCode, RefusalFacts } from '../domain/refusals';
import { idempotencyKeySchema } from '../domain/schemas/api';
import { LANGUAGE_PACKS, type LanguagePack } from '../i18n';
import { formatLegalDate } from '../i18n/facts';
import { fieldErrors } from './field-errors';
import type { FieldSpec } from './form-fields';
import { REFUSAL_FIELDS } from './refusal-fields';
import type { FormState } from './views/form';

/** What a form sent, to show it again as it was typed. */
const sent = (body: Record<string, unknown>): FormState['values'] =>
  Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * What a case refused, shown again for another try: under a new key, as the Update its key named ran and was
 * answered; the same key would get that answer again.
 */
const anotherTry = (body: Record<string, unknown>): FormState['values'] => {
  const { _key: _refused, ...values } = sent(body);
  return values;
};

/** A form shown for the first time, with these values filled in. */
export const blankForm = (values: FormState['values'] = {}): FormState => ({ values, errors: new Map() });

/**
 * A form the schema refused: shown again with what was sent, each refused field with what to fix in it. A refusal
 * that names none of the form's fields is of a body the page never sends.
 */
export function refusedFields(
  pack: LanguagePack,
  fields: FieldSpec[],
  body: Record<string, unknown>,
  error: z.ZodError,
  fieldOf?: (path: PropertyKey[]) => string,
): FormState {
  const errors = fieldErrors(pack, fields, body, error, fieldOf);
  if (errors.size === 0) throw damagedForm();
  return { values: sent(body), errors };
}

/** A refusal of the case in the reader's words, as a sentence: the catalogue writes it to follow other words. */
export function refusalSentence(lang: Language, refusal: { code: RefusalCode; facts: RefusalFacts }): string {
  // The page writes its dates in full: so does a refusal shown on it.
  const facts = Object.fromEntries(
    Object.entries(refusal.facts).map(([k, v]) => [
      k,
      typeof v === 'string' && ISO_DATE.test(v) ? formatLegalDate(v, LANGUAGE_PACKS[lang].locale) : v,
    ]),
  ) as RefusalFacts;
  const text = refusalDetail(lang, refusal.code, facts);
  return text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A refusal of a case rule: at the field it is about, when the form has that field; else above the form. */
export function refusedByCase(
  lang: Language,
  fields: FieldSpec[],
  body: Record<string, unknown>,
  refusal: { code: RefusalCode; facts: RefusalFacts },
): FormState {
  const text = refusalSentence(lang, refusal);
  const field = REFUSAL_FIELDS[refusal.code];
  return fields.some((f) => f.name === field)
    ? { values: anotherTry(body), errors: new Map([[field!, text]]) }
    : { values: anotherTry(body), errors: new Map(), refusal: text };
}

/** A form as shown: with a fresh key, unless it is shown again with the key it was sent with. */
export const withFormKey = (form: FormState): FormState => ({
  ...form,
  values: { _key: randomUUID(), ...form.values },
});

/** A problem of the pages whose words are the pages' own: the error page shows them as they are. */
export class PageProblem extends ServiceProblem {}

/** A form that did not arrive as its page sent it (no body, another type, a key it never had): a 4xx in words. */
export const damagedForm = (
  kind: 'badRequest' | 'unsupportedMediaType' | 'payloadTooLarge' = 'badRequest',
): PageProblem => new PageProblem(kind, (p) => p.pages.errors.formDamaged);

/**
 * Each form carries a key of its own: sent twice (a double click, a retry), it is recorded once. It becomes part of
 * an Update id, so it is held to the API's Idempotency-Key rule (1 to 200 printable characters).
 */
export const formKeyOf = (body: Record<string, unknown>): string | undefined => {
  if (body._key === undefined) return undefined;
  const key = idempotencyKeySchema.safeParse(body._key);
  if (!key.success) throw damagedForm();
  return key.data;
};

/** Records through the gateway; a refusal of the case comes back as its code and facts, for the form to show. */
export async function recordOrRefusal(
  record: () => Promise<unknown>,
): Promise<{ code: RefusalCode; facts: RefusalFacts } | null> {
  try {
    await record();
    return null;
  } catch (err) {
    if (err instanceof ServiceProblem && err.extra.refusal) return err.extra.refusal;
    throw err;
  }
}
