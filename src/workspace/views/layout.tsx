import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { LANGUAGES, type Language } from '../../domain/codes';
import { currentItem, languageHref } from './navigation';
import type { PageContext } from './page-context';

const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', fr: 'Français', de: 'Deutsch', en: 'English' };

function Navigation({ ctx }: { ctx: PageContext }) {
  const w = ctx.pack.pages;
  const role = ctx.principal?.role;
  if (!role) return null;
  const links: [string, string][] = [['/workspace/cases', w.nav.cases]];
  if (role === 'centre') links.push(['/workspace/cases/new', w.nav.openCase]);
  if (role === 'prosecutor') links.unshift(['/workspace/queries', w.nav.queries]);
  if (role === 'immigration-office' || role === 'admin') links.unshift(['/workspace/inbox', w.nav.inbox]);
  const current = currentItem(
    ctx.path,
    links.map(([href]) => href),
  );
  return (
    <nav aria-label={w.mainNavigation}>
      <ul>
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={current?.href === href ? current.current : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageLinks({ ctx }: { ctx: PageContext }) {
  return (
    <nav aria-label={ctx.pack.pages.language} class="languages">
      <ul>
        {LANGUAGES.map((l) => (
          <li key={l}>
            <a
              href={languageHref(ctx.path, ctx.query, l)}
              lang={l}
              hrefLang={l}
              aria-current={l === ctx.lang ? 'true' : undefined}
            >
              {LANGUAGE_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />;
}

/** What a page may show above its title: a refused form's error summary, which the page's title then announces. */
export interface PageOptions {
  errorSummary?: ComponentChildren;
}

function Layout({
  ctx,
  title,
  options,
  children,
}: {
  ctx: PageContext;
  title: string;
  options: PageOptions;
  children: ComponentChildren;
}) {
  const w = ctx.pack.pages;
  const prefix = options.errorSummary ? w.formErrors.titlePrefix : '';
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${prefix}${title} · ${w.appName}`}</title>
        <link rel="stylesheet" href="/workspace/style.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {w.skipToContent}
        </a>
        <header>
          <p class="app">{w.appName}</p>
          <Navigation ctx={ctx} />
          <LanguageLinks ctx={ctx} />
          {ctx.principal ? (
            <form method="post" action="/workspace/sign-out" class="sign-out">
              <CsrfField ctx={ctx} />
              <span>{w.signedInAs(ctx.principalName ?? ctx.principal.id)}</span>{' '}
              <button type="submit">{w.signOut}</button>
            </form>
          ) : null}
        </header>
        <main id="main">
          {options.errorSummary}
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A whole page as HTML: the layout around the content. */
export function page(ctx: PageContext, title: string, content: ComponentChildren, options: PageOptions = {}): string {
  return `<!DOCTYPE html>${renderToString(
    <Layout ctx={ctx} title={title} options={options}>
      {content}
    </Layout>,
  )}`;
}
