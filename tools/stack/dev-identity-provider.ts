/** The development identity provider as a process of a stack (npm start, the tests, the cluster). */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { answersOk } from './readiness';
import { bareEnv } from './service-env';
import { PROJECT_ROOT } from './temporal-binaries';

/** The Temporal Web UI server as a client of the development identity provider (the cluster). */
export interface DevWebUiClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The audience of the UI's access tokens: the frontend and the codec check it. */
  resource: string;
  /** What the access tokens let their holder do in Temporal (`namespace:role`). */
  permissions: string[];
}

/**
 * The development identity provider (tools/dev/oidc-dev-provider.mjs): one account per dev principal, and
 * the API's environment pointed at it, so the workspace's sign-in runs the real OIDC flow offline.
 */
export async function devIdentityProvider(
  o: { oidcPort?: number; webUi?: DevWebUiClient },
  dir: string,
  env: NodeJS.ProcessEnv,
  accounts: string[],
  output: (name: string) => string,
): Promise<{ issuer: string; process: ManagedProcess }> {
  const port = o.oidcPort ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const accountsFile = join(dir, 'oidc-accounts.json');
  writeFileSync(accountsFile, JSON.stringify(accounts));
  const clientSecret = randomBytes(24).toString('hex');
  const workspace = `${env.PUBLIC_BASE_URL!.replace(/\/+$/, '')}/workspace`;
  Object.assign(env, {
    OIDC_ISSUER_URL: issuer,
    OIDC_CLIENT_ID: 'victim-case-workspace',
    OIDC_CLIENT_SECRET: clientSecret,
  });
  const provider = new ManagedProcess({
    name: 'oidc',
    command: process.execPath,
    args: [join(PROJECT_ROOT, 'tools', 'dev', 'oidc-dev-provider.mjs')],
    env: {
      ...bareEnv(),
      NODE_ENV: 'development',
      OIDC_DEV_ISSUER: issuer,
      OIDC_DEV_PORT: String(port),
      OIDC_DEV_CLIENT_ID: 'victim-case-workspace',
      OIDC_DEV_CLIENT_SECRET: clientSecret,
      OIDC_DEV_REDIRECT_URI: `${workspace}/callback`,
      OIDC_DEV_POST_LOGOUT_REDIRECT_URI: `${workspace}/signed-out`,
      OIDC_DEV_ACCOUNTS: accountsFile,
      ...(o.webUi
        ? {
            OIDC_DEV_UI_CLIENT_ID: o.webUi.clientId,
            OIDC_DEV_UI_CLIENT_SECRET: o.webUi.clientSecret,
            OIDC_DEV_UI_REDIRECT_URI: o.webUi.redirectUri,
            OIDC_DEV_RESOURCE: o.webUi.resource,
            OIDC_DEV_PERMISSIONS: o.webUi.permissions.join(','),
          }
        : {}),
    },
    output: output('oidc'),
    ready: () => answersOk('the development identity provider', issuer, '/.well-known/openid-configuration', 30_000),
  });
  return { issuer, process: provider };
}
