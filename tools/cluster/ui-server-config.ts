/**
 * The Temporal UI server's configuration for the cluster (JSON, which its YAML loader reads): staff sign in
 * through OIDC, every write action is off, the frontend is reached with mutual TLS and each user's own token,
 * and payloads decode through the API's codec with the user's access token, which the API verifies and audits.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UiServerConfigOptions {
  /** The UI server's --root; the file goes to <root>/config/<env>.yaml. */
  root: string;
  env: string;
  frontendAddress: string;
  port: number;
  uiUrl: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The audience of the access tokens, asked of the identity provider. */
  resource: string;
  codecEndpoint: string;
  namespace: string;
  tls: { ca: string; cert: string; key: string };
}

export function writeUiServerConfig(o: UiServerConfigOptions): void {
  const config = {
    temporalGrpcAddress: o.frontendAddress,
    host: '127.0.0.1',
    port: o.port,
    enableUi: true,
    defaultNamespace: o.namespace,
    showTemporalSystemNamespace: false,
    disableNewsFetch: true,
    notifyOnNewVersion: false,
    // Staff read cases here; only the service acts on them.
    disableWriteActions: true,
    cors: { cookieInsecure: o.uiUrl.startsWith('http:'), allowOrigins: [o.uiUrl] },
    auth: {
      enabled: true,
      providers: [
        {
          label: 'Sign in',
          type: 'oidc',
          providerUrl: o.issuer,
          issuerUrl: o.issuer,
          clientId: o.clientId,
          clientSecret: o.clientSecret,
          scopes: ['openid', 'profile', 'email'],
          callbackUrl: `${o.uiUrl}/auth/sso/callback`,
          options: { resource: o.resource },
        },
      ],
    },
    tls: {
      caFile: o.tls.ca,
      certFile: o.tls.cert,
      keyFile: o.tls.key,
      serverName: 'localhost',
      enableHostVerification: true,
    },
    codec: { endpoint: o.codecEndpoint, passAccessToken: true, includeCredentials: false },
    forwardHeaders: [],
  };
  const dir = join(o.root, 'config');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // It holds the client secret.
  writeFileSync(join(dir, `${o.env}.yaml`), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
