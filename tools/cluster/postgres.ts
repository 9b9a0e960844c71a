/**
 * PostgreSQL for the cluster, from Debian's packages (installed where missing): a private data directory, a
 * password for its one role, listening on 127.0.0.1 only. It refuses to run as root, so a root parent runs it
 * as the `postgres` user the package creates.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../stack/managed-process';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { waitUntil } from '../stack/wait';

const PG_ROOT = '/usr/lib/postgresql';

export function postgresBinDir(): string {
  const newest = () =>
    existsSync(PG_ROOT)
      ? readdirSync(PG_ROOT)
          .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'postgres')))
          .sort((a, b) => Number(b) - Number(a))[0]
      : undefined;
  let version = newest();
  if (!version) {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'apt-install.mjs'), 'postgresql'], {
      stdio: 'inherit',
    });
    version = newest();
  }
  if (!version) throw new Error(`PostgreSQL is not installed under ${PG_ROOT}, and installing it failed`);
  return join(PG_ROOT, version, 'bin');
}

/** The `postgres` user when this process is root; PostgreSQL then runs as it. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface Postgres {
  port: number;
  user: string;
  password: string;
  process: ManagedProcess;
}

/** Initialises `dir` on first use (role `temporal`, a generated password kept beside it) and returns the server. */
export function postgres(dir: string, port: number, output: string): Postgres {
  const bin = postgresBinDir();
  const user = postgresUser();
  const data = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'temporal', `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8'],
      { stdio: 'ignore', ...(user ?? {}) },
    );
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const pg = new ManagedProcess({
    name: 'postgresql',
    command: join(bin, 'postgres'),
    args: ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`],
    env: { PATH: process.env.PATH },
    output,
    ...(user ? { user } : {}),
    ready: () =>
      waitUntil(
        'PostgreSQL',
        async () => {
          try {
            execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
            return true;
          } catch {
            return false;
          }
        },
        60_000,
        200,
      ).then(() => undefined),
  });
  return { port, user: 'temporal', password, process: pg };
}
