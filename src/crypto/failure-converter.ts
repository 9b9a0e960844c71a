import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces are stored in clear unless encoded: moving
 * them into an encoded payload puts them behind the payload codec too. Bundled
 * into the workflow sandbox, so it imports nothing with I/O.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
