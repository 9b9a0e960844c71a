import { Client, type ConnectionLike } from '@temporalio/client';
import { NativeConnection, Runtime, type NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from '../config';
import { dataConverterFor } from '../crypto/data-converter';
import type { CaseKeys } from '../crypto/case-keys';
import type { PayloadKeys } from '../crypto/payload-keys';
import { temporalConnectionOptions, type TemporalConnectionConfig } from './connection-options';

/**
 * The SDK's native connection (the Rust core's gRPC: a third less of the API's CPU per call than @grpc/grpc-js,
 * issue 19), made at the first call and again after an attempt that failed, so the API starts, and answers 503,
 * while Temporal is down. The native connection has no lazy mode of its own.
 */
export class LazyNativeConnection implements ConnectionLike {
  readonly plugins = [];
  private connecting: Promise<NativeConnection> | undefined;

  /** `onCall`: told the name of every call made to Temporal's services (`queryWorkflow`...), as it is made. */
  constructor(
    private readonly options: NativeConnectionOptions,
    private readonly onCall?: (method: string) => void,
  ) {}

  private connection(): Promise<NativeConnection> {
    this.connecting ??= NativeConnection.connect(this.options).catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  /** Each method waits for the connection, then is the native connection's own (in the caller's deadline scope). */
  private readonly service = <S extends object>(of: (c: NativeConnection) => S): S =>
    new Proxy({} as S, {
      get: (_target, method) => async (request: unknown) => {
        this.onCall?.(String(method));
        const service = of(await this.connection()) as Record<PropertyKey, (r: unknown) => Promise<unknown>>;
        return service[method]!(request);
      },
    });

  readonly workflowService = this.service((c) => c.workflowService);
  readonly operatorService = this.service((c) => c.operatorService);

  async ensureConnected(): Promise<void> {
    await this.connection();
  }

  async withDeadline<R>(deadline: number | Date, fn: () => Promise<R>): Promise<R> {
    return (await this.connection()).withDeadline(deadline, fn);
  }

  async withMetadata<R>(metadata: Record<string, string>, fn: () => Promise<R>): Promise<R> {
    return (await this.connection()).withMetadata(metadata, fn);
  }

  async withAbortSignal<R>(abortSignal: AbortSignal, fn: () => Promise<R>): Promise<R> {
    return (await this.connection()).withAbortSignal(abortSignal, fn);
  }

  async close(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    await (await pending?.catch(() => undefined))?.close();
  }
}

/** One connection for the process, made lazily (LazyNativeConnection); `onCall` counts its calls (the API's metrics). */
export function createClient(
  config: TemporalConnectionConfig & Pick<Config, 'TEMPORAL_NAMESPACE'>,
  keys: PayloadKeys,
  caseKeys: CaseKeys,
  onCall?: (method: string) => void,
): Client {
  // The process's own signal handling (runMain) shuts the API down; the core's would end it first.
  Runtime.install({ shutdownSignals: [] });
  const connection = new LazyNativeConnection(temporalConnectionOptions(config), onCall);
  return new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(keys, caseKeys),
  });
}
