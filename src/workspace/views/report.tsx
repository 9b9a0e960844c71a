import type { FieldSpec } from '../form-fields';
import { CsrfField, page } from './layout';
import { Field, Problem, type FormState } from './form';
import { shortRef } from './case-words';
import type { PageContext } from './page-context';

/** A form of fields read off a schema, posted to `action`; a refusal or invalid fields shown above it. */
export interface FormView {
  title: string;
  intro?: string;
  action: string;
  submit: string;
  fields: FieldSpec[];
  form: FormState;
  /** The refusal in the reader's words, when the case refused what was sent. */
  refusal?: string;
  /** The link back, named for where it leads. */
  back?: { href: string; label: string };
}

export function formPage(ctx: PageContext, view: FormView): string {
  const w = ctx.pack.pages.case;
  return page(
    ctx,
    view.title,
    <>
      {view.refusal ? <Problem title={w.refused} detail={view.refusal} /> : null}
      {view.form.invalid.size > 0 ? <Problem title={w.refused} detail={w.invalid} /> : null}
      {view.intro ? <p>{view.intro}</p> : null}
      <form method="post" action={view.action} novalidate>
        <CsrfField ctx={ctx} />
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
  );
}

/** The title of an event's form: the event, on the case. */
export const reportTitle = (ctx: PageContext, event: string, caseId: string): string =>
  `${event} · ${ctx.pack.pages.case.title(shortRef(caseId))}`;
