import { choiceLabel, type FieldSpec } from '../form-fields';
import type { PageContext } from './page-context';

/** What a re-shown form holds: the values sent, and the fields the schema refused. */
export interface FormState {
  values: Record<string, string>;
  invalid: ReadonlySet<string>;
}
export const EMPTY_FORM: FormState = { values: {}, invalid: new Set() };

/** One input, labelled, with its error tied to it for screen readers. */
export function Field({ ctx, spec, form }: { ctx: PageContext; spec: FieldSpec; form: FormState }) {
  const { pack } = ctx;
  const w = pack.pages;
  const id = `f-${spec.name}`;
  const invalid = form.invalid.has(spec.name);
  const errorId = `${id}-error`;
  const value = form.values[spec.name] ?? '';
  const label = spec.optional ? `${w.fields[spec.name]} (${w.openCase.optional})` : w.fields[spec.name];
  const error = invalid ? (
    <p id={errorId} class="field-error">
      {w.case.fieldInvalid}
    </p>
  ) : null;
  const common = {
    id,
    name: spec.name,
    required: !spec.optional,
    'aria-invalid': invalid ? ('true' as const) : undefined,
    'aria-describedby': invalid ? errorId : undefined,
  };
  if (spec.kind === 'boolean') {
    return (
      <fieldset class="field" aria-describedby={invalid ? errorId : undefined}>
        <legend>{label}</legend>
        {(['true', 'false'] as const).map((v) => (
          <label key={v} class="choice">
            <input type="radio" name={spec.name} value={v} checked={value === v} required={!spec.optional} />{' '}
            {v === 'true' ? pack.yesNo.yes : pack.yesNo.no}
          </label>
        ))}
        {error}
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {spec.kind === 'choice' ? (
        <select {...common}>
          {spec.optional || !value ? <option value="">—</option> : null}
          {spec.options.map((o) => (
            <option key={o} value={o} selected={o === value}>
              {choiceLabel(pack, spec.name, o)}
            </option>
          ))}
        </select>
      ) : spec.kind === 'textarea' ? (
        <textarea {...common} rows={3} maxLength={4000}>
          {value}
        </textarea>
      ) : spec.kind === 'date' ? (
        <input {...common} type="date" value={value} />
      ) : (
        <input {...common} type="text" value={value} />
      )}
      {error}
    </div>
  );
}

/** The box above a form that says why it was not recorded: the refusal in the reader's words, or invalid fields. */
export function Problem({ title, detail }: { title: string; detail: string }) {
  return (
    <div class="problem" role="alert">
      <h2>{title}</h2>
      <p>{detail}</p>
    </div>
  );
}
