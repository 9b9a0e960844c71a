import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config';
import { temporalConnectionOptions } from '../../src/temporal/connection-options';

describe('configuration', () => {
  it('runs on the embedded defaults of CONTRACT.md', () => {
    expect(loadConfig({})).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'victim-cases',
      HTTP_PORT: 3000,
      PUBLIC_BASE_URL: 'http://localhost:3000',
    });
  });

  it.each([
    ['HTTP_PORT', '70000'],
    ['TEMPORAL_ADDRESS', 'no-port'],
    ['SMTP_SECURE', 'yes'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['MAIL_FROM', 'nobody'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s and names it', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^invalid configuration: ${variable}:`));
  });

  it('takes a client certificate only with its key, and an https port only with both', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_FILE: '/run/secrets/cert.pem' })).toThrow(
      /TEMPORAL_TLS_KEY_FILE: TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together/,
    );
    expect(() => loadConfig({ HTTPS_PORT: '3443', HTTPS_CERT_FILE: '/run/secrets/api.pem' })).toThrow(
      /HTTPS_PORT: HTTPS_PORT needs HTTPS_CERT_FILE and HTTPS_KEY_FILE/,
    );
  });

  it('connects in clear by default, and with TLS, a client certificate and an API key when given', () => {
    expect(temporalConnectionOptions(loadConfig({}))).toEqual({ address: 'localhost:7233' });
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'frontend.internal:7233',
      TEMPORAL_TLS_CA_FILE: join(dir, 'ca.pem'),
      TEMPORAL_TLS_CERT_FILE: join(dir, 'cert.pem'),
      TEMPORAL_TLS_KEY_FILE: join(dir, 'key.pem'),
      TEMPORAL_TLS_SERVER_NAME: 'localhost',
    });
    expect(temporalConnectionOptions(config)).toEqual({
      address: 'frontend.internal:7233',
      tls: {
        serverNameOverride: 'localhost',
        serverRootCACertificate: Buffer.from('-----ca.pem-----'),
        clientCertPair: { crt: Buffer.from('-----cert.pem-----'), key: Buffer.from('-----key.pem-----') },
      },
    });
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_API_KEY: 'cloud-key' }))).toEqual({
      address: 'localhost:7233',
      tls: {},
      apiKey: 'cloud-key',
    });
    expect(() => temporalConnectionOptions({ ...config, TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') })).toThrow(
      `TEMPORAL_TLS_CA_FILE ${join(dir, 'missing.pem')}: ENOENT`,
    );
  });

  it('reads the service database from SERVICE_DATABASE, and still from STATISTICS_DATABASE with a warning naming the new name', () => {
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(loadConfig({ SERVICE_DATABASE: '/var/lib/service.sqlite' }, warn).SERVICE_DATABASE).toBe(
      '/var/lib/service.sqlite',
    );
    expect(warnings).toEqual([]);
    expect(loadConfig({ STATISTICS_DATABASE: '/var/lib/old.sqlite' }, warn).SERVICE_DATABASE).toBe(
      '/var/lib/old.sqlite',
    );
    expect(warnings).toEqual([expect.stringMatching(/^STATISTICS_DATABASE .*SERVICE_DATABASE/)]);
  });

  it('prefers SERVICE_DATABASE when both names are set, and says so', () => {
    const warnings: string[] = [];
    const both = { SERVICE_DATABASE: '/var/lib/new.sqlite', STATISTICS_DATABASE: '/var/lib/old.sqlite' };
    expect(loadConfig(both, (m) => warnings.push(m)).SERVICE_DATABASE).toBe('/var/lib/new.sqlite');
    expect(warnings).toEqual([expect.stringContaining('SERVICE_DATABASE is set and wins')]);
  });

  it('is documented variable by variable in .env.example', () => {
    const example = readFileSync(join(__dirname, '../../.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(expect.arrayContaining(CONFIG_VARIABLES));
  });
});
