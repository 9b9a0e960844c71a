import type { z } from 'zod';
import type { LanguagePack } from '../i18n';
import type { ChoiceValue, FormField } from '../i18n/vocabulary';
import type { FieldCondition } from '../i18n/form-error-words';
import { dateEntry, partsOf } from './date-input';
import { languageName } from './victim-languages';

/** One input of a form, read off the zod schema that validates what the form sends: one source of truth. */
export interface FieldSpec {
  name: FormField;
  kind: 'date' | 'text' | 'textarea' | 'boolean' | 'choice';
  options: readonly string[];
  optional: boolean;
  /**
   * Required only with some answers to other fields (a schema refinement says which): the page says when, rather
   * than "(optional)" or "required", which would each be false for some answers.
   */
  condition?: FieldCondition;
}

interface Def {
  type: string;
  format?: string;
  innerType?: { def: Def };
  entries?: Record<string, string>;
}

/** The inputs of an event's or an answer's schema, in its order (its `type` is the form's own). */
export function fieldsOf(schema: z.ZodObject): FieldSpec[] {
  return (
    Object.entries(schema.shape)
      // A field kept only for older API clients (underTraffickingLaw) is not asked for on a page.
      .filter(([name, field]) => name !== 'type' && !(field as z.ZodType).meta()?.deprecated)
      .map(([name, field]) => {
        const def = (field as unknown as { def: Def }).def;
        const optional = def.type === 'optional';
        const inner = optional && def.innerType ? def.innerType.def : def;
        const kind: FieldSpec['kind'] =
          inner.type === 'boolean'
            ? 'boolean'
            : inner.type === 'enum'
              ? 'choice'
              : inner.format === 'date'
                ? 'date'
                : name === 'note'
                  ? 'textarea'
                  : 'text';
        return { name: name as FormField, kind, options: Object.keys(inner.entries ?? {}), optional };
      })
  );
}

/**
 * What a form sent, as the schema reads it: a yes/no is a boolean, a date's three fields one ISO date, an empty
 * field is absent. Anything else is passed as typed, for the schema to accept or name.
 */
export function fromForm(fields: FieldSpec[], body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === 'date') {
      const entry = dateEntry(partsOf(body, f.name));
      if (entry.kind !== 'empty') out[f.name] = entry.kind === 'numbers' ? entry.iso : entry.typed;
      continue;
    }
    const raw = body[f.name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    out[f.name] = f.kind === 'boolean' ? raw === 'true' : raw.trim();
  }
  return out;
}

/** The words of a choice's value: the pack's own names for documents, grounds and reasons, else the pages'. */
export function choiceWords(pack: LanguagePack, field: FormField, value: string): string | undefined {
  switch (field) {
    case 'document':
      return pack.documentTypes[value as keyof LanguagePack['documentTypes']];
    case 'ground':
      return pack.grounds[value as keyof LanguagePack['grounds']];
    case 'reason':
    case 'status':
      return pack.outcomeDetails[value as keyof LanguagePack['outcomeDetails']];
    case 'prosecutorOffice':
      return pack.recipients.prosecutor(value);
    case 'victimLanguage':
      return languageName(pack.locale, value);
    default:
      return pack.pages.choices[`${field}.${value}` as ChoiceValue];
  }
}

/** A choice as the form shows it; a value without words (a test finds none) shows as its code. */
export const choiceLabel = (pack: LanguagePack, field: FormField, value: string): string =>
  choiceWords(pack, field, value) ?? value;
