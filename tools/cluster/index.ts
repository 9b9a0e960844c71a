/**
 * `npm run cluster`: the production topology on this machine (cluster.ts), data kept in .data/cluster/, until
 * Ctrl-C. Prints where the Web UI, the APIs and the sign-in are.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../stack/temporal-binaries';
import { startCluster, type Cluster } from './cluster';

const say = (line: string) => process.stdout.write(`${line}\n`);
let cluster: Cluster | undefined;

async function stop(code: number): Promise<never> {
  await cluster?.close().catch(() => undefined);
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  cluster = await startCluster({
    dir: join(PROJECT_ROOT, '.data', 'cluster'),
    ports: { frontend: 7233, ui: 8080, api: 3000, codec: 3443, oidc: 9090 },
    log: say,
  });
  say('');
  say(`Temporal Web UI   ${cluster.uiUrl}   (sign in as immigration-office or admin, any password; read-only)`);
  say(`API               ${cluster.apiUrls.join('  ')}`);
  say(
    `Codec (https)     ${cluster.codecUrl}   (signed by the cluster's CA, ${cluster.certs.ca}: trust it, or open it once)`,
  );
  say(`Temporal frontend ${cluster.frontendAddress}   (mutual TLS: certificates in ${join(cluster.dir, 'tls')})`);
  say(`Dev tokens        ${join(cluster.dir, 'dev-tokens.json')}`);
  say(`Logs              ${join(cluster.dir, 'logs')}`);
  say('Ctrl-C stops everything.');
}

main().catch(async (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  await stop(1);
});
