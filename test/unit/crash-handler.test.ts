import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { crashFacts } from '../../src/run-main';

const RUN_MAIN = join(__dirname, '..', '..', 'src', 'run-main.ts');
const SECRET = 'Zorya-Kestrel-4471 born 1999-04-12';

/** A tiny process started through runMain (its TypeScript compiled on load by swc), which then crashes as `crash` says. */
function runCrashing(crash: string): { status: number | null; stdout: string; stderr: string } {
  const script = `
    const { readFileSync } = require('node:fs');
    const { transformSync } = require('@swc/core');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        module: { type: 'commonjs' },
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      });
      module._compile(code, filename);
    };
    class CaseDataError extends Error {
      constructor(message) { super(message); this.name = 'CaseDataError'; this.code = 'E_PROBE'; this.victim = process.env.SECRET; }
    }
    const secret = () => new CaseDataError('case of ' + process.env.SECRET);
    require(${JSON.stringify(RUN_MAIN)}).runMain('probe', async () => {
      setImmediate(() => { ${crash} });
      return async () => {};
    });
  `;
  const r = spawnSync(process.execPath, ['-e', script], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, SECRET, LOG_LEVEL: 'info' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the crash handler of every process (src/run-main.ts)', () => {
  it.each([
    ['an uncaught exception', 'throw secret();', 'uncaught exception'],
    ['an unhandled rejection', 'Promise.reject(secret());', 'unhandled rejection'],
  ])('logs %s by error name and code only, and exits non-zero', (_what, crash, kind) => {
    const r = runCrashing(crash);
    expect(r.status).toBe(1);
    const line = JSON.parse(r.stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 60,
      name: 'probe',
      error: 'CaseDataError',
      code: 'E_PROBE',
      kind,
      msg: 'process crashed',
    });
    expect(r.stderr + r.stdout).not.toContain('Zorya');
    expect(r.stderr + r.stdout).not.toContain('1999-04-12');
  });

  it('says of a thrown value that is not an error only its type', () => {
    expect(crashFacts('case of Zorya')).toEqual({ error: 'string' });
    expect(crashFacts(Object.assign(new TypeError('Zorya'), { code: 42 }))).toEqual({ error: 'TypeError', code: 42 });
    expect(crashFacts({ message: 'Zorya' })).toEqual({ error: 'Object' });
  });
});
