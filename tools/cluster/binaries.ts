/**
 * The cluster's Go programs, built once into the git-ignored .tools/go/ (a second run reuses them): the Temporal
 * server (tools/cluster/temporal-server: Temporal's server with the service's certificate trusted), its SQL schema
 * tool, and the Temporal UI server. Versions: tools/cluster/versions.json; the Go toolchain is fetched by `go`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../stack/temporal-binaries';

const PINS = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tools', 'cluster', 'versions.json'), 'utf8')) as Record<
  string,
  string
>;
export const TEMPORAL_SERVER_VERSION = PINS['temporal-server']!;
export const UI_SERVER_VERSION = PINS['temporal-ui-server']!;
const GO_BIN = join(PROJECT_ROOT, '.tools', 'go');

export interface ClusterBinaries {
  server: string;
  sqlTool: string;
  uiServer: string;
  /** schema/postgresql/v12 of the server's module: the versioned SQL the schema tool applies. */
  schemaDir: string;
}

let goFound: string | undefined;
/** `go` on PATH, else the usual install folder, else Debian's (Go >= 1.21 fetches the pinned toolchain itself). */
function goCommand(): string {
  goFound ??= ['go', '/usr/local/go/bin/go'].find((c) => spawnSync(c, ['version']).status === 0);
  if (!goFound) {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'apt-install.mjs'), 'golang-go'], {
      stdio: 'inherit',
    });
    goFound = 'go';
  }
  return goFound;
}

function go(args: string[], env: Record<string, string> = {}, cwd = PROJECT_ROOT): string {
  return execFileSync(goCommand(), args, {
    cwd,
    env: { ...process.env, GOTOOLCHAIN: PINS['go-toolchain']!, GOFLAGS: '-mod=mod', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
}

/** Builds what is missing (the server takes minutes the first time), and says so. */
export function ensureClusterBinaries(say: (line: string) => void): ClusterBinaries {
  // Named by its sources too: an edited main.go is built again.
  const serverSource = join(PROJECT_ROOT, 'tools', 'cluster', 'temporal-server');
  const sourceHash = createHash('sha256');
  for (const f of ['main.go', 'go.mod', 'go.sum']) sourceHash.update(readFileSync(join(serverSource, f)));
  const server = join(
    GO_BIN,
    `victim-cases-temporal-${TEMPORAL_SERVER_VERSION}-${sourceHash.digest('hex').slice(0, 8)}`,
  );
  const toolDir = join(GO_BIN, `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`);
  const uiDir = join(GO_BIN, `temporal-ui-server-${UI_SERVER_VERSION}`);
  if (!existsSync(server)) {
    say(`building the Temporal server ${TEMPORAL_SERVER_VERSION} (once; several minutes)`);
    go(['build', '-o', server, '.'], {}, serverSource);
  }
  if (!existsSync(join(toolDir, 'sql'))) {
    say('building the Temporal SQL schema tool (once)');
    go(['install', `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`], { GOBIN: toolDir });
  }
  if (!existsSync(join(uiDir, 'server'))) {
    say(`building the Temporal UI server ${UI_SERVER_VERSION} (once)`);
    go(['install', `github.com/temporalio/ui-server/v2/cmd/server@v${UI_SERVER_VERSION}`], { GOBIN: uiDir });
  }
  const modCache = go(['env', 'GOMODCACHE']).trim();
  const schemaDir = join(modCache, `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!existsSync(schemaDir)) go(['mod', 'download', `go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}`]);
  return { server, sqlTool: join(toolDir, 'sql'), uiServer: join(uiDir, 'server'), schemaDir };
}
