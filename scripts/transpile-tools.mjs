#!/usr/bin/env node
// Compiles the tools (tools/, with the service code they import) into the git-ignored dist-tools/
// for `npm start`, the bench and the reliability runs. swc only transpiles: the tools are dev code,
// type-checked with everything else by `npm run typecheck`, and a second tsc pass over the same
// files cost a fresh clone about 20 s of CPU. The production build (dist/) stays tsc's.
import { readdirSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-tools');
const { transformFile } = createRequire(import.meta.url)('@swc/core');
const FOLDERS = ['tools', 'src', 'workflows', 'activities'];
/** The one file of test/ the tools import: the shared test fixtures (the bench and the reliability runs send them). */
const FILES = ['test/support/fixtures.ts'];

const sources = [
  ...FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => join(root, folder, f)),
  ),
  ...FILES.map((f) => join(root, f)),
];
rmSync(out, { recursive: true, force: true });
await Promise.all(
  sources.map(async (file) => {
    const target = join(out, relative(root, file)).replace(/\.tsx?$/, '.js');
    const { code, map } = await transformFile(file, {
      jsc: {
        parser: { syntax: 'typescript', tsx: file.endsWith('.tsx') },
        // The workspace's views, as tsconfig.json compiles them.
        transform: { react: { runtime: 'automatic', importSource: 'preact' } },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: true,
      sourceFileName: relative(dirname(target), file),
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    writeFileSync(`${target}.map`, map);
  }),
);
process.stderr.write(`[tools] ${sources.length} files transpiled into dist-tools/\n`);
