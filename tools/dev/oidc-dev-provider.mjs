#!/usr/bin/env node
// The development identity provider of `npm start` and the browser tests: oidc-provider (an ES
// module, hence its own process), one account per dev principal, any password, no consent screen for
// the workspace (a first-party client). Its own pages are oidc-provider's development pages.
//
// Environment: OIDC_DEV_ISSUER (its URL), OIDC_DEV_PORT, OIDC_DEV_CLIENT_ID, OIDC_DEV_CLIENT_SECRET,
// OIDC_DEV_REDIRECT_URI, OIDC_DEV_ACCOUNTS (a JSON file: ["centre-PAYOKE", ...]).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const accounts = new Set(JSON.parse(readFileSync(env('OIDC_DEV_ACCOUNTS'), 'utf8')));
const clientId = env('OIDC_DEV_CLIENT_ID');

const provider = new Provider(env('OIDC_DEV_ISSUER'), {
  clients: [
    {
      client_id: clientId,
      client_secret: env('OIDC_DEV_CLIENT_SECRET'),
      redirect_uris: [env('OIDC_DEV_REDIRECT_URI')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // Only the dev principals exist: another login ends in the provider's error page.
  findAccount: (_ctx, id) =>
    accounts.has(id)
      ? { accountId: id, claims: () => ({ sub: id, email: `${id.toLowerCase()}@dev.invalid`, email_verified: true }) }
      : undefined,
  // The workspace is the provider's own application: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    if (ctx.oidc.client.clientId !== clientId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email');
    await grant.save();
    return grant;
  },
});
// Its warnings about the development-only settings are the point here.
provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc dev provider: ${err.name}\n`));
provider.listen(Number(env('OIDC_DEV_PORT')), '127.0.0.1', () => process.stdout.write('oidc dev provider ready\n'));
