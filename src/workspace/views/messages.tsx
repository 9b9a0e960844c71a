import { page } from './layout';
import type { PageContext } from './page-context';

/** A page that only says something: signed out, session ended, an error; with a way on. */
export function messagePage(
  ctx: PageContext,
  title: string,
  text: string,
  link?: { href: string; label: string },
): string {
  return page(
    ctx,
    title,
    <>
      <p>{text}</p>
      {link ? (
        <p>
          <a class="button" href={link.href}>
            {link.label}
          </a>
        </p>
      ) : null}
    </>,
  );
}
