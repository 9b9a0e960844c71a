import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { SignedInIdentity } from './principals';

/**
 * Checks the access tokens the Temporal Web UI sends with each codec call (codec.passAccessToken): signed by the
 * issuer the workspace signs in with (its keys found through discovery), unexpired, for the audience when one is
 * configured. The identity then maps to a principal like a workspace sign-in.
 */
export class AccessTokenVerifier {
  private keys: Promise<JWTVerifyGetKey> | undefined;

  constructor(
    private readonly issuerUrl: string,
    private readonly audience?: string,
  ) {}

  // Discovered on first use, so the API starts while the identity provider is still starting; a failure is retried.
  private discovered(): Promise<JWTVerifyGetKey> {
    this.keys ??= fetch(new URL('.well-known/openid-configuration', this.issuerUrl.replace(/\/*$/, '/')))
      .then(async (res) => {
        if (!res.ok) throw new Error(`OIDC discovery answered ${res.status}`);
        const { jwks_uri: jwksUri } = (await res.json()) as { jwks_uri?: unknown };
        if (typeof jwksUri !== 'string') throw new Error('OIDC discovery names no jwks_uri');
        return createRemoteJWKSet(new URL(jwksUri));
      })
      .catch((err: unknown) => {
        this.keys = undefined;
        throw err;
      });
    return this.keys;
  }

  /** The identity a valid bearer token names; undefined for anything else (malformed, forged, expired, elsewhere). */
  async identity(authorization: string | undefined): Promise<SignedInIdentity | undefined> {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    const keys = await this.discovered();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.issuerUrl,
        ...(this.audience ? { audience: this.audience } : {}),
      });
      if (typeof payload.sub !== 'string') return undefined;
      return {
        sub: payload.sub,
        ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
        emailVerified: payload.email_verified === true,
      };
    } catch {
      return undefined;
    }
  }
}
