import { DATE_PARTS, partName, partsOfIso } from '../date-input';
import { choiceLabel, type FieldSpec } from '../form-fields';
import type { PageContext } from './page-context';

/** What a form shows: the values sent, and what to fix, field by field or in the case as a whole. */
export interface FormState {
  values: Record<string, string>;
  /** Each refused field and what to fix in it, in the reader's words, in the form's order. */
  errors: ReadonlyMap<string, string>;
  /** A refusal of the case that concerns no one field, in the reader's words. */
  refusal?: string;
}

/** The label as the page shows it: optional fields say so, fields that some answers need say which. */
function labelOf(ctx: PageContext, spec: FieldSpec): string {
  const w = ctx.pack.pages;
  const label = w.fields[spec.name];
  if (spec.condition) return `${label} (${w.formErrors.conditions[spec.condition]})`;
  return spec.optional ? `${label} (${w.openCase.optional})` : label;
}

/** The message at a field: the summary's, after a word that screen readers say and eyes need not see. */
function ErrorMessage({ ctx, id, message }: { ctx: PageContext; id: string; message: string }) {
  return (
    <p id={id} class="field-error">
      <span class="visually-hidden">{ctx.pack.pages.formErrors.titlePrefix}</span>
      {message}
    </p>
  );
}

/** A date as three inputs, day, month and year: the first one carries the field's id, for the summary's link. */
function DateInput({ ctx, spec, form }: { ctx: PageContext; spec: FieldSpec; form: FormState }) {
  const w = ctx.pack.pages.formErrors;
  const id = `f-${spec.name}`;
  const message = form.errors.get(spec.name);
  const shown = partsOfIso(form.values[spec.name] ?? '');
  const describedBy = message ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <fieldset class={message ? 'field has-error' : 'field'} role="group" aria-describedby={describedBy}>
      <legend>{labelOf(ctx, spec)}</legend>
      <p id={`${id}-hint`} class="hint">
        {w.dateHint}
      </p>
      {message ? <ErrorMessage ctx={ctx} id={`${id}-error`} message={message} /> : null}
      <div class="date-input">
        {DATE_PARTS.map((part, i) => {
          const partId = i === 0 ? id : `${id}-${part}`;
          const name = partName(spec.name, part);
          return (
            <div key={part} class="date-part">
              <label for={partId}>{w[part]}</label>
              <input
                id={partId}
                name={name}
                type="text"
                inputMode="numeric"
                class={part === 'year' ? 'year' : 'day-month'}
                value={form.values[name] ?? shown[part]}
                required={!spec.optional && !spec.condition}
                aria-invalid={message ? 'true' : undefined}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** One input, labelled, with what to fix in it tied to it for screen readers. */
export function Field({ ctx, spec, form }: { ctx: PageContext; spec: FieldSpec; form: FormState }) {
  const { pack } = ctx;
  if (spec.kind === 'date') return <DateInput ctx={ctx} spec={spec} form={form} />;
  const id = `f-${spec.name}`;
  const message = form.errors.get(spec.name);
  const errorId = `${id}-error`;
  const value = form.values[spec.name] ?? '';
  const label = labelOf(ctx, spec);
  const required = !spec.optional && !spec.condition;
  const error = message ? <ErrorMessage ctx={ctx} id={errorId} message={message} /> : null;
  const invalid = message ? ('true' as const) : undefined;
  if (spec.kind === 'boolean') {
    return (
      <fieldset class={message ? 'field has-error' : 'field'} aria-describedby={message ? errorId : undefined}>
        <legend>{label}</legend>
        {error}
        {(['true', 'false'] as const).map((v, i) => (
          <label key={v} class="choice">
            <input
              type="radio"
              id={i === 0 ? id : `${id}-${v}`}
              name={spec.name}
              value={v}
              checked={value === v}
              required={required}
              aria-invalid={invalid}
            />{' '}
            {v === 'true' ? pack.yesNo.yes : pack.yesNo.no}
          </label>
        ))}
      </fieldset>
    );
  }
  const common = {
    id,
    name: spec.name,
    required,
    'aria-invalid': invalid,
    'aria-describedby': message ? errorId : undefined,
  };
  return (
    <div class={message ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {error}
      {spec.kind === 'choice' ? (
        <select {...common}>
          {!required || !value ? <option value="">—</option> : null}
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
      ) : (
        <input {...common} type="text" value={value} />
      )}
    </div>
  );
}

/**
 * The GOV.UK error summary: one box at the top of the page, focused when the page loads (autofocus works on any
 * focusable element, and the page may run no script), listing each field to fix as a link to it, with the same
 * words as at the field; a refusal of the case as a whole is said above the list.
 */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState }) {
  return (
    <div class="error-summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{ctx.pack.pages.case.refused}</h2>
      {form.refusal ? <p>{form.refusal}</p> : null}
      {form.errors.size > 0 ? (
        <ul>
          {[...form.errors].map(([field, message]) => (
            <li key={field}>
              <a href={`#f-${field}`}>{message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Whether a form comes back with something to fix. */
export const refused = (form: FormState): boolean => form.errors.size > 0 || form.refusal !== undefined;
