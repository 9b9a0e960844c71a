#!/usr/bin/env node
// Installs Debian packages where missing, as root or through sudo: `node scripts/apt-install.mjs pkg...`.
// The setup (Chromium) and the cluster (PostgreSQL, Go) use it.
import { spawn } from 'node:child_process';

export function aptInstall(packages) {
  const asRoot = process.getuid?.() === 0;
  const run = (args) =>
    new Promise((resolve, reject) => {
      const [command, all] = asRoot ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
      const child = spawn(command, all, {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`apt-get ${args.join(' ')}: exit ${code}`)),
      );
    });
  const install = ['install', '-y', '-q', '--no-install-recommends', ...packages];
  // A fresh machine may have no package lists yet.
  return run(install).catch(() => run(['update', '-q']).then(() => run(install)));
}

if (import.meta.url === `file://${process.argv[1]}`) await aptInstall(process.argv.slice(2));
