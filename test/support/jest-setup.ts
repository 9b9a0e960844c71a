import { DefaultLogger, Runtime } from '@temporalio/worker';

// Worker chatter (bundles, state changes) buries test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });
