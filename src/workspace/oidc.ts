import { generators, Issuer, type Client } from 'openid-client';
import type { SignedInIdentity } from '../identity/principals';

export interface OidcOptions {
  issuerUrl: string;
  clientId: string;
  /** Absent: a public client, PKCE only. */
  clientSecret?: string;
  redirectUri: string;
  /** Where the identity provider sends the reader after its own sign-out (RP-initiated logout). */
  postLogoutRedirectUri: string;
}

/** What the sign-in keeps in the session between the redirect and the callback. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Sign-in with OpenID Connect: the authorization code flow with PKCE, against the configured issuer. */
export class OidcSignIn {
  private client: Promise<Client> | undefined;

  /** The identity provider's origin: where the pages' forms may lead (its sign-out follows the workspace's). */
  readonly issuerOrigin: string;

  constructor(private readonly o: OidcOptions) {
    this.issuerOrigin = new URL(o.issuerUrl).origin;
  }

  // Discovered on first use, so the API starts while the identity provider is still starting; a failure is retried.
  private discovered(): Promise<Client> {
    this.client ??= Issuer.discover(this.o.issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: this.o.clientId,
          ...(this.o.clientSecret ? { client_secret: this.o.clientSecret } : {}),
          redirect_uris: [this.o.redirectUri],
          post_logout_redirect_uris: [this.o.postLogoutRedirectUri],
          response_types: ['code'],
          token_endpoint_auth_method: this.o.clientSecret ? 'client_secret_basic' : 'none',
        }),
      (err: unknown) => {
        this.client = undefined;
        throw err;
      },
    );
    return this.client;
  }

  /** The provider's authorization request, its pages asked for in the reader's language (`ui_locales`). */
  async start(lang: string): Promise<{ url: string; pending: PendingLogin }> {
    const client = await this.discovered();
    const pending = { state: generators.state(), nonce: generators.nonce(), codeVerifier: generators.codeVerifier() };
    const url = client.authorizationUrl({
      scope: 'openid email',
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ui_locales: lang,
    });
    return { url, pending };
  }

  /** The identity the provider vouches for, from the callback's query and the login the session kept. */
  async finish(callbackUrl: string, pending: PendingLogin): Promise<SignedInIdentity> {
    const client = await this.discovered();
    const params = client.callbackParams(callbackUrl);
    const tokens = await client.callback(this.o.redirectUri, params, {
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
    });
    const claims = tokens.claims();
    return {
      sub: claims.sub,
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      emailVerified: claims.email_verified === true,
    };
  }

  /**
   * Where to send a reader who signed out, so that the identity provider ends its own session too (OpenID Connect
   * RP-Initiated Logout, with `client_id`: no ID token is kept to hint with): its `end_session_endpoint`, or
   * undefined when its discovery document names none, names one on another origin than the issuer's (the pages'
   * Content-Security-Policy lets their forms lead to the issuer's only), or it cannot be reached now. The
   * workspace's own sign-out holds either way.
   */
  async endSessionUrl(lang: string): Promise<string | undefined> {
    const client = await this.discovered().catch(() => undefined);
    const endpoint = client?.issuer.metadata.end_session_endpoint;
    if (!client || !endpoint || new URL(endpoint).origin !== this.issuerOrigin) return undefined;
    return client.endSessionUrl({ post_logout_redirect_uri: this.o.postLogoutRedirectUri, ui_locales: lang });
  }
}
