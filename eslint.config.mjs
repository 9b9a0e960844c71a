// @ts-check
// Lint set modelled on temporalio/sdk-typescript's eslint.config.mjs (no-floating-promises,
// consistent-type-imports, import/no-cycle, eqeqeq) plus the samples' override that keeps
// Node and I/O out of the code that runs in the workflow sandbox (CONVENTIONS.md).
import { builtinModules } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ROOT = dirname(fileURLToPath(import.meta.url));

// Node's own globals for plain JS (scripts/*.mjs, *.config.js). ES globals come from ecmaVersion.
/** @type {Record<string, 'readonly'>} */
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController', 'AbortSignal', 'atob', 'Blob', 'btoa', 'BroadcastChannel', 'Buffer',
    'clearImmediate', 'clearInterval', 'clearTimeout', 'console', 'crypto', 'DOMException', 'Event',
    'EventTarget', 'fetch', 'FormData', 'global', 'Headers', 'MessageChannel', 'MessageEvent',
    'MessagePort', 'navigator', 'performance', 'process', 'queueMicrotask', 'Request', 'Response',
    'setImmediate', 'setInterval', 'setTimeout', 'structuredClone', 'TextDecoder', 'TextEncoder',
    'URL', 'URLSearchParams', 'WebAssembly',
  ].map((name) => [name, 'readonly']),
);
/** @type {Record<string, 'readonly' | 'writable'>} */
const COMMONJS_GLOBALS = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

/** Unused variables are errors; a leading `_` marks one kept on purpose (a positional argument, a rest sibling). */
const UNUSED_VARS = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

// ---------------------------------------------------------------------------------------------
// The sandbox override: workflows/** and src/domain/** (pure code the workflows import).
// ---------------------------------------------------------------------------------------------

const WHY = {
  workflows: "Workflow code runs in Temporal's deterministic sandbox: no I/O.",
  'src/domain': "src/domain is pure code that workflows import, and workflow code runs in Temporal's deterministic sandbox: no I/O.",
};

// Every Node built-in, bare and node:-prefixed. Node 20's list omits the prefix-only modules
// (node:test, node:sea, node:sqlite), so they are added by hand; banning one that does not exist is harmless.
const NODE_BUILTINS = [
  ...new Set([
    ...builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])),
    'node:sea', 'node:sqlite', 'node:test', 'node:test/reporters',
  ]),
].sort();

/** npm packages that do I/O or belong to the Node side, and what to do instead. */
const FORBIDDEN_PACKAGES = {
  nodemailer: 'Send mail from an activity (activities/)',
  'smtp-server': 'SMTP belongs to the Node side',
  mailparser: 'Mail parsing belongs to the Node side',
  express: 'HTTP belongs to src/http',
  pino: 'Log with `log` from @temporalio/workflow',
  '@temporalio/client': 'Use @temporalio/workflow (or types from @temporalio/common)',
  '@temporalio/worker': 'Use @temporalio/workflow (or types from @temporalio/common)',
  '@temporalio/activity': 'Activities run on the Node side; workflows call them through proxyActivities',
};

/**
 * Repository modules (relative to the root) that do I/O or read the environment. `allowTypeImports`
 * only where a type is the point: workflows import the activity interface with `import type`.
 * src/directory (reads the directory file with fs) is not named in CONVENTIONS.md but is I/O all the same.
 */
const FORBIDDEN_MODULES = [
  { target: 'src/config', why: 'it reads process.env; pass values in as workflow input' },
  { target: 'src/directory', why: 'it reads the directory file from disk; resolve recipients in an activity' },
  { target: 'src/http', why: 'HTTP belongs to the API process' },
  { target: 'src/mail', why: 'mail is sent by activities' },
  { target: 'src/crypto', why: 'payload encryption runs in the client and worker, not in workflows' },
  { target: 'src/dev', why: 'dev tooling spawns processes' },
  { target: 'src/temporal', why: 'it talks to the Temporal service through a client connection' },
  { target: 'activities', why: 'import activity types only (`import type`) and call them through proxyActivities', allowTypeImports: true },
];

/** @param {string} s */
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Regexes matching the relative specifiers that, written in a file in `dir` (root-relative
 * segments, `*` for a directory of any name), resolve to `target` or a module below it.
 * A specifier is matched by text, so each depth needs its own count of `../`.
 * @param {string[]} dir
 * @param {string} target
 * @returns {string[]}
 */
function specifiersReaching(dir, target) {
  const goal = target.split('/');
  const regexes = [];
  for (let up = 0; up <= dir.length; up++) {
    const ancestor = dir.slice(0, dir.length - up);
    if (!ancestor.every((segment, i) => segment === goal[i])) continue;
    const rest = goal.slice(ancestor.length).join('/');
    const prefix = up === 0 ? '\\./' : `(\\./)?${'\\.\\./'.repeat(up)}`;
    regexes.push(`^${prefix}${escapeRegex(rest)}(\\.[cm]?[jt]s|/.*)?$`);
  }
  return regexes;
}

/**
 * Options of no-restricted-imports for a file in `dir` (as in specifiersReaching); with `dir`
 * null, the depth is unknown and only the packages and built-ins are banned.
 * @param {string[] | null} dir
 * @param {string} why
 */
function sandboxRestrictions(dir, why) {
  return {
    paths: NODE_BUILTINS.map((name) => ({ name, message: `${why} Node built-ins are not available there.` })),
    patterns: [
      ...Object.entries(FORBIDDEN_PACKAGES).map(([pkg, instead]) => ({
        regex: `^${escapeRegex(pkg)}(/.*)?$`,
        message: `${why} ${instead}.`,
      })),
      ...FORBIDDEN_MODULES.flatMap(({ target, why: reason, allowTypeImports = false }) =>
        (dir ? specifiersReaching(dir, target) : []).map((regex) => ({ regex, allowTypeImports, message: `${why} ${target} is off limits: ${reason}.` })),
      ),
    ],
  };
}

// Relative specifiers depend on the file's depth, so the override is one block per depth
// (a file more than MAX_DEPTH directories below its base still gets the package and built-in bans).
const MAX_DEPTH = 6;
const SOURCE = '*.{ts,mts,cts,js,mjs,cjs}';
/** @typedef {import('eslint').Linter.Config} Config */
const sandboxBlocks = Object.entries(WHY).flatMap(/** @returns {Config[]} */ ([base, why]) => [
  {
    name: `sandbox/${base}/**`,
    files: [`${base}/**/${SOURCE}`],
    rules: {
      'no-restricted-imports': ['error', sandboxRestrictions(null, why)],
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: `${why} No dynamic import().` }],
    },
  },
  ...Array.from({ length: MAX_DEPTH + 1 }, /** @returns {Config} */ (_, depth) => {
    const dir = [...base.split('/'), ...Array.from({ length: depth }, () => '*')];
    return {
      name: `sandbox/${dir.join('/')}`,
      files: [`${dir.join('/')}/${SOURCE}`],
      rules: { 'no-restricted-imports': ['error', sandboxRestrictions(dir, why)] },
    };
  }),
]);

// ---------------------------------------------------------------------------------------------

export default defineConfig(
  globalIgnores(['dist/', 'node_modules/', '.tools/', '.data/', 'coverage/', 'bench/results/']),

  {
    name: 'all/javascript',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    extends: [js.configs.recommended],
    plugins: { 'import-x': importX },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `x == null` (null or undefined) is the one loose comparison worth keeping, as in sdk-typescript.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-unused-vars': ['error', UNUSED_VARS],
    },
  },

  {
    name: 'scripts/esm',
    files: ['**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: NODE_GLOBALS },
  },
  {
    name: 'config/commonjs',
    files: ['**/*.{js,cjs}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs', globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
  },

  {
    name: 'typescript',
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // tsconfig.json covers every .ts file (scripts/ holds .mjs only, linted above without types).
      parserOptions: { projectService: true, tsconfigRootDir: ROOT },
    },
    settings: {
      'import-x/extensions': ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.mts', '.cts'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.mts', '.cts', '.d.ts', '.js', '.mjs', '.cjs', '.json', '.node'] }),
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
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: ['test/**', 'bench/**', 'scripts/**', '*.config.{js,mjs,cjs,ts}'] },
      ],
      // Payload codecs, activities and ports implement Promise-returning interfaces without awaiting.
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    name: 'typescript/tests',
    files: ['test/**/*.{ts,mts,cts}'],
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

  ...sandboxBlocks,
);
