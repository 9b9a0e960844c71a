#!/usr/bin/env node
// The development identity provider of `npm start` and the browser tests: oidc-provider (an ES
// module, hence its own process), one account per dev principal, any password, no consent screen for
// the workspace (a first-party client). Its pages (oidc-dev-pages.mjs) speak the language the client asks for.
//
// Environment: OIDC_DEV_ISSUER (its URL), OIDC_DEV_PORT, OIDC_DEV_CLIENT_ID, OIDC_DEV_CLIENT_SECRET,
// OIDC_DEV_REDIRECT_URI, OIDC_DEV_POST_LOGOUT_REDIRECT_URI (where its sign-out, asked for by the workspace's,
// sends the reader back), OIDC_DEV_ACCOUNTS (a JSON file: ["centre-PAYOKE", ...]). The cluster adds the
// Temporal Web UI as a second client: OIDC_DEV_UI_CLIENT_ID, OIDC_DEV_UI_CLIENT_SECRET, OIDC_DEV_UI_REDIRECT_URI,
// and OIDC_DEV_RESOURCE (the audience of its access tokens: JWTs that Temporal's frontend and the codec verify),
// and OIDC_DEV_PERMISSIONS_FILE (a JSON file: each account's Temporal permissions, e.g. { "admin": ["default:read"] },
// put in its access tokens' `permissions` claim; an account it does not name gets no such claim).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';
import { interactionPages, logoutSource, postLogoutSuccessSource, renderError } from './oidc-dev-pages.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const accounts = new Set(JSON.parse(readFileSync(env('OIDC_DEV_ACCOUNTS'), 'utf8')));
const clientId = env('OIDC_DEV_CLIENT_ID');
const webUi = process.env.OIDC_DEV_UI_CLIENT_ID
  ? {
      client_id: process.env.OIDC_DEV_UI_CLIENT_ID,
      client_secret: env('OIDC_DEV_UI_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_DEV_UI_REDIRECT_URI')],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }
  : undefined;
const resource = webUi ? env('OIDC_DEV_RESOURCE') : undefined;
const permissions = webUi ? JSON.parse(readFileSync(env('OIDC_DEV_PERMISSIONS_FILE'), 'utf8')) : {};
/** An account's Temporal permissions: none unless the file names some (centres and prosecutors: none). */
const permissionsOf = (accountId) => (Object.hasOwn(permissions, accountId) ? permissions[accountId] : []);
const firstParty = new Set([clientId, webUi?.client_id].filter(Boolean));

const provider = new Provider(env('OIDC_DEV_ISSUER'), {
  clients: [
    {
      client_id: clientId,
      client_secret: env('OIDC_DEV_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_DEV_REDIRECT_URI')],
      post_logout_redirect_uris: [env('OIDC_DEV_POST_LOGOUT_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    ...(webUi ? [webUi] : []),
  ],
  // The Web UI server does not send PKCE; the workspace must.
  pkce: { required: (_ctx, client) => client.clientId === clientId },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    ...(resource
      ? {
          resourceIndicators: {
            enabled: true,
            defaultResource: () => resource,
            useGrantedResource: () => true,
            getResourceServerInfo: () => ({
              scope: 'openid',
              audience: resource,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 3600,
            }),
          },
        }
      : {}),
  },
  // Temporal's default claim mapper reads the roles from here: per account, and only where it has some.
  extraTokenClaims: (_ctx, token) => {
    if (token.kind !== 'AccessToken' || !resource) return undefined;
    const granted = permissionsOf(token.accountId);
    return granted.length > 0 ? { permissions: granted } : undefined;
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError,
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // Only the dev principals exist (the login page asks again for any other name).
  findAccount: (_ctx, id) =>
    accounts.has(id)
      ? { accountId: id, claims: () => ({ sub: id, email: `${id.toLowerCase()}@dev.invalid`, email_verified: true }) }
      : undefined,
  // The workspace and the Web UI are the provider's own applications: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (!firstParty.has(ctx.oidc.client.clientId)) return undefined;
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile offline_access');
    if (resource) grant.addResourceScope(resource, 'openid');
    await grant.save();
    return grant;
  },
});
provider.use(interactionPages(provider, accounts));
// Its warnings about the development-only settings are the point here.
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc dev provider: ${err.name}\n`));
provider.listen(Number(env('OIDC_DEV_PORT')), '127.0.0.1', () => process.stdout.write('oidc dev provider ready\n'));
