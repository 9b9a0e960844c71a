/**
 * The cluster's mutual TLS, with two private CAs. The internode CA signs only the certificate of Temporal's own
 * services, and their internal ports accept nothing else (history and matching have no authorizer). The client CA
 * signs the frontend's certificate, the service's client certificate (its worker and API), the Web UI server's
 * and the API's https one. Made with openssl once per data folder; ECDSA P-256 keys in PKCS#8, which Temporal,
 * Go and the SDK's core read.
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
  /** The client CA: the frontend's certificate and every client's. */
  ca: string;
  /** The internode CA: Temporal's own services only. */
  internodeCa: string;
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** openssl from Debian's packages where it is missing. */
function ensureOpenssl(): void {
  if (spawnSync('openssl', ['version']).status === 0) return;
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'apt-install.mjs'), 'openssl'], { stdio: 'inherit' });
}
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function authority(dir: string, name: string, subject: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  if (!existsSync(cert))
    openssl(['req', '-x509', ...EC_KEY, '-keyout', key, '-out', cert, '-days', '825', '-subj', `/CN=${subject}`]);
  return { cert, key };
}

export function certificates(dir: string): Certificates {
  ensureOpenssl();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const clients = authority(dir, 'ca', 'victim-cases cluster client CA');
  const internode = authority(dir, 'internode-ca', 'victim-cases cluster internode CA');
  const pairs = Object.fromEntries(
    (Object.keys(CERTIFICATE_NAMES) as CertificateRole[]).map((role) => {
      const cert = join(dir, `${role}.pem`);
      const key = join(dir, `${role}.key`);
      const ca = role === 'internode' ? internode : clients;
      if (!existsSync(cert)) {
        const csr = join(dir, `${role}.csr`);
        const ext = join(dir, `${role}.ext`);
        writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n');
        openssl(['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=${CERTIFICATE_NAMES[role]}`]);
        openssl(
          ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert].concat([
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
  return { ca: clients.cert, internodeCa: internode.cert, ...pairs };
}
