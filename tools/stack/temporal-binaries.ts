import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/** The checkout: the nearest folder above this file with package.json and tsconfig.json (from tools/ and from the compiled dist-tools/ alike). */
function projectRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no project root above ${__dirname}`);
  }
}

const ROOT = projectRoot();

interface BinarySpec {
  what: string;
  envVar: string;
  localName: string;
  pathName: string;
}

const CLI: BinarySpec = {
  what: 'Temporal CLI (dev server)',
  envVar: 'TEMPORAL_CLI_PATH',
  localName: 'temporal',
  pathName: 'temporal',
};
const TEST_SERVER: BinarySpec = {
  what: 'Temporal time-skipping test server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  localName: 'temporal-test-server',
  pathName: 'temporal-test-server',
};

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Resolution order: the explicit variable, the pinned project-local install, then PATH. */
function resolveBinary(spec: BinarySpec): string {
  const explicit = process.env[spec.envVar];
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
  }
  const local = join(ROOT, '.tools', 'venv', 'bin', spec.localName);
  if (executable(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, spec.pathName);
    if (dir && executable(candidate)) return candidate;
  }
  throw new Error(
    `${spec.what} not found (${spec.envVar}, .tools/venv/bin/${spec.localName}, PATH). Install it with: npm run setup`,
  );
}

export const temporalCliPath = (): string => resolveBinary(CLI);
export const temporalTestServerPath = (): string => resolveBinary(TEST_SERVER);
export const PROJECT_ROOT = ROOT;
