import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { refusalDetail, ServiceProblem } from '../cases/problems';
import type { Language } from '../domain/codes';
import { idempotencyKeySchema } from '../domain/schemas/api';
import type { FormState } from './views/form';

/** A form shown again with what was sent, the fields named invalid marked. */
export const formState = (body: Record<string, unknown>, invalid: Iterable<string>): FormState => ({
  values: Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string')),
  invalid: new Set(invalid),
});

/** A form the schema refused: shown again with what was sent, the refused fields marked. */
export const refusedFields = (body: Record<string, unknown>, error: z.ZodError): FormState =>
  formState(
    body,
    error.issues.map((i) => String(i.path[0])),
  );

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

/** Records through the gateway; a refusal of the case comes back as its words in the reader's language. */
export async function recordOrRefusal(record: () => Promise<unknown>, lang: Language): Promise<string | null> {
  try {
    await record();
    return null;
  } catch (err) {
    if (err instanceof ServiceProblem && err.extra.refusal)
      return refusalDetail(lang, err.extra.refusal.code, err.extra.refusal.facts);
    throw err;
  }
}
