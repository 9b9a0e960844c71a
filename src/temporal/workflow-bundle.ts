/**
 * The workflow code of the production worker. The build (scripts/bundle-workflows.mjs,
 * after tsc) bundles the compiled workflows once into dist/workflow-bundle.js, with a
 * fingerprint of the compiled code it came from in dist/workflow-bundle.json; the worker
 * runs that bundle, so it starts without a webpack run. With no bundle (running from
 * source), or one made from other code (tsc ran, the bundling did not), the worker bundles
 * the workflows itself at start, as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger } from '@temporalio/common';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { SANDBOX_CONVERTERS } from '../crypto/data-converter';

/** dist/ when compiled, the repository root when run from source (where no bundle is ever written). */
const BUILD_ROOT = join(__dirname, '..', '..');
const BUNDLE_FILE = 'workflow-bundle.js';
const FINGERPRINT_FILE = 'workflow-bundle.json';
/** The compiled code a bundle is made from: the workflows and what they import from src/. */
const FINGERPRINTED_DIRS = ['workflows', 'src'];

export const WORKFLOWS_PATH = require.resolve('../../workflows');

/**
 * Modules loaded once into the reused V8 context and shared, deep-frozen, by every cached case; otherwise each
 * case holds its own instance of each (issue 19: a third of a cached case's heap). Only code that keeps no case's
 * state: luxon (its caches remember pure answers, a zone's offsets or a formatter, and the calendar never asks it
 * for now) and the pure domain the workflow uses (src/domain/procedure/...; its one module variable, the
 * calendar's, memoises a pure function). Never the SDK's modules nor anything importing them (the search
 * attribute keys, the refused payloads): those are per workflow. Luxon declares itself free of side effects, so
 * webpack would drop the preload's bare require unless told not to prune such modules.
 */
const SHARED_MODULES = [
  'luxon',
  '../domain/procedure/import',
  '../domain/procedure/status',
  '../domain/procedure/upgrade',
  '../domain/procedure/run-summary',
  '../domain/reference-keys',
  '../domain/notices',
];
const BUNDLER_OPTIONS = {
  preloadModules: SHARED_MODULES.map((m) => require.resolve(m)),
  webpackConfigHook: ((config) => ({
    ...config,
    optimization: { ...config.optimization, sideEffects: false },
  })) satisfies BundleOptions['webpackConfigHook'],
};

/** How the workflows are bundled: here, at a worker's start from source, and in the tests. */
export const BUNDLE_OPTIONS = { workflowsPath: WORKFLOWS_PATH, ...SANDBOX_CONVERTERS, ...BUNDLER_OPTIONS };

export type WorkflowCode =
  | { from: 'prebuilt-bundle'; options: { workflowBundle: { codePath: string } } }
  | {
      from: 'source';
      reason: 'no-bundle' | 'stale-bundle';
      options: { workflowsPath: string; bundlerOptions: typeof BUNDLER_OPTIONS };
    };

/** SHA-256 over the path and bytes of every .js and .json file under workflows/ and src/ of `root`. */
export function codeFingerprint(root: string = BUILD_ROOT): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (/\.(js|json)$/.test(entry.name)) {
        const bytes = readFileSync(path);
        hash.update(`${relative(root, path)}\0${bytes.length}\0`).update(bytes);
      }
    }
  };
  FINGERPRINTED_DIRS.forEach((dir) => walk(join(root, dir)));
  return hash.digest('hex');
}

/** The prebuilt bundle when there is one made from the code beside it, otherwise the workflows to bundle at start. */
export function workflowCode(root: string = BUILD_ROOT): WorkflowCode {
  const codePath = join(root, BUNDLE_FILE);
  const fromSource = (reason: 'no-bundle' | 'stale-bundle'): WorkflowCode => ({
    from: 'source',
    reason,
    options: { workflowsPath: WORKFLOWS_PATH, bundlerOptions: BUNDLER_OPTIONS },
  });
  if (!existsSync(codePath)) return fromSource('no-bundle');
  let built: unknown;
  try {
    built = (JSON.parse(readFileSync(join(root, FINGERPRINT_FILE), 'utf8')) as { fingerprint?: unknown }).fingerprint;
  } catch {
    built = undefined;
  }
  if (built !== codeFingerprint(root)) return fromSource('stale-bundle');
  return { from: 'prebuilt-bundle', options: { workflowBundle: { codePath } } };
}

/**
 * Bundles the compiled workflows (with the sandbox's converters of `dataConverterFor`) into
 * dist/workflow-bundle.js. The old bundle goes first, so a failed run leaves none behind
 * and the worker bundles from the workflows instead.
 */
export async function writeWorkflowBundle(logger?: Logger): Promise<{ codePath: string; bytes: number }> {
  const codePath = join(BUILD_ROOT, BUNDLE_FILE);
  const fingerprintPath = join(BUILD_ROOT, FINGERPRINT_FILE);
  rmSync(codePath, { force: true });
  rmSync(fingerprintPath, { force: true });
  // Taken before bundling: code that changes meanwhile no longer matches, and is bundled at start.
  const fingerprint = codeFingerprint();
  const { code } = await bundleWorkflowCode({ ...BUNDLE_OPTIONS, logger });
  const write = (path: string, text: string) => {
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  };
  write(codePath, code);
  write(fingerprintPath, `${JSON.stringify({ fingerprint }, null, 2)}\n`);
  return { codePath, bytes: Buffer.byteLength(code) };
}
