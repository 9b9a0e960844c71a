/**
 * docker-compose.yml is validated, not run, in CI: no Docker engine runs there.
 *
 * The file is checked against the official Compose Specification JSON schema,
 * vendored (no network in CI) at test/fixtures/compose-spec.json:
 *   source:  compose-spec/compose-spec, branch master, schema/compose-spec.json
 *            (JSON Schema 2020-12), byte for byte as vendored by the PyPI package
 *            check-jsonschema 0.39.0 (check_jsonschema/builtin_schemas/vendor/,
 *            files dated 2026-10-26; that package records no upstream commit,
 *            so the SHA-256 below is what identifies this copy)
 *   license: Apache-2.0, test/fixtures/compose-spec.LICENSE
 * To update: take the newer file from upstream (or a newer check-jsonschema
 * wheel), replace the fixture and the hash below.
 *
 * Like `docker compose config`, the test first interpolates `${VAR:-default}`
 * with an empty environment, so it checks the stack as it comes up on a laptop
 * with nothing set, then validates, then asserts what a person would notice.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../src/config';
import { SA } from '../../src/domain/search-attribute-keys';

const ROOT = join(__dirname, '../..');
const SCHEMA_FILE = join(ROOT, 'test/fixtures/compose-spec.json');
const SCHEMA_SHA256 = 'd549057ebc2925f39f62799eab0db7b9e2c18b35b6c00595199116da3ed10e64';
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');

type Env = Record<string, string | undefined>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface DependsOn {
  condition: string;
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, DependsOn> | string[];
  restart?: string;
  ports?: (string | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  secrets?: (string | { source: string; target?: string })[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, { file?: string; environment?: string }>;
}

// ---------------------------------------------------------------- interpolation

/** Compose's interpolation of one string (`$$`, `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`). */
function interpolate(input: string, env: Env): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < input.length && depth > 0; j += 1) {
        if (input[j] === '{') depth += 1;
        else if (input[j] === '}') depth -= 1;
      }
      if (depth !== 0) throw new Error(`unterminated \${ in ${JSON.stringify(input)}`);
      out += substitute(input.slice(i + 2, j - 1), env, input);
      i = j;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1))![0];
      out += env[name] ?? '';
      i += 1 + name.length;
    } else {
      throw new Error(`invalid interpolation (a lone "$", write "$$"): ${JSON.stringify(input)}`);
    }
  }
  return out;
}

function substitute(expr: string, env: Env, whole: string): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expr);
  if (!m) throw new Error(`invalid interpolation \${${expr}} in ${JSON.stringify(whole)}`);
  const [, name, op, arg = ''] = m;
  const value = env[name!];
  const set = value !== undefined;
  const nonEmpty = set && value !== '';
  switch (op) {
    case undefined:
      return value ?? '';
    case ':-':
      return nonEmpty ? value : interpolate(arg, env);
    case '-':
      return set ? value : interpolate(arg, env);
    case ':?':
      if (!nonEmpty) throw new Error(`required variable ${name} is missing: ${arg}`);
      return value;
    case '?':
      if (!set) throw new Error(`required variable ${name} is missing: ${arg}`);
      return value;
    case ':+':
      return nonEmpty ? interpolate(arg, env) : '';
    default: // '+'
      return set ? interpolate(arg, env) : '';
  }
}

function interpolateAll(node: Json, env: Env): Json {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((n) => interpolateAll(n, env));
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateAll(v, env)]));
  }
  return node;
}

// ---------------------------------------------------------------- loading

function parseYaml(text: string): Json {
  // Compose accepts YAML merge keys (`<<: *anchor`).
  const doc = parseDocument(text, { merge: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
  return doc.toJS({ maxAliasCount: 100 }) as Json;
}

const rawText = readFileSync(COMPOSE_FILE, 'utf8');
const raw = parseYaml(rawText) as unknown as ComposeFile;
/** The stack as `docker compose up` sees it with nothing set in the environment. */
const compose = interpolateAll(raw as unknown as Json, {}) as unknown as ComposeFile;
const services = compose.services;

function loadValidator(): ReturnType<Ajv2020['compile']> {
  const text = readFileSync(SCHEMA_FILE);
  expect(createHash('sha256').update(text).digest('hex')).toBe(SCHEMA_SHA256);
  const schema = JSON.parse(text.toString('utf8')) as Record<string, unknown>;
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.title).toBe('Compose Specification');
  // strict: false: the schema uses annotations (e.g. `deprecated` on nested
  // keys) that ajv's strict mode would reject; validation is unaffected.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

function schemaErrors(validate: ReturnType<Ajv2020['compile']>, doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function envOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function commandText(service: Service): string {
  const parts = (c: string | string[] | undefined): string[] => (c === undefined ? [] : Array.isArray(c) ? c : [c]);
  return [...parts(service.entrypoint), ...parts(service.command)].join(' ');
}

function dependsOn(service: Service): Record<string, DependsOn> {
  const d = service.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [name, { condition: 'service_started' }]));
  return d;
}

/** One-shot jobs: what others wait on with `service_completed_successfully`. */
const oneShot = new Set(
  Object.values(services).flatMap((s) =>
    Object.entries(dependsOn(s))
      .filter(([, d]) => d.condition === 'service_completed_successfully')
      .map(([name]) => name),
  ),
);
const longRunning = Object.keys(services).filter((name) => !oneShot.has(name));

// ---------------------------------------------------------------- tests

describe('docker-compose.yml against the Compose Specification schema', () => {
  const validate = loadValidator();

  it('is valid as Compose interpolates it with an empty environment', () => {
    expect(schemaErrors(validate, compose)).toEqual([]);
  });

  it('is valid before interpolation too (every value stays a string where a number is expected)', () => {
    expect(schemaErrors(validate, raw)).toEqual([]);
  });

  it('is a real check: the schema rejects a broken service', () => {
    const broken = JSON.parse(JSON.stringify(compose)) as { services: Record<string, Record<string, unknown>> };
    broken.services.api = { ...broken.services.api, healthcheck: { test: 42, every: '5s' } };
    broken.services.mail = { ...broken.services.mail, depends_on: { api: { condition: 'when_ready' } } };
    const errors = schemaErrors(validate, broken);
    expect(errors.join('\n')).toMatch(/\/services\/api\/healthcheck/);
    expect(errors.join('\n')).toMatch(/\/services\/mail\/depends_on/);
  });

  it('uses no lone "$" that Compose would refuse (shell variables in scripts are written $$)', () => {
    expect(() => interpolateAll(raw as unknown as Json, {})).not.toThrow();
    expect(() => interpolate('echo $(date)', {})).toThrow(/lone/);
  });
});

describe('the stack a person brings up', () => {
  it('has every service docs/deployment.md promises', () => {
    for (const name of ['postgresql', 'temporal', 'ui', 'worker', 'api', 'mail']) {
      expect(Object.keys(services)).toContain(name);
    }
  });

  it('runs Temporal the current official way: temporalio/server on PostgreSQL with an admin-tools schema job, pinned', () => {
    const images = Object.values(services).map((s) => s.image ?? '');
    expect(images.some((i) => i.includes('auto-setup'))).toBe(false);
    expect(services.temporal!.image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(services.ui!.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(services.postgresql!.image).toMatch(/^postgres:16(\b|$)/);
    expect(services.mail!.image).toMatch(/^axllent\/mailpit:v\d+\.\d+/);
    expect(envOf(services.temporal!).DB).toBe('postgres12');
    const schemaJob = Object.entries(services).find(([, s]) => /temporal-sql-tool/.test(commandText(s)));
    expect(schemaJob).toBeDefined();
    expect(schemaJob![1].image).toMatch(/^temporalio\/admin-tools:\d+\.\d+\.\d+$/);
    expect(dependsOn(services.temporal!)[schemaJob![0]]).toEqual({ condition: 'service_completed_successfully' });
    // Every external image carries an explicit tag (no implicit :latest).
    for (const [name, s] of Object.entries(services)) {
      if (s.image && !s.build)
        expect({ name, image: s.image }).toEqual({ name, image: expect.stringMatching(/:[\w.-]+$/) });
      expect(s.image ?? '').not.toMatch(/:latest$/);
    }
  });

  it('has a health check on every long-running service, and one-shot jobs that do not restart forever', () => {
    expect(longRunning.sort()).toEqual(
      expect.arrayContaining(['api', 'mail', 'postgresql', 'temporal', 'ui', 'worker']),
    );
    for (const name of longRunning) {
      const hc = services[name]!.healthcheck;
      expect({ name, healthcheck: Boolean(hc?.test && hc.test.length > 0 && !hc.disable) }).toEqual({
        name,
        healthcheck: true,
      });
      expect({ name, restart: services[name]!.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    expect(oneShot.size).toBeGreaterThanOrEqual(2);
    for (const name of oneShot) {
      expect(services[name]).toBeDefined();
      expect(services[name]!.restart ?? 'no').toMatch(/^(no|on-failure(:\d+)?)$/);
    }
  });

  it('waits on health and completion, never on a bare start', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(dependsOn(s))) {
        expect(services[dep]).toBeDefined();
        if (condition === 'service_healthy') expect(services[dep]!.healthcheck).toBeDefined();
        else expect({ name, dep, condition }).toEqual({ name, dep, condition: 'service_completed_successfully' });
      }
    }
    expect(dependsOn(services.postgresql!)).toEqual({});
    expect(Object.values(dependsOn(services.worker!)).length).toBeGreaterThan(0);
    expect(Object.values(dependsOn(services.api!)).length).toBeGreaterThan(0);
  });

  it('keeps data on named volumes', () => {
    const named = new Set(Object.keys(compose.volumes ?? {}));
    const mountsOf = (s: Service): { source: string; target: string }[] =>
      (s.volumes ?? []).map((v) => {
        if (typeof v !== 'string') return { source: v.source ?? '', target: v.target };
        const [source = '', target = ''] = v.split(':');
        return { source, target };
      });
    const pg = mountsOf(services.postgresql!).find((m) => m.target === '/var/lib/postgresql/data');
    expect(pg && named.has(pg.source)).toBe(true);
    const auditFile = envOf(services.api!).AUDIT_LOG_FILE!;
    const audit = mountsOf(services.api!).find((m) => auditFile.startsWith(`${m.target}/`));
    expect(audit && named.has(audit.source)).toBe(true);
    const mail = mountsOf(services.mail!).find((m) => envOf(services.mail!).MP_DATABASE?.startsWith(`${m.target}/`));
    expect(mail && named.has(mail.source)).toBe(true);
    // Every named volume a service mounts is declared.
    for (const s of Object.values(services)) {
      for (const m of mountsOf(s)) if (!/^[./~]/.test(m.source)) expect(named.has(m.source)).toBe(true);
    }
  });

  it('sets the retention of closed cases (default one year) and registers the search attributes of CONTRACT.md', () => {
    const setup = Object.entries(services).find(([, s]) => /search-attribute create/.test(commandText(s)));
    expect(setup).toBeDefined();
    const [setupName, job] = setup!;
    expect(oneShot.has(setupName)).toBe(true);
    const rawEnv = envOf(raw.services[setupName]!);
    expect(rawEnv.CLOSED_CASE_RETENTION).toBe('${CLOSED_CASE_RETENTION:-365d}');
    expect(envOf(job).CLOSED_CASE_RETENTION).toBe('365d');
    expect(interpolate(rawEnv.CLOSED_CASE_RETENTION!, { CLOSED_CASE_RETENTION: '30d' })).toBe('30d');
    const script = commandText(job);
    expect(script).toMatch(/temporal operator namespace create[^\n]*--retention "\$\{CLOSED_CASE_RETENTION\}"/);
    expect(script).toMatch(/temporal operator namespace update[^\n]*--retention "\$\{CLOSED_CASE_RETENTION\}"/);
    // Exactly the attributes the code upserts (src/domain/search-attribute-keys.ts), with their types.
    const listed = /for attr in ([^;]+); do/.exec(script)?.[1]?.trim().split(/\s+/) ?? [];
    const cliType = (t: string): string =>
      t.toLowerCase().replace(/(^|_)(\w)/g, (_m, _s, c: string) => c.toUpperCase()); // KEYWORD_LIST -> KeywordList
    const inCode = Object.fromEntries(Object.values(SA).map((k) => [k.name, cliType(k.type)]));
    expect(Object.keys(inCode)).toEqual(
      expect.arrayContaining([
        'CaseStage',
        'CaseOutcome',
        'Centre',
        'UnaccompaniedMinor',
        'NextDeadline',
        'AwaitingProsecutor',
      ]),
    );
    expect(Object.fromEntries(listed.map((a) => a.split(':') as [string, string]))).toEqual(inCode);
    expect(script).toMatch(
      /temporal operator search-attribute create --namespace "\$ns" --name "\$\{attr%%:\*\}" --type "\$\{attr#\*:\}"/,
    );
    // The app waits for the namespace and its search attributes.
    expect(dependsOn(services.worker!)[setupName]).toEqual({ condition: 'service_completed_successfully' });
    expect(dependsOn(services.api!)[setupName]).toEqual({ condition: 'service_completed_successfully' });
  });

  it('serves the Web UI on 8233 with the codec endpoint of the API as the browser sees it', () => {
    expect(services.ui!.ports).toEqual(expect.arrayContaining([expect.stringMatching(/(^|:)8233:8080$/)]));
    expect(envOf(services.ui!).TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:3000/codec');
    expect(envOf(services.ui!).TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services.api!.ports).toEqual(expect.arrayContaining([expect.stringMatching(/(^|:)3000:3000$/)]));
  });

  it('builds the worker and the API from the one Dockerfile and runs the compiled entry points', () => {
    for (const [name, entry] of [
      ['worker', 'dist/worker.js'],
      ['api', 'dist/server.js'],
    ] as const) {
      const s = services[name]!;
      const build = typeof s.build === 'string' ? { context: s.build } : s.build;
      expect(build?.context).toBe('.');
      expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(s.command).toEqual(['node', entry]);
    }
    expect(services.worker!.image).toBe(services.api!.image);
  });

  it('gives the worker and the API a configuration that src/config.ts accepts, with SMTP to the mail catcher', () => {
    const allVariables = [...Object.keys(loadConfig({})), 'SMTP_USER', 'SMTP_PASS'];
    for (const name of ['worker', 'api']) {
      const env = envOf(services[name]!);
      for (const v of allVariables)
        expect({ name, variable: v, set: v in env }).toEqual({ name, variable: v, set: true });
      const config = loadConfig(env);
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(config.SMTP_HOST).toBe('mail');
      expect(config.SMTP_PORT).toBe(1025);
      expect(config.CODEC_ALLOW_TOKENLESS_LOOPBACK).toBe(false);
      expect(config.PAYLOAD_KEYS_FILE).toBe('/run/secrets/payload_keys');
      expect(config.WEB_UI_ORIGIN).toBe('http://localhost:8233');
      // Configuration files come from the ./config folder, mounted read-only.
      expect(services[name]!.volumes).toEqual(expect.arrayContaining(['./config:/app/config:ro']));
      expect(config.DIRECTORY_FILE.startsWith('config/')).toBe(true);
      // Payload keys (and the API's principals) arrive as secrets, not through the environment.
      expect(services[name]!.secrets).toEqual(
        expect.arrayContaining([{ source: 'payload_keys', target: 'payload_keys' }]),
      );
      if (name === 'api') {
        expect(config.PRINCIPALS_FILE).toBe('/run/secrets/principals');
        expect(services[name]!.secrets).toEqual(
          expect.arrayContaining([{ source: 'principals', target: 'principals' }]),
        );
      }
    }
    expect(compose.secrets?.payload_keys?.file).toBeDefined();
  });

  it('writes no secret inline: passwords are ${VAR} references whose defaults say dev-only', () => {
    const secretName = /(^|_)(PASS|PASSWORD|PWD|SECRET|TOKEN)$/;
    let checked = 0;
    for (const [name, s] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(envOf(s))) {
        // Flags such as TEMPORAL_CODEC_PASS_ACCESS_TOKEN=true hold no secret.
        if (!secretName.test(key) || /^(true|false)$/.test(value)) continue;
        checked += 1;
        const m = /^\$\{[A-Z0-9_]+(?::?-(.*))?\}$/.exec(value);
        expect({ name, key, isReference: m !== null }).toEqual({ name, key, isReference: true });
        const fallback = m?.[1] ?? '';
        if (fallback !== '')
          expect({ name, key, fallback }).toEqual({ name, key, fallback: expect.stringMatching(/dev-only/) });
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const dockerignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim());

  it('builds on node 20 (bookworm-slim) in stages and runs as the non-root user node', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect((dockerfile.match(/^FROM /gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/npx tsc -p tsconfig\.build\.json/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/test -f dist\/workflows\/index\.js/);
    const users = dockerfile.match(/^USER .+$/gm) ?? [];
    expect(users[users.length - 1]).toBe('USER node');
  });

  it('bundles the workflows after compiling them and ships the bundle in dist/', () => {
    expect(dockerfile).toMatch(
      /npx tsc -p tsconfig\.build\.json[\s\S]*node scripts\/bundle-workflows\.mjs[\s\S]*npm prune/,
    );
    expect(dockerfile).toMatch(/test -f dist\/workflow-bundle\.js/);
  });

  it('compiles worker.ts and server.ts to dist/worker.js and dist/server.js', () => {
    const base = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(base.compilerOptions.outDir).toBe('dist');
    expect(base.compilerOptions.rootDir).toBe('.');
    expect(build.include).toEqual(expect.arrayContaining(['worker.ts', 'server.ts', 'workflows']));
  });

  it('keeps local installs, build output, data, tools and git out of the build context', () => {
    for (const entry of ['node_modules', 'dist', '.tools', '.data', '.git', 'coverage', '.env'])
      expect(dockerignore).toContain(entry);
  });
});

describe('docker-compose.yml and the cluster (npm run cluster) it mirrors', () => {
  const pins = JSON.parse(readFileSync(join(ROOT, 'tools', 'cluster', 'versions.json'), 'utf8')) as Record<
    string,
    string
  >;

  it('runs the Temporal server, its admin tools and the Web UI at the versions the cluster builds', () => {
    expect(services.temporal!.image).toBe(`temporalio/server:${pins['temporal-server']}`);
    expect(services.ui!.image).toBe(`temporalio/ui:${pins['temporal-ui-server']}`);
    for (const s of Object.values(services).filter((s) => s.image?.startsWith('temporalio/admin-tools')))
      expect(s.image).toBe(`temporalio/admin-tools:${pins['temporal-server']}`);
    expect(envOf(services.temporal!).NUM_HISTORY_SHARDS).toBe('4');
  });

  it('has a second worker like the first, and Prometheus scraping both workers and the API', () => {
    expect(services['worker-2']).toEqual(services.worker);
    const address = envOf(services.worker!).METRICS_ADDRESS;
    expect(address).toBe('0.0.0.0:9464');
    expect(envOf(services.api!).METRICS_ADDRESS).toBe(address);
    const scrape = /static_configs:[\s\S]*?targets: \[([^\]]+)\]/g;
    const config = (compose as unknown as { configs: Record<string, { content: string }> }).configs[
      'prometheus-config'
    ]!.content;
    const targets = [...config.matchAll(scrape)].flatMap((m) =>
      m[1]!.split(',').map((t) => t.trim().replace(/'/g, '')),
    );
    expect(targets.sort()).toEqual(['api:9464', 'worker-2:9464', 'worker:9464']);
  });
});

describe('the Grafana dashboard (docs/grafana-dashboard.json)', () => {
  it('charts only metrics the API and the workers export, through a Prometheus data source', () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const exported = ['victim_cases_http_requests_total', 'victim_cases_http_request_duration_seconds_bucket'];
    const names = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/\b(victim_cases|temporal)_\w+/g) ?? []),
    );
    expect(names).toEqual(expect.arrayContaining(exported));
    // Each name is one the code defines (src/http/metrics.ts, activities/send-notice.ts) or the SDK's.
    const code = ['src/http/metrics.ts', 'activities/send-notice.ts']
      .map((f) => readFileSync(join(ROOT, f), 'utf8'))
      .join('\n');
    for (const name of names.filter((n) => n.startsWith('victim_cases_')))
      expect({ name, defined: code.includes(name.replace(/_(bucket|count|sum)$/, '')) }).toEqual({
        name,
        defined: true,
      });
  });
});
