/**
 * Fuzzing from the contract: schemathesis (pinned in scripts/tool-versions.json,
 * installed into .tools/venv by scripts/setup.mjs) reads the running API's
 * /openapi.json and sends generated and mutated bodies, headers, query strings
 * and paths to every operation, once with a valid token of each role. Checks:
 * no 5xx, and every response matches the documented status codes, content
 * types and schemas. A bounded run is part of `npm test`; `npm run fuzz` runs
 * the same with a longer budget (FUZZ_SECONDS per role, default 300 there).
 *
 * What it found is pinned in test/integration/api-regressions.test.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProcessStack, type ProcessStack } from '../../tools/stack/process-stack';
import { PROJECT_ROOT } from '../../tools/stack/temporal-binaries';

/** `npm run fuzz` fuzzes each role for minutes (FUZZ_SECONDS); `npm test` runs a bounded number of cases. */
const SECONDS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) : undefined;
/**
 * In `npm test` a count, not a time budget: each phase runs once with this many cases per operation,
 * so every operation is reached however slow the machine (a time budget on a cold CI machine once
 * spent itself on the first operation).
 */
const EXAMPLES_PER_OPERATION = SECONDS ? undefined : '10';
/** A fixed seed in `npm test` (reproducible); `npm run fuzz` draws one unless FUZZ_SEED is set. */
const SEED = process.env.FUZZ_SEED ?? (process.env.FUZZ_SECONDS ? undefined : '20261123');
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
/**
 * The coverage phase (boundary values and mutations of every field, in order) runs once, as admin,
 * who passes every role check; the other roles are fuzzed for what their roles change: the
 * refusals and the views they get. `npm run fuzz` runs every phase for every role.
 */
const ALL_PHASES = 'examples,coverage,fuzzing,stateful';
const ROLES: [string, string, string][] = [
  ['centre', 'centre-PAYOKE', 'examples,fuzzing,stateful'],
  ['prosecutor', 'prosecutor-ANTWERPEN', 'examples,fuzzing,stateful'],
  ['immigration-office', 'immigration-office', 'examples,fuzzing,stateful'],
  ['admin', 'admin', ALL_PHASES],
];

const schemathesis = join(PROJECT_ROOT, '.tools', 'venv', 'bin', 'schemathesis');
jest.setTimeout(((SECONDS ?? 60) + 90) * 1000);

let stack: ProcessStack;
let work: string;
beforeAll(async () => {
  if (!existsSync(schemathesis)) throw new Error(`${schemathesis} is missing: run npm run setup`);
  work = mkdtempSync(join(tmpdir(), 'fuzz-'));
  // A generous Temporal deadline: a 503 because two cores are busy would be noise, not a finding.
  stack = await startProcessStack({ temporalCallTimeoutMs: 20_000, logLevel: 'warn' });
}, 240_000);

afterAll(async () => {
  await stack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(schemathesis, args, {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' },
    });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    // A hung run fails the test rather than the whole suite.
    const timer = setTimeout(() => proc.kill('SIGKILL'), ((SECONDS ?? 60) + 60) * 1000);
    proc.once('error', reject);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('schemathesis against the running API', () => {
  it.each(ROLES)('as %s: no 5xx, every response as the OpenAPI document says', async (role, label, phases) => {
    const junit = join(work, `${role}.xml`);
    const started = Date.now();
    const { code, output } = await run([
      'run',
      `${stack.apiUrl}/openapi.json`,
      '--header',
      `Authorization: Bearer ${stack.tokens[label]}`,
      '--checks',
      CHECKS.join(','),
      '--phases',
      SECONDS ? ALL_PHASES : phases,
      ...(SECONDS ? ['--max-time', String(SECONDS)] : []),
      ...(EXAMPLES_PER_OPERATION ? ['--max-examples', EXAMPLES_PER_OPERATION] : []),
      // One: with two, hypothesis builds strategies in two threads and CPython 3.11's ast.parse can race
      // ("AST constructor recursion depth mismatch", seen on a fresh clone).
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--generation-database',
      'none',
      '--report',
      'junit',
      '--report-junit-path',
      junit,
      '--no-color',
      ...(SEED ? ['--seed', SEED] : []),
    ]);
    const summary = output.split('\n').slice(-60).join('\n');
    if (code !== 0) process.stdout.write(`\nschemathesis as ${role} (exit ${code}):\n${output}\n`);
    else
      process.stdout.write(
        `schemathesis as ${role}: ${/(\d+) generated/.exec(output)?.[1] ?? '?'} test cases in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${/Seed: (\d+)/.exec(output)?.[1] ?? '?'}\n`,
      );
    expect({ role, code, summary: code === 0 ? '' : summary }).toEqual({ role, code: 0, summary: '' });
    // It did test something: every operation appears in the report.
    const report = readFileSync(junit, 'utf8');
    for (const op of [
      'POST /v1/cases',
      'GET /v1/cases/{caseId}',
      'POST /v1/cases/{caseId}/events',
      'POST /v1/prosecutor/queries/{queryId}/answer',
    ]) {
      expect(report).toContain(op);
    }
  });
});
