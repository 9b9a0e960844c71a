import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/** One invalid field of a 400: where it is and what is wrong, never its value. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/** An RFC 9457 problem; `detail` must never carry personal data, tokens or stack traces. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: { invalidParams?: InvalidParam[]; type?: string; code?: string } = {},
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, problem: HttpProblem): void {
  if (problem.status === 401) res.set('WWW-Authenticate', 'Bearer');
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: problem.extra.type ?? 'about:blank',
      title: STATUS_CODES[problem.status] ?? 'Error',
      status: problem.status,
      detail: problem.detail,
      ...(problem.extra.code ? { code: problem.extra.code } : {}),
      ...(problem.extra.invalidParams ? { invalidParams: problem.extra.invalidParams } : {}),
    });
}
