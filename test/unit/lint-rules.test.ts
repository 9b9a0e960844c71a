/**
 * The lint keeps Node and I/O out of the code that runs in Temporal's workflow
 * sandbox (CONVENTIONS.md, layout): workflows/** and src/domain/** may not import
 * Node built-ins, the mail/HTTP/logging libraries, the Temporal client/worker/activity
 * packages, or the repository's I/O modules; workflows may import activity *types*.
 *
 * Each case is source text linted under a virtual path (nothing is written to disk)
 * with the repository's eslint.config.mjs, through the ESLint Node API
 * (`new ESLint({ cwd: root })`, `lintText(code, { filePath })`). That runs in a child
 * process, test/fixtures/lint/lint-text.mjs: jest cannot import() the ES module config.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');
const LINT_TEXT = join(ROOT, 'test/fixtures/lint/lint-text.mjs');

// Virtual files, one per directory depth exercised; names no real module would have.
const WORKFLOW = 'workflows/__lint_probe__.ts';
const DOMAIN = 'src/domain/__lint_probe__.ts';
const NESTED_DOMAIN = 'src/domain/procedure/__lint_probe__.ts';
const ACTIVITY = 'activities/__lint_probe__.ts';

interface LintCase {
  filePath: string;
  code: string;
}
interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
  fatal: boolean;
}

const NODE_BUILTINS = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];
const IO_PACKAGES = ['express', 'smtp-server', 'mailparser', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'];
const sideEffectImports = (names: string[]): string => names.map((name) => `import '${name}';\n`).join('');
const importingConfig = (specifier: string): string => `import { loadConfig } from '${specifier}';\n\nexport const probe = loadConfig;\n`;

const CASES = {
  nodeFsInWorkflow: {
    filePath: WORKFLOW,
    code: "import { readFileSync } from 'node:fs';\n\nexport const read = (): string => readFileSync('x', 'utf8');\n",
  },
  bareFsInWorkflow: {
    filePath: WORKFLOW,
    code: "import fs from 'fs';\n\nexport const exists = (): boolean => fs.existsSync('x');\n",
  },
  everyBuiltinInWorkflow: { filePath: WORKFLOW, code: sideEffectImports(NODE_BUILTINS) },
  nodemailerInDomain: {
    filePath: DOMAIN,
    code: "import nodemailer from 'nodemailer';\n\nexport const transport = nodemailer.createTransport({});\n",
  },
  ioPackagesInDomain: { filePath: DOMAIN, code: sideEffectImports(IO_PACKAGES) },
  activityTypesInWorkflow: {
    filePath: WORKFLOW,
    code: "import type { CaseActivities } from '../activities';\n\nexport type Probe = CaseActivities;\n",
  },
  activityValuesInWorkflow: {
    filePath: WORKFLOW,
    code: "import * as activities from '../activities';\n\nexport const probe = activities;\n",
  },
  configFromWorkflow: { filePath: WORKFLOW, code: importingConfig('../src/config') },
  configFromDomain: { filePath: DOMAIN, code: importingConfig('../config') },
  configFromNestedDomain: { filePath: NESTED_DOMAIN, code: importingConfig('../../config') },
  configFromNestedDomainViaRoot: { filePath: NESTED_DOMAIN, code: importingConfig('../../../src/config') },
  nodeFsInActivity: {
    filePath: ACTIVITY,
    code: "import { readFileSync } from 'node:fs';\n\nexport const read = (): string => readFileSync('x', 'utf8');\n",
  },
} satisfies Record<string, LintCase>;
type CaseName = keyof typeof CASES;

let results: Record<CaseName, LintMessage[]>;

beforeAll(async () => {
  const names = Object.keys(CASES) as CaseName[];
  const { stdout } = await promisify(execFile)(process.execPath, [LINT_TEXT, JSON.stringify(names.map((n) => CASES[n]))], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  const linted = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
  results = Object.fromEntries(names.map((name, i) => [name, linted[i]?.messages ?? []])) as Record<CaseName, LintMessage[]>;
}, 120_000);

/** The case's messages, after checking it parsed: a parsing error would let a "rejects" case pass for the wrong reason. */
function messagesOf(name: CaseName): LintMessage[] {
  const messages = results[name];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages;
}
const restrictedImports = (name: CaseName): string[] =>
  messagesOf(name)
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);

describe('the lint of sandboxed code', () => {
  it('rejects a named import from node:fs in workflows/, saying why', () => {
    expect(restrictedImports('nodeFsInWorkflow')).toEqual([expect.stringContaining("Temporal's deterministic sandbox: no I/O")]);
  });

  it('rejects the bare form of a built-in (import fs from fs) in workflows/', () => {
    expect(restrictedImports('bareFsInWorkflow')).toEqual([expect.stringContaining('Node built-ins are not available')]);
  });

  it('rejects every Node built-in, bare and node:-prefixed, in workflows/', () => {
    expect(restrictedImports('everyBuiltinInWorkflow')).toHaveLength(NODE_BUILTINS.length);
  });

  it('rejects nodemailer in src/domain/', () => {
    expect(restrictedImports('nodemailerInDomain')).toEqual([expect.stringContaining('no I/O')]);
  });

  it('rejects express, smtp-server, mailparser, pino and the Temporal client, worker and activity packages in src/domain/', () => {
    expect(restrictedImports('ioPackagesInDomain')).toHaveLength(IO_PACKAGES.length);
  });

  it('accepts a type-only import of the activities in workflows/', () => {
    expect(messagesOf('activityTypesInWorkflow')).toEqual([]);
  });

  it('rejects a value import of the activities in workflows/', () => {
    expect(restrictedImports('activityValuesInWorkflow')).toEqual([expect.stringContaining('import activity types only')]);
  });

  it.each([
    ['workflows/', 'configFromWorkflow'],
    ['src/domain/', 'configFromDomain'],
    ['src/domain/procedure/', 'configFromNestedDomain'],
    ['src/domain/procedure/ (through the root)', 'configFromNestedDomainViaRoot'],
  ] as const)('rejects src/config from %s', (_where, name) => {
    expect(restrictedImports(name)).toEqual([expect.stringContaining('src/config is off limits')]);
  });

  it('accepts the same node:fs import in activities/', () => {
    expect(messagesOf('nodeFsInActivity')).toEqual([]);
  });
});
