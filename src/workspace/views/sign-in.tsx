import { page } from './layout';
import type { PageContext } from './page-context';

/**
 * The first page of a reader who is not signed in (a mail's link, a bookmark): what the service is, who may use it,
 * and the way on to the identity provider, in the reader's language before the provider's pages take over.
 */
export function signInPage(ctx: PageContext, startHref: string): string {
  const w = ctx.pack.pages;
  return page(
    ctx,
    w.signInTitle,
    <>
      <p>{w.signInPage.about}</p>
      <p>{w.signInPage.who}</p>
      <p>{w.signInPage.how}</p>
      <p>
        <a class="button" href={startHref}>
          {w.signIn}
        </a>
      </p>
    </>,
  );
}
