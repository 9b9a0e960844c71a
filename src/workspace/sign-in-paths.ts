import type { Request } from 'express';

/** A path inside the workspace, the only place a sign-in sends the reader back to. */
const RETURN_TO = /^\/workspace(\/[A-Za-z0-9/_-]*)?$/;

/** The page a sign-in comes back to: the one asked for when it is the workspace's, else the reader's first page. */
export const returnToOf = (req: Request): string => {
  const asked = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/workspace';
  return RETURN_TO.test(asked) ? asked : '/workspace';
};

/** The workspace's own sign-in page: what the service is, and the way on to the identity provider. */
export const signInPagePath = (returnTo: string): string =>
  `/workspace/sign-in?returnTo=${encodeURIComponent(returnTo)}`;

/** Where a sign-in starts for real: the redirect to the identity provider, then back to `returnTo`. */
export const signInStartPath = (returnTo: string): string =>
  `/workspace/sign-in/start?returnTo=${encodeURIComponent(returnTo)}`;
