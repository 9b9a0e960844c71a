/**
 * A test file's long-lived resource (a service stack, a worker on a test server): started in a beforeAll and
 * stopped in an afterAll, both registered where this is called (so before the file's own hooks, which find it
 * started: jest runs a block's hooks in the order they are registered). What it returns stands for the resource
 * once the beforeAll has run (its class's methods bound to it); reading it earlier, at the file's top level, throws.
 */
export function startedForTheFile<T extends object>(
  what: string,
  start: () => Promise<T>,
  stop: (resource: T) => Promise<void>,
): T {
  return startedBetween(beforeAll, afterAll, what, start, stop);
}

/** The same, started anew before each test and stopped after it (a test server whose clock is the test's own). */
export function startedForEachTest<T extends object>(
  what: string,
  start: () => Promise<T>,
  stop: (resource: T) => Promise<void>,
): T {
  return startedBetween(beforeEach, afterEach, what, start, stop);
}

function startedBetween<T extends object>(
  before: (fn: () => Promise<void>) => void,
  after: (fn: () => Promise<void>) => void,
  what: string,
  start: () => Promise<T>,
  stop: (resource: T) => Promise<void>,
): T {
  let started: T | undefined;
  before(async () => {
    started = await start();
  });
  after(async () => {
    if (started) await stop(started);
    started = undefined;
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!started) throw new Error(`the ${what} starts before its tests: read its ${String(key)} in a hook or a test`);
      const value = Reflect.get(started, key) as unknown;
      // A method of its class, bound to it; an own property (a function too: an express app) as it is.
      const method = typeof value === 'function' && !Object.prototype.hasOwnProperty.call(started, key);
      return method ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
