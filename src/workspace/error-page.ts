import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { ServiceProblem } from '../cases/problems';
import { pageOf } from './middleware';
import { messagePage } from './views/messages';

/** Errors as pages in the reader's language; the log line names the error, never a value. */
export function errorPage(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    const page = pageOf(res);
    const w = page.pack.pages.errors;
    const isZod = (err as { name?: string })?.name === 'ZodError';
    const status = err instanceof ServiceProblem ? err.status : isZod ? 404 : 500;
    if (status >= 500) logger.error({ error: (err as Error)?.name ?? typeof err }, 'workspace page failed');
    const text =
      status === 404
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
    res.status(status).send(messagePage(page, text, text, { href: '/workspace', label: w.back }));
  };
}
