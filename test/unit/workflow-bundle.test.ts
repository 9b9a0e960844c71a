/**
 * Which workflow code the production worker runs (src/temporal/workflow-bundle.ts): the
 * prebuilt bundle only when it was made from the compiled code beside it. The worker
 * running from the real bundle is test/integration/production-worker.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_OPTIONS, codeFingerprint, workflowCode, WORKFLOWS_PATH } from '../../src/temporal/workflow-bundle';

let root: string;
beforeEach(() => {
  // A stand-in for dist/: compiled workflows and src, perhaps a bundle and its fingerprint.
  root = mkdtempSync(join(tmpdir(), 'workflow-bundle-'));
  mkdirSync(join(root, 'workflows'));
  mkdirSync(join(root, 'src', 'domain'), { recursive: true });
  writeFileSync(join(root, 'workflows', 'index.js'), 'exports.victimCase = 1;\n');
  writeFileSync(join(root, 'src', 'domain', 'policy.js'), 'exports.POLICY = 45;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const bundle = (fingerprint: string | undefined) => {
  writeFileSync(join(root, 'workflow-bundle.js'), '/* bundle */\n');
  if (fingerprint !== undefined) writeFileSync(join(root, 'workflow-bundle.json'), JSON.stringify({ fingerprint }));
};
const fromSource = (reason: string) => ({
  from: 'source',
  reason,
  options: {
    workflowsPath: WORKFLOWS_PATH,
    bundlerOptions: {
      preloadModules: BUNDLE_OPTIONS.preloadModules,
      webpackConfigHook: BUNDLE_OPTIONS.webpackConfigHook,
    },
  },
});

describe('the workflow code of the production worker', () => {
  it('is the workflows, bundled at start, when there is no prebuilt bundle (running from source)', () => {
    expect(workflowCode(root)).toEqual(fromSource('no-bundle'));
  });

  it('is the prebuilt bundle when it was made from the code beside it', () => {
    bundle(codeFingerprint(root));
    const codePath = join(root, 'workflow-bundle.js');
    expect(workflowCode(root)).toEqual({ from: 'prebuilt-bundle', options: { workflowBundle: { codePath } } });
  });

  it.each([
    ['a workflow changed', 'workflows/index.js', 'exports.victimCase = 2;\n'],
    ['a domain module changed', 'src/domain/policy.js', 'exports.POLICY = 30;\n'],
    ['a module was added', 'src/domain/calendar.js', '\n'],
  ])('is the workflows, bundled at start, once %s after the bundle was made', (_what, file, text) => {
    bundle(codeFingerprint(root));
    writeFileSync(join(root, file), text);
    expect(workflowCode(root)).toEqual(fromSource('stale-bundle'));
  });

  it('is the workflows when the bundle has no fingerprint', () => {
    bundle(undefined);
    expect(workflowCode(root)).toEqual(fromSource('stale-bundle'));
  });
});
