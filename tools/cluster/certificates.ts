/**
 * The cluster's mutual TLS: a private CA and, signed by it, the frontend's and the internode certificate of
 * Temporal's services, the service's client certificate (its worker and API), and the Web UI server's. Made
 * with openssl once per data folder; ECDSA P-256 keys in PKCS#8, which Temporal, Go and the SDK's core read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../stack/temporal-binaries';

/** Common Names: the frontend trusts the first two to write (tools/cluster/temporal-server/main.go). */
export const CERTIFICATE_NAMES = {
  service: 'victim-cases-service',
  internode: 'temporal-internode',
  frontend: 'temporal-frontend',
  webUi: 'temporal-web-ui',
  /** The API's https port for the Web UI's codec calls. */
  codec: 'victim-cases-codec',
} as const;

export type CertificateRole = keyof typeof CERTIFICATE_NAMES;
export interface CertificatePair {
  cert: string;
  key: string;
}
export interface Certificates extends Record<CertificateRole, CertificatePair> {
  ca: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** openssl from Debian's packages where it is missing. */
function ensureOpenssl(): void {
  if (spawnSync('openssl', ['version']).status === 0) return;
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'apt-install.mjs'), 'openssl'], { stdio: 'inherit' });
}
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function certificates(dir: string): Certificates {
  ensureOpenssl();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  if (!existsSync(ca)) {
    openssl([
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      caKey,
      '-out',
      ca,
      '-days',
      '825',
      '-subj',
      '/CN=victim-cases cluster CA',
    ]);
  }
  const pairs = Object.fromEntries(
    (Object.keys(CERTIFICATE_NAMES) as CertificateRole[]).map((role) => {
      const cert = join(dir, `${role}.pem`);
      const key = join(dir, `${role}.key`);
      if (!existsSync(cert)) {
        const csr = join(dir, `${role}.csr`);
        const ext = join(dir, `${role}.ext`);
        writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
        openssl(['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=${CERTIFICATE_NAMES[role]}`]);
        openssl(
          ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-out', cert].concat([
            '-days',
            '825',
            '-extfile',
            ext,
          ]),
        );
      }
      return [role, { cert, key }];
    }),
  ) as Record<CertificateRole, CertificatePair>;
  return { ca, ...pairs };
}
