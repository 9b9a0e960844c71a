import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PROJECT_ROOT } from './temporal-binaries';

// ---------------------------------------------------------------------------------------------
// Nothing left behind: every child is SIGKILLed when this process exits, whatever the reason.
// ---------------------------------------------------------------------------------------------

const LIVE_CHILDREN = new Set<ChildProcess>();
const LIVE_PIDS = new Set<number>();
let exitHookInstalled = false;

/** SIGKILLs every child a ManagedProcess started, and the pids given to killOnExit (for a runner's own SIGINT/SIGTERM handler). */
export function killAllChildren(): void {
  LIVE_CHILDREN.forEach((p) => p.kill('SIGKILL'));
  for (const pid of LIVE_PIDS) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A runner that dies (a test file, the bench, npm start) leaves no server, worker or API behind.
  process.once('exit', killAllChildren);
}

/** A process someone else spawned (the SDK's time-skipping server) is SIGKILLed on exit too; the returned function forgets it. */
export function killOnExit(pid: number): () => void {
  LIVE_PIDS.add(pid);
  installExitHook();
  return () => LIVE_PIDS.delete(pid);
}

// ---------------------------------------------------------------------------------------------

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /**
   * A file that gets the process's stdout and stderr directly (appended across restarts, with a line
   * at each start and kill), or 'inherit': this process's own (npm start's terminal).
   */
  output: string;
  /** Resolves once the process is ready to be used (default: as soon as it is spawned). */
  ready?: (p: ManagedProcess) => Promise<void>;
  /** Runs as this user and group (a root parent starting PostgreSQL, which refuses to run as root). */
  user?: { uid: number; gid: number };
}

/**
 * One child process (cwd: the checkout) that can be started, waited for until ready, signalled,
 * killed (SIGTERM, then SIGKILL after a grace period) and started again with the same command and
 * environment.
 */
export class ManagedProcess {
  readonly name: string;
  /** Where its output goes; undefined when it goes to this process's own stdout and stderr. */
  readonly logFile: string | undefined;
  /** How many times it was started. */
  starts = 0;
  private proc: ChildProcess | undefined;
  private exit: Promise<ExitInfo> | undefined;
  private done = false;

  constructor(private readonly options: ManagedProcessOptions) {
    this.name = options.name;
    this.logFile = options.output === 'inherit' ? undefined : options.output;
  }

  get running(): boolean {
    return !!this.proc && !this.done && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Spawns the process and resolves once it is ready; a process that exits first fails with its last lines. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    this.starts += 1;
    const { command, args, env, user } = this.options;
    const as = user ? { uid: user.uid, gid: user.gid } : {};
    let proc: ChildProcess;
    if (this.logFile) {
      appendFileSync(this.logFile, `\n----- start #${this.starts} ${new Date().toISOString()} -----\n`);
      const fd = openSync(this.logFile, 'a');
      try {
        proc = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', fd, fd], ...as });
      } finally {
        closeSync(fd);
      }
    } else {
      proc = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'], ...as });
    }
    LIVE_CHILDREN.add(proc);
    installExitHook();
    this.proc = proc;
    this.done = false;
    let spawnError: Error | undefined;
    this.exit = new Promise<ExitInfo>((resolve) => {
      proc.once('exit', (code, signal) => resolve({ code, signal }));
      // A command that cannot be spawned (ENOENT) may never emit 'exit'.
      proc.on('error', (err) => {
        spawnError = err;
        resolve({ code: null, signal: null });
      });
    }).then((info) => {
      this.done = true;
      LIVE_CHILDREN.delete(proc);
      return info;
    });
    const exited = this.exit.then((e): never => {
      const why = spawnError ? spawnError.message : String(e.signal ?? e.code);
      throw new Error(`${this.name} exited during start-up (${why}); last lines:\n${this.tail()}`);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${this.name} not ready after ${timeoutMs} ms; last lines:\n${this.tail()}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.options.ready?.(this), exited, timeout]);
    } catch (err) {
      if (this.running) await this.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
      exited.catch(() => undefined);
    }
  }

  /** Sends the signal and waits for the exit (SIGKILL after `forceAfterMs` when a gentler signal is ignored). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', forceAfterMs = 60_000): Promise<ExitInfo> {
    const proc = this.proc;
    if (!proc || !this.exit) throw new Error(`${this.name} was never started`);
    if (!this.running) return this.exit;
    proc.kill(signal);
    const force = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), forceAfterMs);
    const info = await this.exit;
    clearTimeout(force);
    if (this.logFile)
      appendFileSync(
        this.logFile,
        `\n----- exited (${info.signal ?? info.code}) after ${signal} ${new Date().toISOString()} -----\n`,
      );
    return info;
  }

  /** Sends a signal without waiting (SIGTERM to watch a graceful shutdown, SIGSTOP/SIGCONT to pause). */
  signal(signal: NodeJS.Signals): void {
    if (!this.proc || !this.running) throw new Error(`${this.name} is not running`);
    this.proc.kill(signal);
  }

  /** Resolves when the process exits by itself (or was killed). */
  exited(): Promise<ExitInfo> {
    if (!this.exit) throw new Error(`${this.name} was never started`);
    return this.exit;
  }

  /** Its recent output lines (up to 400, from the log file; none when its output is not in a file). */
  get lines(): string[] {
    return this.tail(400).split('\n').filter(Boolean);
  }

  /** The last lines of its log file, for error messages ('' when its output is not in a file). */
  tail(lines = 15): string {
    if (!this.logFile) return '';
    let fd: number | undefined;
    try {
      fd = openSync(this.logFile, 'r');
      const size = fstatSync(fd).size;
      const length = Math.min(size, 256 * 1024);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, size - length);
      return buf.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}
