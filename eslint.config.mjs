// @ts-check
// Lint set modelled on temporalio/sdk-typescript's eslint.config.mjs (no-floating-promises,
// consistent-type-imports, import/no-cycle, eqeqeq) plus the samples' override that keeps
// Node and I/O out of the code that runs in the workflow sandbox (CONVENTIONS.md), drawn here
// as import-x/no-restricted-paths zones on resolved paths.
import { realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));
/** Where the packages resolve to: the resolver follows a symlinked node_modules (a worktree sharing one) to its target. */
const NODE_MODULES = relative(ROOT, realpathSync(join(ROOT, 'node_modules')));

/** Unused variables are errors; a leading `_` marks one kept on purpose (a positional argument, a rest sibling). */
const UNUSED_VARS = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

/** Code outside the production build, which may import devDependencies. */
const DEV_CODE = ['test/**', 'tools/**', 'scripts/**', '*.config.{js,mjs,cjs,ts}'];
/** Tests and the tools that start and watch the processes they test (tools/: dev stack, bench, harness). */
const TEST_CODE = ['test/**', 'tools/**'];

// ---------------------------------------------------------------------------------------------
// The sandbox: workflows/** and src/domain/** (the pure code the workflows import).
// ---------------------------------------------------------------------------------------------

const SANDBOX = "Workflow code runs in Temporal's deterministic sandbox: no I/O.";

/**
 * An import-x rule that skips `import type` / `export type` declarations: tsc erases them, so
 * nothing of the module reaches the workflow bundle (no-restricted-paths has no such option,
 * import-js/eslint-plugin-import#1899).
 * @param {import('eslint').Rule.RuleModule} rule
 * @returns {import('eslint').Rule.RuleModule}
 */
function valueImportsOnly(rule) {
  /** @param {any} node */
  const typeOnly = (node) => node?.parent?.importKind === 'type' || node?.parent?.exportKind === 'type';
  return {
    meta: rule.meta,
    create(context) {
      const report = /** @type {typeof context.report} */ (
        (descriptor) => {
          if (!('node' in descriptor && typeOnly(descriptor.node))) context.report(descriptor);
        }
      );
      return rule.create(Object.create(context, { report: { value: report } }));
    },
  };
}
const rules = /** @type {Record<string, import('eslint').Rule.RuleModule>} */ (/** @type {unknown} */ (importX.rules));
const sandboxPlugin = {
  meta: { name: 'sandbox' },
  rules: {
    'no-restricted-paths': valueImportsOnly(rules['no-restricted-paths']),
    'no-nodejs-modules': valueImportsOnly(rules['no-nodejs-modules']),
  },
};

/** npm packages that do I/O or belong to the Node side: src/domain may import any other. */
const IO_PACKAGES = [
  'nodemailer',
  'smtp-server',
  'mailparser',
  'express',
  'express-rate-limit',
  'helmet',
  'swagger-ui-dist',
  'pino',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

const sandboxBlocks = /** @type {import('eslint').Linter.Config[]} */ ([
  {
    name: 'sandbox/no-dynamic-import',
    files: ['workflows/**', 'src/domain/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: `${SANDBOX} No dynamic import().` }],
    },
  },
  {
    // Values from @temporalio/workflow, src/domain and workflows/ only; types (`import type`) from anywhere,
    // so the activities are imported as types and called through proxyActivities.
    name: 'sandbox/workflows',
    files: ['workflows/**'],
    plugins: { sandbox: sandboxPlugin },
    rules: {
      'sandbox/no-nodejs-modules': 'error',
      'sandbox/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: './workflows',
              from: '.',
              except: ['./workflows', './src/domain', './node_modules/@temporalio/workflow'],
              message: `${SANDBOX} Import values only from @temporalio/workflow and src/domain; anything else (activities included) as \`import type\`.`,
            },
          ],
        },
      ],
    },
  },
  {
    // Pure: nothing of the repository outside src/domain (src/config, src/http, src/mail, activities,
    // workflows, ...), no I/O package, no Node built-in; not even as types.
    name: 'sandbox/domain',
    files: ['src/domain/**'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: './src/domain',
              from: '.',
              except: ['./src/domain', './node_modules'],
              message: `src/domain is pure code that workflows import (${SANDBOX}) It imports only src/domain and npm packages.`,
            },
            {
              target: './src/domain',
              from: IO_PACKAGES.map((pkg) => join(NODE_MODULES, pkg)),
              message: `src/domain is pure code that workflows import (${SANDBOX}) I/O packages belong to activities/ and src/.`,
            },
          ],
        },
      ],
    },
  },
]);

// ---------------------------------------------------------------------------------------------
// The layers: the two faces (the API in src/http, the pages in src/workspace) stand side by side on src/cases,
// src/identity and src/audit; the worker's activities use neither face; shipped code uses no test or tool code.
// Types count too: a type import still ties a module to the layer it names.
// ---------------------------------------------------------------------------------------------

const layerBlocks = /** @type {import('eslint').Linter.Config[]} */ ([
  {
    name: 'layers',
    files: ['src/**/*.{ts,tsx}', 'activities/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: './src/http',
              from: './src/workspace',
              message:
                'The API does not import the pages: server.ts mounts both side by side; share through src/cases, src/identity or src/audit.',
            },
            {
              target: './activities',
              from: ['./src/http', './src/workspace'],
              message:
                'Activities run in the worker, which serves no face: share through src/cases, src/identity or src/audit.',
            },
            {
              target: './src/cases',
              from: ['./src/http', './src/workspace'],
              message: 'src/cases is what both faces do to a case: it imports neither face.',
            },
            {
              target: './src',
              from: ['./tools', './test'],
              message: 'Shipped code does not import the tools or the tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // The tools run from dist-tools/, which scripts/transpile-tools.mjs builds from tools/, src/, workflows/,
    // activities/ and, of test/, the shared fixtures only (plain builders on src/domain).
    name: 'layers/tools',
    files: ['tools/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: [
            {
              target: './tools',
              from: './test',
              except: ['./support/fixtures.ts'],
              message:
                'The tools run from dist-tools/, which carries test/support/fixtures.ts alone of test/: share test inputs through it.',
            },
          ],
        },
      ],
    },
  },
]);

// ---------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(['dist/', 'dist-tools/', 'node_modules/', '.tools/', '.data/', 'coverage/', 'tools/bench/results/']),

  {
    name: 'all/javascript',
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    extends: [js.configs.recommended],
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `x == null` (null or undefined) is the one loose comparison worth keeping, as in sdk-typescript.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', UNUSED_VARS],
    },
  },

  // Node's globals for plain JS (scripts/*.mjs, *.config.js); ES globals come from ecmaVersion.
  {
    name: 'scripts/esm',
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.nodeBuiltin },
  },
  {
    name: 'config/commonjs',
    files: ['**/*.{js,cjs}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs', globals: globals.node },
  },

  {
    name: 'typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The project service finds each .ts file's tsconfig (scripts/ holds .mjs only, linted above without types).
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json', '.node'],
        }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', UNUSED_VARS],
      // tsc already checks that imports resolve and names exist; import-x adds what it does not see.
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      // The image installs production dependencies only: a devDependency in shipped code crashes there.
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: DEV_CODE }],
      // Payload codecs, activities and ports implement Promise-returning interfaces without awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    name: 'typescript/tests',
    files: TEST_CODE.map((dir) => `${dir}/*.{ts,tsx,mts,cts}`),
    rules: {
      // jest's asymmetric matchers (expect.any, expect.stringMatching) are typed `any`, fixtures come
      // from JSON.parse, and `env.run(activities.sendNotice, ...)` passes methods unbound by design.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // Before the sandbox's: src/domain's own zones (stricter) replace these for its files.
  ...layerBlocks,
  ...sandboxBlocks,
);
