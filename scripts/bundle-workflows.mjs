#!/usr/bin/env node
// Bundles the compiled workflows into dist/workflow-bundle.js for the production worker
// (src/temporal/workflow-bundle.ts). Runs after tsc on every build (npm run build,
// scripts/setup.mjs, the Dockerfile); a bundle whose fingerprint matches the compiled code
// is kept (`--force` makes it anew), so a bundle never outlives the code it came from.
import { createRequire } from 'node:module';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const log = (msg) => process.stderr.write(`[bundle] ${msg}\n`);
const noop = () => undefined;
// Webpack's progress stays quiet; its warnings and errors are shown.
const logger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: (msg) => log(`warning: ${msg}`),
  error: (msg) => log(`error: ${msg}`),
  log: (level, msg) => (level === 'WARN' || level === 'ERROR') && log(msg),
};

const started = performance.now();
const { workflowCode, writeWorkflowBundle } = require(join(root, 'dist', 'src', 'temporal', 'workflow-bundle.js'));
if (!process.argv.includes('--force') && workflowCode(join(root, 'dist')).from === 'prebuilt-bundle') {
  log('dist/workflow-bundle.js matches the compiled code: kept');
  process.exit(0);
}
const { codePath, bytes } = await writeWorkflowBundle(logger);
const seconds = (performance.now() - started) / 1000;
log(`${relative(root, codePath)}: ${(bytes / 1024).toFixed(0)} KiB in ${seconds.toFixed(1)} s`);
