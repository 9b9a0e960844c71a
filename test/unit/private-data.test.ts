/**
 * `npm start`'s `.data/` (issue 28): it was made with the default umask, so every local user could read it: the
 * caught mail with its addresses, the databases. Now the folder and everything under it is this user's alone,
 * what an earlier start left open included, and what is written from then on (by the start process and every
 * process it starts) is 0600 in 0700 folders.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { startMailCatcher } from '../../tools/dev/mail-catcher';
import { privateDataDir } from '../../tools/dev/private-data';

const modeOf = (path: string): number => statSync(path).mode & 0o777;

let root: string;
let umask: number;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'private-data-'));
  // As a shell leaves it: what the processes create is readable by all.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

describe("npm start's data folder", () => {
  it('closes what an earlier start left readable by every user, and leaves a link alone', () => {
    const data = join(root, '.data');
    mkdirSync(join(data, 'mail'), { recursive: true, mode: 0o755 });
    writeFileSync(join(data, 'mail', 'a.eml'), 'To: victim-guardian@example.org\n', { mode: 0o644 });
    writeFileSync(join(data, 'statistics.sqlite'), '', { mode: 0o664 });
    writeFileSync(join(data, 'payload-keys.json'), '{}', { mode: 0o600 });
    writeFileSync(join(root, 'elsewhere'), '', { mode: 0o644 });
    symlinkSync(join(root, 'elsewhere'), join(data, 'link'));
    // The finding: anyone on the machine reads the mail.
    expect(modeOf(join(data, 'mail', 'a.eml')) & 0o004).toBe(0o004);

    privateDataDir(data);
    expect(modeOf(data)).toBe(0o700);
    expect(modeOf(join(data, 'mail'))).toBe(0o700);
    expect(modeOf(join(data, 'mail', 'a.eml'))).toBe(0o600);
    expect(modeOf(join(data, 'statistics.sqlite'))).toBe(0o600);
    expect(modeOf(join(data, 'payload-keys.json'))).toBe(0o600);
    expect(modeOf(join(root, 'elsewhere'))).toBe(0o644);
  });

  it('makes a new folder 0700, and what this process and its children create from then on 0600', () => {
    const data = join(root, 'fresh', '.data');
    privateDataDir(data);
    expect(modeOf(data)).toBe(0o700);
    writeFileSync(join(data, 'audit.jsonl'), '');
    mkdirSync(join(data, 'logs'));
    // A child (the Temporal server, the worker, the API) inherits the umask.
    execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(join(data, 'child'))}, '')`]);
    expect([modeOf(join(data, 'audit.jsonl')), modeOf(join(data, 'logs')), modeOf(join(data, 'child'))]).toEqual([
      0o600, 0o700, 0o600,
    ]);
  });

  it('keeps each caught mail 0600 in a 0700 folder, whatever the umask', async () => {
    const dir = join(root, 'mail');
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir });
    try {
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false, ignoreTLS: true })
        .sendMail({ from: 'a@example.org', to: 'guardian@example.org', subject: 's', text: 't' });
      const [file] = readdirSync(dir);
      expect([modeOf(dir), modeOf(join(dir, file!))]).toEqual([0o700, 0o600]);
    } finally {
      await catcher.close();
    }
  });
});
