import { errors } from 'openid-client';

/**
 * Why a sign-in did not end signed in, as the reader is told: they cancelled it at the identity provider; it failed
 * (an error the provider answered with, a state or token that does not check out, a callback with no sign-in under
 * way); or the provider cannot be reached now.
 */
export type SignInFailure = 'cancelled' | 'failed' | 'unavailable';

export function signInFailure(err: unknown): SignInFailure {
  // OpenID Connect Core 3.1.2.6: the provider answers `access_denied` when the person declines (our "Cancel").
  if (err instanceof errors.OPError) return err.error === 'access_denied' ? 'cancelled' : 'failed';
  if (err instanceof errors.RPError) return 'failed';
  // Anything else happened on the way to the provider (its discovery, the token request): it is out of reach.
  return 'unavailable';
}

/** What the log may say of a failed sign-in: the kind of error and the provider's code, nothing the reader sent. */
export const signInFailureLog = (err: unknown): { error: string; code?: string } => ({
  error: err instanceof Error ? err.name : typeof err,
  ...(err instanceof errors.OPError ? { code: err.error } : {}),
});
