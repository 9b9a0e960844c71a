import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start`'s data folder holds the payload key, the dev tokens, the audit trail, the databases and the caught
 * mail (with addresses): readable by this user alone. From here on, whatever this process and the processes it
 * starts create is 0600 (folders 0700): the umask is the children's too (Temporal's SQLite file, the worker's and
 * the API's databases, logs). What an earlier start left readable by others is closed now: the folder 0700, each
 * folder below it 0700, each file without its group and other bits.
 */
export function privateDataDir(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const close = (path: string): void => {
    const stat = lstatSync(path);
    // A link is left alone: what it points to is not ours to change.
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) close(join(path, name));
    } else if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o700);
  };
  close(dir);
}
