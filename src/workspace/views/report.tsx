import type { FieldSpec } from '../form-fields';
import { CsrfField, page } from './layout';
import { ErrorSummary, Field, refused, type FormState } from './form';
import { shortRef } from './case-words';
import type { PageContext } from './page-context';

/** A form of fields read off a schema, posted to `action`; what to fix in it summed up above it. */
export interface FormView {
  title: string;
  intro?: string;
  action: string;
  submit: string;
  fields: FieldSpec[];
  form: FormState;
  /** The link back, named for where it leads. */
  back?: { href: string; label: string };
}

export function formPage(ctx: PageContext, view: FormView): string {
  return page(
    ctx,
    view.title,
    <>
      {view.intro ? <p>{view.intro}</p> : null}
      <form method="post" action={view.action} novalidate>
        <CsrfField ctx={ctx} />
        {/* Sent twice (a double click, a retry), a form is recorded once: its key names its Update. */}
        {view.form.values._key ? <input type="hidden" name="_key" value={view.form.values._key} /> : null}
        {view.fields.map((spec) => (
          <Field key={spec.name} ctx={ctx} spec={spec} form={view.form} />
        ))}
        <button type="submit">{view.submit}</button>
      </form>
      {view.back ? (
        <p>
          <a href={view.back.href}>{view.back.label}</a>
        </p>
      ) : null}
    </>,
    refused(view.form) ? { errorSummary: <ErrorSummary ctx={ctx} form={view.form} /> } : {},
  );
}

/** The title of an event's form: the event, on the case. */
export const reportTitle = (ctx: PageContext, event: string, caseId: string): string =>
  `${event} · ${ctx.pack.pages.case.title(shortRef(caseId))}`;
