import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ServiceProblem } from '../cases/problems';
import { isStoreOutage } from '../store/sql-database';
import { damagedForm, PageProblem } from './forms';
import { pageOf } from './middleware';
import { messagePage } from './views/messages';

/** A refusal of the form parser (body-parser's errors carry a `type` and a 4xx `status`) as the pages' problem. */
const parserRefusal = (err: unknown): PageProblem | undefined => {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  return damagedForm(status === 413 ? 'payloadTooLarge' : 'badRequest');
};

/** Errors as pages in the reader's language; the log line names the error, never a value. */
export function errorPage(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, _req, res, next) => {
    if (res.headersSent) return next(thrown);
    const page = pageOf(res);
    const w = page.pack.pages.errors;
    // The parser's own message may quote the form: its status only.
    const err = parserRefusal(thrown) ?? thrown;
    const isZod = (err as { name?: string })?.name === 'ZodError';
    const status = err instanceof ServiceProblem ? err.status : isZod ? 404 : isStoreOutage(err) ? 503 : 500;
    if (status >= 500) logger.error({ error: (err as Error)?.name ?? typeof err }, 'workspace page failed');
    const text =
      // The pages' own problems say what went wrong in the reader's words (a form that did not arrive whole).
      err instanceof PageProblem
        ? err.words(page.pack)
        : status === 404
          ? w.notFound
          : status === 403
            ? w.forbidden
            : status === 503
              ? w.unavailable
              : // A conflict says what it is in its own words (an erasure of a file that is running again).
                status === 409 && err instanceof ServiceProblem
                ? err.words(page.pack)
                : status < 500
                  ? w.badRequest
                  : w.internal;
    res.status(status).send(messagePage(page, text, text, { href: '/workspace/cases', label: w.back }));
  };
}
