import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * `npm run bench -- <args>` without its set-up step (the test command ran it already), as a child process, its
 * results in `resultsDir`; resolves with the exit code and everything it printed.
 */
export function runBench(args: string[], resultsDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const bench = join(ROOT, 'dist-tools', 'tools', 'bench', 'index.js');
    const child = spawn(process.execPath, [bench, ...args, '--results-dir', resultsDir], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
