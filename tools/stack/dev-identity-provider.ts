/** The development identity provider as a process of a stack (npm start, the tests, the cluster). */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrincipalEntry } from '../../src/identity/principals';
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
  /**
   * What each account's access tokens let it do in Temporal (`namespace:role`, in the `permissions` claim); an
   * account not named, or named with none, gets no such claim.
   */
  permissions: Record<string, string[]>;
}

/** The roles whose people read cases in the Temporal Web UI: they may read every case (see webUiPermissions). */
export const WEB_UI_READER_ROLES: readonly PrincipalEntry['role'][] = ['immigration-office', 'admin'];

/**
 * The Temporal permissions a person's Web UI access token carries, as Temporal's default claim mapper reads them:
 * read of the cases' namespace for the Immigration Office and admins, who may read every case; nothing for a
 * centre or a prosecutor's office, which may read only their own cases, and only through the API (Temporal
 * cannot narrow a namespace's list to a centre's or an office's cases). Never `temporal-system:…`, which
 * Temporal reads as every namespace. This is the rule an operator configures in their identity provider
 * (docs/deployment.md, "The Temporal Web UI's read rights").
 */
export function webUiPermissions(role: PrincipalEntry['role'], namespace: string): string[] {
  return WEB_UI_READER_ROLES.includes(role) ? [`${namespace}:read`] : [];
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
  const permissionsFile = join(dir, 'oidc-web-ui-permissions.json');
  if (o.webUi) writeFileSync(permissionsFile, JSON.stringify(o.webUi.permissions));
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
            OIDC_DEV_PERMISSIONS_FILE: permissionsFile,
          }
        : {}),
    },
    output: output('oidc'),
    ready: () => answersOk('the development identity provider', issuer, '/.well-known/openid-configuration', 30_000),
  });
  return { issuer, process: provider };
}
