/**
 * Probes of the boundaries eslint.config.mjs draws around the code that runs in Temporal's
 * workflow sandbox (CONVENTIONS.md, layout): workflows/** imports values only from
 * @temporalio/workflow and src/domain (types from anywhere); src/domain/** imports no Node
 * built-in, no I/O package and nothing of the repository outside src/domain. One probe per
 * boundary, each of which fails if its zone is weakened, plus imports that must stay allowed.
 * The same for the layers (issue 26): the API does not import the pages, the activities neither
 * face, src/cases neither face, shipped code no tool or test.
 *
 * Each probe is source text linted under a virtual path (nothing is written to disk) with the
 * repository's eslint.config.mjs, through the ESLint Node API, in a child process
 * (test/fixtures/lint/lint-text.mjs): jest cannot import() the ES module config.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');
const LINT_TEXT = join(ROOT, 'test/fixtures/lint/lint-text.mjs');

// Virtual files, names no real module would have; the modules they import exist on disk.
const WORKFLOW = 'workflows/__lint_probe__.ts';
const DOMAIN = 'src/domain/procedure/__lint_probe__.ts';
const ACTIVITY = 'activities/__lint_probe__.ts';
const API = 'src/http/__lint_probe__.ts';
const CASES = 'src/cases/__lint_probe__.ts';
const PAGES = 'src/workspace/__lint_probe__.ts';
const SHIPPED = 'src/__lint_probe__.ts';
const TOOL = 'tools/bench/__lint_probe__.ts';

/** A probe that imports one export of a module (a type import, where `asType`: the layers forbid those too). */
const importing = (filePath: string, from: string, name: string, asType = false) => ({
  filePath,
  code: asType
    ? `import type { ${name} } from '${from}';\n\nexport type Probe = ${name};\n`
    : `import { ${name} } from '${from}';\n\nexport const probe = ${name};\n`,
});

/** The rules that draw the sandbox boundaries (sandbox/* skips `import type`). */
const BOUNDARY_RULES = new Set([
  'sandbox/no-nodejs-modules',
  'sandbox/no-restricted-paths',
  'import-x/no-nodejs-modules',
  'import-x/no-restricted-paths',
]);

interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
  fatal: boolean;
}

const NODE_BUILTINS = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];

const PROBES = {
  nodeFsInWorkflow: {
    filePath: WORKFLOW,
    code: "import { readFileSync } from 'node:fs';\n\nexport const read = (): string => readFileSync('x', 'utf8');\n",
  },
  activityValuesInWorkflow: {
    filePath: WORKFLOW,
    code: "import * as activities from '../activities';\n\nexport const probe = activities;\n",
  },
  expressInDomain: {
    filePath: DOMAIN,
    code: "import express from 'express';\n\nexport const app = express();\n",
  },
  configInDomain: {
    filePath: DOMAIN,
    code: "import { loadConfig } from '../../config';\n\nexport const probe = loadConfig;\n",
  },
  everyBuiltinInDomain: {
    filePath: DOMAIN,
    code: NODE_BUILTINS.map((name) => `import '${name}';\n`).join(''),
  },
  allowedInWorkflow: {
    filePath: WORKFLOW,
    code: [
      "import { sleep } from '@temporalio/workflow';",
      "import type { ActivityOptions } from '@temporalio/common';",
      "import type { CaseActivities } from '../activities';",
      "import { startOfDay } from '../src/domain/calendar';",
      '',
      'export type Probe = [CaseActivities, ActivityOptions];',
      'export const probe = [sleep, startOfDay];',
      '',
    ].join('\n'),
  },
  allowedInDomain: {
    filePath: DOMAIN,
    code: "import { z } from 'zod';\nimport { startOfDay } from '../calendar';\n\nexport const probe = [z, startOfDay];\n",
  },
  nodeFsInActivity: {
    filePath: ACTIVITY,
    code: "import { readFileSync } from 'node:fs';\n\nexport const read = (): string => readFileSync('x', 'utf8');\n",
  },
  pagesInApi: importing(API, '../workspace/router', 'workspaceRouter'),
  apiInActivity: importing(ACTIVITY, '../src/http/app', 'createApp'),
  pagesInActivity: importing(ACTIVITY, '../src/workspace/router', 'workspaceRouter'),
  apiInCases: importing(CASES, '../http/problem', 'sendProblem'),
  pageTypesInCases: importing(CASES, '../workspace/router', 'WorkspaceDeps', true),
  toolsInShipped: importing(SHIPPED, '../tools/stack/free-port', 'freePort'),
  testsInShipped: importing(SHIPPED, '../test/support/service-stack', 'TOKENS'),
  testsInTools: importing(TOOL, '../../test/support/service-stack', 'TOKENS'),
  fixturesInTools: importing(TOOL, '../../test/support/fixtures', 'opening'),
  casesInApi: importing(API, '../cases/case-gateway', 'CaseGateway'),
  casesInPages: importing(PAGES, '../cases/visible-case', 'visibleCase'),
  auditInActivity: importing(ACTIVITY, '../src/audit/audit-log', 'AuditLog', true),
} satisfies Record<string, { filePath: string; code: string }>;
type ProbeName = keyof typeof PROBES;

let results: Record<ProbeName, LintMessage[]>;

beforeAll(async () => {
  const names = Object.keys(PROBES) as ProbeName[];
  const probes = JSON.stringify(names.map((n) => PROBES[n]));
  const options = { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 };
  const { stdout } = await promisify(execFile)(process.execPath, [LINT_TEXT, probes], options);
  const linted = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
  results = Object.fromEntries(names.map((name, i) => [name, linted[i]?.messages ?? []])) as typeof results;
}, 120_000);

/** The probe's messages, after checking it parsed: a parsing error would let a "rejects" probe pass for the wrong reason. */
function messagesOf(name: ProbeName): LintMessage[] {
  const messages = results[name];
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages;
}
const boundaryErrors = (name: ProbeName): string[] =>
  messagesOf(name)
    .filter((m) => m.ruleId != null && BOUNDARY_RULES.has(m.ruleId) && m.severity === 2)
    .map((m) => m.message);

describe('the boundaries of sandboxed code', () => {
  it('rejects node:fs in workflows/', () => {
    expect(boundaryErrors('nodeFsInWorkflow')).toEqual([expect.stringContaining('"node:fs"')]);
  });

  it('rejects a value import of the activities in workflows/, saying to import types', () => {
    expect(boundaryErrors('activityValuesInWorkflow')).toEqual([expect.stringContaining('`import type`')]);
  });

  it('rejects express in src/domain/', () => {
    expect(boundaryErrors('expressInDomain')).toEqual([expect.stringContaining('I/O packages')]);
  });

  it('rejects src/config in src/domain/', () => {
    expect(boundaryErrors('configInDomain')).toEqual([expect.stringContaining('imports only src/domain')]);
  });

  it("rejects every Node built-in, bare and node:-prefixed, in src/domain/ (the list is Node's own)", () => {
    expect(boundaryErrors('everyBuiltinInDomain')).toHaveLength(NODE_BUILTINS.length);
  });

  it.each([
    ['@temporalio/workflow and src/domain values, activity and SDK types, in workflows/', 'allowedInWorkflow'],
    ['zod and src/domain in src/domain/', 'allowedInDomain'],
    ['node:fs in activities/', 'nodeFsInActivity'],
  ] as const)('accepts %s', (_what, name) => {
    expect(messagesOf(name)).toEqual([]);
  });
});

describe('the layers', () => {
  it.each([
    ['src/workspace in src/http', 'pagesInApi', 'The API does not import the pages'],
    ['src/http in activities/', 'apiInActivity', 'Activities run in the worker'],
    ['src/workspace in activities/', 'pagesInActivity', 'Activities run in the worker'],
    ['src/http in src/cases', 'apiInCases', 'it imports neither face'],
    ['a type of src/workspace in src/cases', 'pageTypesInCases', 'it imports neither face'],
    ['tools/ in src/', 'toolsInShipped', 'does not import the tools or the tests'],
    ['test/ in src/', 'testsInShipped', 'does not import the tools or the tests'],
    ['test/ beside the fixtures in tools/', 'testsInTools', 'carries test/support/fixtures.ts alone'],
  ] as const)('rejects %s', (_what, name, message) => {
    expect(boundaryErrors(name)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['src/cases in src/http', 'casesInApi'],
    ['src/cases in src/workspace', 'casesInPages'],
    ['src/audit in activities/', 'auditInActivity'],
    ['the test fixtures in tools/', 'fixturesInTools'],
  ] as const)('accepts %s', (_what, name) => {
    expect(messagesOf(name)).toEqual([]);
  });
});
